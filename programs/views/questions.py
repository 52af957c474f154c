"""A coordinator's questions and matching rules for a program: the list, adding, editing, ordering, removing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentoring.web import refuse
from programs.forms import MoveForm, QuestionForm, RuleForm
from programs.models import MatchRule, Question
from programs.selectors.questions import questions_page
from programs.services import questions as services
from programs.services import rules as rule_services

from ._access import program_for


def _question_for(request, slug: str, question_pk: int) -> Question:
    return get_object_or_404(Question.objects.filter(program=program_for(request, slug)), pk=question_pk)


def _back(program):
    return redirect("programs:question_list", slug=program.slug)


@login_required
def question_list(request, slug):
    page = questions_page(program_for(request, slug))
    return render(request, "programs/question_list.html", {"program": page.program, "page": page})


@login_required
def question_create(request, slug):
    program = program_for(request, slug)
    form = QuestionForm(request.POST or None, instance=Question(program=program))
    if request.method == "POST" and form.is_valid():
        try:
            question = services.add_question(program=program, fields=form.question_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"“{question.text}” is added.")
            return _back(program)
    return render(request, "programs/question_form.html", {"program": program, "form": form})


@login_required
def question_edit(request, slug, question_pk):
    question = _question_for(request, slug, question_pk)
    program = question.program
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_question(question=question, fields=form.question_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The question is saved.")
            return _back(program)
    return render(request, "programs/question_form.html", {"program": program, "form": form, "question": question})


@login_required
@require_POST
def question_delete(request, slug, question_pk):
    question = _question_for(request, slug, question_pk)
    try:
        answers = services.remove_question(question=question)
    except ValidationError as exc:
        refuse(request, exc)
    else:
        messages.success(request, f"“{question.text}” is removed, with {answers} answer{'' if answers == 1 else 's'}.")
    return _back(question.program)


@login_required
@require_POST
def question_move(request, slug, question_pk):
    question = _question_for(request, slug, question_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_question(question=question, up=form.up)
    return _back(question.program)


@login_required
def rule_create(request, slug):
    program = program_for(request, slug)
    form = RuleForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            rule = rule_services.add_rule(program=program, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"The rule is added: {rule.description}.")
            return redirect(f"{reverse('programs:question_list', args=[program.slug])}#rules-heading")
    return render(request, "programs/matchrule_form.html", {"program": program, "form": form})


@login_required
@require_POST
def rule_delete(request, slug, rule_pk):
    program = program_for(request, slug)
    rule = get_object_or_404(MatchRule.objects.filter(program=program), pk=rule_pk)
    rule_services.remove_rule(rule=rule)
    messages.success(request, "The rule is removed.")
    return _back(program)
