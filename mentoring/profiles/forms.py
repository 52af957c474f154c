from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.db import transaction

from .models import Language, MeetingChannel, Profile, Skill, SoughtSkill, Value, time_zone_choices

MAX_SOUGHT_SKILLS = 5
ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth"]


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    values = forms.MultipleChoiceField(
        choices=Value.choices, widget=forms.CheckboxSelectMultiple, required=False, help_text="Pick up to five."
    )
    languages = forms.MultipleChoiceField(choices=Language.choices, widget=forms.CheckboxSelectMultiple, required=False)
    meeting_channels = forms.MultipleChoiceField(
        label="How you like to meet",
        choices=MeetingChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    time_zone = forms.ChoiceField(choices=time_zone_choices)
    skills_offered = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Skills you can offer as a mentor",
    )
    avoid_organisations = forms.CharField(
        label="Organisations you would rather not be matched with",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="One per line.",
    )

    class Meta:
        model = Profile
        fields = [
            "headline", "bio", "organisation", "department", "job_level", "years_experience", "career_track",
            "skills_offered", "values", "work_style", "languages", "time_zone", "meeting_channels",
            "manager_email", "avoid_organisations",
        ]  # fmt: skip
        widgets = {"bio": forms.Textarea(attrs={"rows": 4}), "work_style": forms.RadioSelect}

    def __init__(self, *args, roles: set[str] | None = None, **kwargs):
        """`roles`: the roles the person holds ("mentor", "mentee"); the form shows the sections of those roles,
        or all of them to someone who holds none yet."""
        super().__init__(*args, **kwargs)
        roles = roles or {"mentor", "mentee"}
        self.seeks, self.offers = "mentee" in roles, "mentor" in roles
        user = self.instance.user
        self.initial.update(
            first_name=user.first_name,
            last_name=user.last_name,
            avoid_organisations="\n".join(self.instance.avoid_organisations),
        )
        self.fields["work_style"].choices = self.fields["work_style"].choices[1:]
        self.fields["work_style"].required = False
        skills = Skill.objects.filter(is_active=True)
        ranked = self.instance.ranked_sought_skills() if self.instance.pk else []
        sought_fields = []
        for i in range(MAX_SOUGHT_SKILLS if self.seeks else 0):
            name = f"sought_{i + 1}"
            self.fields[name] = forms.ModelChoiceField(
                queryset=skills,
                required=False,
                label=f"{ORDINALS[i]} priority",
                initial=ranked[i].pk if i < len(ranked) else None,
            )
            sought_fields.append(name)
        if not self.offers:
            del self.fields["skills_offered"]
        # Proposed from the browser (static/js/time-zone.js) while it is still the default.
        if (self.initial.get("time_zone") or "UTC") == "UTC":
            self.fields["time_zone"].widget.attrs["data-propose-browser-zone"] = "1"
        sections = [
            Fieldset("About you", "first_name", "last_name", "headline", "bio"),
            Fieldset("Your work", "organisation", "department", "job_level", "years_experience", "career_track"),
        ]
        if self.seeks:
            sections.append(
                Fieldset(
                    "Skills you want to develop (as a mentee)",
                    HTML('<p class="form-text">Most important first. Mentor suggestions weigh them in this order.</p>'),
                    *sought_fields,
                )
            )
        if self.offers:
            sections.append(Fieldset("Skills you can offer (as a mentor)", "skills_offered"))
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *sections,
            Fieldset("How you work", "values", "work_style", "languages", "time_zone", "meeting_channels"),
            Fieldset("Matching boundaries", "manager_email", "avoid_organisations"),
            Submit("save", "Save profile"),
        )

    def clean_values(self):
        values = self.cleaned_data["values"]
        if len(values) > 5:
            raise forms.ValidationError("Pick at most five values, the ones that matter most to you.")
        return values

    def clean_avoid_organisations(self):
        names = {}
        for line in self.cleaned_data["avoid_organisations"].splitlines():
            names.setdefault(line.strip().lower(), line.strip())
        names.pop("", None)
        return sorted(names.values(), key=str.lower)

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(f"sought_{i + 1}") for i in range(MAX_SOUGHT_SKILLS)]
        seen = set()
        for i, skill in enumerate(chosen):
            if skill and skill.pk in seen:
                self.add_error(f"sought_{i + 1}", f"{skill} is already one of your priorities.")
            elif skill:
                seen.add(skill.pk)
        manager_email = (cleaned.get("manager_email") or "").lower()
        if manager_email and manager_email == self.instance.user.email.lower():
            self.add_error("manager_email", "Enter your manager's address, not your own.")
        cleaned["manager_email"] = manager_email
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        profile = super().save(commit=commit)
        user = profile.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        if not self.seeks:
            return profile  # the mentee's sought skills are not on this form: kept as they are
        ranked = [self.cleaned_data.get(f"sought_{i + 1}") for i in range(MAX_SOUGHT_SKILLS)]
        profile.sought_skills.all().delete()
        SoughtSkill.objects.bulk_create(
            SoughtSkill(profile=profile, skill=skill, rank=rank)
            for rank, skill in enumerate([s for s in ranked if s], start=1)
        )
        return profile
