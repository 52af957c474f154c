"""A mentee's personal board of mentors."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from matching import services
from matching.forms import BoardSeatForm
from matching.models import BoardRole, Mentorship
from matching.selectors.board import board_page
from matching.views._access import act


@login_required
def my_board(request):
    context = board_page(mentee=request.user)
    context.update(seat_form=BoardSeatForm(), roles=BoardRole.choices)
    return render(request, "matching/board.html", context)


@require_POST
@login_required
def set_board_seat(request, pk):
    mentorship = get_object_or_404(Mentorship.objects.filter(mentee=request.user), pk=pk)
    form = BoardSeatForm(request.POST)
    if not form.is_valid():
        return redirect("matching:my_board")
    success = "Your board is updated."
    return act(
        request, "matching:my_board", services.set_board_seat, success, mentorship=mentorship, **form.cleaned_data
    )
