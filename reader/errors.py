"""The reader's own exceptions; callers catch these, never sqlite3 or httpx errors."""


class ReaderError(Exception):
    """Base of every error the reader reports to a user."""


class StoreError(ReaderError):
    """The database could not be opened, read or written."""


class FetchError(ReaderError):
    """A feed or page could not be fetched or was refused."""


class DeadlineExceeded(FetchError):
    """A whole exchange took longer than its deadline (the caller names the limit)."""


class CleanError(ReaderError):
    """A page could not be turned into an article."""


class ConfigError(ReaderError):
    """The config file has a bad key or value."""


class NotFoundError(ReaderError):
    """No feed or article has the given id or URL."""


class BusyError(ReaderError):
    """Another process is already doing this (a refresh of the same database, say)."""
