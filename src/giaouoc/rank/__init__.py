"""Rank a validated year: totals, order, bands and title proposals (docs/xep-hang.md). Imports model/ only."""
