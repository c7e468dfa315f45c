"""CLI start-up time: `paperpass --help` wall time as a ratio to `python -c pass`, measured in one run.

Target: `paperpass --help` under 0.3 s. Run with `make bench`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15


def wall_time(argv: list[str]) -> float:
    """Median wall time of running ``argv`` RUNS times (after one warm-up run)."""
    subprocess.run(argv, capture_output=True, check=True)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the two medians and their ratio."""
    script = Path(sys.executable).with_name("paperpass")
    baseline = wall_time([sys.executable, "-c", "pass"])
    cli = wall_time([str(script), "--help"])
    print(f"python -c pass      {baseline * 1000:7.1f} ms")
    print(f"paperpass --help    {cli * 1000:7.1f} ms   (target < 300 ms: {'PASS' if cli < 0.3 else 'MISS'})")
    print(f"ratio               {cli / baseline:7.2f}x")


if __name__ == "__main__":
    main()
