"""Meetings and their agendas. Agenda edits answer htmx with the agenda fragment, plain posts with a redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring import kept
from mentoring.web import refuse
from sessions import forms, services
from sessions.calendar import meeting_ics
from sessions.selectors import meetings as pages
from sessions.selectors.goals import goal_choices_for
from sessions.selectors.pairs import agreement_of
from sessions.views._access import agenda_item_for, meeting_for, meeting_page_for, pair_for, whole


@login_required
def meeting_create(request, pk):
    mentorship = pair_for(request, pk)
    agreement = agreement_of(mentorship)
    form = forms.MeetingForm(
        request.POST or None, initial={"duration_minutes": agreement.length_minutes, "location": ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(mentorship=mentorship, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, f"Meeting scheduled. {mentorship.other_side(request.user).display_name} is told.")
            return redirect(meeting)
    return render(request, "sessions/meeting_form.html", {"form": form, "mentorship": mentorship, "meeting": None})


@login_required
def meeting_detail(request, pk):
    """The meeting page; for htmx aiming at the agenda (its "show done items" link), only the agenda."""
    switches = forms.MeetingPageForm(request.GET).switches()
    if request.htmx and request.htmx.target == "agenda":
        meeting = meeting_for(request, pk)
        context = pages.agenda(meeting=meeting, user=request.user, show_done=switches["done"])
        return render(
            request, "sessions/_agenda.html", {**context, "agenda_oob": True, "agenda_announce": "Done items shown."}
        )
    meeting = meeting_page_for(request, pk)
    content = kept.draw(
        request,
        "sessions/_meeting_page.html",
        lambda: pages.meeting_page(
            meeting=whole(meeting, lambda: meeting_for(request, pk)),
            user=request.user,
            everything=switches["all"],
            show_done=switches["done"],
        ),
        scopes=lambda: [kept.program(meeting.program_id)],
    )
    partner = meeting.mentorship.other_side(request.user)
    return render(request, "sessions/meeting_detail.html", {"content": content, "meeting": meeting, "partner": partner})


@login_required
def meeting_edit(request, pk):
    meeting = meeting_for(request, pk)
    form = forms.MeetingForm(request.POST or None, instance=meeting if request.method != "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reschedule_meeting(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, "Meeting updated; your partner is told.")
            return redirect(meeting)
    return render(
        request, "sessions/meeting_form.html", {"form": form, "mentorship": meeting.mentorship, "meeting": meeting}
    )


@require_POST
@login_required
def meeting_cancel(request, pk):
    meeting = meeting_for(request, pk)
    form = forms.CancelMeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, forms.error_text(form))
        return redirect(meeting)
    try:
        services.cancel_meeting(meeting=meeting, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        refuse(request, exc)
    else:
        messages.success(request, "Meeting cancelled; your partner is told.")
    return redirect(meeting.mentorship)


@login_required
def meeting_calendar(request, pk):
    meeting = meeting_for(request, pk)
    response = HttpResponse(meeting_ics(meeting, viewer=request.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mentoring-meeting-{meeting.pk}.ics"'
    return response


def _agenda_response(request, meeting, error: str = "", done: str = ""):
    """The agenda fragment for htmx (saying what was done, for screen readers too), or back to the meeting page
    for a plain form post."""
    if request.htmx:
        context = {**pages.agenda(meeting=meeting, user=request.user), "agenda_error": error, "agenda_done": done}
        context["agenda_oob"] = True  # the page's badges and live region follow the agenda
        return render(request, "sessions/_agenda.html", context)
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    return redirect(f"{meeting.get_absolute_url()}#agenda")


def _run(request, agenda_of, action, done, /, form=None, **kwargs):
    """Validate the form if there is one, call the service with its data, then answer with the agenda of the
    meeting `agenda_of`; a refused form or action answers with the reason."""
    if form is not None:
        if not form.is_valid():
            return _agenda_response(request, agenda_of, forms.error_text(form))
        kwargs.update(form.cleaned_data)
    try:
        action(**kwargs)
    except ValidationError as exc:
        return _agenda_response(request, agenda_of, " ".join(exc.messages))
    agenda_of.refresh_from_db()
    return _agenda_response(request, agenda_of, done=done)


@require_POST
@login_required
def meeting_objective(request, pk):
    meeting = meeting_for(request, pk, role="mentee")
    form = forms.ObjectiveForm(request.POST)
    return _run(request, meeting, services.set_objective, "Objective saved.", form, meeting=meeting, by=request.user)


@require_POST
@login_required
def agenda_item_add(request, pk):
    meeting = meeting_for(request, pk)
    form = forms.AgendaItemForm(request.POST, goals=goal_choices_for(meeting.mentorship))
    return _run(request, meeting, services.add_agenda_item, "Item added.", form, meeting=meeting, by=request.user)


@require_POST
@login_required
def agenda_from_template(request, pk):
    meeting = meeting_for(request, pk)
    form = forms.AgendaTemplateChoiceForm(request.POST, program_id=meeting.mentorship.cohort.program_id)
    return _run(
        request, meeting, services.start_agenda_from_template, "Template items added.", form,
        meeting=meeting, by=request.user,
    )  # fmt: skip


@require_POST
@login_required
def agenda_item_move(request, pk):
    item = agenda_item_for(request, pk)
    form = forms.AgendaMoveForm(request.POST)
    return _run(request, item.meeting, services.move_agenda_item, "Item moved.", form, item=item, by=request.user)


@require_POST
@login_required
def agenda_item_toggle(request, pk):
    item = agenda_item_for(request, pk)
    return _run(request, item.meeting, services.toggle_agenda_item, "Item updated.", item=item, by=request.user)


@require_POST
@login_required
def agenda_item_remove(request, pk):
    item = agenda_item_for(request, pk)
    return _run(request, item.meeting, services.remove_agenda_item, "Item removed.", item=item, by=request.user)


@require_POST
@login_required
def agenda_item_comment(request, pk):
    item = agenda_item_for(request, pk, role="mentor")
    form = forms.AgendaCommentForm(request.POST)
    return _run(
        request, item.meeting, services.comment_on_agenda_item, "Comment saved.", form, item=item, by=request.user
    )


@require_POST
@login_required
def agenda_review(request, pk):
    meeting = meeting_for(request, pk, role="mentor")
    return _run(
        request, meeting, services.review_agenda, "Agenda marked as reviewed.", meeting=meeting, by=request.user
    )


@login_required
def meeting_wrap_up(request, pk):
    """After the meeting: mark it held with a check-in per goal the agenda touched, then notes and action items."""
    meeting = meeting_for(request, pk)
    goals = services.goals_on_agenda(meeting)
    form = forms.WrapUpForm(request.POST if request.method == "POST" else None, goals=goals)
    if request.method == "POST" and form.is_valid():
        try:
            services.wrap_up_meeting(meeting=meeting, by=request.user, check_ins=form.check_ins())
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, "Meeting marked as held. Now write your notes and the action items.")
            return redirect(f"{meeting.get_absolute_url()}#notes")
    return render(request, "sessions/meeting_wrap_up.html", {"form": form, "meeting": meeting})
