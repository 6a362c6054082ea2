"""The layer contracts of pyproject.toml ([tool.importlinter]), checked with `lint-imports` on the
installed wheel, and shown to catch a forbidden import: a probe module added to a copy of the
installed package breaks the contract it should."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from wheel_support import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]


def _lint_imports(installed_wheel, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`lint-imports` (import-linter, from the project's environment) run by the wheel venv's Python."""
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run([str(installed_wheel.bin / "python"), "-c", code, str(ROOT / "pyproject.toml"), "--no-cache",
                           *args], cwd=cwd, env=installed_wheel.env(**env), capture_output=True, text=True, timeout=300)


def test_layer_contracts_hold(installed_wheel, tmp_path):
    result = _lint_imports(installed_wheel, tmp_path)
    assert result.returncode == 0 and "0 broken" in result.stdout, result.stdout + result.stderr
    assert "Contracts: 7 kept" in result.stdout, result.stdout


@pytest.mark.parametrize(("contract", "probe", "line"), [
    ("extractors-pure", "vedtak/extractors/_layer_probe.py", "from vedtak.store import db"),
    ("extractors-pure", "vedtak/extractors/_layer_probe.py", "import vedtak.models"),
    ("extractors-pure", "vedtak/extractors/_layer_probe.py", "from prefect import task"),
    ("document-model-pure", "vedtak/pdf/_layer_probe.py", "import sqlalchemy"),
    ("orm-only", "vedtak/models/_layer_probe.py", "import vedtak.flows.ingest"),
    ("store-below-flows-and-api", "vedtak/store/_layer_probe.py", "import vedtak.api"),
    ("api-without-flows", "vedtak/api/_layer_probe.py", "from vedtak.flows import ingest"),
    ("flows-without-api", "vedtak/flows/_layer_probe.py", "import vedtak.api"),
    ("one-namespace", "vedtak/_layer_probe.py", "import models"),
])
def test_a_forbidden_import_breaks_its_contract(installed_wheel, tmp_path, contract, probe, line):
    site = next((installed_wheel.venv / "lib").glob("python*/site-packages"))
    copy = tmp_path / "pkg"
    shutil.copytree(site / "vedtak", copy / "vedtak", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / probe).write_text(line + "\n", encoding="utf-8")
    result = _lint_imports(installed_wheel, tmp_path, "--contract", contract, PYTHONPATH=str(copy))
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout + result.stderr
    assert "_layer_probe" in result.stdout, result.stdout
