"""The pair's home page and what belongs to the pair as a whole: agreement, notes, action items, ending early."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring import kept
from mentoring.web import refuse
from sessions import services
from sessions.forms import ActionItemForm, AgreementForm, EndMentorshipForm, NoteForm, PairPageForm, error_text
from sessions.models import Meeting
from sessions.selectors import pairs as pages
from sessions.views._access import action_item_for, pair_for, pair_page_for, whole


@login_required
def mentorship_list(request):
    return render(request, "sessions/mentorship_list.html", pages.my_mentorships(user=request.user))


@login_required
def mentorship_detail(request, pk):
    mentorship = pair_page_for(request, pk)
    all_items = PairPageForm(request.GET).all_items()

    def context():
        pair = whole(mentorship, lambda: pair_for(request, pk))
        agreement = pages.agreement_of(pair)
        return pages.pair_page(mentorship=pair, agreement=agreement, user=request.user, all_items=all_items)

    content = kept.draw(
        request, "sessions/_mentorship_page.html", context, scopes=lambda: [kept.program(mentorship.program_id)]
    )
    partner = mentorship.other_side(request.user)
    return render(request, "sessions/mentorship_detail.html", {"content": content, "partner": partner})


@login_required
def agreement_edit(request, pk):
    mentorship = pair_for(request, pk)
    agreement = pages.agreement_of(mentorship)
    form = AgreementForm(request.POST or None, instance=agreement if request.method != "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Saved from its draft only now that a valid change is posted: showing the form writes nothing.
        agreement = services.agreement_for(mentorship)
        try:
            services.save_agreement(agreement=agreement, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            refuse(request, exc)
        else:
            if agreement.proposal:
                messages.success(request, "Your proposed change is waiting for your partner to confirm it.")
            else:
                messages.success(request, "Agreement saved and confirmed on your side.")
            return redirect(f"{mentorship.get_absolute_url()}#agreement")
    return render(
        request, "sessions/agreement_form.html", {"form": form, "mentorship": mentorship, "agreement": agreement}
    )


@require_POST
@login_required
def agreement_confirm(request, pk):
    mentorship = pair_for(request, pk)
    try:
        services.confirm_agreement(agreement=services.agreement_for(mentorship), by=request.user)
    except ValidationError as exc:
        refuse(request, exc)
    else:
        messages.success(request, "Confirmed.")
    return redirect(f"{mentorship.get_absolute_url()}#agreement")


@require_POST
@login_required
def agreement_decline(request, pk):
    mentorship = pair_for(request, pk)
    try:
        services.decline_agreement_change(agreement=services.agreement_for(mentorship), by=request.user)
    except ValidationError as exc:
        refuse(request, exc)
    else:
        messages.success(request, "The agreement stays as it was.")
    return redirect(f"{mentorship.get_absolute_url()}#agreement")


@login_required
def mentorship_end(request, pk):
    mentorship = pair_for(request, pk)
    form = EndMentorshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_mentorship_early(mentorship=mentorship, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, "The mentorship has ended. Thank you for the time you gave it.")
            return redirect("sessions:mentorship_list")
    return render(request, "sessions/mentorship_end.html", {"form": form, "mentorship": mentorship})


def _meeting_of(mentorship, meeting_pk) -> Meeting | None:
    if not meeting_pk:
        return None
    return Meeting.objects.filter(mentorship=mentorship, pk=meeting_pk).first()


def _back(mentorship, meeting, anchor: str):
    return redirect(f"{(meeting or mentorship).get_absolute_url()}#{anchor}")


@require_POST
@login_required
def note_add(request, pk):
    mentorship = pair_for(request, pk)
    form = NoteForm(request.POST)
    valid = form.is_valid()
    # A refused form still goes back to the page it came from: the meeting's, if it was sent from there.
    meeting = _meeting_of(mentorship, form.cleaned_data.get("meeting"))
    if valid:
        try:
            note = services.add_note(
                mentorship=mentorship,
                meeting=meeting,
                by=request.user,
                body=form.cleaned_data["body"],
                visibility=form.cleaned_data["visibility"],
            )
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, f"Note saved ({note.get_visibility_display().split(':')[0].lower()}).")
    else:
        messages.error(request, error_text(form))
    return _back(mentorship, meeting, "notes")


@require_POST
@login_required
def action_item_add(request, pk):
    mentorship = pair_for(request, pk)
    form = ActionItemForm(request.POST, mentorship=mentorship)
    valid = form.is_valid()
    meeting = _meeting_of(mentorship, form.cleaned_data.get("meeting"))
    if valid:
        owner = mentorship.mentee if form.cleaned_data["owner"] == mentorship.mentee_id else mentorship.mentor
        try:
            services.add_action_item(
                mentorship=mentorship,
                meeting=meeting,
                by=request.user,
                owner=owner,
                title=form.cleaned_data["title"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as exc:
            refuse(request, exc)
        else:
            messages.success(request, "Action item added.")
    else:
        messages.error(request, error_text(form))
    return _back(mentorship, meeting, "action-items")


@require_POST
@login_required
def action_item_toggle(request, pk):
    item = action_item_for(request, pk)
    services.toggle_action_item(item=item, by=request.user)
    if request.htmx:
        return render(request, "sessions/_action_item.html", {"item": item})
    return redirect(item.get_absolute_url())
