"""Spreadsheets: results for readers in Excel, and self-assessment forms that come back as data."""
