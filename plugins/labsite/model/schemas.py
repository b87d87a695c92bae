"""The content model's fields, declared once: checks, JSON Schemas and templates come from here.

An item is a folder: ``index.yml`` holds what is the same in every language (dates,
status, partners, contacts, deadline...), written once; ``index.fr.md`` and
``index.en.md`` hold the texts. A French page and its English counterpart therefore
cannot show different facts.
"""

from __future__ import annotations

import datetime as dt

from labsite.model.fields import (
    SLUG,
    Choice,
    Day,
    Email,
    Field,
    Flag,
    Image,
    Items,
    LocalText,
    MapOf,
    Number,
    Record,
    Ref,
    Text,
    Url,
)

STATUSES = ("idea", "ongoing", "completed")
DATA_SOURCES = ("eds", "pacs", "high-frequency-monitoring", "other")
ANNOUNCEMENT_TYPES = ("news", "job", "call")
JOB_KINDS = ("phd", "postdoc", "engineer", "internship", "hosting-position", "other")
INSTITUTIONS = ("AP-HP", "Inria", "other")
JOB_TYPES = ("job", "call")

_IN_YML = "elsewhere.in_yml"  # message keys
_IN_MD = "elsewhere.in_md"
EXAMPLE_DAY = dt.date(2027, 1, 15)

CONTACT = Record(
    (
        Field("name", Text(100), True, ("Nom et prénom", "Full name"), "Camille Martin"),
        Field(
            "role",
            LocalText(100),
            False,
            ("Rôle (un texte, ou fr: / en:)", "Role (one text, or fr: / en:)"),
            {"fr": "Coordinatrice", "en": "Coordinator"},
        ),
        Field(
            "email",
            Email(),
            True,
            ("Adresse électronique (masquée sur le site)", "E-mail address (hidden from harvesters on the site)"),
            "camille.martin@example.org",
        ),
    )
)
LINK = Record(
    (
        Field("label", LocalText(100), True, ("Texte du lien", "Link text"), {"fr": "Article", "en": "Paper"}),
        Field("url", Url(), True, ("Adresse complète, https://…", "Full address, https://…"), "https://example.org/"),
    )
)

# Fields shared by the kinds of items.
IMAGE = Field(
    "image",
    Image(),
    False,
    ("Image dans ce dossier (png, jpg, webp)", "Image in this folder (png, jpg, webp)"),
    None,
)
DRAFT = Field(
    "draft",
    Flag(),
    False,
    ("Brouillon : true tant que la page n’est pas prête", "Draft: true until the page is ready"),
    True,
)
UPDATED = Field(
    "updated",
    Day(),
    False,
    (
        "Date de la dernière mise à jour importante, AAAA-MM-JJ (pour les flux)",
        "Date of the last significant update, YYYY-MM-DD (for the feeds)",
    ),
    None,
)
IMAGE_ALT = Field(
    "image_alt",
    Text(200),
    False,
    (
        "Description de l’image pour qui ne la voit pas (obligatoire avec une image)",
        "What the image shows, for those who can't see it (required with an image)",
    ),
    None,
)

