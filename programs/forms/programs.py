from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.core.validators import DomainNameValidator, MinValueValidator
from django.utils import timezone

from programs.models import COHORT_RULES, Cohort, Enrollment, OrientationItem, Program, Role
from programs.services.importing import InvalidList, parse_csv, parse_pasted
from programs.services.reporting import parse_reporting_lines

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
RULE_LABELS = {
    "request_expiry_days": "Days a mentor has to answer a request",
    "meeting_cadence_days": "Recommended days between meetings",
    "meeting_length_minutes": "Recommended meeting length (minutes)",
    "closing_prompt_days": "Days before the end to ask the closing question",
    "agenda_deadline_hours": "Hours before a meeting its agenda should be prepared",
    "confirm_bulk_matches": "Pairs from bulk matching start once both sides confirm",
}
# Rules where zero makes no sense (nobody could be matched, requests would expire at once, ...);
# the closing question may go out on the last day, so it may be zero.
AT_LEAST_ONE = ("mentor_capacity", "max_mentors_per_mentee", "request_expiry_days", "meeting_cadence_days",
                "meeting_length_minutes")  # fmt: skip


def _at_least_one(form: forms.ModelForm) -> None:
    for name in AT_LEAST_ONE:
        field = form.fields[name]
        field.min_value = 1
        field.widget.attrs["min"] = 1
        field.validators.append(MinValueValidator(1))


class ProgramForm(forms.ModelForm):
    application_domains = forms.CharField(
        label="Who may apply",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="E-mail domains, one per line (example.org also admits its subdomains); empty: anyone.",
    )

    class Meta:
        model = Program
        fields = ["name", "description", "require_mfa", "audited_access", *COHORT_RULES, "applications_open",
                  "application_domains", "exclude_management_chain", "exclude_peers", "relationship_check"]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = RULE_LABELS
        help_texts = {
            "request_expiry_days": "After this, an unanswered request expires and the mentee may ask someone else.",
            "meeting_cadence_days": "Pairs whose meetings fall behind this rhythm show up on the cohort's health page.",
            "closing_prompt_days": "Pairs are then asked whether to continue informally after the cohort.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["application_domains"] = "\n".join(self.instance.application_domains or ())
        _at_least_one(self)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("The program", "name", "description", "require_mfa", "audited_access"),
            Fieldset("Defaults for its cohorts", *COHORT_RULES),
            Fieldset("Joining", "applications_open", "application_domains"),
            Fieldset("Reporting lines in matching", "exclude_management_chain", "exclude_peers"),
            Submit("save", "Save program"),
        )

    def clean_application_domains(self) -> list[str]:
        """A list of domains, lower case and without an "@": refused, naming every entry that is not a domain."""
        domains, bad = [], []
        for line in self.cleaned_data["application_domains"].replace(",", "\n").splitlines():
            domain = line.strip().lstrip("@").lower().rstrip(".")
            if not domain:
                continue
            try:
                DomainNameValidator()(domain)
            except forms.ValidationError:
                bad.append(line.strip())
                continue
            if domain not in domains:
                domains.append(domain)
        if bad:
            listed = ", ".join(f"“{entry}”" for entry in bad)
            raise forms.ValidationError(
                f"{listed} {'is not a domain' if len(bad) == 1 else 'are not domains'}: write them like example.org."
            )
        return domains

    def save(self, commit=True):
        if {"exclude_management_chain", "exclude_peers"} & set(self.changed_data):
            self.instance.matching_changed_at = timezone.now()
        return super().save(commit=commit)


