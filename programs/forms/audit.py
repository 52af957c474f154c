from django import forms

from mentoring.audit.models import Action

SELECT = {"class": "form-select form-select-sm"}


class AuditFilterForm(forms.Form):
    """The audit page's filters: what was done, by whom, since when. Filters that do not validate select all."""

    action = forms.ChoiceField(
        choices=[("", "Any action"), *Action.choices], required=False, widget=forms.Select(attrs=SELECT)
    )
    actor = forms.TypedChoiceField(
        coerce=int, choices=[], required=False, empty_value=None, label="By", widget=forms.Select(attrs=SELECT)
    )
    since = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"})
    )

    def __init__(self, *args, people: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", "Anyone"), *((person.pk, str(person)) for person in people)]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["action"]:
            queryset = queryset.filter(action=data["action"])
        if data["actor"]:
            queryset = queryset.filter(actor_id=data["actor"])
        if data["since"]:
            queryset = queryset.filter(at__date__gte=data["since"])
        return queryset
