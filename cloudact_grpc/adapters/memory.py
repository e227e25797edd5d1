"""Give freed heap memory back to the operating system (glibc ``malloc_trim``).

Reading many Arrow results on several threads leaves glibc's per-thread arenas holding freed
memory: a 10-million-row export kept ~1 GB resident that nothing used. Trimming after each
exported window keeps the server's resident memory near what it is using. A no-op where glibc
is not the allocator.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache

_M_ARENA_MAX = -8  # glibc mallopt parameter


def cap_malloc_arenas(arenas: int = 2) -> None:
    """Let glibc use at most ``arenas`` heaps for all threads (default: 8 per core).

    With 16 RPC threads and the readers' threads, each thread's arena keeps its own freed
    memory; fewer arenas share (and reuse) it. Call once at process start; no-op without glibc.
    """
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_ARENA_MAX, arenas)


@cache
def _trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release_free_memory() -> None:
    """Return free heap pages to the OS where the C library allows it."""
    trim = _trim()
    if trim is not None:
        trim(0)
