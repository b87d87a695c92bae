"""Shared test helpers: fixture sites built in temporary folders, a local HTTP server, Chromium."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from labsite.build import static_host
from labsite.build.catalog import make_catalog
from labsite.common import clock
from labsite.model.catalog import Catalog

REPO = Path(__file__).resolve().parents[1]
# Messages in English whatever the machine's locale (tests of French messages ask for it).
os.environ["LABSITE_LANG"] = "en"
# One page of each kind of the example site, French then English (files of site/).
PAGE_KINDS = {
    "home": ("index.html", "en/index.html"),
    "content page": ("contact/index.html", "en/contact/index.html"),
    "projects": ("projets/index.html", "en/projects/index.html"),
    "project": ("projets/vigisepsis/index.html", "en/projects/vigisepsis/index.html"),
    "project facet": ("projets/themes/oncology/index.html", "en/projects/themes/oncology/index.html"),
    "partners": ("partenaires/index.html", "en/partners/index.html"),
    "partner": ("partenaires/inria-soda/index.html", "en/partners/inria-soda/index.html"),
    "jobs board": ("recrutement/index.html", "en/jobs/index.html"),
    "jobs of a kind": ("recrutement/type/phd/index.html", "en/jobs/type/phd/index.html"),
    "job ad": ("recrutement/these-emulfa/index.html", "en/jobs/phd-emulfa/index.html"),
    "call": ("recrutement/postes-d-accueil-2027/index.html", "en/jobs/hosting-positions-2027/index.html"),
    "news": ("actualites/index.html", "en/news/index.html"),
    "news of a year": ("actualites/2026/index.html", "en/news/2026/index.html"),
    "news of a tag": ("actualites/etiquettes/event/index.html", "en/news/tags/event/index.html"),
    "announcement": ("actualites/convention-phenorare/index.html", "en/news/phenorare-agreement/index.html"),
    "people": ("equipe/index.html", "en/people/index.html"),
    "person": ("equipe/claire-fontaine/index.html", "en/people/claire-fontaine/index.html"),
    "publications": ("publications/index.html", "en/publications/index.html"),
    "publications of a kind": ("publications/type/article/index.html", "en/publications/type/article/index.html"),
    "agenda": ("agenda/index.html", "en/events/index.html"),
    "event": ("agenda/seminaire-causalite-janvier/index.html", "en/events/seminaire-causalite-janvier/index.html"),
    "not found": ("404.html", "en/404.html"),
    "redirect": ("en/jobs/these-emulfa/index.html",),
}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

MKDOCS_YML = """\
site_name: Laboratoire Test
site_url: https://lab.example.org/
docs_dir: content
theme:
  name: material
  custom_dir: {theme}
  language: fr
  font: false
  features: [navigation.tabs]
extra_css: [assets/stylesheets/labsite.css]
extra_javascript: [assets/javascripts/labsite.js]
markdown_extensions: [attr_list, md_in_html, toc]
plugins:
  - labsite:
      site_names: {{fr: Laboratoire Test, en: Test Lab}}
      nav: [index, about, projects, news, jobs, data, contact]
      footer: [legal, accessibility]
  - search
validation:
  nav:
    omitted_files: info
  links:
    anchors: warn
"""


def page(title: str, slug: str | None, body: str = "", **fields: str) -> str:
    lines = ["---", f'title: "{title}"']
    if slug is not None:
        lines.append(f'slug: "{slug}"')
    lines += [f'{key}: "{value}"' for key, value in fields.items()]
    return "\n".join([*lines, "---", "", textwrap.dedent(body).strip(), ""])


PARTNERS_YML = """\
- id: aphp-eds
  name: {fr: Entrepôt de données de santé, en: Health data warehouse}
  institution: AP-HP
  url: https://eds.example.org/
- id: inria-team
  name: Équipe Inria
  institution: Inria
"""
TAXONOMY_YML = """\
themes:
  imaging: {fr: Imagerie, en: Imaging}
  critical-care: {fr: Réanimation, en: Critical care}
tags:
  event: {fr: Événement, en: Event}
  recruitment: {fr: Recrutement, en: Recruitment}
