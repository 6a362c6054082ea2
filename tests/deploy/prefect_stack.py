"""A real Prefect server, work pool, deployments and process worker, started as an operator does
(the commands of docs/deploy.md) from the project's own environment, and stopped whatever happens.

Every process runs in a session of its own and is stopped with its whole process tree: SIGTERM,
a grace period, then SIGKILL (`prefect worker start` does not exit promptly on SIGTERM, and the
server and the worker start children of their own: uvicorn, the flow-run processes).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the project's own environment (.venv/bin)
PREFECT = str(BIN / "prefect")
GRACE_S = 10.0
# a process that is already gone (or was never ours to signal)
GONE = (ProcessLookupError, PermissionError, psutil.NoSuchProcess, subprocess.TimeoutExpired)


class StackError(RuntimeError):
    """A Prefect command or process failed; the message holds its command line and output."""


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tree(pid: int) -> list[psutil.Process]:
    """The process `pid` and all its descendants (empty if it is gone)."""
    try:
        parent = psutil.Process(pid)
        return [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def alive(p: psutil.Process) -> bool:
    """Whether `p` still runs (a zombie does not)."""
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def stop_tree(proc: subprocess.Popen, grace_s: float = GRACE_S) -> None:
    """Stop `proc` and every process it started: SIGTERM to each, then SIGKILL to what is left
    after `grace_s` seconds."""
    tree = _tree(proc.pid)
    for p in tree:
        _signal(p, signal.SIGTERM)
    with contextlib.suppress(*GONE):
        os.killpg(proc.pid, signal.SIGTERM)  # its own session: the group id is its pid
    _, left = psutil.wait_procs(tree, timeout=grace_s)
    for p in left:
        _signal(p, signal.SIGKILL)
    with contextlib.suppress(*GONE):
        os.killpg(proc.pid, signal.SIGKILL)
    psutil.wait_procs(left, timeout=grace_s)
    with contextlib.suppress(*GONE):
        proc.wait(timeout=grace_s)


def _signal(p: psutil.Process, sig: int) -> None:
    with contextlib.suppress(*GONE):
        p.send_signal(sig)


def wait_until(what: str, probe: Callable[[], Any], timeout_s: float, interval_s: float = 0.5,
               check: Callable[[], None] | None = None, context: Callable[[], str] | None = None) -> Any:
    """Call `probe` until it returns something truthy (returned); StackError naming `what` after
    `timeout_s`, with `context()` (e.g. a log's tail). `check` raises if a process the wait
    depends on has died."""
    deadline = time.monotonic() + timeout_s
    last: Any = None
    while time.monotonic() < deadline:
        if check is not None:
            check()
        try:
            last = probe()
        except (httpx.HTTPError, OSError) as exc:
            last = exc
        if last and not isinstance(last, Exception):
            return last
        time.sleep(interval_s)
    raise StackError(f"timed out after {timeout_s:.0f} s waiting for {what} (last: {last!r})"
                     + (f"\n{context()}" if context else ""))


class PrefectStack:
    """A Prefect server on a free loopback port with its own PREFECT_HOME under `home`, and the
    processes started against it (each with a log file under `home`); `close()` stops them all."""

    def __init__(self, home: Path, grace_s: float = GRACE_S) -> None:
        self.home = home
        self.grace_s = grace_s
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.env = {
            **os.environ,
            "PREFECT_HOME": str(home / "prefect"),
            "PREFECT_API_URL": self.api_url,
            "PREFECT_SERVER_API_HOST": "127.0.0.1",
            "PREFECT_SERVER_API_PORT": str(self.port),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1",
            "PREFECT_CLI_PROMPT": "false",
        }
        self._procs: list[tuple[str, subprocess.Popen, IO[bytes], Path]] = []
        self.timings: dict[str, float] = {}
        self.leftover: list[psutil.Process] = []

    # --- processes ---------------------------------------------------------------------------

    def spawn(self, name: str, argv: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.Popen:
        """Start a long-running process in a session of its own, its output to `home/NAME.log`."""
        log_path = self.home / f"{name}.log"
        log = open(log_path, "wb")  # noqa: SIM115 - closed in close()
        proc = subprocess.Popen(argv, cwd=cwd, env=env or self.env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        self._procs.append((name, proc, log, log_path))
        return proc

    def log(self, name: str) -> str:
        """The output so far of the process started as `name`."""
        path = self.home / f"{name}.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def tail(self, name: str, chars: int = 4000) -> str:
        """The end of that output, headed by the process's name (for failure messages)."""
        return f"{name} log:\n{self.log(name)[-chars:]}"

    def close(self) -> None:
        """Stop every process started here, the last started first (the worker before the server);
        `leftover` then lists any process of their trees that is still alive."""
        seen: list[psutil.Process] = []
        for _name, proc, log, _path in reversed(self._procs):
            seen += _tree(proc.pid)
            stop_tree(proc, self.grace_s)
            log.close()
        self._procs.clear()
        self.leftover = [p for p in seen if alive(p)]

    def _still_running(self, name: str, proc: subprocess.Popen) -> Callable[[], None]:
        def check() -> None:
            if proc.poll() is not None:
                raise StackError(f"{name} exited with {proc.returncode}:\n{self.log(name)[-4000:]}")
        return check

    # --- the operator's commands ------------------------------------------------------------

    def start_server(self, timeout_s: float = 300) -> None:
        """`prefect server start --host 127.0.0.1 --port P`, ready when /api/health answers."""
        started = time.monotonic()
        proc = self.spawn("server", [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(self.port)])
        wait_until("the Prefect server's /api/health", lambda: self.get("/health").status_code == 200,
                   timeout_s, check=self._still_running("server", proc))
        self.timings["server_start_s"] = time.monotonic() - started

    def prefect(self, *args: str, env: dict[str, str] | None = None, timeout_s: float = 300,
                cwd: Path = ROOT) -> str:
        """Run `prefect ARGS` to its end; its output, or StackError with it if it failed."""
        argv = [PREFECT, *args]
        proc = subprocess.run(argv, cwd=cwd, env={**self.env, **(env or {})}, capture_output=True, text=True,
                              timeout=timeout_s, stdin=subprocess.DEVNULL, start_new_session=True)
        out = proc.stdout + proc.stderr
        if proc.returncode != 0:
            raise StackError(f"`prefect {' '.join(args)}` exited with {proc.returncode}:\n{out[-4000:]}")
        return out

    def start_worker(self, pool: str, *args: str, env: dict[str, str] | None = None, timeout_s: float = 120) -> None:
        """`prefect worker start --pool POOL ARGS`, ready when the server lists it as online."""
        proc = self.spawn("worker", [PREFECT, "worker", "start", "--pool", pool, *args], env={**self.env, **(env or {})})

        def online() -> bool:
            workers = self.post(f"/work_pools/{pool}/workers/filter", {}).json()
            return any(w.get("status") == "ONLINE" for w in workers)

        wait_until(f"a worker of pool {pool} to come online", online, timeout_s, check=self._still_running("worker", proc))

    # --- the REST API -------------------------------------------------------------------------

    def get(self, path: str) -> httpx.Response:
        return httpx.get(self.api_url + path, timeout=30)

    def post(self, path: str, body: dict[str, Any]) -> httpx.Response:
        response = httpx.post(self.api_url + path, json=body, timeout=30)
        if response.status_code >= 400:
            raise StackError(f"POST {path} {body}: HTTP {response.status_code}: {response.text[:2000]}")
        return response

    def deployment(self, name: str) -> dict[str, Any]:
        """The deployment `FLOW/NAME` as the server holds it."""
        flow, _, deployment = name.partition("/")
        response = self.get(f"/deployments/name/{flow}/{deployment}")
        if response.status_code != 200:
            raise StackError(f"deployment {name}: HTTP {response.status_code}: {response.text[:500]}")
        return response.json()

    def flow_runs(self, deployment_id: str) -> list[dict[str, Any]]:
        """The flow runs of a deployment."""
        return self.post("/flow_runs/filter", {"deployments": {"id": {"any_": [deployment_id]}}}).json()

    def flow_run(self, flow_run_id: str) -> dict[str, Any]:
        return self.get(f"/flow_runs/{flow_run_id}").json()