class CoordinatorForm(forms.Form):
    email = forms.EmailField(label="Co-coordinator's e-mail address")


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = [
            "name", "starts_on", "ends_on", "enrollment_opens_on", "enrollment_closes_on", "matching_closes_on",
            *COHORT_RULES, "mentor_seats", "mentee_seats",
        ]  # fmt: skip
        widgets = dict.fromkeys(
            ("starts_on", "ends_on", "enrollment_opens_on", "enrollment_closes_on", "matching_closes_on"), DATE
        )
        labels = RULE_LABELS

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.program = program
        for name in COHORT_RULES:
            field = self.fields[name]
            field.required = False
            default = getattr(program, name)
            if isinstance(default, bool):
                shown = "yes" if default else "no"
            else:
                shown = program._meta.get_field(name).choices and dict(program._meta.get_field(name).choices)[default]
            field.help_text = f"Leave empty to use the program's default: {shown or default}."
        confirm = self.fields["confirm_bulk_matches"].widget
        confirm.choices = [("unknown", "As the program says"), ("true", "Yes"), ("false", "No")]
        confirm.attrs["class"] = "form-select"
        self.fields["matching_mode"].choices = [("", "As the program says"), *self.fields["matching_mode"].choices[1:]]
        _at_least_one(self)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("The cohort", "name", "starts_on", "ends_on"),
            Fieldset("Timeline", "enrollment_opens_on", "enrollment_closes_on", "matching_closes_on"),
            Fieldset("Overrides of the program's defaults", *COHORT_RULES),
            Fieldset("Seats", "mentor_seats", "mentee_seats"),
            Submit("save", "Save cohort"),
        )


class CloneCohortForm(forms.ModelForm):
    """A new cohort from an earlier one: its name and dates, and the program it belongs to (this one, or another the
    coordinator runs)."""

    program = forms.ModelChoiceField(queryset=Program.objects.none(), empty_label=None, label="In the program")

    class Meta:
        model = Cohort
        fields = ["name", "starts_on", "ends_on"]
        widgets = dict.fromkeys(("starts_on", "ends_on"), DATE)

    def __init__(self, *args, source: Cohort, user, **kwargs):
        length = source.ends_on - source.starts_on
        initial = {"name": f"{source.name} (next)", "starts_on": source.ends_on + timedelta(days=1),
                   "ends_on": source.ends_on + timedelta(days=1) + length, "program": source.program_id}  # fmt: skip
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["program"].queryset = Program.objects.for_user(user).order_by("name")
        self.order_fields(["program", "name", "starts_on", "ends_on"])
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", "Start the new cohort"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] <= cleaned["starts_on"]:
            self.add_error("ends_on", "The cohort must end after it starts.")
        return cleaned

    def _post_clean(self):
        """The service builds and checks the cohort; the form only checks its own fields."""


class InviteForm(forms.Form):
    # No preselected role: a pasted list of mentees must not go out as mentor invitations by default.
    role = forms.ChoiceField(
        choices=[("", "Choose a role"), *Role.choices], required=False, help_text="For the pasted addresses."
    )
    emails = forms.CharField(
        label="E-mail addresses",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="One per line, or separated by commas.",
    )
    file = forms.FileField(
        label="Or a CSV file",
        required=False,
        help_text="Columns: email, role, first name, last name (a header row first).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.row_errors = []

    def clean(self):
        cleaned = super().clean()
        upload, pasted = cleaned.get("file"), (cleaned.get("emails") or "").strip()
        if bool(upload) == bool(pasted):
            raise forms.ValidationError("Paste a list of addresses or choose a CSV file (one of the two).")
        try:
            if upload:
                if upload.size > MAX_UPLOAD_BYTES:
                    raise forms.ValidationError("The file is larger than 5 MB; split it.")
                cleaned["rows"] = parse_csv(upload.read())
            else:
                if not cleaned.get("role"):
                    self.add_error("role", "Choose the role of the pasted addresses.")
                    return cleaned
                cleaned["rows"] = parse_pasted(pasted, role=cleaned["role"])
        except InvalidList as exc:
            self.row_errors = exc.errors
            # The lines themselves are listed in the error summary; the field they came from is marked with this.
            field = "file" if upload else "emails"
            self.add_error(field, "Fix the lines listed in the summary and send the list again.")
        return cleaned


class ReportingLinesForm(forms.Form):
    """An HR export of who reports to whom: a CSV with the columns email and manager."""

    file = forms.FileField(label="CSV file", help_text="Columns: email, manager (a header row first).")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_errors = []
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB; split it.")
        try:
            return parse_reporting_lines(upload.read())
        except InvalidList as exc:
            self.row_errors = exc.errors
            raise forms.ValidationError("Fix the lines listed in the summary and import the file again.") from None


class OrientationItemForm(forms.ModelForm):
    """A step of the checklist; it may point to one of the program's guides or files."""

    class Meta:
        model = OrientationItem
        fields = ["role", "title", "description", "resource"]
        widgets = {"description": forms.TextInput()}

    def __init__(self, *args, program=None, **kwargs):
        super().__init__(*args, **kwargs)
        resources = self.fields["resource"]
        resources.queryset = program.resources.order_by("title", "pk") if program else resources.queryset.none()
        resources.required = False
        resources.empty_label = "No resource"
        resources.error_messages["invalid_choice"] = "Choose a guide or file of this program."


class OrientationCheckForm(forms.Form):
    """A tick on one step of a person's checklist ("1"), or taking it back (anything else)."""

    done = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        min_value=0, max_value=20, required=False, help_text="Empty: the cohort's rule applies."
    )


