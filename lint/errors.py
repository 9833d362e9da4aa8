"""Errors that end in a one-line message and exit code 2, never a traceback."""

from __future__ import annotations


class GwlintError(Exception):
    """Base class: ``str(err)`` is the one line shown to the user (in Chinese)."""


class InputError(GwlintError):
    """A draft that cannot be read: missing, empty, corrupt, encrypted, unsupported."""

    def __init__(self, path: str, message: str):
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}")


class RuleFileError(GwlintError):
    """A rule or reference file that does not load; names the file and, when known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


class ConfigError(RuleFileError):
    """A configuration file or option that is not valid."""


class UsageError(GwlintError):
    """Command-line options that contradict each other or name nothing."""
