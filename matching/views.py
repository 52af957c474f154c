from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from matching import services
from matching.board import BoardSeats, board_for
from matching.forms import AnswerForm, BoardSeatForm, DeclineForm, QuestionForm, RequestMentorForm
from matching.models import BoardRole, Mentorship, MentorshipRequest
from matching.suggestions import explanation_for, fill_display, suggestions_for
from mentoring.profiles.models import Language, Profile, Skill
from programs.models import Cohort, Enrollment, Role


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _mentee_cohort(request, cohort_pk: int) -> Cohort:
    """A cohort the viewer is an active mentee of, or 404."""
    return get_object_or_404(
        Cohort.objects.filter(
            enrollments__user=request.user, enrollments__role=Role.MENTEE, enrollments__status=Enrollment.Status.ACTIVE
        ).select_related("program"),
        pk=cohort_pk,
    )


def _cohort_mentor(cohort: Cohort, user_pk: int):
    return get_object_or_404(
        get_user_model().objects.filter(
            enrollments__cohort=cohort, enrollments__role=Role.MENTOR, enrollments__status=Enrollment.Status.ACTIVE
        ),
        pk=user_pk,
    )


@login_required
def inbox(request):
    """The mentor's requests inbox: pending first, then the recent answers."""
    received = MentorshipRequest.objects.filter(mentor=request.user).select_related("mentee", "cohort__program")
    paused = Enrollment.objects.filter(user=request.user, role=Role.MENTOR, paused_at__isnull=False).select_related(
        "cohort__program"
    )
    roles = set(
        Enrollment.objects.filter(user=request.user, status=Enrollment.Status.ACTIVE).values_list("role", flat=True)
    )
    sent = list(MentorshipRequest.objects.filter(mentee=request.user).select_related("mentor", "cohort__program")[:50])
    pending = list(received.pending())
    answered = list(received.exclude(status=MentorshipRequest.Status.PENDING)[:50])
    return render(
        request,
        "matching/mentorshiprequest_inbox.html",
        {
            "pending": pending,
            "answered": answered,
            "sent": sent,
            "paused": paused,
            # Each side sees its own sections: a mentee is not shown an empty mentor's inbox, and the other way round.
            "as_mentor": Role.MENTOR in roles or bool(pending or answered),
            "as_mentee": Role.MENTEE in roles or bool(sent),
        },
    )


@login_required
def request_detail(request, pk):
    mentorship_request = get_object_or_404(
        MentorshipRequest.objects.for_user(request.user).select_related("mentee", "mentor", "cohort__program"), pk=pk
    )
    is_mentor = mentorship_request.mentor_id == request.user.pk
    return render(
        request,
        "matching/mentorshiprequest_detail.html",
        {
            "req": mentorship_request,
            "is_mentor": is_mentor,
            # The mentor decides better knowing who asks: the parts of the profile that serve matching.
            "mentee_profile": Profile.objects.with_skills().filter(user_id=mentorship_request.mentee_id).first()
            if is_mentor
            else None,
            "decline_form": DeclineForm(),
            "question_form": QuestionForm(),
            "answer_form": AnswerForm(),
        },
    )


@login_required
def request_mentor(request, cohort_pk, user_pk):
    cohort = _mentee_cohort(request, cohort_pk)
    mentor = _cohort_mentor(cohort, user_pk)
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
            _error(request, exc)
        else:
            messages.success(request, f"Your request is on its way to {mentor.get_full_name() or mentor}.")
            return redirect(sent)
    return render(request, "matching/mentorshiprequest_form.html", {"form": form, "cohort": cohort, "mentor": mentor})


def _answer(request, pk, action, success: str, **kwargs):
    mentorship_request = get_object_or_404(MentorshipRequest.objects.for_user(request.user), pk=pk)
    try:
        action(request=mentorship_request, by=request.user, **kwargs)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, success)
    return redirect(mentorship_request)


@require_POST
@login_required
def withdraw(request, pk):
    return _answer(request, pk, services.withdraw_request, "Request withdrawn.")


@require_POST
@login_required
def accept(request, pk):
    return _answer(request, pk, services.accept_request, "Accepted: your mentorship has started.")


@require_POST
@login_required
def decline(request, pk):
    form = DeclineForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    return _answer(request, pk, services.decline_request, "Declined. Thank you for answering.", message=message)


@require_POST
@login_required
def think(request, pk):
    return _answer(request, pk, services.think_about_request, "The mentee knows you are thinking about it.")


@require_POST
@login_required
def ask_question(request, pk):
    form = QuestionForm(request.POST)
    question = form.cleaned_data["question"] if form.is_valid() else ""
    return _answer(request, pk, services.ask_question, "Question sent.", question=question)


