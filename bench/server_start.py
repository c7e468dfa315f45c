"""Server start-up: `uvicorn paperpass.web.app:app_from_environment --factory` from launch to the first answer
of `GET /`, as a ratio to the frameworks alone (`python -c "import uvicorn.main, fastapi, sqlalchemy"`),
measured in one run.

Every `paperpass serve` worker, and every server the test suite starts, pays this: the import of the app
(FastAPI, SQLAlchemy, every route and the modules behind them), the factory (settings, the catalog, the
store and its migration check) and the first page (templates compiled). Libraries only some requests use
(PyMuPDF, the stemmer, icalendar, markdown-it) are loaded when first needed, not here.

Figures: the median over RUNS starts of the wall time to the first answer and of the server's CPU time
(user + system, read from /proc when the answer arrives). Target: the server's CPU to its first answer at
most 3x the frameworks' import. Run with `make bench`.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

RUNS = 9
TARGET_RATIO = 3.0
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process so far (from /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_once(env: dict[str, str]) -> tuple[float, float]:
    """Start a server, wait for its first answer to ``GET /``; its wall time and CPU time until then."""
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", "paperpass.web.app:app_from_environment", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    started = time.perf_counter()
    server = subprocess.Popen(command, env=env)
    try:
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    raise RuntimeError("the server exited before answering") from None
                time.sleep(0.005)
        wall = time.perf_counter() - started
        cpu = cpu_seconds(server.pid)
        if answer.status_code != 200:
            raise RuntimeError(f"GET / answered {answer.status_code}")
        return wall, cpu
    finally:
        server.terminate()
        server.wait(timeout=30)


def frameworks_cpu() -> float:
    """Median CPU of importing the frameworks alone, in a fresh interpreter each time."""
    script = "import os, uvicorn.main, fastapi, sqlalchemy; t = os.times(); print(t.user + t.system)"
    command = [sys.executable, "-c", script]
    return statistics.median(
        float(subprocess.run(command, capture_output=True, text=True, check=True).stdout) for _ in range(RUNS)
    )


def main() -> None:
    """Print the medians and the ratio."""
    with tempfile.TemporaryDirectory(prefix="paperpass-bench-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERPASS_")}
        env.update(PAPERPASS_HOME=home, PAPERPASS_PRELOAD_MODEL="0")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # measured as installed: with its bytecode cache
        subprocess.run([sys.executable, "-m", "paperpass", "init"], env=env, check=True, capture_output=True)
        start_once(env)  # warm-up: the file system cache, and the bytecode cache written where missing
        starts = [start_once(env) for _ in range(RUNS)]
    wall = statistics.median(s[0] for s in starts)
    cpu = statistics.median(s[1] for s in starts)
    floor = frameworks_cpu()
    ratio = cpu / floor
    verdict = "PASS" if ratio <= TARGET_RATIO else "MISS"
    print(f"import uvicorn, fastapi, sqlalchemy     CPU {floor * 1000:6.0f} ms")
    print(f"server start to first answer of GET /  CPU {cpu * 1000:6.0f} ms  wall {wall * 1000:6.0f} ms")
    print(f"ratio (CPU)                            {ratio:6.2f}x  (target <= {TARGET_RATIO}x: {verdict})")


if __name__ == "__main__":
    main()
