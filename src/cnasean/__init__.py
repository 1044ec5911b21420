"""cnasean: a command-line reference for China-ASEAN relations.

Python use: ``from cnasean import query``.
"""

__version__ = "0.1.0"
