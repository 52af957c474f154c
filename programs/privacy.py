"""What programs holds about a person, for their download and the deletion of their account (mentoring.privacy).

Enrollments stay (emptied accounts still count in the cohort's figures), and so do survey answers, which only ever
count in totals; answers to program questions and applications' own words go,
invitations to the person's address are deleted, and they stop coordinating any program.
"""

from mentoring.privacy.registry import register, rows
from programs.models import Answer, Application, Enrollment, Invitation, Program, SurveyAsk


def export(user) -> dict:
    return {
        "Enrollments": rows(Enrollment.objects.filter(user=user)),
        "Invitations": rows(Invitation.objects.filter(email__iexact=user.email), exclude=("token",)),
        "Applications": rows(Application.objects.filter(user=user)),
        "Answers to program questions": rows(Answer.objects.filter(user=user)),
        # The close-out survey among them: one per pair, its occasion naming the mentorship.
        "Surveys asked and my answers": rows(SurveyAsk.objects.filter(user=user)),
        "Programs coordinated": rows(Program.objects.filter(coordinators=user), exclude=("matching_weights",)),
    }


def erase(user) -> None:
    Answer.objects.filter(user=user).delete()
    Application.objects.filter(user=user).update(note="")
    Invitation.objects.filter(email__iexact=user.email).delete()
    user.coordinated_programs.clear()


def register_all() -> None:
    register("programs", export=export, erase=erase)
