"""This app's reminder finders for the minute scan (mentoring.notifications.scanning), registered from apps.py.

`pairs`: meeting reminders, agenda nudges and reviews, overdue action items, inactivity alerts.
`surveys`: program surveys asked after a pair's first meeting or after each held meeting.
`checks`: the early relationship check in a pair's weeks 3 to 6, and its reminder.
`health`: no reminder, the pairs' stored health brought up to date (sessions.services.health).
`closing`: the end of a program's private question, its last call, and the closing of ended cohorts.
"""

from sessions.scans import checks, closing, health, pairs, surveys

FINDERS = {
    "meeting-reminders": pairs.due_meeting_reminders,
    "agenda-nudges": pairs.due_agenda_nudges,
    "agenda-reviews": pairs.due_agenda_reviews,
    "overdue-action-items": pairs.due_overdue_action_items,
    "inactivity-alerts": pairs.due_inactivity_alerts,
    # The names the scan logs its finders by, from the first version's words: kept, as the logs' history is.
    "conversion-prompts": closing.due_closing_prompts,
    "conversion-last-calls": closing.due_last_calls,
    "program-closeouts": closing.due_closings,
    "meeting-surveys": surveys.due_meeting_survey_asks,
    "relationship-checks": checks.due_relationship_checks,
    "pair-health": health.refresh_health,
}
# Finders that take `since` and look only at what became due after it (mentoring.notifications.scanning).
WINDOWED = {"meeting-reminders"}
