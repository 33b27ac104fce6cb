#!/usr/bin/env python3
"""Whole-process timing: spawn -> first usable frame, in a pseudo-terminal.

Times `roadmap` on the seed and on generated packs side by side with `less`
on the seed text, as the median of N runs each, interleaved so that machine
noise hits all of them alike, and prints the ratios.

    cargo build --release
    cargo run --release --example gen_pack -- /tmp/p1k 1000
    cargo run --release --example gen_pack -- /tmp/p10k 10000
    python3 benches/first_frame.py [--runs 30] [--pack /tmp/p1k] [--pack /tmp/p10k] [--compare BIN]

Every run starts from a fresh data directory. The first usable frame is the
one that shows the first stage's first skill. With --compare, another build
of roadmap is timed too, its runs interleaved.
"""
import argparse
import fcntl
import os
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "tests", "fixtures", "seed", "python-career-guide.txt")
ROADMAP = os.environ.get(
    "ROADMAP_BIN", os.path.join(ROOT, "target", "release", "roadmap")
)
ROWS, COLS = 40, 120


def first_frame(argv, marker, env):
    """Seconds from spawn until `marker` has been written to the terminal;
    the program is then killed."""
    master, slave = os.openpty()
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    elapsed = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        at = seen.find(marker)
        if at >= 0 and (marker == b"LESSREADY" or b"\x1b[?25l" in seen[at:]):
            elapsed = time.perf_counter() - start
            break
        # Answer a cursor-position query, as a terminal would.
        if b"\x1b[6n" in chunk:
            os.write(master, b"\x1b[1;1R")
    child.send_signal(signal.SIGKILL)
    child.wait()
    os.close(master)
    if elapsed is None:
        sys.exit(f"{argv[0]} never showed {marker!r}; got {seen[-300:]!r}")
    return elapsed


def fresh(path):
    """Empties the directory at `path` (a fresh data or cache directory)."""
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)


def roadmap_cases(binary, label, args, data, env):
    """The cases of one roadmap binary: `(cases, before)`, each keyed by name."""
    cases, before = {}, {}
    mine = os.path.join(data, label or "roadmap")
    # A fresh data directory for every run.
    data_dir = os.path.join(mine, "data")
    case_env = {**env, "ROADMAP_DATA_DIR": data_dir}
    # A frame ends by hiding the cursor, after the status bar's "help".
    cases["seed"] = ([binary], b"help", case_env)
    for pack in args.pack:
        name = os.path.basename(os.path.normpath(pack))
        argv = [binary, "--content", os.path.join(pack, "content")]
        # Its first stage's first skill.
        cases[name] = (argv, b"Skill 0: a topic", case_env)
    for name in cases:
        before[name] = lambda: fresh(data_dir)
    if label:
        cases = {f"{name} [{label}]": case for name, case in cases.items()}
        before = {f"{name} [{label}]": job for name, job in before.items()}
    return cases, before


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pack", action="append", default=[], help="a generated pack dir (with content/); may be repeated")
    parser.add_argument("--compare", metavar="BIN", help="also time another roadmap binary, interleaved")
    args = parser.parse_args()

    data = tempfile.mkdtemp()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color", "HOME": data}
    cases = {"less (seed text)": (["less", "-PsLESSREADY", SEED], b"LESSREADY", env)}
    # What to do before each run of a case.
    before = {}
    for binary, label in [(ROADMAP, "")] + ([(args.compare, "other")] if args.compare else []):
        more, jobs = roadmap_cases(binary, label, args, data, env)
        cases.update(more)
        before.update(jobs)
    times = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (argv, marker, case_env) in cases.items():
            if name in before:
                before[name]()
            times[name].append(first_frame(argv, marker, case_env))
    base = statistics.median(times["less (seed text)"])
    width = max(len(name) for name in cases) + 1
    print(f"{'case':<{width}} {'median':>9} {'min':>9} {'ratio to less':>14}   ({args.runs} runs, {COLS}x{ROWS})")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:<{width}} {median * 1000:8.2f}ms {min(samples) * 1000:8.2f}ms {median / base:13.2f}x")


if __name__ == "__main__":
    main()
