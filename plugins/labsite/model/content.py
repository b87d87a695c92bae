"""The content model: what a project, an announcement, a partner and the taxonomy are, each
field declared once, with its type, its rules, its help text and its example (``spec``).

The checks, the JSON Schemas, the ``labsite new`` templates and the contributor guide's
tables are derived from these declarations (labsite.model.schemas). An item is a folder:
``index.yml`` holds what is the same in every language (dates, status, partners, contacts,
deadline...), written once; ``index.fr.md`` and ``index.en.md`` hold the texts
(``ItemText``). A French page and its English counterpart therefore cannot show different facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labsite.common.when import When
from labsite.model.fields import (
    SLUG,
    Choice,
    CitationKey,
    Day,
    Either,
    Email,
    Flag,
    Image,
    Items,
    LocalText,
    MapOf,
    Moment,
    Number,
    Order,
    Record,
    Ref,
    RequiredIf,
    Text,
    Url,
    spec,
)

STATUSES = ("idea", "ongoing", "completed")
DATA_SOURCES = ("eds", "pacs", "high-frequency-monitoring", "other")
ANNOUNCEMENT_TYPES = ("news", "job", "call", "event")
JOB_TYPES = ("job", "call")
JOB_KINDS = ("phd", "postdoc", "engineer", "internship", "hosting-position", "other")
INSTITUTIONS = ("AP-HP", "Inria", "other")
EXAMPLE_DAY = dt.date(2027, 1, 15)
# The content page that lists the items of each type, and so gives them their URL prefix.
LISTING_OF_TYPE = {
    "project": "projects",
    "news": "news",
    "job": "jobs",
    "call": "jobs",
    "event": "agenda",
    "person": "people",
}
EVENT_STATUSES = ("scheduled", "cancelled", "postponed")
EVENT_STATUS_WORDS = (  # what a French contributor writes, folded (labsite.common.collation)
    ("annule", "cancelled"),
    ("reporte", "postponed"),
    ("prevu", "scheduled"),
    ("maintenu", "scheduled"),
    ("canceled", "cancelled"),
)
TALK_LANGUAGES = ("fr", "en")

LocalTexts = dict[str, str]  # language code -> text
POSTCODE = r"^[0-9A-Za-z][0-9A-Za-z -]{1,10}$"
COUNTRY = r"^[A-Z]{2}$"


@dataclass(frozen=True, kw_only=True)
class Contact:
    name: str = spec(Text(100), required=True, help=("Nom et prénom", "Full name"), example="Camille Exemple")
    role: LocalTexts | None = spec(
        LocalText(100),
        help=("Rôle (un texte, ou fr: / en:)", "Role (one text, or fr: / en:)"),
        example={"fr": "Coordinatrice", "en": "Coordinator"},
    )
    email: str = spec(
        Email(),
        required=True,
        help=("Adresse électronique (masquée sur le site)", "E-mail address (hidden from harvesters on the site)"),
        example="camille.exemple@example.org",
    )


CONTACT = Record.of(
    Contact, one=("une personne", "one person"), plural=("personnes", "people"),
    anchor=("Contact (`contacts` et `contact`)", "Contact (`contacts` and `contact`)"),
)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Link:
    label: LocalTexts = spec(
        LocalText(100), required=True, help=("Texte du lien", "Link text"), example={"fr": "Article", "en": "Paper"}
    )
    url: str = spec(
        Url(),
        required=True,
        help=("Adresse complète, https://…", "Full address, https://…"),
        example="https://example.org/",
    )


LINK = Record.of(
    Link, one=("un lien", "one link"), plural=("liens", "links"), anchor=("Lien (`links`)", "Link (`links`)")
)


@dataclass(frozen=True, kw_only=True)
class Address:
    """Where a position is, as job search engines read it (schema.org PostalAddress)."""

    street: str | None = spec(Text(150), help=("Numéro et voie", "Street address"), example="2 rue Simone Iff")
    postcode: str | None = spec(
        Text(12, pattern=POSTCODE, pattern_help="help.postcode"), help=("Code postal", "Postal code"), example="75012"
    )
    city: str = spec(Text(80), required=True, help=("Ville", "City"), example="Paris")
    region: str | None = spec(Text(80), help=("Région", "Region"), example="Île-de-France")
    country: str | None = spec(
        Text(2, pattern=COUNTRY, pattern_help="help.country"),
        help=("Pays : code ISO à deux lettres (FR si absent)", "Country: two-letter ISO code (FR if absent)"),
        example="FR",
    )


ADDRESS = Record.of(
    Address, one=("une adresse", "one address"), plural=("adresses", "addresses"),
    anchor=("Adresse (`addresses`, `address`)", "Address (`addresses`, `address`)"),
)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Speaker:
    """A speaker from outside the lab's people (else: their id in people/)."""

    name: str = spec(Text(100), required=True, help=("Nom et prénom", "Full name"), example="Camille Exemple")
    affiliation: LocalTexts | None = spec(
        LocalText(150),
        help=("Établissement (un texte, ou fr: / en:)", "Affiliation (one text, or fr: / en:)"),
        example="Université Exemple",
    )


