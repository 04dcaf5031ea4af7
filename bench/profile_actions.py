"""Where a student's action spends the server's time: py-spy samples the thread holding the interpreter
lock (`--gil`) of a running server during a few single-student actions of each demo (driven over the
real protocol by `bench.load`) and sorts the samples into named buckets. Model maths that releases the
lock (TensorFlow kernels) shows only as its Python entry points; `seconds` is the lock-held time.

    python -m bench.profile_actions                       # starts its own server
    python -m bench.profile_actions --url URL --pid PID   # profile a server already running (e.g. an old commit)

Needs `py-spy` (PyPI) and permission to attach (root here). Prints one JSON object; per kind: the
samples, their share per bucket, and the top self-time functions.
"""
from __future__ import annotations

import argparse
import collections
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.load import KINDS, local_server, single_student_sync, warm_up_sync

RATE = 200  # samples per second
BUCKETS = [  # first match wins, tested against the whole collapsed stack
    ("keras clear_session (Streamlit per-run hook)", ("clear_session",)),
    ("model maths (TensorFlow / onnxruntime / numpy)", ("tensorflow", "onnxruntime", "keras/src")),
    ("image encoding (PIL)", ("PIL/",)),
    ("plotly figures", ("plotly/",)),
    ("audio render / encode", ("tinysoundfont", "soundfile", "models/music/audio")),
    ("scheduler and job bookkeeping", ("ui/jobs.py", "ui/scheduler.py")),
    ("Streamlit script run and messages", ("streamlit/",)),
    ("page and model code", ("pages/", "models/", "ui/")),
]


def bucket_of(stack: str) -> str:
    leaf = stack.rsplit(";", 1)[-1]
    if "_on_script_finished (" in leaf:  # the C-level gc.collect(2) of postScriptGC shows as its caller
        return "garbage collection after the run (postScriptGC)"
    for name, needles in BUCKETS:
        if any(n in stack for n in needles):
            return name
    return "other"


def summarise(raw: str) -> dict:
    """py-spy's collapsed stacks ('f1;f2;f3 count', idle threads excluded) → bucket shares, top frames."""
    buckets, frames, total = collections.Counter(), collections.Counter(), 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        buckets[bucket_of(stack)] += n
        frames[stack.split(";")[-1]] += n
    return {"samples": total, "seconds": round(total / RATE, 2),
            "buckets": {k: round(v / total, 3) for k, v in buckets.most_common()} if total else {},
            "top_self": [[f, round(n / total, 3)] for f, n in frames.most_common(8)] if total else []}


def profile_kind(url: str, pid: int, kind: str, repeats: int, py_spy: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "stacks.txt"
        spy = subprocess.Popen([py_spy, "record", "--pid", str(pid), "--rate", str(RATE), "--format", "raw",
                                "--output", str(out), "--gil"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)  # attached
        single = single_student_sync(url, kind, repeats=repeats)
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=60)
        summary = summarise(out.read_text() if out.exists() else "")
    return {"single_median_s": single.median, "errors": single.errors, **summary}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url")
    parser.add_argument("--pid", type=int)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(py_spy).exists():
        print("error: py-spy is not installed (.venv/bin/pip install py-spy)", file=sys.stderr)
        return 2
    kinds = [k for k in args.kinds.split(",") if k]

    def run(url: str, pid: int) -> dict:
        warm_up_sync(url, kinds)
        return {kind: profile_kind(url, pid, kind, args.repeats, py_spy) for kind in kinds}

    if args.url:
        result = run(args.url, args.pid)
    else:
        with local_server() as (url, pid):
            result = run(url, pid)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