CONTENT_PAGE = Record(
    (
        Field("title", Text(120), True, ("Titre de la page", "Page title"), "Titre"),
        Field(
            "slug",
            Text(80, pattern=SLUG + "|^$", pattern_help="help.slug", min_length=0),
            False,
            ("Adresse de la page (vide pour l’accueil)", "The page's URL segment (empty for the home page)"),
            "titre",
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

PROJECT = Record(
    (
        Field("acronym", Text(30), False, ("Acronyme du projet", "Project acronym"), "ACRO"),
        Field(
            "date",
            Day(),
            True,
            ("Date de publication de la page, AAAA-MM-JJ", "Date the page was published, YYYY-MM-DD"),
            EXAMPLE_DAY,
        ),
        UPDATED,
        Field(
            "status",
            Choice(STATUSES),
            True,
            ("État : idea (idée), ongoing (en cours), completed (terminé)", "Status: idea, ongoing or completed"),
            "idea",
        ),
        Field(
            "start",
            Day(),
            False,
            (
                "Date de début, AAAA-MM-JJ (obligatoire sauf pour une idée)",
                "Start date, YYYY-MM-DD (required unless status is idea)",
            ),
            None,
        ),
        Field(
            "end",
            Day(),
            False,
            ("Date de fin, AAAA-MM-JJ (obligatoire si terminé)", "End date, YYYY-MM-DD (required when completed)"),
            None,
        ),
        Field(
            "themes",
            Items(Ref("theme"), 1, 6),
            True,
            ("Thèmes : ids de data/taxonomy.yml", "Themes: ids from data/taxonomy.yml"),
            [],
        ),
        Field(
            "partners",
            Items(Ref("partner"), 1, 20),
            True,
            ("Partenaires : ids de data/partners.yml", "Partners: ids from data/partners.yml"),
            [],
        ),
        Field(
            "data_sources",
            Items(Choice(DATA_SOURCES), 0, 4),
            False,
            ("Sources de données : " + ", ".join(DATA_SOURCES), "Data sources: " + ", ".join(DATA_SOURCES)),
            ["eds"],
        ),
        Field("contacts", Items(CONTACT, 0, 10), False, ("Personnes à contacter", "Contact persons"), [CONTACT]),
        Field(
            "funding",
            Items(LocalText(150), 0, 10),
            False,
            ("Financements (un texte par financeur)", "Funding (one text per funder)"),
            [],
        ),
        Field(
            "authorisation",
            Text(80),
            False,
            (
                "Référence de l’autorisation d’accès aux données (ex. avis du CSE de l’EDS)",
                "Data-access authorisation reference (e.g. the EDS committee's approval number)",
            ),
            None,
        ),
        Field(
            "links",
            Items(LINK, 0, 20),
            False,
            ("Liens (publications, code, site du projet)", "Links (papers, code, project website)"),
            [LINK],
        ),
        IMAGE,
        DRAFT,
    ),
    elsewhere=(("title", _IN_MD), ("summary", _IN_MD), ("image_alt", _IN_MD)),
)

PROJECT_PAGE = Record(
    (
        Field("title", Text(150), True, ("Titre du projet", "Project title"), "Titre du projet"),
        Field(
            "summary",
            Text(300),
            True,
            ("Résumé en une ou deux phrases", "Summary in one or two sentences"),
            "Résumé du projet.",
        ),
        IMAGE_ALT,
    ),
    elsewhere=tuple((f.name, _IN_YML) for f in PROJECT.fields),
)

ANNOUNCEMENT = Record(
    (
        Field(
            "type",
            Choice(ANNOUNCEMENT_TYPES),
            True,
            (
                "Type : news (actualité), job (offre d’emploi), call (appel à candidatures)",
                "Type: news, job (job ad) or call (call for applications)",
            ),
            "news",
        ),
        Field(
            "date",
            Day(),
            True,
            (
                "Date de publication, AAAA-MM-JJ (publiée à partir de ce jour)",
                "Publication date, YYYY-MM-DD (published from that day on)",
            ),
            EXAMPLE_DAY,
        ),
        Field(
            "tags",
            Items(Ref("tag"), 0, 8),
            False,
            ("Étiquettes : ids de data/taxonomy.yml", "Tags: ids from data/taxonomy.yml"),
            [],
        ),
        Field(
            "projects",
            Items(Ref("project"), 0, 10),
            False,
            ("Projets liés : noms de dossiers de projects/", "Related projects: folder names in projects/"),
            [],
        ),
        UPDATED,
        IMAGE,
        DRAFT,
        Field(
            "kind",
            Choice(JOB_KINDS),
            False,
            ("Poste : " + ", ".join(JOB_KINDS), "Position: " + ", ".join(JOB_KINDS)),
            "phd",
            JOB_TYPES,
        ),
        Field(
            "deadline",
            Day(),
            False,
            ("Date limite de candidature, AAAA-MM-JJ (incluse)", "Application deadline, YYYY-MM-DD (included)"),
            dt.date(2027, 3, 15),
            JOB_TYPES,
        ),
        Field(
            "opens",
            Day(),
            False,
            ("Ouverture des candidatures, AAAA-MM-JJ", "Applications open on, YYYY-MM-DD"),
            None,
            ("call",),
        ),
        Field("hearing", Day(), False, ("Date des auditions, AAAA-MM-JJ", "Hearing date, YYYY-MM-DD"), None, ("call",)),
        Field(
            "start_date",
            Day(),
            False,
            ("Prise de fonctions, AAAA-MM-JJ", "Start date of the position, YYYY-MM-DD"),
            dt.date(2027, 10, 1),
            JOB_TYPES,
        ),
        Field("duration_months", Number(1, 120), False, ("Durée en mois", "Duration in months"), 36, JOB_TYPES),
        Field(
            "location",
            LocalText(150),
            False,
            ("Lieu (un texte, ou fr: / en:)", "Location (one text, or fr: / en:)"),
            "Paris",
            JOB_TYPES,
        ),
        Field("contact", CONTACT, False, ("Contact pour les candidats", "Contact for applicants"), CONTACT, JOB_TYPES),
    ),
    elsewhere=(("title", _IN_MD), ("summary", _IN_MD), ("image_alt", _IN_MD), ("apply", _IN_MD)),
)
REQUIRED_FOR_JOBS = ("kind", "deadline", "location", "contact")

ANNOUNCEMENT_PAGE = Record(
    (
        Field("title", Text(150), True, ("Titre", "Title"), "Titre"),
        Field(
            "summary", Text(300), True, ("Résumé en une ou deux phrases", "Summary in one or two sentences"), "Résumé."
        ),
        IMAGE_ALT,
        Field(
            "apply",
            Text(3000, multiline=True),
            False,
            (
                "Comment candidater (offres et appels ; Markdown permis)",
                "How to apply (job ads and calls; Markdown allowed)",
            ),
            None,
        ),
    ),
    elsewhere=tuple((f.name, _IN_YML) for f in ANNOUNCEMENT.fields),
)

PARTNER = Record(
    (
        Field(
            "id",
            Text(60, pattern=SLUG, pattern_help="help.id"),
            True,
            ("Identifiant, cité par les projets", "Id, used by projects"),
            "inria-example",
        ),
        Field(
            "name",
            LocalText(150),
            True,
            ("Nom (un texte, ou fr: / en:)", "Name (one text, or fr: / en:)"),
            "Équipe-projet Exemple",
        ),
        Field(
            "institution",
            Choice(INSTITUTIONS),
            True,
            ("Institution : " + ", ".join(INSTITUTIONS), "Institution: " + ", ".join(INSTITUTIONS)),
            "Inria",
        ),
        Field("url", Url(), False, ("Site web", "Website"), "https://www.inria.fr/"),
    )
)
PARTNERS = Items(PARTNER, 1, 500)

TAXONOMY = Record(
    (
        Field(
            "themes",
            MapOf(LocalText(80)),
            True,
            ("Thèmes des projets : id: {fr: …, en: …}", "Project themes: id: {fr: ..., en: ...}"),
        ),
        Field(
            "tags",
            MapOf(LocalText(80)),
            True,
            ("Étiquettes des annonces : id: {fr: …, en: …}", "Announcement tags: id: {fr: ..., en: ...}"),
        ),
    )
)