"""
PROJECT_YML = """\
acronym: HAI
status: ongoing
start: 2025-01-01
themes: [imaging]
partners: [aphp-eds, inria-team]
data_sources: [eds, pacs]
contacts:
  - name: Ada Martin
    role: {fr: Coordinatrice, en: Coordinator}
    email: ada.martin@example.org
draft: false
date: 2025-01-15
"""
NEWS_YML = """\
type: news
date: 2026-05-04
tags: [event]
projects: [heart-ai]
draft: false
"""


def item_page(title: str, summary: str, body: str = "", **fields: str) -> str:
    return page(title, None, body, summary=summary, **fields)


# A small bilingual site: every content page the templates link to, a project with an image, a news item.
FIXTURE_FILES: dict[str, str | bytes | None] = {
    "data/partners.yml": PARTNERS_YML,
    "data/taxonomy.yml": TAXONOMY_YML,
    "content/index.fr.md": page(
        "Laboratoire Test", "", "Bienvenue au laboratoire.", description="La mission en une phrase."
    ),
    "content/index.en.md": page("Test Lab", "", "Welcome to the lab.", description="The mission in one sentence."),
    "content/about.fr.md": page("À propos", "a-propos", "## Histoire\n\nUn hôpital et un institut : ornithorynque."),
    "content/about.en.md": page("About", "about", "## History\n\nA hospital and an institute: platypus."),
    "content/projects.fr.md": page("Projets", "projets", "Les projets."),
    "content/projects.en.md": page("Projects", "projects", "The projects."),
    "content/jobs.fr.md": page("Recrutement", "recrutement", "Les offres."),
    "content/jobs.en.md": page("Jobs", "jobs", "The offers."),
    "content/news.fr.md": page("Actualités", "actualites", "Les nouvelles."),
    "content/news.en.md": page("News", "news", "The news."),
    "content/data.fr.md": page("Données", "donnees", "Les données."),
    "content/data.en.md": page("Data", "data", "The data."),
    "content/contact.fr.md": page(
        "Contact",
        "contact",
        "Écrivez à <contact@lab.example.org> ou [au secrétariat](mailto:secretariat@lab.example.org).",
    ),
    "content/contact.en.md": page(
        "Contact", "contact", "Write to <contact@lab.example.org> or [the office](mailto:secretariat@lab.example.org)."
    ),
    "content/legal.fr.md": page("Mentions légales", "mentions-legales", "Éditeur."),
    "content/legal.en.md": page("Legal notice", "legal-notice", "Publisher."),
    "content/accessibility.fr.md": page("Accessibilité", "accessibilite", "Non conforme."),
    "content/accessibility.en.md": page("Accessibility", "accessibility", "Non-compliant."),
    "projects/heart-ai/index.yml": PROJECT_YML,
    "projects/heart-ai/index.fr.md": item_page(
        "Cœur & IA <b>", "Un projet.", "![Schéma](diagram.svg)\n\nVoir [les données](../../content/data.fr.md)."
    ),
    "projects/heart-ai/index.en.md": item_page(
        "Heart & AI <b>", "A project.", "![Diagram](diagram.svg)\n\nSee [the data](../../content/data.en.md)."
    ),
    "projects/heart-ai/diagram.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
    "content/partners.fr.md": page("Partenaires", "partenaires", "Nos partenaires."),
    "content/partners.en.md": page("Partners", "partners", "Our partners."),
    "projects/lung-scan/index.yml": "acronym: LUNG\nstatus: completed\ndate: 2024-07-01\nstart: 2021-03-01\nend: 2024-06-30\nthemes: [imaging]\npartners: [inria-team]\ndata_sources: [pacs]\nfunding: [{fr: Fondation X, en: X Foundation}]\ndraft: false\n",
    "projects/lung-scan/index.fr.md": item_page("Scanner pulmonaire", "Lire les scanners du poumon."),
    "projects/lung-scan/index.en.md": item_page("Lung scans", "Reading lung scans."),
    "projects/icu-flow/index.yml": "status: idea\ndate: 2026-06-01\nthemes: [critical-care]\npartners: [aphp-eds]\ndata_sources: [high-frequency-monitoring, other]\ndraft: false\n",
    "projects/icu-flow/index.fr.md": item_page("Flux en réanimation", "Une idée pour la réanimation."),
    "projects/icu-flow/index.en.md": item_page("ICU flow", "An idea for intensive care."),
    "news/heart-phd/index.yml": "type: job\ndate: 2026-10-01\nkind: phd\ndeadline: 2027-01-31\nlocation: Paris\nprojects: [heart-ai]\ncontact: {name: Ada Martin, email: ada.martin@example.org}\ndraft: false\n",
    "news/heart-phd/index.fr.md": item_page("Thèse cœur", "Une thèse.", "Texte.", apply="Écrire à Ada."),
    "news/heart-phd/index.en.md": item_page("Heart PhD", "A PhD.", "Text.", apply="Write to Ada."),
    "news/old-internship/index.yml": "type: job\ndate: 2026-09-01\nkind: internship\ndeadline: 2026-10-15\nlocation: Paris\nprojects: [heart-ai]\ncontact: {name: Ada Martin, email: ada.martin@example.org}\ndraft: false\n",
    "news/old-internship/index.fr.md": item_page("Stage ancien", "Un stage.", "Texte.", apply="Écrire à Ada."),
    "news/old-internship/index.en.md": item_page("Old internship", "An internship.", "Text.", apply="Write to Ada."),
    "news/icu-engineer/index.yml": "type: job\ndate: 2026-11-02\nkind: engineer\ndeadline: 2026-12-10\nlocation: {fr: Hôpital X, en: X Hospital}\nstart_date: 2027-01-04\nduration_months: 18\nprojects: [icu-flow]\ncontact: {name: Léa Roux, email: lea.roux@example.org}\ndraft: false\n",
    "news/icu-engineer/index.fr.md": item_page(
        "Ingénieur·e données",
        "Un poste d’ingénieur.",
        "## Le poste\n\nTexte.",
        apply="Écrire à <lea.roux@example.org> avec un CV.",
    ),
    "news/icu-engineer/index.en.md": item_page(
        "Data engineer",
        "An engineer position.",
        "## The position\n\nText.",
        apply="Write to <lea.roux@example.org> with a CV.",
    ),
    "news/award/index.yml": "type: news\ndate: 2026-06-20\nupdated: 2026-06-22\ntags: [event]\ndraft: false\n",
    "news/award/index.fr.md": "---\ntitle: 'Prix « IA & santé » : l’équipe <HAI> reçoit 🏆 \"Best\" paper'\nsummary: 'Un prix & des <balises>.'\n---\n\nVoir [le projet](../../projects/heart-ai/index.fr.md) et ![schéma](../../projects/heart-ai/diagram.svg).\n",
    "news/award/index.en.md": "---\ntitle: 'Award “AI & health”: team <HAI> wins 🏆 \"Best\" paper'\nsummary: 'An award & some <tags>.'\n---\n\nSee [the project](../../projects/heart-ai/index.en.md).\n",
    "news/first-news/index.yml": NEWS_YML,
    "news/first-news/index.fr.md": item_page("Première nouvelle", "Une nouvelle.", "Texte."),
    "news/first-news/index.en.md": item_page("First news", "A news item.", "Text."),
}

# The people and publications listings, with people and publications: added to FIXTURE_FILES
# by the tests of that part of the site (the others keep their page counts).
PEOPLE_PAGES: dict[str, str | bytes | None] = {
    "content/people.fr.md": page("L’équipe", "equipe", "Les personnes."),
    "content/people.en.md": page("People", "people", "The people."),
    "content/publications.fr.md": page("Publications", "publications", "Les publications."),
    "content/publications.en.md": page("Publications", "publications", "The publications."),
}
PEOPLE_FILES: dict[str, str | bytes | None] = {
    **PEOPLE_PAGES,
    "people/ada-martin/index.yml": (
        "name: Ada Martin\nrole: {fr: Chercheuse, en: Researcher}\nteam: lab\nstatus: current\n"
        "affiliation: inria-team\norcid: 0000-0000-0001-2344\nhal: ada-martin\nemail: ada.martin@example.org\n"
        "start: 2022-01-01\nprojects: [lung-scan]\n"
    ),
    "people/ada-martin/index.fr.md": "---\nsummary: Chercheuse en imagerie.\n---\n\nAda Martin étudie les scanners.\n",
    "people/ada-martin/index.en.md": "---\nsummary: Imaging researcher.\n---\n\nAda Martin studies scans.\n",
    "people/bo-chen/index.yml": (
        "name: Bo Chen\nrole: Engineer\nstatus: alumni\nstart: 2020-01-01\nend: 2023-06-30\n"
        "publications: [chen2022thesis]\n"
    ),
    "people/li-wu/index.yml": "name: Li Wu\nrole: {fr: Doctorante, en: PhD student}\nstatus: current\n",
    "publications/lab.bib": (
        "% Test entries\n"
        "@article{martin2024deep,\n  title = {Deep learning for lung scans},\n"
        "  author = {Martin, Ada and Okafor, Chidi},\n  journal = {Journal of Imaging},\n"
        "  volume = {12}, number = {3}, pages = {45--67},\n  year = {2024}, month = mar,\n"
        "  doi = {10.5555/test.2024.001},\n  orcid = {0000-0000-0001-2344},\n}\n\n"
        "@phdthesis{chen2022thesis,\n  title = {Apprentissage f{\\'e}d{\\'e}r{\\'e} {\\`a} l'h{\\^o}pital},\n"
        "  author = {Chen, Bo},\n  school = {Universit{\\'e} Paris Cit{\\'e}},\n  year = {2022},\n"
        "  language = {french},\n  hal_id = {tel-09990001},\n}\n\n"
        "@inproceedings{wu2025triage,\n  title = {Triage with few labels},\n  author = {Wu, Li and Martin, Ada},\n"
        "  booktitle = {Proceedings of MIE 2025},\n  year = {2025},\n  idhal = {ada-martin},\n"
        "  pdf = {https://example.org/wu2025.pdf},\n}\n"
    ),
}

# The agenda and five events around the fixture's today (2026-11-29 at FIXTURE_EPOCH): a seminar
# across the change to summer time, a whole-day event, a cancelled one, one online only, one past.
AGENDA_PAGES: dict[str, str | bytes | None] = {
    "content/agenda.fr.md": page("Agenda", "agenda", "Les événements."),
    "content/agenda.en.md": page("Events", "events", "The events."),
}
EVENT_FILES: dict[str, str | bytes | None] = {
    **AGENDA_PAGES,
    "news/seminar/index.yml": (
        "type: event\ndate: 2026-11-01\nstarts: 2027-03-27 14:00\nends: 2027-03-28 10:30\nstatus: scheduled\n"
        "place: {fr: Amphi B, en: Lecture hall B}\n"
        "address: {street: 2 rue Simone Iff, postcode: '75012', city: Paris}\n"
        "online: https://visio.example.org/seminar\nregistration: https://example.org/register\n"
        "registration_deadline: 2027-03-20\ntalk_language: en\n"
        "speakers: [ada-martin, {name: Jo Doe, affiliation: Université Exemple}]\ndraft: false\n"
    ),
    "news/seminar/index.fr.md": item_page("Séminaire", "Un séminaire."),
    "news/seminar/index.en.md": item_page("Seminar", "A seminar."),
    "news/day/index.yml": (
        "type: event\ndate: 2026-10-01\nupdated: 2026-10-11\nstarts: 2026-12-10\nends: 2026-12-10\n"
        "place: Hôpital Exemple\ndraft: false\n"
    ),
    "news/day/index.fr.md": item_page("Journée scientifique", "La journée du laboratoire."),
    "news/day/index.en.md": item_page("Scientific day", "The lab's day."),
    "news/cancelled/index.yml": (
        "type: event\ndate: 2026-10-01\nupdated: 2026-11-20\nstarts: 2026-12-03 11:00\nends: 2026-12-03 12:00\n"
        "status: cancelled\nplace: Salle 1\ndraft: false\n"
    ),
    "news/cancelled/index.fr.md": item_page("Séminaire annulé", "Un séminaire annulé."),
    "news/cancelled/index.en.md": item_page("Cancelled seminar", "A cancelled seminar."),
    "news/webinar/index.yml": (
        "type: event\ndate: 2026-10-01\nstarts: 2027-01-14 17:00\nends: 2027-01-14 18:00\nprojects: [lung-scan]\n"
        "online: https://visio.example.org/webinar\ntalk_language: fr\ndraft: false\n"
    ),
    "news/webinar/index.fr.md": item_page("Webinaire", "Un webinaire."),
    "news/webinar/index.en.md": item_page("Webinar", "A webinar."),
    "news/workshop/index.yml": (
        "type: event\ndate: 2025-01-01\nstarts: 2025-06-12\nends: 2025-06-13\nplace: Salle 2\ndraft: false\n"
    ),
    "news/workshop/index.fr.md": item_page("Atelier", "Un atelier passé."),
    "news/workshop/index.en.md": item_page("Workshop", "A past workshop."),
}


def write_site(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write a fixture site into ``root`` (None: leave that file out); returns its mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    config = root / "mkdocs.yml"
    config.write_text(MKDOCS_YML.format(theme=REPO / "theme_overrides"), encoding="utf-8")
    for name, content in (FIXTURE_FILES if files is None else files).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content is not None:
            path.write_text(content, encoding="utf-8")
    return config


# 2026-11-29 12:00 in Paris: the day the fixtures' deadlines are written against.
FIXTURE_EPOCH = "1795950000"


def run_labsite(config: Path, *args: str, epoch: str = FIXTURE_EPOCH) -> subprocess.CompletedProcess[str]:
    """``labsite`` as a user runs it, in the site's folder, on the fixtures' day."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run(
        [sys.executable, "-m", "labsite", *args],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def build(config: Path, *args: str, epoch: str = FIXTURE_EPOCH) -> Path:
    result = run_labsite(config, "build", *args, epoch=epoch)
    assert result.returncode == 0, result.stderr
    folders_copied(config.parent)
    return config.parent / "site"


