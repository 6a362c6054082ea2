"""Prefect's local API server for runs with no server configured, started early and in the background.

Without a configured `PREFECT_API_URL`, Prefect 3 starts a temporary API server the first time a
flow runs: it imports its server package in the caller (~2 s), then starts uvicorn in a
subprocess and waits for it (~3 s warm), all before the flow's first task. `vedtak ingest` instead
starts the same server (same command, same settings) the moment it knows there is work to do,
without importing Prefect, and meanwhile imports Prefect, migrates the store and warms the
extractor: the server's start-up then overlaps the rest of the start.

The server is this process's child and dies with it: on Linux it gets SIGTERM when its parent
dies, even by SIGKILL (`PR_SET_PDEATHSIG`), so a killed ingest leaves no server behind.
Nothing here imports Prefect; `configured_api_url` reads the user's own settings without it.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from vedtak.processes import die_with_parent

# Same as Prefect's temporary server (prefect.server.api.server.SubprocessASGIServer): no UI, and
# the ephemeral set of background services.
_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
_PORT_IN_USE = 3  # uvicorn's exit code when it cannot bind


class LocalAPIError(RuntimeError):
    """The local Prefect API did not come up; the message says why."""


def configured_api_url() -> str | None:
    """The Prefect API the user configured, if any: the environment, then the active profile.

    Prefect's own lookup order for `PREFECT_API_URL` (environment, `prefect.toml` or
    `[tool.prefect]` in the working directory, the active profile of `$PREFECT_HOME/profiles.toml`),
    read without importing Prefect.
    """
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    for path, keys in ((Path("prefect.toml"), ("api", "url")), (Path("pyproject.toml"), ("tool", "prefect", "api", "url"))):
        value = _toml_get(path, keys)
        if value:
            return str(value)
    home = Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()
    profiles = _toml_load(Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml"))
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    value = profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return str(value) if value else None


def _toml_load(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def _toml_get(path: Path, keys: tuple[str, ...]):
    node = _toml_load(path)
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LocalAPI:
    """A Prefect API server started by this process (`api_url`); `wait()` blocks until it answers."""

    port: int
    process: subprocess.Popen
    ready: bool = False

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait(self, timeout: float | None = None) -> None:
        """Block until the server answers `/health`; restart once on a taken port; raise LocalAPIError."""
        if self.ready:
            return
        timeout = timeout or float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or 120)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code == _PORT_IN_USE:  # another process took the port between our probe and uvicorn's bind
                self.port, self.process = _spawn()
                _point_prefect_at(self.api_url)
                continue
            if code is not None:
                raise LocalAPIError(f"Prefect's local API server exited with code {code} while starting")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=1) as response:
                    if response.status == 200:
                        self.ready = True
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.05)
        self.stop()
        raise LocalAPIError(f"Prefect's local API server did not answer within {timeout:.0f} s "
                            "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)")

    def stop(self) -> None:
        """Ask the server to stop; do not wait for it (it finishes on its own, or with us)."""
        if self.process.poll() is None:
            self.process.terminate()


def _spawn() -> tuple[int, subprocess.Popen]:
    import importlib.util

    spec = importlib.util.find_spec("prefect")  # locates the package without importing it
    if spec is None or spec.origin is None:
        raise LocalAPIError("Prefect is not installed in this environment")
    port = _free_port()
    args = [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parent.parent), "--factory",
            "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "error", "--lifespan", "on"]
    env = {**os.environ, **_SERVER_ENV}
    env.pop("PREFECT_API_URL", None)  # the server is not a client of itself
    # A session of its own: Ctrl-C in the terminal interrupts vedtak, which then stops the server
    # itself, instead of killing the server under a flow that still needs it.
    process = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, start_new_session=True,
                               preexec_fn=die_with_parent)
    return port, process


def _point_prefect_at(url: str) -> None:
    """Every process started from now on (task-runner workers, Dask) uses `url`; this process's
    Prefect, if already imported, reads it through `prefect_settings()`."""
    os.environ["PREFECT_API_URL"] = url
    if "prefect.context" in sys.modules:  # already imported: threads without a context of their own read this
        from prefect.context import refresh_global_settings_context

        refresh_global_settings_context()


def prefect_settings(api: LocalAPI | None):
    """A context in which this process's Prefect uses `api` (if vedtak started it), without
    flow-run heartbeats unless the user asked for them.

    Prefect reads its settings once at import; `temporary_settings` overrides them here.
    Heartbeats (every 180 s by default) let a server's zombie-run automation mark a run whose
    process died; stopping the heartbeat thread costs every run up to 1 s at its end. An
    in-process `vedtak ingest` is watched by its user, and a run whose process died is marked
    `interrupted` in the store by the next run; set PREFECT_FLOWS_HEARTBEAT_FREQUENCY to have
    heartbeats anyway. (Runs of a deployment, started by a Prefect worker, keep Prefect's default.)
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY
    from prefect.settings.context import temporary_settings

    updates: dict = {}
    if api is not None:
        updates[PREFECT_API_URL] = api.api_url
    if not any(os.environ.get(k) for k in ("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY")):
        updates[PREFECT_FLOWS_HEARTBEAT_FREQUENCY] = None
    return temporary_settings(updates=updates)


_STARTED: list[LocalAPI] = []


def ensure_local_api() -> LocalAPI | None:
    """Start Prefect's local API server unless the user configured one (then None); idempotent.

    Returns at once; call `.wait()` on the result before the first flow run.
    """
    if _STARTED:
        return _STARTED[0]
    if configured_api_url():
        return None
    port, process = _spawn()
    api = LocalAPI(port, process)
    _STARTED.append(api)
    _point_prefect_at(api.api_url)
    atexit.register(api.stop)
    return api
