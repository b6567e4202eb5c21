"""Widgets of the UI."""
