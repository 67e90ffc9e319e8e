#!/usr/bin/env python3
"""Photo decks: deck against Typst on the same 12-megapixel photos.

    python3 benches/photos.py                 # 10 and 100 photos, 7 rounds
    RUNS=15 python3 benches/photos.py
    INSTALL_TYPST=1 python3 benches/photos.py # pip install typst if missing

Builds deck (`cargo build --release`) and the photo generator
(benches/photos.rs), writes COUNT photo-like 4000 x 3000 JPEGs into a
temporary folder, a deck of one `image` slide per photo (`fit = "cover"`)
and the equivalent Typst document (one page per photo, `fit: "cover"`),
then times both in interleaved rounds (wall and CPU from wait4, one
process per run: deck keeps nothing between runs, so every run is cold)
and takes the peak memory from separate runs under GNU time.  deck runs
twice over: cold, with its picture cache off (every photo decoded), and
cached, with the cache folder the first run filled (a rebuild after a
text edit).  Prints the figures and the issue's targets: deck's cold time
at most Typst's and its cached time at most a tenth of it, its PDF at
most half of Typst's bytes, its HTML at most 1.5 x its PDF, peak memory
at most 250 MB.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("RUNS", "7"))
COUNTS = [int(n) for n in os.environ.get("COUNTS", "10 100").split()]


def cargo(*args):
    subprocess.run(["cargo", *args], cwd=ROOT, check=True)


def typst_python():
    """A Python that imports typst, or None."""
    probe = [sys.executable, "-c", "import typst"]
    if subprocess.run(probe, capture_output=True).returncode == 0:
        return sys.executable
    if os.environ.get("INSTALL_TYPST") == "1":
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "typst"], check=True)
        return sys.executable
    return None


def spawn(argv, cwd, env=None):
    """Wall and CPU seconds of one run."""
    start = time.monotonic()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=null, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        err = proc.stderr.read().decode()
        proc.stderr.close()
    if status != 0:
        sys.exit(f"{argv[0]} failed in {cwd}:\n{err}")
    return time.monotonic() - start, usage.ru_utime + usage.ru_stime


def interleaved(cases, cwd, runs):
    """Run each of `cases` (name: argv) once to warm up, then `runs` rounds
    of all of them, the order reversed every other round; print and return
    each case's median wall time in ms."""
    times = {name: ([], []) for name in cases}
    for argv in cases.values():
        spawn(argv, cwd)  # warm-up: files in the page cache
    for r in range(runs):
        order = list(cases) if r % 2 == 0 else list(reversed(cases))
        for name in order:
            wall, cpu = spawn(cases[name], cwd)
            times[name][0].append(wall)
            times[name][1].append(cpu)
    median = {}
    for name in cases:
        wall, cpu = (statistics.median(v) * 1000 for v in times[name])
        median[name] = wall
        print(f"  {name:14} wall {wall:7.1f} ms  CPU {cpu:7.1f} ms")
    return median


def peak_kb(argv, cwd, env=None):
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], cwd=cwd, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(out.stderr)
    return int(out.stderr.strip().splitlines()[-1])


def distinct(source, target, n):
    """`source`, a JPEG, with a comment segment naming `n` after its start."""
    with open(source, "rb") as f:
        data = f.read()
    comment = f"photo {n}".encode()
    segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    with open(target, "wb") as f:
        f.write(data[:2] + segment + data[2:])


def write_decks(folder, count):
    photos = [f"photo-{n:03}.jpg" for n in range(count)]
    with open(os.path.join(folder, "deck.toml"), "w") as f:
        f.write('[deck]\ntitle = "Photos"\ntitle_slide = false\n')
        for p in photos:
            f.write(f'\n[[slide]]\nlayout = "image"\nimage = "{p}"\nfit = "cover"\n')
    with open(os.path.join(folder, "doc.typ"), "w") as f:
        f.write("#set page(width: 960pt, height: 540pt, margin: (x: 64pt, top: 44pt, bottom: 40pt))\n")
        f.write("\n#pagebreak()\n".join(f'#image("{p}", width: 100%, height: 100%, fit: "cover")' for p in photos))
        f.write("\n")


def main():
    cargo("build", "--release", "--quiet")
    cargo("build", "--release", "--quiet", "--example", "photos")
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    deck = os.path.join(target, "release/deck")
    generator = os.path.join(target, "release/examples/photos")
    python = typst_python()
    print(f"deck {deck}; Typst: {'the typst module of ' + python if python else 'not found (INSTALL_TYPST=1)'}")
    with tempfile.TemporaryDirectory(prefix="deck-photos.") as work:
        # Ten photos, copied again past ten with a comment of their own:
        # different files (Typst embeds identical ones once), same decoding work.
        subprocess.run([generator, work, "10"], check=True, stdout=subprocess.DEVNULL)
        for count in COUNTS:
            folder = os.path.join(work, f"n{count}")
            os.makedirs(folder)
            for n in range(count):
                distinct(os.path.join(work, f"photo-{n % 10:03}.jpg"), os.path.join(folder, f"photo-{n:03}.jpg"), n)
            write_decks(folder, count)
            build = [deck, "build", "deck.toml", "--out-dir", "out"]
            cold = dict(os.environ, DECK_CACHE_DIR="off")
            cached = dict(os.environ, DECK_CACHE_DIR=os.path.join(folder, "cache"))
            cases = {"deck": (build, cold), "cached": (build, cached)}
            if python:
                cases["typst"] = ([python, "-c", "import typst; typst.compile('doc.typ', output='doc.pdf')"], None)
            times = {name: ([], []) for name in cases}
            for name, (argv, env) in cases.items():
                spawn(argv, folder, env)  # warm-up: the files in the page cache, the cache filled
            for r in range(RUNS):
                for name, (argv, env) in cases.items() if r % 2 == 0 else reversed(cases.items()):
                    wall, cpu = spawn(argv, folder, env)
                    times[name][0].append(wall)
                    times[name][1].append(cpu)
            peaks = {
                name: max(peak_kb(argv, folder, env) for _ in range(min(RUNS, 3)))
                for name, (argv, env) in cases.items()
            }
            size = lambda f: os.path.getsize(os.path.join(folder, f))
            print(f"\n{count} photos ({RUNS} interleaved rounds; medians)")
            for name in cases:
                wall, cpu = (statistics.median(v) for v in times[name])
                print(f"  {name:6} wall {wall * 1000:8.1f} ms  CPU {cpu * 1000:8.1f} ms  peak {peaks[name] / 1024:6.1f} MB")
            pdf, html = size("out/deck.pdf"), size("out/deck.html")
            print(f"  deck PDF {pdf / 1e6:.2f} MB, HTML {html / 1e6:.2f} MB (HTML / PDF {html / pdf:.2f}, target 1.5)")
            print(f"  deck peak memory {peaks['deck'] / 1024:.0f} MB, cached {peaks['cached'] / 1024:.0f} MB (target 250)")
            if python:
                ratios = [d / t for d, t in zip(times["deck"][0], times["typst"][0])]
                print(f"  deck / Typst wall, median of the rounds' ratios: {statistics.median(ratios):.2f} (target 1)")
                ratios = [d / t for d, t in zip(times["cached"][0], times["typst"][0])]
                print(f"  cached deck / Typst wall: {statistics.median(ratios):.3f} (target 0.1)")
                print(f"  PDF deck / Typst: {pdf / size('doc.pdf'):.2f} (target 0.5)")


if __name__ == "__main__":
    main()
