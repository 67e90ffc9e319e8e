#!/usr/bin/env python3
"""Soak `deck serve`: idle connections, a client that never reads, many
requests, edits; then check that everything it held is given back.

    python3 benches/serve_soak.py              # 1,000 idle, 5,000 requests
    IDLE=200 REQUESTS=1000 python3 benches/serve_soak.py

Loopback only, bounded in count and time. Builds deck (`cargo build
--release`), serves the GFMD deck from a copy in a temporary folder, and:

1. counts the server's threads and open descriptors (from /proc);
2. opens IDLE connections that send nothing, one event stream and 300
   pipelined requests for the deck that are never read;
3. sends REQUESTS requests for the deck (HTML, about 120 KB) from four
   clients at once, one connection each, timing each answer, while the
   deck's title is edited ten times (each edit a rebuild and an event to
   every stream);
4. closes every connection and waits for the counts of step 1.

Prints p50, p99 and the slowest answer, and the counts; exits 1 when a
target is missed: p99 at most 20 ms, every request answered, threads and
descriptors back to where they started within 15 s.
"""

import http.client
import resource
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IDLE = int(os.environ.get("IDLE", "1000"))
REQUESTS = int(os.environ.get("REQUESTS", "5000"))
CLIENTS = 4


def counts(pid):
    """The process's threads and open descriptors."""
    threads = len(os.listdir(f"/proc/{pid}/task"))
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    return threads, fds


def wait_for_port(proc):
    """The port from deck's `serving … at http://127.0.0.1:PORT/` line."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline().decode()
        if "serving" in line and "http://127.0.0.1:" in line:
            return int(line.split("http://127.0.0.1:")[1].split("/")[0])
        if not line and proc.poll() is not None:
            sys.exit("deck serve ended before serving")
    sys.exit("deck serve did not start within 60 s")


def drain(stream):
    for _ in iter(stream.readline, b""):
        pass


def main():
    # The idle connections need descriptors on this side too.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    deck = os.path.join(target, "release/deck")
    with tempfile.TemporaryDirectory(prefix="deck-soak.") as work:
        folder = os.path.join(work, "gfmd")
        shutil.copytree(os.path.join(ROOT, "decks/gfmd"), folder)
        manifest = os.path.join(folder, "briefing.toml")
        original = open(manifest, encoding="utf-8").read()
        proc = subprocess.Popen(
            [deck, "serve", "briefing.toml", "--port", "0"],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            port = wait_for_port(proc)
            threading.Thread(target=drain, args=(proc.stderr,), daemon=True).start()
            time.sleep(0.5)
            start = counts(proc.pid)

            idle = []
            for _ in range(IDLE):
                s = socket.create_connection(("127.0.0.1", port))
                idle.append(s)
            stalled = socket.create_connection(("127.0.0.1", port))
            stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            stalled.sendall(b"GET /_deck/events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)
            piled = socket.create_connection(("127.0.0.1", port))
            piled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            piled.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port * 300)
            held = counts(proc.pid)

            times, failures = [], []
            lock = threading.Lock()

            def client(n):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                for _ in range(n):
                    t = time.monotonic()
                    try:
                        conn.request("GET", "/")
                        body = conn.getresponse().read()
                        ok = len(body) > 10_000
                    except OSError as e:
                        ok = False
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                        with lock:
                            failures.append(str(e))
                    with lock:
                        times.append(time.monotonic() - t)
                        if not ok and not failures:
                            failures.append("short answer")
                conn.close()

            def edits():
                for k in range(10):
                    time.sleep(0.3)
                    with open(manifest, "w", encoding="utf-8") as f:
                        f.write(original.replace("GFMD II briefing", f"GFMD II briefing {k}", 1))

            workers = [threading.Thread(target=client, args=(REQUESTS // CLIENTS,)) for _ in range(CLIENTS)]
            editor = threading.Thread(target=edits)
            began = time.monotonic()
            for w in workers + [editor]:
                w.start()
            for w in workers + [editor]:
                w.join()
            elapsed = time.monotonic() - began

            for s in idle + [stalled, piled]:
                s.close()
            deadline = time.monotonic() + 15
            end = counts(proc.pid)
            while end != start and time.monotonic() < deadline:
                time.sleep(0.25)
                end = counts(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=10)

    times.sort()
    p50 = statistics.median(times) * 1000
    p99 = times[int(len(times) * 0.99) - 1] * 1000
    print(f"{IDLE} idle connections, 1 event stream and 300 pipelined requests never read, 10 edits")
    print(f"{len(times)} requests in {elapsed:.1f} s from {CLIENTS} clients: p50 {p50:.2f} ms, "
          f"p99 {p99:.2f} ms, slowest {times[-1] * 1000:.1f} ms (target p99 <= 20 ms)")
    print(f"threads, descriptors: at start {start}, while held {held}, after all left {end}")
    missed = []
    if p99 > 20:
        missed.append("p99")
    if failures:
        missed.append(f"{len(failures)} requests failed: {failures[0]}")
    if end != start:
        missed.append("threads or descriptors not given back")
    if missed:
        sys.exit("missed: " + "; ".join(missed))


if __name__ == "__main__":
    main()
