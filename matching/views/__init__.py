"""Matching's pages, thin: scope to what this person may act on, validate a form, call a service or a selector,
render or redirect. One module per page family; urls.py names them."""
