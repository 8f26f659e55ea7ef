"""Borderdesk: an open-source immigration and border-control system."""

__version__ = "0.1.0"
