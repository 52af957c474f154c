"""Reads: what each page shows, one module per page family, each returning plain data in a fixed number of queries.
The views render it; nothing here writes.

The pure computations the pages draw on stay beside this package, as plain modules with no Django import, tested
alone: sessions/health.py (a pair's health score and its reasons, from counts the dashboard gathers) and
sessions/charts.py (the geometry of the SVG charts). They are not "what a page shows" but arithmetic any page
or report may use, the way matching's engine is."""
