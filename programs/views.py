import csv

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import services
from .forms import (
    CapacityForm,
    CohortForm,
    CoordinatorForm,
    EnrollmentFilterForm,
    InviteForm,
    OrientationItemForm,
    ProgramForm,
)
from .models import Cohort, Enrollment, Invitation, OrientationItem, Phase, Program, Role

PEOPLE_PER_PAGE = 100
# Who counts as taking part: people in a cohort now, and those who saw an ended cohort through.
TAKING_PART = [Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED]


def _program(request, slug) -> Program:
    return get_object_or_404(Program.objects.for_user(request.user), slug=slug)


def _cohort(request, pk) -> Cohort:
    return get_object_or_404(Cohort.objects.for_coordinator(request.user).select_related("program"), pk=pk)


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


# Participants


@login_required
def my_programs(request):
    enrollments = (
        Enrollment.objects.for_user(request.user)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .select_related("cohort__program")
        .with_matched()
        .with_orientation_total()
        .order_by("-cohort__starts_on", "role")
    )
    profile = getattr(request.user, "profile", None)
    rows = [(e, _next_steps(e, profile)) for e in enrollments]
    coordinated = Program.objects.for_user(request.user).annotate(cohort_count=Count("cohorts"))
    return render(request, "programs/enrollment_my_programs.html", {"rows": rows, "coordinated": coordinated})


def _next_steps(enrollment: Enrollment, profile) -> list[str]:
    """What this person should do next in this cohort, as keys the template turns into links."""
    phase = enrollment.cohort.phase
    if enrollment.status != Enrollment.Status.ACTIVE or phase == Phase.ENDED:
        return []
    steps = []
    if profile is None or not profile.is_complete:
        steps.append("profile")
    if enrollment.orientation_total and not enrollment.orientation_completed_at:
        steps.append("orientation")
    if not enrollment.is_matched and phase in (Phase.ENROLLING, Phase.MATCHING, Phase.ACTIVE):
        steps.append("find_mentor" if enrollment.role == Role.MENTEE else "wait_for_requests")
    return steps


@login_required
def orientation(request, pk):
    enrollment = get_object_or_404(
        Enrollment.objects.for_user(request.user).active().select_related("cohort__program"), pk=pk
    )
    items = OrientationItem.objects.filter(cohort=enrollment.cohort, role=enrollment.role)
    done = set(enrollment.orientation_checks.values_list("item_id", flat=True))
    return render(
        request,
        "programs/orientation_checklist.html",
        {"enrollment": enrollment, "items": [(item, item.pk in done) for item in items]},
    )


@login_required
@require_POST
def orientation_check(request, pk, item_pk):
    enrollment = get_object_or_404(Enrollment.objects.for_user(request.user).active(), pk=pk)
    item = get_object_or_404(OrientationItem, pk=item_pk, cohort=enrollment.cohort_id, role=enrollment.role)
    try:
        services.check_orientation_item(enrollment=enrollment, item=item, done=request.POST.get("done") == "1")
    except ValidationError as exc:
        _error(request, exc)
    return redirect("programs:orientation", pk=enrollment.pk)


# Invitations, for the person holding the link


def invitation_accept(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("cohort__program"), token=token)
    problem = services.invitation_problem(invitation)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            enrollment = services.accept_invitation(invitation=invitation, user=request.user)
        except ValidationError as exc:
            _error(request, exc)
            return redirect("programs:invitation_accept", token=token)
        messages.success(request, f"Welcome to {enrollment.cohort} as {enrollment.get_role_display().lower()}.")
        return redirect("programs:my_programs")
    if not problem and not request.user.is_authenticated:
        # The link was mailed to this address, so whoever holds it has proved they read that
        # mailbox: allauth pre-fills the sign-up form with a stashed address and marks it verified
        # when the person signs up with it, so they skip the confirmation e-mail and come straight
        # back here. Signing up with another address still goes through verification.
        # The way back here is the `next` of the sign-up and log-in links on the page.
        get_adapter(request).stash_verified_email(request, invitation.email)
    wrong_account = (
        request.user.is_authenticated and not problem and not services.user_owns_address(request.user, invitation.email)
    )
    return render(
        request,
        "programs/invitation_accept.html",
        {"invitation": invitation, "cohort": invitation.cohort, "problem": problem, "wrong_account": wrong_account},
    )


# Coordinators


@login_required
def program_list(request):
    # An aggregate drops Meta.ordering from the query, so the order is spelled out.
    programs = Program.objects.for_user(request.user).annotate(cohort_count=Count("cohorts")).order_by("name", "pk")
    return render(request, "programs/program_list.html", {"programs": programs})


@login_required
def program_create(request):
    if not request.user.is_coordinator:
        raise Http404("Only coordinators create programs.")
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        program = services.create_program(program=form.save(commit=False), created_by=request.user)
        messages.success(request, f"{program} is created. Add its first cohort.")
        return redirect(program)
    return render(request, "programs/program_form.html", {"form": form})


