"""The fact store: the only package that opens data files.

``locate`` finds the file; ``storage`` is how TinyDB reads and writes it (``DataStorage``
for queries, read-only and through the parse cache of ``cache``; ``EditStorage`` for edits,
locked, atomic and backed up); ``read`` opens it for queries, ``write`` changes it,
``validate`` checks it, ``edit`` and ``exchange`` hold the record edits, imports, exports
and diffs behind ``cnasean db``.
"""
