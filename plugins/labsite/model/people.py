"""What a person of the lab is: one folder a person, ``people/<slug>/index.yml`` (the facts,
each field declared once as in labsite.model.content) and, for those with a page of their own,
``index.fr.md`` / ``index.en.md`` (a short biography). A person without texts is listed, and
named on their projects, without a page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labsite.model.content import EXAMPLE_DAY, LocalTexts
from labsite.model.fields import (
    SLUG,
    Choice,
    CitationKey,
    Day,
    Email,
    Image,
    Items,
    LocalText,
    Orcid,
    Order,
    Ref,
    Text,
    spec,
)

PERSON_STATUSES = ("current", "alumni")
TEAMS = ("lab", "projects")


@dataclass(frozen=True, kw_only=True)
class PersonText:
    """One language's page of a person: the front matter of its index.<lang>.md, and its body."""

    path: str
    slug: str | None = spec(
        Text(80, pattern=SLUG, pattern_help="help.slug"),
        help=(
            "Adresse de la page dans cette langue (par défaut, le nom du dossier)",
            "The page's URL segment in this language (by default, the folder's name)",
        ),
    )
    summary: str | None = spec(
        Text(300),
        help=(
            "Une phrase de présentation (moteurs de recherche, partage)",
            "One sentence about them (search, sharing)",
        ),
        example="Chercheuse en apprentissage statistique pour la santé.",
    )
    body: str = ""
    body_line: int = 1


@dataclass(frozen=True, kw_only=True)
class Person:
    slug: str
    texts: dict[str, PersonText]  # empty for a person without a page of their own
    name: str = spec(Text(100), required=True, help=("Prénom et nom", "Full name"), example="Camille Exemple")
    role: LocalTexts = spec(
        LocalText(100),
        required=True,
        help=("Rôle (un texte, ou fr: / en:)", "Role (one text, or fr: / en:)"),
        example={"fr": "Doctorante", "en": "PhD student"},
    )
    team: str = spec(
        Choice(TEAMS),
        help=(
            "Équipe : lab (l’équipe du laboratoire) ou projects (membre de projets)",
            "Team: lab (the lab's own team) or projects (a member of projects)",
        ),
        example="projects",
        default="projects",
    )
    status: str = spec(
        Choice(PERSON_STATUSES),
        required=True,
        help=("current (présent) ou alumni (parti)", "current or alumni (has left)"),
        example="current",
    )
    affiliation: str | None = spec(
        Ref("partner"), help=("Affiliation : id de data/partners.yml", "Affiliation: id from data/partners.yml")
    )
    orcid: str | None = spec(Orcid(), help=("ORCID iD", "ORCID iD"), example="0000-0002-1825-0097")
    hal: str | None = spec(
        Text(80, pattern=SLUG, pattern_help="help.idhal"),
        help=("Identifiant HAL (idHal)", "HAL author id (idHal)"),
        example="camille-exemple",
    )
    email: str | None = spec(
        Email(),
        help=("Adresse électronique (masquée sur le site)", "E-mail address (hidden from harvesters on the site)"),
        example="camille.exemple@example.org",
    )
    image: str | None = spec(
        Image(), help=("Photo dans ce dossier (png, jpg, webp)", "Photo in this folder (png, jpg, webp)")
    )
    start: dt.date | None = spec(Day(), help=("Arrivée, AAAA-MM-JJ", "Arrived on, YYYY-MM-DD"), example=EXAMPLE_DAY)
    end: dt.date | None = spec(
        Day(),
        help=("Départ, AAAA-MM-JJ (pour les alumni)", "Left on, YYYY-MM-DD (for alumni)"),
        order=(Order("start", True, "item.end_before_start"),),
    )
    projects: tuple[str, ...] = spec(
        Items(Ref("project"), 0, 30),
        help=(
            "Projets : noms de dossiers de projects/ (en plus de ceux qui la citent en contact)",
            "Projects: folder names in projects/ (besides those naming them as a contact)",
        ),
        example=[],
        default=(),
    )
    publications: tuple[str, ...] = spec(
        Items(CitationKey(), 0, 2000),
        help=(
            "Publications sans ORCID ni idHal de la personne : clés BibTeX de publications/",
            "Publications that carry neither their ORCID nor their idHal: BibTeX keys in publications/",
        ),
        example=[],
        default=(),
    )
