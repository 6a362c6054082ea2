"""Build vedtak's wheel from the working tree and install it into a fresh venv outside the
repository, offline and in seconds.

The wheel is built with `pip wheel --no-deps --no-build-isolation --no-index` (setuptools and
wheel come from the project's environment, pinned in requirements/lock.txt) from a copy of the
files git tracks or would track, so nothing built or ignored in the checkout gets in, and the
checkout gets no build/ folder. The venv is made from the project's interpreter; the wheel is
installed into it with no dependencies, and only then a .pth file lets it see the project
environment's site-packages for the dependencies (Prefect, spaCy, ...), after its own
site-packages: `vedtak` comes from the wheel, everything else from the locked environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class InstalledWheel:
    """A wheel and the venv it is installed in."""

    wheel: Path
    venv: Path

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def env(self, **extra: str) -> dict[str, str]:
        """An environment that names nothing of the checkout: no PYTHONPATH, this venv first on PATH."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "VEDTAK_DATABASE_URL")}
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        env.update(extra)
        return env


def _run(argv: list[str], cwd: Path, timeout: float = 300) -> str:
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} exited with {proc.returncode}:\n{proc.stdout[-3000:]}"
                           f"\n{proc.stderr[-3000:]}")
    return proc.stdout


def source_files(root: Path = ROOT) -> list[str]:
    """The files of the working tree that git tracks or would track (not ignored), relative."""
    out = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], root)
    return sorted(name for name in out.split("\0") if name and (root / name).is_file())


def build_wheel(out: Path, root: Path = ROOT) -> Path:
    """vedtak's wheel, built offline from a copy of the working tree's source files."""
    src = out / "src"
    for name in source_files(root):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, src / name)
    dist = out / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
          "-w", str(dist), str(src)], out)
    (wheel,) = dist.glob("vedtak-*.whl")
    return wheel


def install_wheel(wheel: Path, venv: Path) -> InstalledWheel:
    """A fresh venv from the project's interpreter with `wheel` installed, seeing the project
    environment's site-packages behind its own."""
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    _run([str(base), "-m", "venv", "--without-pip", str(venv)], venv.parent)
    python = venv / "bin" / "python"
    # pip of the project's environment installs into the new venv (it has none of its own)
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
          str(wheel)], venv.parent)
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     venv.parent).strip())
    (site / "zz_vedtak_project_env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return InstalledWheel(wheel, venv)


def wheel_names(wheel: Path) -> list[str]:
    """The file names inside a wheel."""
    with zipfile.ZipFile(wheel) as zf:
        return sorted(zf.namelist())
