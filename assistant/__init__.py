"""Outreach assistant: keep real relationships alive, locally."""

__version__ = "0.1.0"