@require_POST
@login_required
def answer_question(request, pk):
    form = AnswerForm(request.POST)
    answer = form.cleaned_data["answer"] if form.is_valid() else ""
    return _answer(request, pk, services.answer_question, "Answer sent.", answer=answer)


@require_POST
@login_required
def resume(request, pk):
    enrollment = get_object_or_404(Enrollment.objects.filter(user=request.user, role=Role.MENTOR), pk=pk)
    services.resume_mentor(enrollment=enrollment)
    messages.success(request, f"You are taking requests again in {enrollment.cohort}.")
    return redirect("matching:inbox")


@login_required
def find_mentor(request, cohort_pk):
    """The cohort's mentors ranked for me, with reasons and filters; only the current page is rendered."""
    cohort = _mentee_cohort(request, cohort_pk)
    filters = request.GET
    skill = filters.get("skill", "").strip()
    suggestions = suggestions_for(
        cohort=cohort,
        mentee=request.user,
        skill=int(skill) if skill.isdigit() else None,
        department=filters.get("department", "").strip(),
        language=filters.get("language", "").strip(),
        available=bool(filters.get("available")),
    )
    page = Paginator(suggestions, 20).get_page(filters.get("page"))
    fill_display(page.object_list)
    seats = BoardSeats(
        taken=services.mentee_seats_taken(cohort=cohort, mentee_id=request.user.pk),
        allowed=cohort.rule("max_mentors_per_mentee"),
    )
    query = filters.copy()
    query.pop("page", None)
    return render(
        request,
        "matching/mentor_suggestions.html",
        {
            "cohort": cohort,
            "page": page,
            "skills": Skill.objects.order_by("name").values_list("pk", "name"),
            "languages": Language.choices,
            "filters": filters,
            "query": query.urlencode(),
            "seats": seats,
        },
    )


@login_required
def mentor_profile(request, cohort_pk, user_pk):
    cohort = _mentee_cohort(request, cohort_pk)
    mentor = _cohort_mentor(cohort, user_pk)
    profile = Profile.objects.filter(user=mentor).prefetch_related("skills_offered").first()
    seats = BoardSeats(
        taken=services.mentee_seats_taken(cohort=cohort, mentee_id=request.user.pk),
        allowed=cohort.rule("max_mentors_per_mentee"),
    )
    return render(
        request,
        "matching/mentor_profile.html",
        {
            "cohort": cohort,
            "mentor": mentor,
            "profile": profile,
            "match": explanation_for(cohort=cohort, mentee=request.user, mentor=mentor),
            "paired": Mentorship.objects.current().filter(cohort=cohort, mentee=request.user, mentor=mentor).exists(),
            "asked": MentorshipRequest.objects.pending()
            .filter(cohort=cohort, mentee=request.user, mentor=mentor)
            .first(),
            "seats": seats,
        },
    )


BOARD_SUGGESTIONS = 3


@login_required
def my_board(request):
    board = board_for(mentee=request.user)
    cohorts = list(
        Cohort.objects.filter(
            enrollments__user=request.user, enrollments__role=Role.MENTEE, enrollments__status=Enrollment.Status.ACTIVE
        ).select_related("program")
    )
    # Suggestions for a further mentor favour the sought skills the board does not cover yet; a cohort whose
    # seats are all taken gets none, since a request there would be refused.
    next_mentors = []
    for cohort in cohorts:
        seats = BoardSeats(
            taken=sum(1 for m in board.mentorships if m.cohort_id == cohort.pk),
            allowed=cohort.rule("max_mentors_per_mentee"),
        )
        suggestions = []
        if not seats.full:
            suggestions = suggestions_for(
                cohort=cohort, mentee=request.user, covered_skills=board.covered_skill_ids, requestable=True
            )[:BOARD_SUGGESTIONS]
        next_mentors.append((cohort, seats, suggestions))
    fill_display(s for _, _, suggestions in next_mentors for s in suggestions)
    return render(
        request,
        "matching/board.html",
        {
            "board": board,
            "cohorts": cohorts,
            "next_mentors": next_mentors,
            "open_cohorts": [cohort for cohort, seats, _ in next_mentors if not seats.full],
            "seat_form": BoardSeatForm(),
            "roles": BoardRole.choices,
        },
    )


@require_POST
@login_required
def set_board_seat(request, pk):
    mentorship = get_object_or_404(Mentorship.objects.filter(mentee=request.user), pk=pk)
    form = BoardSeatForm(request.POST)
    if form.is_valid():
        try:
            services.set_board_seat(mentorship=mentorship, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, "Your board is updated.")
    return redirect("matching:my_board")