SPEAKER = Record.of(
    Speaker, one=("un orateur", "one speaker"), plural=("orateurs", "speakers"),
    anchor=("Orateur (`speakers`)", "Speaker (`speakers`)"),
)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Partner:
    id: str = spec(
        Text(60, pattern=SLUG, pattern_help="help.id"),
        required=True,
        help=("Identifiant, cité par les projets", "Id, used by projects"),
        example="inria-example",
    )
    name: LocalTexts = spec(
        LocalText(150),
        required=True,
        help=("Nom (un texte, ou fr: / en:)", "Name (one text, or fr: / en:)"),
        example="Équipe-projet Exemple",
    )
    institution: str = spec(
        Choice(INSTITUTIONS),
        required=True,
        help=("Institution : " + ", ".join(INSTITUTIONS), "Institution: " + ", ".join(INSTITUTIONS)),
        example="Inria",
    )
    url: str | None = spec(Url(), help=("Site web", "Website"), example="https://www.inria.fr/")


@dataclass(frozen=True, kw_only=True)
class Taxonomy:
    themes: dict[str, LocalTexts] = spec(
        MapOf(LocalText(80)),
        required=True,
        help=("Thèmes des projets : id: {fr: …, en: …}", "Project themes: id: {fr: ..., en: ...}"),
    )
    tags: dict[str, LocalTexts] = spec(
        MapOf(LocalText(80)),
        required=True,
        help=("Étiquettes des annonces : id: {fr: …, en: …}", "Announcement tags: id: {fr: ..., en: ...}"),
    )


# Declarations shared by the kinds of items.
_DATE_HELP = ("Date de publication, AAAA-MM-JJ (publiée à partir de ce jour)", "Publication date, YYYY-MM-DD (published from that day on)")  # fmt: skip
_UPDATED = {
    "help": (
        "Date de la dernière mise à jour importante, AAAA-MM-JJ (pour les flux)",
        "Date of the last significant update, YYYY-MM-DD (for the feeds)",
    ),
    "order": (Order("date", True, "item.before_date"),),
}
_IMAGE = {"help": ("Image dans ce dossier (png, jpg, webp)", "Image in this folder (png, jpg, webp)")}
_DRAFT = {
    "help": ("Brouillon : true tant que la page n’est pas prête", "Draft: true until the page is ready"),
    "example": True,
    "default": False,
}


@dataclass(frozen=True, kw_only=True)
class ItemText:
    """One language's texts of an item: the front matter of its index.<lang>.md, and its body."""

    path: str
    title: str = spec(Text(150), required=True, help=("Titre", "Title"), example="Titre")
    slug: str | None = spec(
        Text(80, pattern=SLUG, pattern_help="help.slug"),
        help=(
            "Adresse de la page dans cette langue (par défaut, le nom du dossier)",
            "The page's URL segment in this language (by default, the folder's name)",
        ),
    )
    summary: str = spec(
        Text(300),
        required=True,
        help=("Résumé en une ou deux phrases", "Summary in one or two sentences"),
        example="Résumé.",
    )
    image_alt: str | None = spec(
        Text(200),
        help=(
            "Description de l’image pour qui ne la voit pas (obligatoire avec une image)",
            "What the image shows, for those who can't see it (required with an image)",
        ),
        describes="image",
    )
    apply: str | None = spec(
        Text(3000, multiline=True),
        help=(
            "Comment candidater (offres et appels ; Markdown permis)",
            "How to apply (job ads and calls; Markdown allowed)",
        ),
        only_for=JOB_TYPES,
        required_for=JOB_TYPES,
        messages=(("only_for", "item.apply_only_jobs"), ("required_for", "item.apply_required")),
    )
    body: str = ""  # the Markdown text of the page
    body_line: int = 1  # line of the file where the body starts
    apply_line: int = 1  # line of the file where `apply` is written


