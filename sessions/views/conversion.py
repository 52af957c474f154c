"""The end of a program, for each side of a pair: the private question, the survey and the thank-you note."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sessions.closeout import closing_page
from sessions.forms import CloseOutSurveyForm, ConversionAnswerForm, ThankYouNoteForm
from sessions.services.conversion import (
    answer_conversion_prompt,
    closing_url,
    send_thank_you_note,
    submit_closeout_survey,
)
from sessions.views._access import pair_for, refused


def _page(request, mentorship, **forms):
    context = closing_page(mentorship=mentorship, user=request.user)
    answer = context["answer"]
    context["answer_form"] = forms.get("answer_form") or ConversionAnswerForm(
        initial={"choice": answer.choice} if answer else None
    )
    context["survey_form"] = forms.get("survey_form") or CloseOutSurveyForm()
    context["thanks_form"] = forms.get("thanks_form") or ThankYouNoteForm()
    for form, name in (
        ("answer_form", "conversion_answer"),
        ("survey_form", "closeout_survey"),
        ("thanks_form", "thank_you_send"),
    ):
        context[form].helper.form_action = reverse(f"sessions:{name}", args=[mentorship.pk])
    return render(request, "sessions/closeout_detail.html", context)


def _back(mentorship, anchor: str):
    return redirect(f"{closing_url(mentorship.pk)}#{anchor}")


@login_required
def closing_detail(request, pk):
    return _page(request, pair_for(request, pk))


@require_POST
@login_required
def conversion_answer(request, pk):
    mentorship = pair_for(request, pk)
    form = ConversionAnswerForm(request.POST)
    if not form.is_valid():
        return _page(request, mentorship, answer_form=form)
    try:
        answer_conversion_prompt(mentorship=mentorship, by=request.user, choice=form.cleaned_data["choice"])
    except ValidationError as exc:
        refused(request, exc)
    else:
        messages.success(request, "Your answer is saved. It stays private unless you both choose to continue.")
    return _back(mentorship, "answer")


@require_POST
@login_required
def closeout_survey(request, pk):
    mentorship = pair_for(request, pk)
    form = CloseOutSurveyForm(request.POST)
    if not form.is_valid():
        return _page(request, mentorship, survey_form=form)
    try:
        submit_closeout_survey(mentorship=mentorship, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        refused(request, exc)
    else:
        messages.success(request, "Thank you: your answers go into the program's totals, never with your name.")
    return _back(mentorship, "survey")


@require_POST
@login_required
def thank_you_send(request, pk):
    mentorship = pair_for(request, pk)
    form = ThankYouNoteForm(request.POST)
    if not form.is_valid():
        return _page(request, mentorship, thanks_form=form)
    try:
        send_thank_you_note(mentorship=mentorship, by=request.user, body=form.cleaned_data["body"])
    except ValidationError as exc:
        refused(request, exc)
    else:
        messages.success(request, "Your thank-you note is on its way.")
    return _back(mentorship, "thanks")
