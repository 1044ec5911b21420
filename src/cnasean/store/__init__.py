"""The fact store: the only package that opens data files.

``locate`` finds the file, ``read`` loads it (through the parse cache, ``cache``), ``write``
changes it atomically under a lock, ``validate`` checks it, ``edit`` and ``exchange`` hold
the record edits, imports, exports and diffs behind ``cnasean db``.
"""
