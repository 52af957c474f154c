"""Surveys: a coordinator's list, new survey, results and their CSV; a person's answer page (their own ask only)."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mentoring.accounts.second_factor import second_factor_required
from mentoring.web import csv_safe, refuse_on_form
from programs.forms import AnswersForm, SurveyForm, SurveyQuestionFormSet
from programs.models import Survey, SurveyAsk
from programs.selectors.surveys import cohort_survey_results, survey_results
from programs.services import surveys as services

from ._access import cohort_for


@second_factor_required
def _survey_for(request, survey_pk: int) -> Survey:
    return get_object_or_404(Survey.objects.for_coordinator(request.user).select_related("cohort"), pk=survey_pk)


@login_required
def survey_list(request, pk):
    cohort = cohort_for(request, pk)
    return render(request, "programs/survey_list.html", {"cohort": cohort, "results": cohort_survey_results(cohort)})


@login_required
def survey_create(request, pk):
    cohort = cohort_for(request, pk)
    form = SurveyForm(request.POST or None, instance=Survey(cohort=cohort))
    questions = SurveyQuestionFormSet(request.POST or None, prefix="questions")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        data = form.cleaned_data
        try:
            survey = services.create_survey(
                cohort=cohort,
                by=request.user,
                title=data["title"],
                intro=data["intro"],
                audience=data["audience"],
                trigger=data["trigger"],
                send_on=data["send_on"],
                questions=questions.questions(),
                with_score=data["with_score"],
            )
        except ValidationError as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(request, f"“{survey.title}” is ready: the scan asks people {survey.when.lower()}.")
            return redirect("programs:survey_list", pk=cohort.pk)
    return render(request, "programs/survey_form.html", {"cohort": cohort, "form": form, "questions": questions})


@login_required
def survey_results_page(request, survey_pk):
    survey = _survey_for(request, survey_pk)
    (result,) = survey_results(Survey.objects.filter(pk=survey.pk))
    return render(request, "programs/survey_results.html", {"cohort": survey.cohort, "result": result})


@login_required
def survey_export(request, survey_pk):
    """The aggregates as CSV: nothing when fewer than three answered, and never a short text or a person."""
    survey = _survey_for(request, survey_pk)
    (result,) = survey_results(Survey.objects.filter(pk=survey.pk))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.csv"'
    writer = csv.writer(response)
    writer.writerow(["Survey", "Question", "Measure", "Value"])
    writer.writerow([csv_safe(survey.title), "", "Asked", result.asked])
    writer.writerow([csv_safe(survey.title), "", "Answered", result.answered])
    if result.enough:
        for question in result.questions:
            for measure, value in question.rows:
                writer.writerow([csv_safe(survey.title), csv_safe(question.question.text), csv_safe(measure), value])
    return response


@login_required
def survey_answer(request, ask_pk):
    ask = get_object_or_404(SurveyAsk.objects.for_user(request.user).select_related("survey__cohort"), pk=ask_pk)
    questions = list(ask.survey.questions.order_by("order", "pk"))
    form = AnswersForm(request.POST or None, questions=questions, stored={})
    if request.method == "POST" and not ask.is_answered and form.is_valid():
        try:
            services.answer_survey(ask=ask, answers=form.answers())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Thank you: your answers are in, added up with everyone else's.")
            return redirect("home:index")
    return render(request, "programs/survey_answer.html", {"ask": ask, "survey": ask.survey, "form": form})
