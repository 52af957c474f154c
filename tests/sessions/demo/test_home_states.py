"""The demo shows every state of the home page, each with an account seed_demo prints."""

import random
from io import StringIO

from matching import demo as matching_demo
from mentoring.home.management.commands.seed_demo import Command
from mentoring.home.panels import Urgency, context_for
from mentoring.profiles import demo as profiles_demo
from programs import demo as programs_demo
from programs.models import Role
from sessions import demo
from sessions.demo import home_states
from sessions.selectors.onboarding import setups


def _urgencies(user) -> set:
    return {step.urgency for step in context_for(user)["steps"]}


def test_the_demo_has_a_person_in_each_home_state_and_prints_them(db, django_user_model):
    context = {"rng": random.Random(1), "password": "x"}
    for app_demo in (profiles_demo, programs_demo, matching_demo, demo):
        app_demo.seed(context)
    demo.seed(context)  # idempotent
    states = dict(home_states.accounts())
    assert set(states) == {
        "coordinator of two programs",
        "new mentee mid-setup",
        "mentee with a full board",
        "mentor to review",
        "both roles",
    }
    users = {state: django_user_model.objects.get(email=email) for state, email in states.items()}

    newcomer = users["new mentee mid-setup"]
    (setup,) = setups(newcomer, list(newcomer.enrollments.all()))
    assert (setup.current, setup.done_count, setup.is_done) == (2, 1, False)
    assert Urgency.RESUME_SETUP in _urgencies(newcomer)

    full = context_for(users["mentee with a full board"])
    assert full["goals"] and full["next_meetings"]

    assert {Urgency.ANSWER_REQUEST, Urgency.REVIEW_AGENDA} <= _urgencies(users["mentor to review"])

    assert len(context_for(users["coordinator of two programs"])["coordinated_programs"]) == 2

    both = users["both roles"]
    roles = {(e.role, e.cohort_id) for e in both.enrollments.all()}
    assert {role for role, _ in roles} == {Role.MENTOR, Role.MENTEE} and len({c for _, c in roles}) == 2
    home = context_for(both)
    assert home["is_mentee"] and home["is_mentor"]
    printed = StringIO()
    Command(stdout=printed).print_accounts()
    assert "Home states to try" in printed.getvalue()
    assert all(email in printed.getvalue() for email in states.values())
