"""Make the repository root importable so `samples.generator` resolves to the real package
(pytest otherwise only has tests/ on sys.path, where tests/samples would shadow it as a namespace)."""

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
_mod = sys.modules.get("samples")
if _mod is not None and getattr(_mod, "__file__", None) is None:
    del sys.modules["samples"]
