"""Prefect settings that must be in the environment before `import prefect`."""

from __future__ import annotations

import os
from pathlib import Path


def configure_prefect_env() -> None:
    """Offline-friendly, quiet defaults; the user's own settings always win.

    - PREFECT_SERVER_ANALYTICS_ENABLED=false (offline, every start logged `Failed to send telemetry`)
    - logs at WARNING and not shipped to the API (a flow of many tasks logs ~1 line per task);
      the temporary server's own logs only at CRITICAL
    - PREFECT_HOME=$VEDTAK_HOME/prefect (VEDTAK_HOME defaults to ./var) unless PREFECT_HOME is set
    """
    defaults = {
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # The client's own usage telemetry: offline it only prints a notice in front of the user.
        "DO_NOT_TRACK": "1",
        # Prefect waits 20 s for its temporary API server; on a loaded 2-core machine (CI, a
        # batch beside other work) it was seen to need more, and then the whole run failed.
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_LOGGING_TO_API_ENABLED": "false",
        # The temporary in-process API is stopped at exit while it may still be flushing
        # task-run events; its ERROR tracebacks about that cancelled flush are noise here.
        "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
        "DASK_LOGGING__DISTRIBUTED": "warning",
        "PREFECT_HOME": str(Path(os.environ.get("VEDTAK_HOME") or "var").absolute() / "prefect"),
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)
    # Prefect creates PREFECT_HOME without parents and fails on a fresh checkout without var/.
    Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)
