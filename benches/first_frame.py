#!/usr/bin/env python3
"""Whole-process timing: spawn -> first full frame, in a pseudo-terminal.

Times `roadmap` (seed and a generated 10k-skill pack) side by side with
`less` on the seed text, as the median of N runs each, interleaved so that
machine noise hits all of them alike, and prints the ratios.

    cargo build --release
    cargo run --release --example gen_pack -- /tmp/roadmap-10k 10000
    python3 benches/first_frame.py [--runs 30] [--pack /tmp/roadmap-10k]
"""
import argparse
import fcntl
import os
import select
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
    "ROADMAP_BIN", os.path.join(ROOT, "target", "x86_64-unknown-linux-gnu", "release", "roadmap")
)
ROWS, COLS = 40, 120


def first_frame(argv, marker, env):
    """Seconds from spawn until `marker` has been written to the terminal."""
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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pack", help="a generated pack dir (with content/ and data/)")
    args = parser.parse_args()

    data = tempfile.mkdtemp()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color", "HOME": data}
    cases = {
        "less (seed text)": (["less", "-PsLESSREADY", SEED], b"LESSREADY", env),
        # A frame ends by hiding the cursor, after the status bar's "help".
        "roadmap (seed)": ([ROADMAP], b"help", {**env, "ROADMAP_DATA_DIR": data}),
    }
    if args.pack:
        cases["roadmap (10k skills)"] = (
            [ROADMAP, "--content", os.path.join(args.pack, "content")],
            b"help",
            {**env, "ROADMAP_DATA_DIR": os.path.join(args.pack, "data")},
        )
    times = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (argv, marker, case_env) in cases.items():
            times[name].append(first_frame(argv, marker, case_env))
    base = statistics.median(times["less (seed text)"])
    print(f"{'case':<24} {'median':>9} {'min':>9} {'ratio to less':>14}   ({args.runs} runs, {COLS}x{ROWS})")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:<24} {median * 1000:8.2f}ms {min(samples) * 1000:8.2f}ms {median / base:13.2f}x")


if __name__ == "__main__":
    main()
