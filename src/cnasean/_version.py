"""The version of cnasean, in a leaf of its own so that every layer may read it without
importing the front door (``cnasean/__init__.py``)."""

__version__ = "0.1.0"
