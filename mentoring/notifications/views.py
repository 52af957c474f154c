from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import services, unsubscribe
from .forms import OneClickUnsubscribeForm, PreferencesForm
from .models import Kind, Notification, NotificationSettings


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


@csrf_exempt  # mail providers POST the one-click request with no session; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    """An e-mail's unsubscribe link, no sign-in needed. GET asks to confirm (link checkers and previews follow
    links, so a GET changes nothing); POST, from the page's button or the mail provider's one-click, unsubscribes."""
    found = unsubscribe.read(token)
    if found is None or not get_user_model().objects.filter(pk=found[0]).exists():
        raise Http404("This unsubscribe link is not valid.")
    user_id, kind = found
    context = {"label": Kind(kind).label if kind in Kind.values else kind, "is_digest": kind == Kind.DIGEST}
    form = OneClickUnsubscribeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.unsubscribe_from(user_id=user_id, kind=kind)
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe_confirm.html", context, status=400 if form.is_bound else 200)
