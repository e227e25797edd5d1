"""Progress bars (rich) on stderr, so stdout stays the command's JSON answer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)

_CONSOLE = Console(stderr=True)


def bytes_progress() -> Progress:
    """Bytes received so far, speed and time (the total is not known in advance)."""
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), DownloadColumn(),
        TransferSpeedColumn(), TimeElapsedColumn(), console=_CONSOLE,
    )  # fmt: skip


def count_progress() -> Progress:
    """Items done of a known total."""
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=_CONSOLE,
    )  # fmt: skip


@contextmanager
def spinner(text: str) -> Iterator[None]:
    """A spinner while one long call runs."""
    with _CONSOLE.status(text):
        yield
