#!/usr/bin/env python3
"""Whole-process timing: spawn -> first full frame, in a pseudo-terminal.

Times `roadmap` (seed and a generated 10k-skill pack) side by side with
`less` on the seed text, as the median of N runs each, interleaved so that
machine noise hits all of them alike, and prints the ratios.

    cargo build --release
    cargo run --release --example gen_pack -- /tmp/roadmap-10k 10000
    python3 benches/first_frame.py [--runs 30] [--pack /tmp/roadmap-10k] [--cold] [--compare BIN]

A big pack's first frame comes from a snapshot that the app writes once it
has loaded everything (a fraction of a second after its first frame). This
script kills the app at its first frame, so it first lets one start of the
pack finish loading. With --cold it also times starts without that
snapshot: "no caches" (the cache directory removed before each run: as on a
first start after an upgrade, or after the pack was edited) and "first
start" (an empty data directory: a new user's very first start). With
--compare, another build of roadmap (an older commit's, say) is timed
too, its runs interleaved with these.
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
    "ROADMAP_BIN", os.path.join(ROOT, "target", "x86_64-unknown-linux-gnu", "release", "roadmap")
)
ROWS, COLS = 40, 120


def first_frame(argv, marker, env, linger=0.0):
    """Seconds from spawn until `marker` has been written to the terminal;
    the program is then killed (after `linger` seconds)."""
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
    if linger:
        # Let it finish loading, reading what it draws meanwhile, then quit.
        until = time.perf_counter() + linger
        while time.perf_counter() < until:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        os.write(master, b"q")
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
    child.send_signal(signal.SIGKILL)
    child.wait()
    os.close(master)
    if elapsed is None:
        sys.exit(f"{argv[0]} never showed {marker!r}; got {seen[-300:]!r}")
    return elapsed


def roadmap_cases(binary, label, args, data, env):
    """The cases of one roadmap binary: `(cases, before)`, each keyed by name."""
    cases, before = {}, {}
    mine = os.path.join(data, label or "roadmap")
    os.makedirs(mine)
    # A frame ends by hiding the cursor, after the status bar's "help".
    cases["roadmap (seed)"] = ([binary], b"help", {**env, "ROADMAP_DATA_DIR": os.path.join(mine, "seed")})
    if args.pack:
        content = os.path.join(args.pack, "content")
        # The pack's progress, in a data directory of this binary's own.
        pack_data = os.path.join(mine, "pack")
        os.makedirs(pack_data)
        shutil.copy(os.path.join(args.pack, "data", "progress.toml"), pack_data)
        big = [binary, "--content", content]
        cases["roadmap (10k skills)"] = (big, b"help", {**env, "ROADMAP_DATA_DIR": pack_data})
        # One start that loads everything leaves the snapshot behind.
        first_frame(big, b"help", {**env, "ROADMAP_DATA_DIR": pack_data}, linger=3.0)
        if args.cold:
            stale = os.path.join(mine, "stale")
            os.makedirs(stale)
            shutil.copy(os.path.join(pack_data, "progress.toml"), stale)
            cases["10k, no caches"] = (big, b"help", {**env, "ROADMAP_DATA_DIR": stale})
            before["10k, no caches"] = lambda: shutil.rmtree(os.path.join(stale, "cache"), ignore_errors=True)
            fresh = os.path.join(mine, "fresh")
            cases["10k, first start"] = (big, b"help", {**env, "ROADMAP_DATA_DIR": fresh})
            before["10k, first start"] = lambda: shutil.rmtree(fresh, ignore_errors=True)
    if label:
        cases = {f"{name} [{label}]": case for name, case in cases.items()}
        before = {f"{name} [{label}]": job for name, job in before.items()}
    return cases, before


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pack", help="a generated pack dir (with content/ and data/)")
    parser.add_argument("--cold", action="store_true", help="also time the 10k pack without its snapshot")
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
