"""A person's own data: the page, the download, and deleting the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mentoring.privacy import services
from mentoring.privacy.forms import DeleteAccountForm


def zip_response(content: bytes, user) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="mentoring-personal-data-{user.pk}.zip"'
    return response


@login_required
def my_data(request):
    return render(request, "privacy/my_data.html", {"form": DeleteAccountForm(user=request.user)})


@login_required
def my_data_download(request):
    return zip_response(services.personal_data_zip(user=request.user, by=request.user), request.user)


@require_POST
@login_required
def account_delete(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "privacy/my_data.html", {"form": form}, status=200)
    services.erase_account(user=request.user, by=request.user)
    logout(request)
    messages.success(request, "Your account is deleted. Thank you for the time you gave to mentoring.")
    return redirect("home:index")
