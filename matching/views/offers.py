"""Mentor offers: a mentor finds the cohort's mentees and offers; the mentee accepts, asks or declines."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from matching.forms import AnswerForm, OfferForm, QuestionForm
from matching.selectors.offers import offer_mentees
from matching.services import offers as services
from matching.views._access import REFUSED, act, attempt, mentor_cohort, own_offer, posted_text


@login_required
def offer_mentees_page(request, cohort_pk):
    cohort = mentor_cohort(request, cohort_pk)
    return render(request, "matching/offer_mentees.html", offer_mentees(cohort=cohort, mentor=request.user))


@login_required
def offer_create(request, cohort_pk, user_pk):
    cohort = mentor_cohort(request, cohort_pk)
    mentee = get_object_or_404(get_user_model(), pk=user_pk)
    in_cohort = cohort.enrollments.filter(user=mentee, role="mentee", status="active").exists()
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_mentoring(
                mentor=request.user, mentee=mentee, cohort=cohort, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Your offer is sent to {mentee.display_name}.")
            return redirect(offer)
    # Someone outside the cohort is not named: the page only says the offer cannot go to them.
    return render(
        request,
        "matching/offer_form.html",
        {"cohort": cohort, "mentee": mentee if in_cohort else None, "form": form},
    )


@login_required
def offer_detail(request, pk):
    offer = own_offer(request, pk)
    context = {"offer": offer, "is_mentee": offer.mentee_id == request.user.pk,
               "question_form": QuestionForm(), "answer_form": AnswerForm()}  # fmt: skip
    return render(request, "matching/offer_detail.html", context)


@login_required
@require_POST
def offer_accept(request, pk):
    offer = own_offer(request, pk)
    mentorship = attempt(request, services.accept_offer, offer=offer)
    if mentorship is REFUSED:
        return redirect(offer)
    messages.success(request, f"{offer.mentor.display_name} is now your mentor.")
    return redirect(mentorship)


@login_required
@require_POST
def offer_decline(request, pk):
    offer = own_offer(request, pk)
    return act(request, offer, services.decline_offer, "The offer is declined; the mentor is told kindly.", offer=offer)


@login_required
@require_POST
def offer_withdraw(request, pk):
    offer = own_offer(request, pk)
    return act(request, offer, services.withdraw_offer, "Your offer is withdrawn.", offer=offer)


@login_required
@require_POST
def offer_question(request, pk):
    offer = own_offer(request, pk)
    question = posted_text(QuestionForm, request, "question")
    return act(request, offer, services.ask_about_offer, "Your question is sent.", offer=offer, question=question)


@login_required
@require_POST
def offer_answer(request, pk):
    offer = own_offer(request, pk)
    answer = posted_text(AnswerForm, request, "answer")
    return act(request, offer, services.answer_offer_question, "Your answer is sent.", offer=offer, answer=answer)