@dataclass(frozen=True, kw_only=True)
class Project:
    slug: str
    texts: dict[str, ItemText]
    acronym: str | None = spec(Text(30), help=("Acronyme du projet", "Project acronym"), example="ACRO")
    date: dt.date = spec(
        Day(),
        required=True,
        help=("Date de publication de la page, AAAA-MM-JJ", "Date the page was published, YYYY-MM-DD"),
        example=EXAMPLE_DAY,
    )
    updated: dt.date | None = spec(Day(), **_UPDATED)
    status: str = spec(
        Choice(STATUSES),
        required=True,
        help=("État : idea (idée), ongoing (en cours), completed (terminé)", "Status: idea, ongoing or completed"),
        example="idea",
    )
    start: dt.date | None = spec(
        Day(),
        help=(
            "Date de début, AAAA-MM-JJ (obligatoire sauf pour une idée)",
            "Start date, YYYY-MM-DD (required unless status is idea)",
        ),
        required_if=RequiredIf("status", ("ongoing", "completed"), "item.start_required"),
    )
    end: dt.date | None = spec(
        Day(),
        help=("Date de fin, AAAA-MM-JJ (obligatoire si terminé)", "End date, YYYY-MM-DD (required when completed)"),
        required_if=RequiredIf("status", ("completed",), "item.end_required"),
        order=(Order("start", True, "item.end_before_start"),),
    )
    themes: tuple[str, ...] = spec(
        Items(Ref("theme"), 1, 6),
        required=True,
        help=("Thèmes : ids de data/taxonomy.yml", "Themes: ids from data/taxonomy.yml"),
        example=[],
    )
    partners: tuple[str, ...] = spec(
        Items(Ref("partner"), 1, 20),
        required=True,
        help=("Partenaires : ids de data/partners.yml", "Partners: ids from data/partners.yml"),
        example=[],
    )
    data_sources: tuple[str, ...] = spec(
        Items(Choice(DATA_SOURCES), 0, 4),
        help=("Sources de données : " + ", ".join(DATA_SOURCES), "Data sources: " + ", ".join(DATA_SOURCES)),
        example=["eds"],
        default=(),
    )
    contacts: tuple[Contact | str, ...] = spec(
        Items(Either(Ref("person"), CONTACT), 0, 10),
        help=(
            "Personnes à contacter : l’id d’une personne de people/, ou nom et adresse",
            "Contact persons: the id of a person in people/, or a name and an address",
        ),
        example=[CONTACT],
        default=(),
    )
    funding: tuple[LocalTexts, ...] = spec(
        Items(LocalText(150), 0, 10),
        help=("Financements (un texte par financeur)", "Funding (one text per funder)"),
        example=[],
        default=(),
    )
    authorisation: str | None = spec(
        Text(80),
        help=(
            "Référence de l’autorisation d’accès aux données (ex. avis du CSE de l’EDS)",
            "Data-access authorisation reference (e.g. the EDS committee's approval number)",
        ),
    )
    publications: tuple[str, ...] = spec(
        Items(CitationKey(), 0, 500),
        help=("Publications : clés BibTeX de publications/", "Publications: BibTeX keys in publications/"),
        example=[],
        default=(),
    )
    links: tuple[Link, ...] = spec(
        Items(LINK, 0, 20),
        help=("Liens (publications, code, site du projet)", "Links (papers, code, project website)"),
        example=[LINK],
        default=(),
    )
    image: str | None = spec(Image(), **_IMAGE)
    draft: bool = spec(Flag(), **_DRAFT)
    featured: bool = spec(
        Flag(),
        help=("Mis en avant sur la page d’accueil (trois au plus)", "Featured on the home page (three at most)"),
        default=False,
    )

    @property
    def type(self) -> str:
        return "project"


