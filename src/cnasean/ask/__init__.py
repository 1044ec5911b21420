"""Plain questions answered by calling the queries: ``parse`` reads a question into a
query call, ``answer`` runs it and words the answer from what it found.
"""
