#!/usr/bin/env python3
"""Time whole commands for bench.sh: warm-up, interleaved rounds, peak RSS.

    timer.py PLAN RUNS WORK RESULTS MEMORY

PLAN holds the cases as NUL-separated fields, each case `key size argc
arg...` (bash writes it with printf '%s\\0').  Every case runs once as a
warm-up (run 0), then RUNS rounds run every case once each, in plan
order, so a slow spell of the machine falls on all cases alike.

Timing: each run is started with posix_spawn and reaped with wait4 by
this one long-lived process, so a time holds the command's own process
(exec, run, exit) and about 0.1 ms of spawning: no shell fork and no
/usr/bin/time exec in between.  A line `key size run wall_us 0 user_s
sys_s` goes to RESULTS per run.

Memory: the peak RSS comes from separate runs under GNU time
(`/usr/bin/time -f %M`), min(RUNS, 3) per case, written to MEMORY as
`key size rss_kb`.  It is not taken from the timed runs because a child
spawned by a process shares that process's memory until its exec, and
the kernel counts the larger of the two as the child's peak: a 14 MB
Python would be every small command's floor.

The stdout and stderr of each case's latest run are kept in WORK as
`out-KEY-SIZE.txt` and `err-KEY-SIZE.txt` (the warm-up's stay in
`warmup-err-KEY-SIZE.txt`).  A run that exits non-zero stops it all, with
its stderr printed.
"""

import os
import subprocess
import sys
import time


def read_plan(path):
    with open(path, "rb") as f:
        fields = f.read().split(b"\0")
    if fields and fields[-1] == b"":
        fields.pop()
    fields = [os.fsdecode(x) for x in fields]
    cases, i = [], 0
    while i < len(fields):
        key, size, argc = fields[i], fields[i + 1], int(fields[i + 2])
        argv = fields[i + 3 : i + 3 + argc]
        cases.append((key, size, argv))
        i += 3 + argc
    return cases


def spawn(argv, out, err):
    """Run argv once: (wall seconds, user seconds, sys seconds)."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    start = time.perf_counter_ns()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = (time.perf_counter_ns() - start) / 1e9
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write(f"timer.py: FAILED (exit {code}): {' '.join(argv)}\n")
        with open(err, errors="replace") as f:
            sys.stderr.write(f.read())
        sys.exit(1)
    return wall, usage.ru_utime, usage.ru_stime


def main(plan_path, runs, work, results_path, memory_path):
    cases = read_plan(plan_path)
    runs = int(runs)

    def files(key, size, prefix=""):
        return (os.path.join(work, f"out-{key}-{size}.txt"), os.path.join(work, f"{prefix}err-{key}-{size}.txt"))

    with open(results_path, "a") as results:
        def record(key, size, run, argv, prefix=""):
            wall, user, sys_ = spawn(argv, *files(key, size, prefix))
            results.write(f"{key} {size} {run} {round(wall * 1e6)} 0 {user:.6f} {sys_:.6f}\n")

        for key, size, argv in cases:
            record(key, size, 0, argv, prefix="warmup-")
        for run in range(1, runs + 1):
            for key, size, argv in cases:
                record(key, size, run, argv)

    rss_file = os.path.join(work, "rss.txt")
    with open(memory_path, "a") as memory:
        for _ in range(min(runs, 3)):
            for key, size, argv in cases:
                with open(os.devnull, "wb") as null:
                    done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file, *argv], stdout=null, stderr=null)
                if done.returncode != 0:
                    sys.exit(f"timer.py: FAILED under /usr/bin/time (exit {done.returncode}): {' '.join(argv)}")
                with open(rss_file) as f:
                    rss = f.read().split()[-1]
                memory.write(f"{key} {size} {rss}\n")


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
