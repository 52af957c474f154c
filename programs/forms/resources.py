"""Forms of a program's resources: a guide, a file, an agenda template with its items (a formset), and the pair's
choice of a template on the meeting page lives in sessions.forms."""

from crispy_forms.helper import FormHelper
from django import forms

from programs.files import ALLOWED, MAX_BYTES
from programs.models import AGENDA_CATEGORIES, MAX_TEMPLATE_ITEMS, AgendaTemplate
from programs.services.resources import TemplateItemFields

TEMPLATE_ROWS = 5


def _embedded() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class GuideForm(forms.Form):
    title = forms.CharField(max_length=160)
    body = forms.CharField(
        label="Text",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Plain text: blank lines start a new paragraph, and web addresses become links.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _embedded()


class ResourceFileForm(forms.Form):
    title = forms.CharField(max_length=160, required=False, help_text="Empty: the file's name.")
    file = forms.FileField(
        help_text=f"{ALLOWED}; at most {MAX_BYTES // 1024 // 1024} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.txt"}),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _embedded()
        if editing:
            self.fields["file"].required = False
            self.fields["file"].help_text = "Empty: keep the current file. " + self.fields["file"].help_text
            self.fields["file"].widget = forms.FileInput(attrs=self.fields["file"].widget.attrs)


class AgendaTemplateForm(forms.ModelForm):
    class Meta:
        model = AgendaTemplate
        fields = ["name", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _embedded()


class TemplateItemForm(forms.Form):
    category = forms.ChoiceField(choices=AGENDA_CATEGORIES, initial="discussion")
    text = forms.CharField(label="Item", max_length=500, required=False)


class BaseTemplateItemFormSet(forms.BaseFormSet):
    def items(self) -> list[TemplateItemFields]:
        return [
            TemplateItemFields(category=form.cleaned_data["category"], text=form.cleaned_data["text"])
            for form in self.forms
            if form.cleaned_data.get("text", "").strip()
        ]


TemplateItemFormSet = forms.formset_factory(
    TemplateItemForm,
    formset=BaseTemplateItemFormSet,
    extra=TEMPLATE_ROWS,
    max_num=MAX_TEMPLATE_ITEMS,
    validate_max=True,
    absolute_max=MAX_TEMPLATE_ITEMS,
)
