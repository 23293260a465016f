"""Every output format of every command: text, JSON, CSV, Markdown, terminal tables."""
