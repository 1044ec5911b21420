"""Everything a person or a script sees: views (columns of each answer), formats (table,
TSV, CSV, JSON), the terminal, tables drawn by Rich, charts, and Chinese for the labels.
"""
