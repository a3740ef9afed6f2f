"""Exports (registry filled below)."""
