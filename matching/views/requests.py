"""A mentee's requests to mentors and the mentor's answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from matching import services
from matching.forms import AnswerForm, DeclineForm, QuestionForm, RequestMentorForm
from matching.selectors.requests import inbox_page, request_page
from matching.views._access import act, cohort_mentor, mentee_cohort, own_request, posted_text
from mentoring.web import back_or, refuse
from programs.models import Enrollment, Role


@login_required
def inbox(request):
    """The mentor's requests inbox: pending first, then the recent answers."""
    return render(request, "matching/mentorshiprequest_inbox.html", inbox_page(user=request.user))


@login_required
def request_detail(request, pk):
    context = request_page(request=own_request(request, pk), user=request.user)
    context.update(decline_form=DeclineForm(), question_form=QuestionForm(), answer_form=AnswerForm())
    return render(request, "matching/mentorshiprequest_detail.html", context)


@login_required
def request_mentor(request, cohort_pk, user_pk):
    cohort = mentee_cohort(request, cohort_pk)
    mentor = cohort_mentor(cohort, user_pk)
    form = RequestMentorForm(
        request.POST or None,
        initial={
            "proposed_cadence_days": cohort.rule("meeting_cadence_days"),
            "proposed_length_minutes": cohort.rule("meeting_length_minutes"),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.request_mentor(mentee=request.user, mentor=mentor, cohort=cohort, **form.cleaned_data)
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, f"Your request is on its way to {mentor.display_name}.")
            return back_or(request, sent)
    return render(request, "matching/mentorshiprequest_form.html", {"form": form, "cohort": cohort, "mentor": mentor})


def _answering(action, success: str, form_class=None, field: str = ""):
    """A POST view that answers (or withdraws) a request the viewer is part of, with the form's one text field."""

    @require_POST
    @login_required
    def view(request, pk):
        mentorship_request = own_request(request, pk)
        try:
            text = {field: posted_text(form_class, request, field)} if form_class else {}
        except ValidationError as exc:
            refuse(request, exc)
            return redirect(mentorship_request)
        return act(request, mentorship_request, action, success, request=mentorship_request, **text)

    view.__name__ = view.__qualname__ = action.__name__
    return view


withdraw = _answering(services.withdraw_request, "Request withdrawn.")
accept = _answering(services.accept_request, "Accepted: your mentorship has started.")
decline = _answering(services.decline_request, "Declined. Thank you for answering.", DeclineForm, "message")
think = _answering(services.think_about_request, "The mentee knows you are thinking about it.")
ask_question = _answering(services.ask_question, "Question sent.", QuestionForm, "question")
answer_question = _answering(services.answer_question, "Answer sent.", AnswerForm, "answer")


@require_POST
@login_required
def resume(request, pk):
    enrollment = get_object_or_404(Enrollment.objects.filter(user=request.user, role=Role.MENTOR), pk=pk)
    services.resume_mentor(enrollment=enrollment)
    messages.success(request, f"You are taking requests again in {enrollment.cohort}.")
    return redirect("matching:inbox")
