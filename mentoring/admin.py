"""What every app's admin.py shares. The admin is for support: it shows states, dates and counts, never what people
wrote in confidence (agendas, notes, goals, requests' plans, thank-you notes, the notifications that carry them).

Every ModelAdmin of ours derives from SupportAdmin (or SupportAdminMixin beside another base class):
- `confidential` names the fields no admin page shows: they are left out of the form, and `manage.py check` refuses
  an admin that lists, filters, searches or displays one of them;
- `named_by_text` is for a model whose `__str__` is its text (a goal's title): its admin only views, and names each
  object by kind and number, because adding, changing or deleting would echo the text in messages and the log;
- a delete page names only the objects chosen: the records that would go with them are counted, not listed, since
  they are named by what was written in them.
"""

from collections.abc import Sequence

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core import checks
from django.utils.text import capfirst


class Named:
    """An object as an admin heading shows it: under a given name, otherwise the object itself."""

    def __init__(self, obj, name: str):
        self._obj, self._name = obj, name

    def __getattr__(self, attr):
        return getattr(self._obj, attr)

    def __str__(self):
        return self._name


class SupportAdminMixin:
    confidential: Sequence[str] = ()
    named_by_text = False

    def object_name(self, obj) -> str:
        return f"{capfirst(obj._meta.verbose_name)} #{obj.pk}" if self.named_by_text else str(obj)

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or ()), *self.confidential]

    def has_add_permission(self, request, *args):
        return not self.named_by_text and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return not self.named_by_text and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.named_by_text and super().has_delete_permission(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.named_by_text and obj is not None:
            context.update(subtitle=self.object_name(obj), original=Named(obj, self.object_name(obj)))
        return super().render_change_form(request, context, add, change, form_url, obj)

    @property
    def object_history_template(self):
        return "admin/object_history_by_number.html" if self.named_by_text else None

    def get_deleted_objects(self, objs, request):
        _listed, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        chosen = [f"{capfirst(obj._meta.verbose_name)}: {self.object_name(obj)}" for obj in objs]
        return chosen, counts, perms_needed, protected

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        shown = [
            *self.list_display,
            *(self.list_display_links or ()),
            *(item if isinstance(item, str) else item[0] for item in self.list_filter),
            *self.search_fields,
            *(self.fields or ()),
            *(flatten_fieldsets(self.fieldsets) if self.fieldsets else ()),
            *self.readonly_fields,
            self.date_hierarchy or "",
        ]
        named = {name.lstrip("^=@").split("__")[0] for name in shown if isinstance(name, str)}
        errors += [
            checks.Error(
                f"{type(self).__name__} shows the confidential field {name!r}.",
                hint="Support sees states and dates: keep it out of every list, filter, search and form.",
                obj=type(self),
                id="mentoring.E001",
            )
            for name in sorted(named & set(self.confidential))
        ]
        return errors


class SupportAdmin(SupportAdminMixin, admin.ModelAdmin):
    pass
