"""The records of every file a contributor writes, derived from the model's declarations
(labsite.model.content): what ``labsite check`` checks, ``labsite schema`` writes as JSON
Schemas and guide tables, and ``labsite new`` writes as templates."""

from __future__ import annotations

from labsite.model.content import (
    ADDRESS,
    CONTACT,
    LINK,
    SPEAKER,
    Announcement,
    ItemText,
    Partner,
    Project,
    Taxonomy,
)
from labsite.model.fields import SLUG, Field, Items, Record, Text
from labsite.model.people import Person, PersonText

_IN_YML = "elsewhere.in_yml"  # message keys
_IN_MD = "elsewhere.in_md"
_TEXTS = (("title", _IN_MD), ("slug", _IN_MD), ("summary", _IN_MD), ("image_alt", _IN_MD))

CONTENT_PAGE = Record(
    (
        Field("title", Text(120), True, ("Titre de la page", "Page title"), "Titre"),
        Field(
            "slug",
            Text(80, pattern=SLUG + "|^$", pattern_help="help.slug", min_length=0),
            False,
            ("Adresse de la page (vide pour l’accueil)", "The page's URL segment (empty for the home page)"),
            "titre",
            required_except="index",
        ),
        Field(
            "description",
            Text(300),
            False,
            ("Une ou deux phrases pour les moteurs de recherche", "One or two sentences for search engines"),
            "Résumé.",
        ),
    )
)
PROJECT = Record.of(Project, elsewhere=_TEXTS)
PROJECT_PAGE = Record.of(ItemText, kind="project", elsewhere=tuple((f.name, _IN_YML) for f in PROJECT.fields))
ANNOUNCEMENT = Record.of(Announcement, elsewhere=(*_TEXTS, ("apply", _IN_MD)))
ANNOUNCEMENT_PAGE = Record.of(ItemText, elsewhere=tuple((f.name, _IN_YML) for f in ANNOUNCEMENT.fields))
PERSON = Record.of(Person, elsewhere=(("slug", _IN_MD), ("summary", _IN_MD)))
PERSON_PAGE = Record.of(PersonText, elsewhere=tuple((f.name, _IN_YML) for f in PERSON.fields if f.name != "slug"))
PARTNER = Record.of(Partner)
PARTNERS = Items(PARTNER, 1, 500)
TAXONOMY = Record.of(Taxonomy)

__all__ = ["ADDRESS", "ANNOUNCEMENT", "ANNOUNCEMENT_PAGE", "CONTACT", "CONTENT_PAGE", "LINK", "PARTNER", "PARTNERS", "PERSON", "PERSON_PAGE", "PROJECT", "PROJECT_PAGE", "SPEAKER", "TAXONOMY"]  # fmt: skip
