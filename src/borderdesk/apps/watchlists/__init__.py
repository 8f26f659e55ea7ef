"""Watchlists: imported list versions, screening people against them, adjudicating matches."""
