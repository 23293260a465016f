"""Errors that stop a run; problems in the data are values (see problems.py)."""


class FatalError(Exception):
    """An expected failure that ends the command with a Vietnamese message."""

    exit_code = 1


class UsageError(FatalError):
    """Unknown year, missing data root, bad option value: exit 2."""

    exit_code = 2


class DataError(FatalError):
    """The data has errors, so the command refuses to go on: exit 1."""

    exit_code = 1


class FileAccessError(FatalError):
    """A file or folder that cannot be written, created or locked (no permission, a missing or odd parent, a full
    disk): the data is fine, the place is not; exit 2 like a usage error (cli.md)."""

    exit_code = 2