class EnrollmentFilterForm(forms.Form):
    YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]
    role = forms.ChoiceField(choices=[("", "Any"), *Role.choices], required=False)
    status = forms.ChoiceField(choices=[("", "Any"), *Enrollment.Status.choices], required=False)
    profile_complete = forms.ChoiceField(choices=YES_NO, required=False)
    orientation_done = forms.ChoiceField(choices=YES_NO, required=False)
    matched = forms.ChoiceField(choices=YES_NO, required=False)

    def filter(self, queryset):
        """The people these filters select; filters that do not validate select everyone."""
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["role"]:
            queryset = queryset.filter(role=data["role"])
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        for name, lookup in (
            ("profile_complete", "has_complete_profile"),
            ("orientation_done", "orientation_completed_at__isnull"),
            ("matched", "is_matched"),
        ):
            if data[name]:
                wanted = data[name] == "yes"
                queryset = queryset.filter(**{lookup: (not wanted) if lookup.endswith("isnull") else wanted})
        return queryset

    def querystring(self, *, page: int | None = None) -> str:
        """The filters that `filter` applies, as a query string, then the page if one is given."""
        pairs = [(name, value) for name, value in self.cleaned_data.items() if value] if self.is_valid() else []
        if page:
            pairs.append(("page", page))
        return urlencode(pairs)


class BackToPeopleForm(forms.Form):
    """The people list's filters and page, carried through a change and back to the list.

    Bounded and rebuilt from the known filter fields: whatever else is posted is dropped, so the way back is a short
    URL that cannot fail after the change is saved.
    """

    MAX_LENGTH = 2000
    MAX_PAGE = 100_000
    filters = forms.CharField(required=False, max_length=MAX_LENGTH)

    def clean_filters(self) -> str:
        try:
            # Never more pairs than the list has fields, so a long value cannot cost anything to read.
            pairs = parse_qsl(self.cleaned_data["filters"], max_num_fields=len(EnrollmentFilterForm.base_fields) + 1)
        except ValueError:
            raise forms.ValidationError("Too many filters.") from None
        data = dict(pairs)
        page = data.pop("page", "")
        page = int(page) if page.isascii() and page.isdigit() and 0 < int(page) <= self.MAX_PAGE else None
        return EnrollmentFilterForm(data).querystring(page=page)

    def query(self) -> str:
        """What to put after the list's URL: the checked filters, or nothing when they did not validate."""
        return self.cleaned_data["filters"] if self.is_valid() else ""