@dataclass(frozen=True, kw_only=True)
class Announcement:
    slug: str
    texts: dict[str, ItemText]
    type: str = spec(
        Choice(ANNOUNCEMENT_TYPES),
        required=True,
        help=(
            "Type : news (actualité), job (offre d’emploi), call (appel à candidatures), event (événement)",
            "Type: news, job (job ad), call (call for applications) or event",
        ),
        example="news",
    )
    date: dt.date = spec(Day(), required=True, help=_DATE_HELP, example=EXAMPLE_DAY)
    tags: tuple[str, ...] = spec(
        Items(Ref("tag"), 0, 8),
        help=("Étiquettes : ids de data/taxonomy.yml", "Tags: ids from data/taxonomy.yml"),
        example=[],
        default=(),
    )
    projects: tuple[str, ...] = spec(
        Items(Ref("project"), 0, 10),
        help=("Projets liés : noms de dossiers de projects/", "Related projects: folder names in projects/"),
        example=[],
        default=(),
    )
    updated: dt.date | None = spec(Day(), **_UPDATED)
    image: str | None = spec(Image(), **_IMAGE)
    draft: bool = spec(Flag(), **_DRAFT)
    kind: str | None = spec(
        Choice(JOB_KINDS),
        help=("Poste : " + ", ".join(JOB_KINDS), "Position: " + ", ".join(JOB_KINDS)),
        example="phd",
        only_for=JOB_TYPES,
        required_for=JOB_TYPES,
    )
    deadline: dt.date | None = spec(  # open until the end of that day, Europe/Paris
        Day(),
        help=("Date limite de candidature, AAAA-MM-JJ (incluse)", "Application deadline, YYYY-MM-DD (included)"),
        example=dt.date(2027, 3, 15),
        only_for=JOB_TYPES,
        required_for=JOB_TYPES,
        order=(Order("date", True, "item.before_date"),),
    )
    opens: dt.date | None = spec(
        Day(),
        help=("Ouverture des candidatures, AAAA-MM-JJ", "Applications open on, YYYY-MM-DD"),
        only_for=("call",),
        order=(Order("deadline", False, "item.after_deadline"),),
    )
    hearing: dt.date | None = spec(
        Day(),
        help=("Date des auditions, AAAA-MM-JJ", "Hearing date, YYYY-MM-DD"),
        only_for=("call",),
        order=(Order("deadline", True, "item.before_deadline"),),
    )
    start_date: dt.date | None = spec(
        Day(),
        help=("Prise de fonctions, AAAA-MM-JJ", "Start date of the position, YYYY-MM-DD"),
        example=dt.date(2027, 10, 1),
        only_for=JOB_TYPES,
        order=(Order("deadline", True, "item.before_deadline"),),
    )
    duration_months: int | None = spec(
        Number(1, 120), help=("Durée en mois", "Duration in months"), example=36, only_for=JOB_TYPES
    )
    location: LocalTexts | None = spec(
        LocalText(150),
        help=("Lieu (un texte, ou fr: / en:)", "Location (one text, or fr: / en:)"),
        example="Paris",
        only_for=JOB_TYPES,
        required_for=JOB_TYPES,
    )
    addresses: tuple[Address, ...] = spec(
        Items(ADDRESS, 0, 5),
        help=(
            "Adresses du lieu de travail (affichées, et lues par les moteurs de recherche d’emploi)",
            "Addresses of the workplace (shown, and read by job search engines)",
        ),
        example=[ADDRESS],
        only_for=JOB_TYPES,
        default=(),
    )
    contact: Contact | None = spec(
        CONTACT,
        help=("Contact pour les candidats", "Contact for applicants"),
        example=CONTACT,
        only_for=JOB_TYPES,
        required_for=JOB_TYPES,
    )
    starts: When | None = spec(
        Moment(),
        help=(
            "Début : AAAA-MM-JJ (journée entière) ou AAAA-MM-JJ HH:MM",
            "Starts: YYYY-MM-DD (whole day) or YYYY-MM-DD HH:MM",
        ),
        example="2027-03-12 14:00",
        only_for=("event",),
        required_for=("event",),
    )
    ends: When | None = spec(
        Moment(),
        help=(
            "Fin, écrite comme le début (deux dates, ou deux dates et heures), après lui",
            "Ends, written as the start (two dates, or two dates and times), after it",
        ),
        example="2027-03-12 16:00",
        only_for=("event",),
        required_for=("event",),
    )
    status: str = spec(
        Choice(EVENT_STATUSES, words=EVENT_STATUS_WORDS),
        help=("État : " + ", ".join(EVENT_STATUSES), "Status: " + ", ".join(EVENT_STATUSES)),
        example="scheduled",
        only_for=("event",),
        default="scheduled",
    )
    place: LocalTexts | None = spec(
        LocalText(150),
        help=("Lieu et salle (un texte, ou fr: / en:)", "Place and room (one text, or fr: / en:)"),
        example={"fr": "Amphithéâtre B, Hôpital Exemple", "en": "Lecture hall B, Example Hospital"},
        only_for=("event",),
    )
    address: Address | None = spec(
        ADDRESS, help=("Adresse du lieu", "Address of the place"), example=ADDRESS, only_for=("event",)
    )
    online: str | None = spec(
        Url(),
        help=("Lien pour suivre en ligne", "Link to attend online"),
        example="https://example.org/visio",
        only_for=("event",),
    )
    registration: str | None = spec(
        Url(),
        help=("Lien d’inscription", "Registration link"),
        example="https://example.org/inscription",
        only_for=("event",),
    )
    registration_deadline: dt.date | None = spec(
        Day(),
        help=(
            "Fin des inscriptions, AAAA-MM-JJ (incluse), au plus tard le jour du début",
            "Registration closes, YYYY-MM-DD (included), on the day it starts at the latest",
        ),
        only_for=("event",),
    )
    talk_language: str | None = spec(
        Choice(TALK_LANGUAGES),
        help=("Langue des exposés : fr ou en", "Language of the talks: fr or en"),
        example="fr",
        only_for=("event",),
    )
    speakers: tuple[str | Speaker, ...] = spec(
        Items(Either(Ref("person"), SPEAKER), 0, 30),
        help=(
            "Orateurs : ids de people/, ou nom et établissement",
            "Speakers: ids in people/, or name and affiliation",
        ),
        example=[SPEAKER],
        only_for=("event",),
        default=(),
    )

    @property
    def is_job(self) -> bool:
        return self.type in JOB_TYPES


Item = Project | Announcement
