"""A terminal reader for syndicated news."""

__version__ = "0.1.0"
