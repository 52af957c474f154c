"""Matching's reads: what each page shows, as plain data in a fixed number of queries, and what the engine is fed
(people, a cohort's pool, weights)."""
