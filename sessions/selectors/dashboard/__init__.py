"""The cohort health dashboard for coordinators: counts and dates aggregated in the database, in a fixed number of
queries however many people and pairs the cohort has, and never any text a pair wrote (no agenda, note or goal).

`pairs`: every pair with its counts and explainable health (sessions.health), the triage queue.
`figures`: the funnel, weekly engagement, matching quality, the closing and the program's cohorts side by side.
`pages`: the dashboard page, its printable report and the pairs CSV put together from both.
"""
