"""Errors a user can meet, and the exit codes they map to."""

from __future__ import annotations

from collections.abc import Sequence

EXIT_OK = 0
EXIT_RUNTIME = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_INTERRUPTED = 130


class CnaseanError(Exception):
    """Base class for every error cnasean reports without a traceback."""

    exit_code = EXIT_RUNTIME


class UsageError(CnaseanError):
    """The user asked for something that cannot be understood."""

    exit_code = EXIT_USAGE


class UnknownCountry(UsageError):
    """A country name or code that matches no country."""

    def __init__(self, text: str, suggestions: Sequence[str] = ()) -> None:
        self.text = text
        self.suggestions = list(suggestions)
        msg = f"Unknown country {text!r}."
        if self.suggestions:
            msg += " Did you mean: " + ", ".join(self.suggestions) + "?"
        else:
            msg += (
                " cnasean covers China and the ASEAN members:"
                " try a name, an ISO code (TH, THA) or a Chinese name (泰国)."
            )
        super().__init__(msg)


class AmbiguousCountry(UsageError):
    """A country name that matches more than one country."""

    def __init__(self, text: str, candidates: Sequence[str]) -> None:
        self.text = text
        self.candidates = list(candidates)
        super().__init__(
            f"Ambiguous country {text!r}: it matches " + ", ".join(self.candidates) + "."
        )


class BadDate(UsageError):
    """A date or period the user typed that cannot be read without guessing."""


class UnknownRecord(UsageError):
    """An id or name that matches no record."""


class DataError(CnaseanError):
    """The data file is missing, unreadable or holds an invalid record."""

    exit_code = EXIT_DATA


class DataFileMissing(DataError):
    """The data file does not exist or cannot be opened."""


class DataFileCorrupt(DataError):
    """The data file is not valid JSON or not a cnasean data file."""


class InvalidRecord(DataError):
    """A record in the data file has a missing or malformed field."""

    def __init__(self, table: str, record_id: str, field: str, problem: str) -> None:
        self.table = table
        self.record_id = record_id
        self.field = field
        self.problem = problem
        super().__init__(f"Invalid {table} record {record_id!r}: field {field!r} {problem}.")
