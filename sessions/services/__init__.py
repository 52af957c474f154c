"""The sessions workflows, one function per use case (see STYLE.md). Import them from here."""

from sessions.services.access import open_pair_content
from sessions.services.agreements import agreement_for, confirm_agreement, decline_agreement_change, save_agreement
from sessions.services.booking import (
    book_slot,
    cancel_future,
    move_future,
    save_availability,
    schedule_series,
    series_invitation_for,
)
from sessions.services.closing import (
    answer_closing_question,
    close_ended_cohorts,
    send_thank_you_note,
    submit_closing_survey,
)
from sessions.services.goals import (
    comment_on_goal,
    confirm_goal_achieved,
    create_goal,
    drop_goal,
    mark_goal_achieved,
    mentors_of,
    record_check_in,
    reopen_goal,
    smart_errors,
    update_goal,
)
from sessions.services.meetings import (
    add_agenda_item,
    cancel_meeting,
    comment_on_agenda_item,
    goals_on_agenda,
    move_agenda_item,
    remove_agenda_item,
    reschedule_meeting,
    review_agenda,
    schedule_meeting,
    set_objective,
    start_agenda_from_template,
    toggle_agenda_item,
    wrap_up_meeting,
)
from sessions.services.mentorships import end_mentorship_early
from sessions.services.nudges import nudge_pair
from sessions.services.records import add_action_item, add_note, toggle_action_item
from sessions.services.safety import close_report, end_reported_pair, pause_reported_mentor, report_concern
from sessions.services.topics import save_for_next_meeting

__all__ = [
    "start_agenda_from_template",
    "open_pair_content",
    "close_report",
    "end_reported_pair",
    "pause_reported_mentor",
    "report_concern",
    "book_slot",
    "cancel_future",
    "move_future",
    "save_availability",
    "save_for_next_meeting",
    "schedule_series",
    "series_invitation_for",
    "answer_closing_question",
    "close_ended_cohorts",
    "send_thank_you_note",
    "submit_closing_survey",
    "add_action_item",
    "add_agenda_item",
    "add_note",
    "agreement_for",
    "cancel_meeting",
    "comment_on_agenda_item",
    "comment_on_goal",
    "confirm_agreement",
    "confirm_goal_achieved",
    "create_goal",
    "decline_agreement_change",
    "drop_goal",
    "end_mentorship_early",
    "goals_on_agenda",
    "mark_goal_achieved",
    "mentors_of",
    "move_agenda_item",
    "nudge_pair",
    "record_check_in",
    "remove_agenda_item",
    "reopen_goal",
    "reschedule_meeting",
    "review_agenda",
    "save_agreement",
    "schedule_meeting",
    "set_objective",
    "smart_errors",
    "toggle_action_item",
    "toggle_agenda_item",
    "update_goal",
    "wrap_up_meeting",
]
