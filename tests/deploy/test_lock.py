"""requirements/lock.txt is the tested dependency set: plain PyPI pins only, every requirement of
pyproject.toml pinned within its range, and the environment the tests run in is exactly the lock
(so a green `make test` accepts the lock it ran on; docs/deploy.md)."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version
from wheel_support import ROOT

LOCK = ROOT / "requirements" / "lock.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)(?:\s*;\s*(?P<marker>.+))?$")


def _entries() -> list[tuple[str, str, str | None]]:
    """(name, version, marker) of every pin; a line that is neither a pin nor a comment fails."""
    out = []
    for number, raw in enumerate(LOCK.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = PIN.match(line)
        assert m, f"{LOCK}:{number}: not a `name==version` pin: {line!r}"
        out.append((canonicalize_name(m["name"]), m["version"], m["marker"]))
    return out


def _applies(marker: str | None, extra: str = "") -> bool:
    return marker is None or Marker(marker).evaluate({"extra": extra})


def _pins() -> dict[str, str]:
    """The pins that apply to this interpreter and platform."""
    return {name: version for name, version, marker in _entries() if _applies(marker)}


def test_lock_holds_plain_pypi_pins_only():
    entries = _entries()
    assert len(entries) > 100
    for name, version, _marker in entries:
        parsed = Version(version)  # a PEP 440 version, as PyPI serves it
        assert parsed.local is None, f"{name}=={version}: a local version (a local index's build), not PyPI's"
    text = LOCK.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(-e|--?index-url|--extra-index-url|--find-links|-f)\b|file:|://", text, re.M), \
        "the lock names an index, a URL or a path"


@pytest.mark.parametrize("requirement", PYPROJECT["project"]["dependencies"]
                         + PYPROJECT["project"]["optional-dependencies"]["dev"])
def test_every_requirement_is_pinned_within_its_range(requirement):
    req = Requirement(requirement)
    if not _applies(str(req.marker) if req.marker else None):
        return
    pins = _pins()
    name = canonicalize_name(req.name)
    assert name in pins, f"{req.name} is not in {LOCK.name}: run `make lock`"
    assert req.specifier.contains(pins[name], prereleases=True), \
        f"{req.name}=={pins[name]} in {LOCK.name} is outside {req.specifier}: run `make lock`"


def test_environment_is_the_lock():
    """The packages these tests run on are the locked ones (scripts/setup.sh installs the lock)."""
    wrong = {}
    for name, version in _pins().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed is None or Version(installed) != Version(version):
            wrong[name] = (version, installed)
    assert not wrong, f"installed versions differ from {LOCK.name} (locked, installed): {wrong}; run scripts/setup.sh"
