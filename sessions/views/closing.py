"""The end of a program, for each side of a pair: the private question, the survey and the thank-you note."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentoring.web import refuse
from programs.models import Survey
from sessions import services
from sessions.forms import CloseOutSurveyForm, ClosingAnswerForm, ThankYouNoteForm
from sessions.selectors.closing import closing_page
from sessions.services.closing import closing_url
from sessions.views._access import pair_for


def _page(request, mentorship, **forms):
    context = closing_page(mentorship=mentorship, user=request.user)
    answer = context["answer"]
    context["answer_form"] = forms.get("answer_form") or ClosingAnswerForm(
        initial={"choice": answer.choice} if answer else None
    )
    survey = context["closing_survey"]
    context["survey_form"] = forms.get("survey_form") or CloseOutSurveyForm(
        questions=survey.questions.all() if survey else []
    )
    context["thanks_form"] = forms.get("thanks_form") or ThankYouNoteForm()
    for form, name in (
        ("answer_form", "closing_answer"),
        ("survey_form", "closing_survey"),
        ("thanks_form", "thank_you_send"),
    ):
        context[form].helper.form_action = reverse(f"sessions:{name}", args=[mentorship.pk])
    return render(request, "sessions/closing_detail.html", context)


def _back(mentorship, anchor: str):
    return redirect(f"{closing_url(mentorship.pk)}#{anchor}")


@login_required
def closing_detail(request, pk):
    return _page(request, pair_for(request, pk))


def _submitter(form_class, form_key: str, anchor: str, act, done: str):
    """A view for one of the page's three forms: validate the side's form, call the service, say how it went and
    go back to that part of the page (or show the page again with the refused form)."""

    @require_POST
    @login_required
    def submit(request, pk):
        mentorship = pair_for(request, pk)
        form = form_class(request.POST)
        if not form.is_valid():
            return _page(request, mentorship, **{form_key: form})
        try:
            act(mentorship=mentorship, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, done)
        return _back(mentorship, anchor)

    return submit


closing_answer = _submitter(
    ClosingAnswerForm, "answer_form", "answer", services.answer_closing_question,
    "Your answer is saved. It stays private unless you both choose to continue.",
)  # fmt: skip


@require_POST
@login_required
def closing_survey(request, pk):
    """The cohort's close-out survey, answered from the closing page (its form has that survey's questions)."""
    mentorship = pair_for(request, pk)
    survey = Survey.objects.closing().filter(cohort_id=mentorship.cohort_id).first()
    questions = survey.questions.order_by("order", "pk") if survey else []
    form = CloseOutSurveyForm(request.POST, questions=questions)
    if not form.is_valid():
        return _page(request, mentorship, survey_form=form)
    try:
        services.submit_closing_survey(mentorship=mentorship, by=request.user, answers=form.answers())
    except ValidationError as exc:
        refuse(request, exc)
    else:
        messages.success(request, "Thank you: your answers go into the program's totals, never with your name.")
    return _back(mentorship, "survey")


thank_you_send = _submitter(
    ThankYouNoteForm, "thanks_form", "thanks", services.send_thank_you_note, "Your thank-you note is on its way."
)
