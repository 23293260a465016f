"""giaouoc: the emulation compact of a Vietnamese police emulation block, kept as files."""

__version__ = "0.1.0"
