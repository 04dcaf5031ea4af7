"""`make bench`: run every `bench/bench_*.py`, write bench/results.json and bench/RESULTS.md.

Each bench module exposes `run() -> list[dict]`, one dict per figure:
  {"name": str, "value": float, "unit": str,
   "goal": float | None, "better": "lower" | "higher",   # goal compared with value
   "baseline": str | None,                                # named baseline, e.g. "naive 1.000"
   "note": str | None}
`python -m bench.run dog stocks` runs only the named modules; the other demos keep their rows and
the date they were measured (each section states its own date). Timings use `bench.timing.median_warm`.
"""
from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"python": platform.python_version(), "cpu": cpu, "cores": os.cpu_count(),
            "platform": platform.platform()}


def _met(entry: dict) -> bool | None:
    goal = entry.get("goal")
    if goal is None or entry.get("value") is None:
        return None
    return entry["value"] <= goal if entry.get("better", "lower") == "lower" else entry["value"] >= goal


def _markdown(results: dict) -> str:
    m = results["machine"]
    lines = ["# Benchmarks\n", f"Last run {results['date']} on {m['cpu']} ({m['cores']} cores), Python {m['python']}. "
             "Every value is measured by the bench itself; figures from elsewhere appear only as cited notes.\n"]
    dates = results.get("dates", {})
    for demo, entries in results["demos"].items():
        when = f"measured {dates[demo]}" if demo in dates else "date not recorded"
        lines += [f"\n## {demo}\n", f"_{when}_\n", "| figure | value | goal | met | baseline / note |",
                  "|---|---|---|---|---|"]
        for e in entries:
            if "error" in e:
                lines.append(f"| {e['name']} | error | | ✗ | {e['error']} |")
                continue
            sign = "≤" if e.get("better", "lower") == "lower" else "≥"
            goal = f"{sign} {e['goal']:g} {e.get('unit', '')}" if e.get("goal") is not None else ""
            met = {True: "✓", False: "✗", None: ""}[e.get("met")]
            extra = " · ".join(x for x in (e.get("baseline"), e.get("note")) if x)
            lines.append(f"| {e['name']} | {e['value']:.4g} {e.get('unit', '')} | {goal} | {met} | {extra} |")
    return "\n".join(lines) + "\n"


def main(selected: list[str]) -> int:
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if selected:
        modules = [m for m in modules if m.removeprefix("bench_") in selected]
    out_json = HERE / "results.json"
    results = json.loads(out_json.read_text()) if selected and out_json.exists() else {"demos": {}}
    results.update(date=dt.datetime.now().isoformat(timespec="seconds"), machine=_machine())
    for name in modules:
        demo = name.removeprefix("bench_")
        print(f"== {demo}", flush=True)
        t0 = time.perf_counter()
        try:
            entries = importlib.import_module(f"bench.{name}").run()
            for e in entries:
                e["met"] = _met(e)
        except Exception as exc:  # noqa: BLE001 - one failing bench must not hide the others
            traceback.print_exc()
            entries = [{"name": "run", "error": f"{type(exc).__name__}: {exc}"}]
        results["demos"][demo] = entries
        results.setdefault("dates", {})[demo] = dt.datetime.now().isoformat(timespec="seconds")
        print(f"   {len(entries)} figures in {time.perf_counter() - t0:.1f} s", flush=True)
        out_json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
        (HERE / "RESULTS.md").write_text(_markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
