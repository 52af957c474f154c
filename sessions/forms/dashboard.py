"""The coordinators' dashboard: its pair filters and the nudge."""

from django import forms

from sessions.selectors.dashboard.pairs import FILTERS, SORTS
from sessions.services.nudges import NUDGES


class PairFilterForm(forms.Form):
    """The dashboard's pair filters, read from the query string. Filters never refuse: a value that is not one of
    the choices falls back to its default."""

    health = forms.ChoiceField(choices=list(FILTERS.items()), required=False)
    q = forms.CharField(required=False)
    sort = forms.ChoiceField(choices=[(s, s) for key in SORTS for s in (key, f"-{key}")], required=False)

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:100]

    def choices(self) -> dict:
        """health, query and sort for `filter_and_sort`."""
        self.is_valid()
        data = self.cleaned_data
        return {"health": data.get("health", ""), "query": data.get("q", ""), "sort": data.get("sort") or "health"}


class NudgeForm(forms.Form):
    template = forms.ChoiceField(choices=[(key, title) for key, (title, _) in NUDGES.items()])
