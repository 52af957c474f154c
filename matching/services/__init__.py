"""Matching's writes, one module per use-case family; each is a function in a transaction that raises
ValidationError when it refuses. The names callers use are re-exported here: `services.request_mentor(...)`."""

from matching.services.boards import set_board_seat
from matching.services.bulk import (
    ban_pair,
    discard_run,
    drop_pair,
    lift_ban,
    lock_pair,
    rerun,
    restore_mentee,
    run_matching,
    swap_pairs,
)
from matching.services.expiry import expire_overdue_requests, resume_mentor
from matching.services.matches import confirm_match, decline_match, publish_run
from matching.services.requests import (
    accept_request,
    answer_question,
    ask_question,
    decline_request,
    request_mentor,
    think_about_request,
    withdraw_request,
)

__all__ = [
    "accept_request",
    "answer_question",
    "ask_question",
    "ban_pair",
    "confirm_match",
    "decline_match",
    "decline_request",
    "discard_run",
    "drop_pair",
    "expire_overdue_requests",
    "lift_ban",
    "lock_pair",
    "publish_run",
    "request_mentor",
    "rerun",
    "restore_mentee",
    "resume_mentor",
    "run_matching",
    "set_board_seat",
    "swap_pairs",
    "think_about_request",
    "withdraw_request",
]