@login_required
def program_detail(request, slug):
    program = _program(request, slug)
    taking_part = Q(enrollments__status__in=TAKING_PART)
    cohorts = (
        program.cohorts.annotate(
            mentor_count=Count("enrollments", filter=taking_part & Q(enrollments__role=Role.MENTOR)),
            mentee_count=Count("enrollments", filter=taking_part & Q(enrollments__role=Role.MENTEE)),
        )
        .select_related("program")
        .order_by("-starts_on", "name")
    )
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "cohorts": cohorts,
            "coordinators": program.coordinators.all(),
            "coordinator_form": CoordinatorForm(),
        },
    )


@login_required
def program_edit(request, slug):
    program = _program(request, slug)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The program is saved.")
        return redirect(program)
    return render(request, "programs/program_form.html", {"form": form, "program": program})


@login_required
@require_POST
def coordinator_add(request, slug):
    program = _program(request, slug)
    form = CoordinatorForm(request.POST)
    if form.is_valid():
        try:
            person = services.add_coordinator(program=program, email=form.cleaned_data["email"], added_by=request.user)
            messages.success(request, f"{person} now coordinates {program}.")
        except ValidationError as exc:
            _error(request, exc)
    else:
        messages.error(request, "Enter a valid e-mail address.")
    return redirect(program)


@login_required
def cohort_create(request, slug):
    program = _program(request, slug)
    form = CohortForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        cohort = form.save()
        # A span warning, if any, stands on the cohort page itself.
        messages.success(request, f"{cohort.name} is created.")
        return redirect(cohort)
    return render(request, "programs/cohort_form.html", {"form": form, "program": program})


@login_required
def cohort_edit(request, pk):
    cohort = _cohort(request, pk)
    form = CohortForm(request.POST or None, instance=cohort, program=cohort.program)
    if request.method == "POST" and form.is_valid():
        cohort = form.save()
        messages.success(request, "The cohort is saved.")
        return redirect(cohort)
    return render(request, "programs/cohort_form.html", {"form": form, "program": cohort.program, "cohort": cohort})


@login_required
def cohort_detail(request, pk):
    cohort = _cohort(request, pk)
    counts = {
        (row["role"], row["status"]): row["n"]
        for row in cohort.enrollments.order_by().values("role", "status").annotate(n=Count("pk"))
    }
    count_rows = [
        (label, [counts.get((role, status), 0) for status in Enrollment.Status.values]) for role, label in Role.choices
    ]
    items = OrientationItem.objects.filter(cohort=cohort).annotate(
        done_count=Count("checks", filter=Q(checks__enrollment__status__in=TAKING_PART))
    )
    finished = {
        row["role"]: row["n"]
        for row in cohort.enrollments.filter(status__in=TAKING_PART, orientation_completed_at__isnull=False)
        .order_by()
        .values("role")
        .annotate(n=Count("pk"))
    }
    invitations = cohort.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    return render(
        request,
        "programs/cohort_detail.html",
        {
            "cohort": cohort,
            "program": cohort.program,
            "timeline": _timeline(cohort),
            "statuses": Enrollment.Status.choices,
            "count_rows": count_rows,
            "orientation_items": items,
            "orientation_finished": [(label, finished.get(role, 0)) for role, label in Role.choices],
            "orientation_form": OrientationItemForm(),
            "invitations": invitations[:50],
            "invitation_count": invitations.count(),
            "now": timezone.now(),
        },
    )


def _timeline(cohort: Cohort) -> dict:
    """The six phases as segments of the cohort's span, for the strip on the cohort page."""
    today = timezone.localdate()
    start = min(cohort.enrollment_opens, cohort.starts_on)
    bounds = [
        (Phase.ENROLLING, cohort.enrollment_opens, cohort.enrollment_closes),
        (Phase.MATCHING, cohort.enrollment_closes, cohort.matching_closes),
        (Phase.ACTIVE, cohort.matching_closes, max(cohort.closing_starts, cohort.matching_closes)),
        (Phase.CLOSING, max(cohort.closing_starts, cohort.matching_closes), cohort.ends_on),
    ]
    span = max((cohort.ends_on - start).days, 1)
    segments = [
        {
            "phase": phase,
            "starts": begin,
            "ends": end,
            "width": round(100 * max((end - begin).days, 0) / span, 2),
            "current": cohort.phase_on(today) == phase,
        }
        for phase, begin, end in bounds
    ]
    marker = None
    if start <= today <= cohort.ends_on:
        marker = round(100 * (today - start).days / span, 2)
    return {"segments": segments, "today": today, "marker": marker, "phase": cohort.phase_on(today)}


@login_required
@require_POST
def orientation_item_add(request, pk):
    cohort = _cohort(request, pk)
    form = OrientationItemForm(request.POST)
    if form.is_valid():
        services.add_orientation_item(cohort=cohort, **form.cleaned_data)
        messages.success(request, "The step is added to the checklist.")
    else:
        messages.error(request, "A step needs a role and a title.")
    return redirect(cohort)


