"""Leadership Circle's own questions, their matching rules and the demo people's answers, and the reporting lines the
coordinator imported (mentors 1-4 report to mentor 10, who reports to mentor 20; a few mentees to mentors 1-4), with
the management chain kept apart."""

from programs.kinds import QuestionKind
from programs.models import Answer, Audience, MatchRule, Question, ReportingLine

# key: (kind, choices, text, required)
QUESTIONS = {
    "where": (QuestionKind.SINGLE, ("Remote", "Office", "Hybrid"), "Where do you work most days?", True),
    "topics": (QuestionKind.MULTIPLE, ("Leading a team", "Strategy", "Influence", "Hiring", "Difficult conversations",
                                       "Budgets"), "What would you like to talk about?", True),
    "managing": (QuestionKind.NUMBER, (), "How many years have you managed people?", False),
}  # fmt: skip
# (question, operator, effect, weight)
RULES = [
    ("topics", MatchRule.Operator.OVERLAP, MatchRule.Effect.WEIGHT, 8),
    ("where", MatchRule.Operator.SAME, MatchRule.Effect.WEIGHT, 5),
    ("managing", MatchRule.Operator.ABOVE, MatchRule.Effect.MUST, 0),
]


def seed(program, people: dict, rng) -> None:
    """`people`: {"mentors": [User], "mentees": [User]} who answer (most of them; a few leave the optional one)."""
    questions = {}
    for order, (key, (kind, labels, text, required)) in enumerate(QUESTIONS.items(), start=1):
        questions[key], _ = Question.objects.get_or_create(
            program=program,
            text=text,
            defaults={"kind": kind, "audience": Audience.BOTH, "required": required, "order": order,
                      "choices": [{"id": i, "label": label} for i, label in enumerate(labels, start=1)]},
        )  # fmt: skip
    for key, operator, effect, weight in RULES:
        MatchRule.objects.get_or_create(
            program=program, mentee_question=questions[key], mentor_question=questions[key], operator=operator,
            defaults={"effect": effect, "weight": weight},
        )  # fmt: skip
    if Answer.objects.filter(question__program=program).exists():
        return
    answers = []
    for role, users in people.items():
        for user in users:
            answers.append(Answer(question=questions["where"], user=user, value=rng.randint(1, 3)))
            answers.append(Answer(question=questions["topics"], user=user, value=sorted(rng.sample(range(1, 7), 2))))
            if rng.random() < 0.8:
                years = rng.randint(3, 15) if role == "mentors" else rng.randint(0, 2)
                answers.append(Answer(question=questions["managing"], user=user, value=years))
    Answer.objects.bulk_create(answers, ignore_conflicts=True)
    program.matching_changed()


def seed_reporting_lines(program, mentors: list, mentees: list) -> None:
    director, head = mentors[9], mentors[19]
    lines = [(mentor, director) for mentor in mentors[:4]] + [(director, head)]
    lines += [(mentee, mentors[i % 4]) for i, mentee in enumerate(mentees[40:48])]
    for person, manager in lines:
        ReportingLine.objects.get_or_create(
            program=program, email=person.email, defaults={"manager_email": manager.email}
        )
    if not program.exclude_management_chain:
        program.exclude_management_chain = True
        program.save(update_fields=["exclude_management_chain"])
        program.matching_changed()
