"""vedtak starts Prefect's local API itself only when the user configured no API (read without Prefect)."""

from __future__ import annotations

import pytest

from vedtak.flows.local_api import configured_api_url


@pytest.fixture
def clean(monkeypatch, tmp_path):
    for key in ("PREFECT_API_URL", "PREFECT_PROFILE", "PREFECT_PROFILES_PATH"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "home").mkdir()
    return tmp_path


def test_nothing_configured(clean):
    assert configured_api_url() is None


def test_environment(clean, monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://prefect:4200/api")
    assert configured_api_url() == "http://prefect:4200/api"


def test_active_profile(clean, monkeypatch):
    (clean / "home" / "profiles.toml").write_text(
        'active = "prod"\n[profiles.prod]\nPREFECT_API_URL = "http://prod:4200/api"\n[profiles.dev]\n')
    assert configured_api_url() == "http://prod:4200/api"
    monkeypatch.setenv("PREFECT_PROFILE", "dev")
    assert configured_api_url() is None


def test_prefect_toml_and_pyproject(clean):
    (clean / "pyproject.toml").write_text('[tool.prefect.api]\nurl = "http://py:4200/api"\n')
    assert configured_api_url() == "http://py:4200/api"
    (clean / "prefect.toml").write_text('[api]\nurl = "http://toml:4200/api"\n')
    assert configured_api_url() == "http://toml:4200/api"


def test_broken_profiles_file_is_no_configuration(clean):
    (clean / "home" / "profiles.toml").write_text("active = [")
    assert configured_api_url() is None
