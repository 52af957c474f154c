"""Reads: what each page shows, one module per page family, each returning plain data in a fixed number of queries.
The views render it; nothing here writes."""
