"""The one timing rule every bench script uses: the median of warm runs, and a note that says so."""
from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    median: float          # seconds
    best: float            # seconds
    runs: tuple[float, ...]
    warmup: int

    @property
    def ms(self) -> float:
        return 1000 * self.median

    def note(self, unit: str = "s") -> str:
        scale, fmt = (1000, ".0f") if unit == "ms" else (1, ".3g")
        return (f"median of {len(self.runs)} warm runs after {self.warmup} warm-up "
                f"(best {format(scale * self.best, fmt)} {unit}); load average {os.getloadavg()[0]:.1f} "
                f"on {os.cpu_count()} shared cores")


def median_warm(fn, repeats: int = 5, warmup: int = 1) -> Timing:
    """Call `fn` `warmup` times untimed (tracing, caches), then `repeats` times timed."""
    for _ in range(warmup):
        fn()
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return Timing(statistics.median(runs), min(runs), tuple(runs), warmup)
