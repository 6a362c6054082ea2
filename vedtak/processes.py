"""Child processes that must not outlive the process that started them."""

from __future__ import annotations

import signal
import sys


def die_with_parent() -> None:
    """Ask the kernel to send this process SIGTERM when its parent dies, even by SIGKILL
    (Linux `PR_SET_PDEATHSIG`; elsewhere nothing). Call it in the child: a worker's initializer,
    or `preexec_fn` between fork and exec. The "parent" is the *thread* that started the child:
    start long-lived children from a thread that lives as long as they should."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
