"""One installable namespace: the wheel holds `vedtak/` only (every module of the folders the
package-dir mapping names, and their data), and runs `vedtak extract` / `vedtak ingest` from a
fresh venv outside the repository."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from wheel_support import ROOT, source_files, wheel_names

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _in_wheel(path: str) -> str | None:
    """Where a source file of the checkout lands in the wheel (None: it is not shipped), by the
    package-dir mapping of pyproject.toml (`vedtak.extractors` -> extractors/ ...)."""
    folders = {folder: package.replace(".", "/") for package, folder in
               PYPROJECT["tool"]["setuptools"]["package-dir"].items()}
    top, _, rest = path.partition("/")
    return f"{folders[top]}/{rest}" if top in folders and rest else None


def test_wheel_installs_only_the_vedtak_namespace(installed_wheel):
    names = wheel_names(installed_wheel.wheel)
    dist_info = f"vedtak-{PYPROJECT['project']['version']}.dist-info/"
    assert [n for n in names if not n.startswith(("vedtak/", dist_info))] == []
    with zipfile.ZipFile(installed_wheel.wheel) as zf:
        assert zf.read(dist_info + "top_level.txt").decode().split() == ["vedtak"]


def test_wheel_holds_every_module_and_only_the_data_of_the_package_folders(installed_wheel):
    """Each file of the mapped folders (code, templates, the NER model, the schema, the migration
    template) is shipped, and nothing else: a module in a folder missing from `packages`, or a
    data file missing from `package-data`, fails here."""
    expected = sorted(filter(None, map(_in_wheel, source_files())))
    shipped = [n for n in wheel_names(installed_wheel.wheel) if n.startswith("vedtak/")]
    assert shipped == expected, (f"missing from the wheel: {sorted(set(expected) - set(shipped))}; "
                                 f"not in the checkout: {sorted(set(shipped) - set(expected))}")
    assert any(n.startswith("vedtak/nlp/models/vedtak_ner/") for n in shipped)
    assert "vedtak/extractors/__init__.py" in shipped and "vedtak/api/templates/case.html" in shipped


def _run(installed_wheel, argv: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(argv, cwd=cwd, env=installed_wheel.env(**env), capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)


def test_wheel_runs_extract_and_ingest_outside_the_repository(installed_wheel, archive, tmp_path):
    from faults_support import PREFECT_HOME

    where = _run(installed_wheel, [str(installed_wheel.bin / "python"), "-c",
                                   "import importlib.util, json, vedtak, vedtak.extractors, vedtak.api\n"
                                   "print(json.dumps([vedtak.__file__, vedtak.extractors.__file__, vedtak.api.__file__,"
                                   " [importlib.util.find_spec(n) is None for n in ('models', 'api', 'flows', 'extractors')]]))"],
                 tmp_path)
    assert where.returncode == 0, where.stderr
    *files, absent = json.loads(where.stdout)
    site = str(installed_wheel.venv)
    assert all(f.startswith(site) for f in files), files
    assert absent == [True] * 4, "a top-level folder of the checkout is importable from the wheel's venv"

    sample = sorted(archive.glob("*.pdf"))[0]
    extracted = _run(installed_wheel, [str(installed_wheel.bin / "vedtak"), "extract", str(sample), "--format", "json"],
                     tmp_path)
    assert extracted.returncode == 0, extracted.stderr
    # the same records as the project's own (editable) install makes of the file
    editable = subprocess.run([sys.executable, "-m", "vedtak.cli", "extract", str(sample), "--format", "json"],
                              capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert editable.returncode == 0, editable.stderr
    records = [json.loads(line) for line in extracted.stdout.splitlines() if line.strip()]
    assert records and records == [json.loads(line) for line in editable.stdout.splitlines() if line.strip()]

    ingested = _run(installed_wheel, [str(installed_wheel.bin / "vedtak"), "ingest", str(archive), "--db",
                                      f"sqlite:///{tmp_path / 'store.db'}", "--json"], tmp_path,
                    PREFECT_HOME=PREFECT_HOME, VEDTAK_HOME=str(tmp_path / "vh"),
                    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120")
    assert ingested.returncode == 0, ingested.stderr
    summary = json.loads(ingested.stdout)
    assert summary["documents"]["new"] == len(list(archive.glob("*.pdf"))), summary
