"""One refresh per database at a time, across processes (the UI's r and a cron `reader refresh`)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from reader.errors import BusyError

try:
    import fcntl
except ImportError:  # not on POSIX: refreshes are not kept apart
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def refresh_lock(database: Path) -> Iterator[None]:
    """Hold the database's refresh lock, or raise BusyError at once if another process holds it.

    An advisory flock on DATABASE.refresh-lock: the system drops it when its process ends, however
    it ends, so a killed refresh never leaves the lock behind.
    """
    if fcntl is None:
        yield
        return
    path = database.with_name(database.name + ".refresh-lock")
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield  # a read-only folder: the store itself will say what is wrong
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(
                "another refresh of this database is running (in the reader or a `reader refresh`);"
                " try again when it has finished"
            ) from None
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock
