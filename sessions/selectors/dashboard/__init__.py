"""The cohort health dashboard for coordinators: counts and dates aggregated in the database, in a fixed number of
queries however many people and pairs the cohort has, and never any text a pair wrote (no agenda, note or goal).

`pairs`: every pair with its counts and explainable health (sessions.health), computed or as stored (PairHealth).
`table`: the stored rows filtered, sorted, counted and paged in the database: one page of rows, never the cohort.
`figures`: the funnel, weekly engagement, matching quality, the closing and the program's cohorts side by side.
`pages`: the dashboard page, its printable report and the pairs CSV put together from these.
"""
