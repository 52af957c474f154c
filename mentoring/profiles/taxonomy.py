"""The starting skills taxonomy; coordinators and admins edit it from there."""

from django.utils.text import slugify

SKILLS: dict[str, list[str]] = {
    "Leadership": [
        "People management",
        "Leading through change",
        "Delegation",
        "Giving feedback",
        "Coaching others",
        "Hiring and interviewing",
        "Building inclusive teams",
        "Strategic thinking",
    ],
    "Communication": [
        "Public speaking",
        "Executive presence",
        "Writing for impact",
        "Negotiation",
        "Stakeholder management",
        "Difficult conversations",
        "Storytelling with data",
    ],
    "Career": [
        "Career planning",
        "Promotion readiness",
        "Personal branding",
        "Networking",
        "Work-life balance",
        "Returning from leave",
        "Changing career track",
    ],
    "Finance": [
        "Budgeting",
        "Financial modelling",
        "Contract management",
        "Procurement",
        "Business cases",
    ],
    "Product and delivery": [
        "Product strategy",
        "Roadmapping",
        "Project management",
        "Agile practices",
        "Prioritisation",
        "User research",
        "Service design",
    ],
    "Technology": [
        "Software architecture",
        "Python",
        "Cloud infrastructure",
        "Data engineering",
        "Machine learning",
        "Security",
        "Technical debt management",
        "Code review",
    ],
    "Data": ["Data analysis", "Statistics", "Dashboards and reporting", "Experiment design"],
    "Operations": ["Process improvement", "Vendor management", "Risk management", "Compliance"],
    "Sales and marketing": ["Sales pipeline", "Account management", "Brand marketing", "Growth marketing"],
    "Personal effectiveness": [
        "Time management",
        "Decision making",
        "Resilience",
        "Managing up",
        "Influencing without authority",
    ],
}


def ensure_skill_taxonomy(skill_model) -> None:
    """Add the starting skills that are missing. Takes the model so that migrations can pass theirs."""
    existing = set(skill_model.objects.values_list("slug", flat=True))
    skill_model.objects.bulk_create(
        skill_model(name=name, slug=slugify(name), category=category)
        for category, names in SKILLS.items()
        for name in names
        if slugify(name) not in existing
    )
