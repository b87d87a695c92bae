"""Example content of new items (``labsite new``), which a published item must not keep:
the check refuses every example value that would reach a page."""

from __future__ import annotations

from labsite.model.content import CONTACT, LINK
from labsite.model.fields import Email, Orcid, Text, Url
from labsite.model.schemas import ANNOUNCEMENT, PERSON, PROJECT

KINDS = ("project", "news", "job", "call", "event", "person")

PAGE_TEXT = {
    "project": {
        "fr": (
            "Titre du projet",
            "Le projet en une ou deux phrases.",
            "Décrivez le projet : contexte, objectifs, méthodes, résultats attendus.",
        ),
        "en": (
            "Project title",
            "The project in one or two sentences.",
            "Describe the project: background, aims, methods, expected results.",
        ),
    },
    "news": {
        "fr": ("Titre de l’actualité", "L’actualité en une ou deux phrases.", "Le texte de l’actualité."),
        "en": ("News title", "The news in one or two sentences.", "The text of the news item."),
    },
    "job": {
        "fr": (
            "Intitulé du poste",
            "Le poste en une ou deux phrases.",
            "## Le poste\n\nMissions, environnement, profil recherché.",
        ),
        "en": (
            "Position title",
            "The position in one or two sentences.",
            "## The position\n\nDuties, environment, profile sought.",
        ),
    },
    "call": {
        "fr": (
            "Appel à candidatures",
            "L’appel en une ou deux phrases.",
            "## Qui peut candidater\n\n## Calendrier\n\n## Pièces à fournir",
        ),
        "en": (
            "Call for applications",
            "The call in one or two sentences.",
            "## Who may apply\n\n## Calendar\n\n## Documents to send",
        ),
    },
}
PAGE_TEXT["event"] = {
    "fr": (
        "Titre de l’événement",
        "L’événement en une ou deux phrases.",
        "## Programme\n\nLes exposés, les horaires, le public attendu.",
    ),
    "en": (
        "Event title",
        "The event in one or two sentences.",
        "## Programme\n\nThe talks, the times, who should come.",
    ),
}
PAGE_TEXT["person"] = {
    "fr": (
        "",
        "Son travail en une phrase.",
        "Quelques phrases : parcours, sujets de recherche, rôle dans les projets.",
    ),
    "en": ("", "Their work in one sentence.", "A few sentences: background, research topics, role in the projects."),
}
APPLY_TEXT = {
    "fr": "Envoyez CV et lettre de motivation au contact indiqué avant la date limite.",
    "en": "Send your CV and cover letter to the contact given, before the deadline.",
}


def placeholders() -> frozenset[str]:
    """Example values of the templates that must not reach a published page: the texts above and
    the declared examples of free-text fields (an acronym, a name, an address)."""
    values = set(APPLY_TEXT.values())
    for record in (PROJECT, ANNOUNCEMENT, PERSON, CONTACT, LINK):
        for spec in record.fields:
            if isinstance(spec.type, Text | Email | Url | Orcid) and isinstance(spec.example, str):
                values.add(spec.example)
    for kind in PAGE_TEXT.values():
        for texts in kind.values():
            values.update(text.strip() for text in texts if text.strip())
    return frozenset(values)