def folders_copied(folder: Path) -> None:
    """Wait for a first build's detached process, which copies the site's folders into .cache
    from a folder beside the site (publish.copy_folders): tests look at what a build left."""
    deadline = time.monotonic() + 60
    while any(folder.glob(".*.folders-*")) and time.monotonic() < deadline:
        time.sleep(0.02)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, built once: returns its site/ folder."""
    return build(write_site(tmp_path_factory.mktemp("fixture")))


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lab's real site, built strictly from a copy of the repository's sources."""
    root = tmp_path_factory.mktemp("repo")
    for name in ("content", "projects", "news", "people", "publications", "data", "theme_overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return build(root / "mkdocs.yml", "--strict")


def start_server(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A static host like GitHub Pages: gzip, the site's own 404.html for missing pages."""
    return static_host.serve(folder)


@pytest.fixture
def serve() -> Iterator[functools.partial[str]]:
    """Serve a folder on 127.0.0.1; returns a function folder -> base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        server, url = start_server(folder)
        servers.append(server)
        return url

    yield functools.partial(start)
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def repo_url(repo_site: Path) -> Iterator[str]:
    """The lab's real site, served on 127.0.0.1 for the whole session."""
    server, url = start_server(repo_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (Playwright's own browsers are not used)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, list[tuple[str, str]]]]:
    """payload -> the fixture site built with it in every field `labsite check` accepts it in
    (its site/ folder, and those (field, payload) cases); built once a session."""
    from tests.fixtures.hostile import FIELDS, with_payloads  # it builds on this module's fixture files

    built: dict[str, tuple[Path, list[tuple[str, str]]]] = {}

    def site(payload: str) -> tuple[Path, list[tuple[str, str]]]:
        if payload not in built:
            root = tmp_path_factory.mktemp(f"hostile-{payload}")
            cases = []
            for field in FIELDS:
                probe = write_site(root / "probe" / field.replace(" ", "-"), with_payloads([(field, payload)]))
                if not build_catalog(probe.parent).errors:
                    cases.append((field, payload))
            built[payload] = (build(write_site(root / "site", with_payloads(cases))), cases)
        return built[payload]

    return site


def build_catalog(root: Path, today: dt.date | None = None, previews: bool = False) -> Catalog:
    """The catalog a build of ``root`` makes (today: the clock's, or SOURCE_DATE_EPOCH's)."""
    return make_catalog(root, today or clock.today(), previews)
