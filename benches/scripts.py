#!/usr/bin/env python3
"""The scripts deck against the GFMD deck, in the same rounds.

    python3 benches/scripts.py                 # 15 interleaved rounds
    RUNS=31 python3 benches/scripts.py

Builds deck (`cargo build --release`), then times `deck build` of
tests/decks/scripts.toml (Article 1 in eleven languages, set in the
machine's Noto fonts: Arabic, Hebrew, Devanagari, CJK) and of
decks/gfmd/briefing.toml in interleaved rounds, one process a run (every
run starts cold: the machine's font folders are read anew each time).
Prints the medians and the target from the issue: the scripts deck in at
most 2 x the GFMD deck's time + 50 ms.  It also prints, from one
DECK_TIMINGS run of each, where the scripts deck's time goes.
Needs the Noto fonts (Debian: fonts-noto-core, fonts-noto-cjk).
"""

import os
import subprocess
import tempfile

from photos import interleaved  # rounds of whole runs, timed as photos.py times them

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("RUNS", "15"))
DECKS = {"gfmd": "decks/gfmd/briefing.toml", "scripts": "tests/decks/scripts.toml"}


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    deck = os.path.join(target, "release/deck")
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="deck-scripts.") as out:
        argv = {name: [deck, "build", path, "--out-dir", out] for name, path in DECKS.items()}
        print(f"{RUNS} interleaved rounds, medians:")
        median = interleaved(argv, ROOT, RUNS)
        limit = 2 * median["gfmd"] + 50
        verdict = "met" if median["scripts"] <= limit else "MISSED"
        print(f"target: scripts <= 2 x gfmd + 50 ms = {limit:.1f} ms: {median['scripts']:.1f} ms, {verdict}")
        env = dict(os.environ, DECK_TIMINGS="1")
        err = subprocess.run(argv["scripts"], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stderr
        print("where the scripts deck's time goes (DECK_TIMINGS):")
        for line in err.splitlines():
            if " ms " in line:
                print("  " + line.strip())
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
