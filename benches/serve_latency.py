"""Latency of `deck serve`: from saving a file to the reload event a page
receives, on a copy of a deck.

    python3 benches/serve_latency.py DECK_BINARY MANIFEST [RUNS]

Starts `deck serve --port 0` on a copy of the manifest's folder, opens the
page's event stream, then RUNS times rewrites the manifest (a new file
renamed over the old one, as editors save, with one word changed) and
times until the `reload` event arrives. Prints the median, the fastest and
the slowest, in milliseconds. The time includes the watcher's 30 ms quiet
period, the rebuild (PDF and HTML, in memory) and the event.
"""

import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    deck, manifest = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "deck"
        shutil.copytree(manifest.parent, folder, ignore=shutil.ignore_patterns("out"))
        copy = folder / manifest.name
        original = copy.read_text(encoding="utf-8")
        server = subprocess.Popen([deck, "serve", copy.name, "--port", "0"], cwd=folder,
                                  stderr=subprocess.PIPE, text=True)
        try:
            port = None
            for line in server.stderr:
                found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if found:
                    port = int(found.group(1))
                    break
            if port is None:
                print("serve_latency: deck serve did not start", file=sys.stderr)
                return 1
            stream = socket.create_connection(("127.0.0.1", port))
            stream.sendall(f"GET /_deck/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            events = stream.makefile("r", encoding="utf-8", newline="\n")
            wait_for(events, "hello")
            times = []
            for run in range(runs + 1):
                text = original.replace("[deck]", f"# edit {run}\n[deck]", 1)
                temp = copy.with_suffix(".swp")
                temp.write_text(text, encoding="utf-8")
                start = time.perf_counter()
                temp.replace(copy)
                wait_for(events, "reload")
                if run > 0:  # the first is a warm-up
                    times.append((time.perf_counter() - start) * 1000)
                time.sleep(0.1)
        finally:
            server.terminate()
            server.wait()
    print(f"save -> reload event, {manifest.name}, {runs} runs: median {statistics.median(times):.1f} ms, "
          f"fastest {min(times):.1f} ms, slowest {max(times):.1f} ms")
    return 0


def wait_for(events, name: str) -> None:
    for line in events:
        if line.rstrip("\n") == f"event: {name}":
            return
    raise SystemExit(f"serve_latency: the event stream ended before `{name}`")


if __name__ == "__main__":
    sys.exit(main())
