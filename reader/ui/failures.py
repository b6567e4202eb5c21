"""The one funnel that turns a failed worker into a notification the user can read."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from reader.errors import BusyError, ReaderError
from reader.sanitize import clean_line


def report_failed_worker(node: DOMNode, event: Worker.StateChanged) -> None:
    """Notify the user when a worker ended in error; say what it was doing."""
    if event.state != WorkerState.ERROR:
        return
    error = event.worker.error
    what = event.worker.description or event.worker.name
    if isinstance(error, BusyError):  # nothing went wrong: it is already being done
        node.app.notify(clean_line(str(error), 300), title="Busy", severity="warning", timeout=8)
    elif isinstance(error, ReaderError):
        node.app.notify(clean_line(str(error), 300), title=f"Failed: {what}", severity="error", timeout=15)
    else:
        message = clean_line(f"{type(error).__name__}: {error}", 300)
        node.app.notify(message, title=f"Unexpected error: {what}", severity="error", timeout=15)
