"""The early relationship check: one side's three answers."""

from django import forms

from sessions.forms._common import helper
from sessions.models import RelationshipCheck


class RelationshipCheckForm(forms.ModelForm):
    class Meta:
        model = RelationshipCheck
        fields = ["working", "meeting_as_agreed", "getting_what_i_came_for"]
        widgets = dict.fromkeys(fields, forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.choices = [choice for choice in field.choices if choice[0] != ""]
        self.helper = helper("Send my answers")
