"""Prefect flows of vedtak (orchestration only). Importing this package prepares Prefect's
environment first: no telemetry, quiet logs, and a PREFECT_HOME inside the project data dir.
"""

from vedtak.flows._env import configure_prefect_env

configure_prefect_env()
