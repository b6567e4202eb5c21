"""Helpers behind reader.cleaner: blocks, boilerplate rules, metadata, Markdown and verdicts."""
