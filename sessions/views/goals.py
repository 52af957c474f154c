"""SMART goals: the mentee's own, and those shared with their mentors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.web import back_or, refuse
from sessions import services
from sessions.forms import CheckInForm, GoalCommentForm, GoalForm, GoalStatusForm, error_text
from sessions.selectors import goals
from sessions.views._access import goal_for, mentored_goal_for, own_goal_for


@login_required
def goal_list(request):
    return render(request, "sessions/goal_list.html", goals.goal_list(user=request.user))


@login_required
def goal_create(request):
    enrollments = goals.mentee_enrollments(request.user)
    form = GoalForm(
        request.POST or None,
        enrollments=enrollments,
        mentorships=goals.mentee_mentorships(request.user),
        initial={"enrollment": enrollments.first()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            goal = services.create_goal(enrollment=data.pop("enrollment"), by=request.user, **data)
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, "Goal saved and shared with your mentors.")
            return back_or(request, goal)
    return render(request, "sessions/goal_form.html", {"form": form, "goal": None, "has_cohort": enrollments.exists()})


@login_required
def goal_edit(request, pk):
    goal = own_goal_for(request, pk)
    form = GoalForm(
        request.POST or None,
        instance=goal,
        enrollments=goals.mentee_enrollments(request.user),
        mentorships=goals.mentee_mentorships(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("enrollment")
        goal.refresh_from_db()
        try:
            services.update_goal(goal=goal, by=request.user, **data)
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, "Goal updated.")
            return redirect(goal)
    return render(request, "sessions/goal_form.html", {"form": form, "goal": goal, "has_cohort": True})


@login_required
def goal_detail(request, pk):
    context = goals.goal_page(goal=goal_for(request, pk), user=request.user)
    context.update(check_in_form=CheckInForm(unit=context["goal"].unit), comment_form=GoalCommentForm())
    return render(request, "sessions/goal_detail.html", context)


@require_POST
@login_required
def goal_check_in(request, pk):
    goal = goal_for(request, pk)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            services.record_check_in(goal=goal, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, "Progress recorded.")
    else:
        messages.error(request, error_text(form))
    return redirect(goal)


@require_POST
@login_required
def goal_status(request, pk):
    goal = own_goal_for(request, pk)
    actions = {
        "achieved": (services.mark_goal_achieved, "Well done! Your mentors are asked to confirm it."),
        "dropped": (services.drop_goal, "Goal dropped. Knowing what not to pursue is progress too."),
        "active": (services.reopen_goal, "Goal reopened."),
    }
    form = GoalStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return redirect(goal)
    action, success = actions[form.cleaned_data["status"]]
    try:
        action(goal=goal, by=request.user)
    except ValidationError as exc:
        refuse(request, exc)
    else:
        messages.success(request, success)
    return redirect(goal)


@require_POST
@login_required
def goal_confirm(request, pk):
    goal = mentored_goal_for(request, pk)
    try:
        services.confirm_goal_achieved(goal=goal, by=request.user)
    except ValidationError as exc:
        refuse(request, exc)
    else:
        messages.success(request, "Achievement confirmed.")
    return redirect(goal)


@require_POST
@login_required
def goal_comment(request, pk):
    goal = goal_for(request, pk)
    form = GoalCommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_on_goal(goal=goal, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, "Comment added.")
    else:
        messages.error(request, error_text(form))
    return redirect(f"{goal.get_absolute_url()}#comments")
