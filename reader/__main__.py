"""`python -m reader` runs the command line."""

from reader.cli import run

run()
