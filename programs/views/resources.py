"""A program's resources: the page its people read (coordinators and those taking part), a guide, a file's
download; and the coordinator's pages to publish, edit and remove guides, files and agenda templates. Anyone
else gets a 404, never a 403 that would say the program or the resource exists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentoring.accounts.second_factor import second_factor_required
from mentoring.web import refuse_on_form
from programs.forms import AgendaTemplateForm, GuideForm, ResourceFileForm, TemplateItemFormSet
from programs.models import AgendaTemplate, Resource, members_of
from programs.selectors.resources import resources_page
from programs.services import resources as services

from ._access import program_for


@second_factor_required
def _resource_to_manage(request, resource_pk: int) -> Resource:
    return get_object_or_404(Resource.objects.for_coordinator(request.user).select_related("program"), pk=resource_pk)


@second_factor_required
def _template_to_manage(request, template_pk: int) -> AgendaTemplate:
    queryset = AgendaTemplate.objects.for_coordinator(request.user).select_related("program")
    return get_object_or_404(queryset, pk=template_pk)


def _list_url(program) -> str:
    return reverse("programs:resource_list", args=[program.slug])


@login_required
def resource_list(request, slug):
    program = get_object_or_404(members_of(request.user), slug=slug)
    context = resources_page(program)
    context["can_manage"] = program.is_coordinated_by(request.user)
    return render(request, "programs/resource_list.html", context)


@login_required
def guide_detail(request, resource_pk):
    guide = get_object_or_404(Resource.objects.for_user(request.user).guides().select_related("program"),
                              pk=resource_pk)  # fmt: skip
    return render(request, "programs/resource_guide.html", {"guide": guide, "program": guide.program})


@login_required
def file_download(request, resource_pk):
    """The file as an attachment, of the type its content was checked to be, never rendered by the browser."""
    resource = get_object_or_404(Resource.objects.for_user(request.user).files(), pk=resource_pk)
    try:
        handle = resource.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("The file is gone.") from exc
    response = FileResponse(
        handle, as_attachment=True, filename=resource.file_name or "file", content_type=resource.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def guide_create(request, slug):
    program = program_for(request, slug)
    form = GuideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            guide = services.publish_guide(program=program, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(request, f"“{guide.title}” is published for the program's people.")
            return redirect(_list_url(program))
    return render(request, "programs/resource_form.html", {"program": program, "form": form, "kind": "guide"})


@login_required
def file_create(request, slug):
    program = program_for(request, slug)
    form = ResourceFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.publish_file(
                program=program, by=request.user, title=form.cleaned_data["title"], upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(request, f"“{resource.title}” is published for the program's people.")
            return redirect(_list_url(program))
    return render(request, "programs/resource_form.html", {"program": program, "form": form, "kind": "file"})


@login_required
def resource_edit(request, resource_pk):
    resource = _resource_to_manage(request, resource_pk)
    program = resource.program
    if resource.is_guide:
        initial = {"title": resource.title, "body": resource.body}
        form = GuideForm(request.POST or None, initial=initial)
    else:
        form = ResourceFileForm(request.POST or None, request.FILES or None, initial={"title": resource.title},
                                editing=True)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if resource.is_guide:
                services.edit_guide(guide=resource, by=request.user, title=data["title"], body=data["body"])
            else:
                services.edit_file(resource=resource, by=request.user, title=data["title"], upload=data["file"])
        except ValidationError as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(request, f"“{resource.title}” is saved.")
            return redirect(_list_url(program))
    context = {"program": program, "form": form, "kind": resource.kind, "resource": resource}
    return render(request, "programs/resource_form.html", context)


@require_POST
@login_required
def resource_delete(request, resource_pk):
    resource = _resource_to_manage(request, resource_pk)
    program, title = resource.program, resource.title
    services.remove_resource(resource=resource, by=request.user)
    messages.success(request, f"“{title}” is removed.")
    return redirect(_list_url(program))


def _template_page(request, program, template=None):
    form = AgendaTemplateForm(request.POST or None, instance=template)
    if request.method == "POST":  # rows compared with no initial: an unchanged row still counts
        items = TemplateItemFormSet(request.POST, prefix="items")
    else:
        initial = [{"category": i.category, "text": i.text} for i in template.items.all()] if template else None
        items = TemplateItemFormSet(prefix="items", initial=initial)
    if request.method == "POST" and form.is_valid() and items.is_valid():
        fields = {"by": request.user, **form.cleaned_data, "items": items.items()}
        try:
            if template is None:
                template = services.create_agenda_template(program=program, **fields)
            else:
                services.edit_agenda_template(template=template, **fields)
        except ValidationError as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(request, f"The agenda template “{template.name}” is saved: pairs can start from it.")
            return redirect(_list_url(program))
    context = {"program": program, "form": form, "items": items, "template": template}
    return render(request, "programs/agendatemplate_form.html", context)


@login_required
def template_create(request, slug):
    return _template_page(request, program_for(request, slug))


@login_required
def template_edit(request, template_pk):
    template = _template_to_manage(request, template_pk)
    return _template_page(request, template.program, template)


@require_POST
@login_required
def template_delete(request, template_pk):
    template = _template_to_manage(request, template_pk)
    program, name = template.program, template.name
    services.remove_agenda_template(template=template, by=request.user)
    messages.success(request, f"The agenda template “{name}” is removed.")
    return redirect(_list_url(program))
