"""The worker's and beat's keeper (defect 5's second line): whatever makes them exit, they start again; a stop
signal stops them for good, through Celery's warm shutdown."""

import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def keep(tmp_path, script: str) -> subprocess.Popen:
    child = tmp_path / "child.py"
    child.write_text(script)
    return subprocess.Popen(
        [sys.executable, "-m", "mentoring.ops.keepalive", sys.executable, str(child)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, timeout=15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_command_that_dies_is_started_again(tmp_path):
    runs = tmp_path / "runs"
    keeper = keep(tmp_path, f"open({str(runs)!r}, 'a').write('run\\n'); raise SystemExit(1)")
    try:
        assert wait_for(lambda: runs.exists() and runs.read_text().count("run") >= 2)
    finally:
        keeper.send_signal(signal.SIGTERM)
        keeper.wait(timeout=10)
    assert "exited with 1; starting it again" in keeper.stderr.read()


def test_a_stop_signal_reaches_the_command_as_sigterm_and_ends_the_loop(tmp_path):
    seen = tmp_path / "seen"
    ready = tmp_path / "ready"
    keeper = keep(
        tmp_path,
        "import signal, sys, time\n"
        f"signal.signal(signal.SIGTERM, lambda *a: (open({str(seen)!r}, 'a').write('TERM'), sys.exit(0)))\n"
        f"open({str(ready)!r}, 'w').close()\n"
        "time.sleep(60)\n",
    )
    assert wait_for(ready.exists)
    keeper.send_signal(signal.SIGINT)  # Ctrl-C, or honcho / the container runtime stopping it
    assert keeper.wait(timeout=10) == 0
    assert seen.read_text() == "TERM"
    time.sleep(0.5)
    assert "starting it again" not in keeper.stderr.read()
