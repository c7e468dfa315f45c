"""Helpers for the test suite (real services started for real)."""
