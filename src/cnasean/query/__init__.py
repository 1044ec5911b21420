"""Pure questions about the facts, answered as typed records. Nothing here prints or writes.

One module per kind of question (``trade``, ``visa``, ``projects``, ``events``, ``profile``,
``search``, ``sources``), imported on its own so that a command loads only what it asks.
From Python, use the front door: ``cnasean.open().trade(country="VN")``.
"""
