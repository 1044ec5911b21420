"""cnasean: China–ASEAN relations, every fact sourced and dated. A command-line tool and a
typed library.

::

    import cnasean

    ds = cnasean.open()          # the packaged data (or cnasean.open("my-db.json"))
    ds.trade(country="VN", year=2024)
    ds.visa("thailand", on="2023-12-01")

Errors are ``cnasean.CnaseanError`` and its subclasses (``UsageError``, ``DataError``, ...).
"""

from cnasean import _interrupt  # noqa: F401  # first: Ctrl-C during start-up is quiet
from cnasean._version import __version__
from cnasean.dataset import Dataset, open, to_pandas
from cnasean.errors import (
    AmbiguousCountry,
    BadDate,
    CnaseanError,
    DataError,
    DataFileCorrupt,
    DataFileMissing,
    InvalidRecord,
    UnknownCountry,
    UnknownRecord,
    UsageError,
)

__all__ = [
    "AmbiguousCountry",
    "BadDate",
    "CnaseanError",
    "DataError",
    "DataFileCorrupt",
    "DataFileMissing",
    "Dataset",
    "InvalidRecord",
    "UnknownCountry",
    "UnknownRecord",
    "UsageError",
    "__version__",
    "open",
    "to_pandas",
]
