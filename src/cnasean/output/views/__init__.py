"""How each kind of answer is laid out: the columns of its table and TSV, its caption.

Commands build a ``View`` here, one module per domain, and hand it to ``formats.emit``.
"""