@login_required
@require_POST
def orientation_item_delete(request, pk, item_pk):
    cohort = _cohort(request, pk)
    item = get_object_or_404(OrientationItem, pk=item_pk, cohort=cohort)
    services.remove_orientation_item(item=item)
    messages.success(request, "The step is removed.")
    return redirect(cohort)


@login_required
def invite(request, pk):
    cohort = _cohort(request, pk)
    form = InviteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.invite_people(cohort=cohort, rows=form.cleaned_data["rows"], invited_by=request.user)
        except ValidationError as exc:
            _error(request, exc)
            return redirect(cohort)
        sent = len(result.created)
        messages.success(request, f"{sent} invitation{'' if sent == 1 else 's'} sent.")
        if not result.skipped:
            return redirect(cohort)
        return render(request, "programs/invitation_result.html", {"cohort": cohort, "result": result})
    return render(request, "programs/invitation_form.html", {"cohort": cohort, "form": form})


def _open_invitation(request, pk, invitation_pk) -> Invitation:
    cohort = _cohort(request, pk)
    return get_object_or_404(Invitation.objects.select_related("cohort"), pk=invitation_pk, cohort=cohort)


@login_required
@require_POST
def invitation_resend(request, pk, invitation_pk):
    invitation = _open_invitation(request, pk, invitation_pk)
    try:
        services.resend_invitation(invitation=invitation, by=request.user)
        messages.success(request, f"The invitation to {invitation.email} is sent again, with a new link.")
    except ValidationError as exc:
        _error(request, exc)
    return redirect(invitation.cohort)


@login_required
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    invitation = _open_invitation(request, pk, invitation_pk)
    try:
        services.revoke_invitation(invitation=invitation, by=request.user)
        messages.success(request, f"The invitation to {invitation.email} is revoked; its link no longer works.")
    except ValidationError as exc:
        _error(request, exc)
    return redirect(invitation.cohort)


def _enrollments(cohort: Cohort):
    return (
        cohort.enrollments.select_related("user")
        .with_matched()
        .with_profile_complete()
        .order_by("role", "user__first_name", "user__last_name", "user__email")
    )


@login_required
def enrollment_list(request, pk):
    cohort = _cohort(request, pk)
    filters = EnrollmentFilterForm(request.GET or None)
    page = Paginator(filters.filter(_enrollments(cohort)), PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programs/enrollment_list.html",
        {
            "cohort": cohort,
            "filters": filters,
            "page": page,
            "enrollments": page.object_list,
            "query": query.urlencode(),
            "filters_query": request.GET.urlencode(),
        },
    )


@login_required
def enrollment_export(request, pk):
    cohort = _cohort(request, pk)
    enrollments = EnrollmentFilterForm(request.GET or None).filter(_enrollments(cohort))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}-enrollments.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["email", "first name", "last name", "role", "status", "capacity", "profile complete", "orientation done",
         "matched", "enrolled on"]
    )  # fmt: skip
    default_capacity = cohort.rule("mentor_capacity")
    for e in enrollments:
        capacity = (e.capacity_override if e.capacity_override is not None else default_capacity) if e.is_mentor else ""
        writer.writerow(
            [_safe(e.user.email), _safe(e.user.first_name), _safe(e.user.last_name), e.role, e.status, capacity,
             _yes(e.has_complete_profile), _yes(e.orientation_completed_at), _yes(e.is_matched),
             f"{e.enrolled_at:%Y-%m-%d}"]
        )  # fmt: skip
    return response


def _yes(value) -> str:
    return "yes" if value else "no"


def _safe(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: quote them."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@login_required
@require_POST
def enrollment_withdraw(request, pk, enrollment_pk):
    cohort = _cohort(request, pk)
    enrollment = get_object_or_404(cohort.enrollments.select_related("user"), pk=enrollment_pk)
    try:
        services.withdraw_enrollment(enrollment=enrollment, by=request.user)
        messages.success(request, f"{enrollment.user} is withdrawn from the cohort.")
    except ValidationError as exc:
        _error(request, exc)
    return _back_to_people(request, cohort)


@login_required
@require_POST
def enrollment_capacity(request, pk, enrollment_pk):
    cohort = _cohort(request, pk)
    enrollment = get_object_or_404(cohort.enrollments.select_related("user", "cohort__program"), pk=enrollment_pk)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            services.set_mentor_capacity(enrollment=enrollment, capacity=form.cleaned_data["capacity"], by=request.user)
            capacity = enrollment.capacity
            messages.success(
                request, f"{enrollment.user} now takes up to {capacity} mentee{'' if capacity == 1 else 's'}."
            )
        except ValidationError as exc:
            _error(request, exc)
    else:
        messages.error(request, "A capacity is a number between 0 and 20.")
    return _back_to_people(request, cohort)


def _back_to_people(request, cohort: Cohort):
    """Back to the people list with the filters and page the coordinator was on."""
    filters = QueryDict(request.POST.get("filters", "")).urlencode()
    url = reverse("programs:enrollment_list", args=[cohort.pk])
    return redirect(f"{url}?{filters}" if filters else url)
