"""Run a command, and start it again whenever it exits on its own.

    python -m mentoring.ops.keepalive celery -A mentoring worker ...

Why: kombu's Redis transport can take a Celery worker down for good when Redis drops in the middle of an
acknowledgement (`Unrecoverable error: AttributeError("'NoneType' object has no attribute 'hostname'")`), and
under honcho (`make run`, `make run-prod`) one process exiting stops all the others. Every Procfile runs the
worker and beat through this, so after any Redis outage mail flows again with nobody restarting anything; the
containers' restart policies (compose, Kubernetes) are the second line.

SIGTERM or SIGINT ends the loop: the command gets a SIGTERM (Celery's warm shutdown) and its exit code is ours.
Any other exit starts it again after a pause that grows from 1 to 30 seconds while it keeps failing fast.
"""

import signal
import subprocess
import sys
import time

FIRST_PAUSE_S = 1.0
LONGEST_PAUSE_S = 30.0
HEALTHY_RUN_S = 60.0  # a run this long resets the pause


def main(command: list[str]) -> int:
    if not command:
        print("usage: python -m mentoring.ops.keepalive COMMAND [ARGS...]", file=sys.stderr)
        return 2
    stopping = False
    child: subprocess.Popen | None = None

    def stop(signum, frame):
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    pause = FIRST_PAUSE_S
    while True:
        started = time.monotonic()
        child = subprocess.Popen(command)  # noqa: S603 (the command line of a Procfile entry)
        code = child.wait()
        if stopping:
            return code
        if time.monotonic() - started >= HEALTHY_RUN_S:
            pause = FIRST_PAUSE_S
        print(
            f"keepalive: `{' '.join(command)}` exited with {code}; starting it again in {pause:.0f} s",
            file=sys.stderr,
            flush=True,
        )
        deadline = time.monotonic() + pause
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.1)
        if stopping:
            return code
        pause = min(pause * 2, LONGEST_PAUSE_S)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
