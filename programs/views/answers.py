"""A person's answers to the questions of the programs they take part in (or applied to). The form is a partial,
`programs/_answers.html`, that other pages (onboarding) can embed with an AnswersForm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from programs.forms import AnswersForm
from programs.models import Program
from programs.selectors.questions import answer_sheet
from programs.selectors.questions import my_answers as programs_answering
from programs.services.questions import save_answers


@login_required
def my_answers(request):
    return render(request, "programs/answer_list.html", {"rows": programs_answering(request.user)})


@login_required
def answers(request, slug):
    program = get_object_or_404(Program, slug=slug)
    sheet = answer_sheet(request.user, program)
    if not sheet.roles:
        raise Http404("You do not take part in this program.")
    # Bound on any POST: an empty one (no answer ticked) must still be checked for required questions.
    data = request.POST if request.method == "POST" else None
    form = AnswersForm(data, questions=sheet.questions, stored=sheet.stored)
    if request.method == "POST" and form.is_valid():
        try:
            save_answers(user=request.user, program=program, answers=form.answers())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Your answers for {program.name} are saved.")
            return redirect("programs:answers", slug=program.slug)
    return render(request, "programs/answer_form.html", {"program": program, "sheet": sheet, "form": form})
