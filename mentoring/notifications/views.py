from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import services
from .forms import PreferencesForm
from .models import Notification, NotificationSettings


@login_required
def notification_list(request):
    notifications = Notification.objects.for_user(request.user)
    page = Paginator(notifications, 25).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
def notification_open(request, pk):
    # A GET that marks read: e-mails and the list link here, and a link can only be a GET.
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.mark_read(user=request.user, notification=notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect("notifications:list")
    return redirect(target)


@login_required
@require_POST
def notification_mark_read(request, pk):
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.mark_read(user=request.user, notification=notification)
    if request.htmx:
        return render(request, "notifications/_notification.html", {"notification": notification})
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_all_read(request):
    count = services.mark_all_read(user=request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("notifications:list")


@login_required
def preferences(request):
    settings_row, _ = NotificationSettings.objects.get_or_create(user=request.user)
    form = PreferencesForm(request.POST or None, instance=settings_row)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your notification preferences are saved.")
        return redirect("notifications:preferences")
    feed_url = ""
    if settings_row.calendar_token:
        # The feed itself is served by the sessions app, which owns meetings.
        feed_url = request.build_absolute_uri(reverse("sessions:calendar_feed", args=[settings_row.calendar_token]))
    return render(request, "notifications/preferences_form.html", {"form": form, "feed_url": feed_url})


@login_required
@require_POST
def calendar_feed_reset(request):
    services.reset_calendar_token(user=request.user)
    messages.success(request, "Your calendar feed has a new address. Subscribe to it in your calendar app.")
    return redirect(f"{reverse('notifications:preferences')}#calendar-feed")


@login_required
@require_POST
def calendar_feed_revoke(request):
    services.revoke_calendar_token(user=request.user)
    messages.success(request, "Your calendar feed is switched off; its address no longer works.")
    return redirect(f"{reverse('notifications:preferences')}#calendar-feed")
