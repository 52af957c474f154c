"""Scheduling pages: one's availability, finding and booking a free time (two clicks), a series' occurrences,
and saving a topic for the next meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.web import refuse, refuse_on_form
from sessions import forms, services
from sessions.models import NextTopic
from sessions.selectors.booking import availability_of, pair_slots
from sessions.selectors.pairs import agreement_of
from sessions.views._access import meeting_for, pair_for


@login_required
def availability_edit(request):
    availability = availability_of(request.user)
    form = forms.AvailabilityForm(request.POST or None, availability=availability)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_availability(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(request, "Availability saved.")
            return redirect("sessions:availability")
    return render(request, "sessions/availability_form.html", {"form": form})


@login_required
def booking(request, pk):
    """First click: a free slot (its link carries the time); second: Book, once or as a series."""
    mentorship = pair_for(request, pk)
    length = agreement_of(mentorship).length_minutes
    if request.method == "POST":
        form = forms.BookingForm(request.POST)
        if form.is_valid():
            try:
                meeting = services.book_slot(
                    mentorship=mentorship,
                    by=request.user,
                    starts_at=form.cleaned_data["starts_at"],
                    length_minutes=length,
                    repeat=form.cleaned_data["repeat"],
                )
            except ValidationError as exc:
                refuse(request, exc)
            else:
                messages.success(request, "Booked. You both have the invitation for your calendars.")
                return redirect(meeting)
    else:
        form = forms.BookingForm(request.GET or None, initial={"repeat": 1})
    chosen = form.cleaned_data.get("starts_at") if form.is_bound and form.is_valid() else None
    context = {
        "mentorship": mentorship,
        "form": form,
        "chosen": chosen,
        "length": length,
        "slots": [] if chosen else pair_slots(mentorship, length_minutes=length),
        "waiting": NextTopic.objects.waiting().filter(mentorship=mentorship),
    }
    return render(request, "sessions/booking.html", context)


@require_POST
@login_required
def meeting_skip(request, pk):
    meeting = meeting_for(request, pk)
    try:
        services.cancel_meeting(meeting=meeting, by=request.user, reason="Skipped this time.")
    except ValidationError as exc:
        refuse(request, exc)
    else:
        messages.success(request, "This meeting is skipped; the rest of the series stays.")
    return redirect(meeting.mentorship)


@require_POST
@login_required
def meeting_cancel_future(request, pk):
    meeting = meeting_for(request, pk)
    if not meeting.series_id:
        messages.error(request, "This meeting is not part of a series.")
        return redirect(meeting)
    try:
        services.cancel_future(meeting=meeting, by=request.user)
    except ValidationError as exc:
        refuse(request, exc)
    else:
        messages.success(request, "This meeting and every later one in the series are cancelled.")
    return redirect(meeting.mentorship)


@require_POST
@login_required
def meeting_move_future(request, pk):
    meeting = meeting_for(request, pk)
    form = forms.MoveFutureForm(request.POST)
    if not meeting.series_id:
        messages.error(request, "This meeting is not part of a series.")
    elif not form.is_valid():
        messages.error(request, forms.error_text(form))
    else:
        try:
            services.move_future(meeting=meeting, by=request.user, starts_at=form.cleaned_data["starts_at"])
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, "This meeting and every later one in the series have moved.")
    return redirect(meeting)


@login_required
def next_topic_add(request, pk):
    """From the pair page, or the short link in every e-mail about the pair."""
    mentorship = pair_for(request, pk)
    form = forms.NextTopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_for_next_meeting(mentorship=mentorship, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, "Saved for your next meeting.")
            return redirect(f"{mentorship.get_absolute_url()}#next-meeting")
    context = {
        "mentorship": mentorship,
        "form": form,
        "waiting": NextTopic.objects.waiting().filter(mentorship=mentorship).select_related("author"),
    }
    return render(request, "sessions/next_topic_form.html", context)
