"""Broken inputs, one a row: each must be reported at its exact file and line, with a useful message.

Every row starts from the valid fixture site plus a job ad, changes one thing, and expects
one diagnostic (path, line, fragment of ``str(diagnostic)``) among the catalog's errors.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import (
    FIXTURE_FILES,
    NEWS_YML,
    PARTNERS_YML,
    PROJECT_YML,
    build_catalog,
    item_page,
    page,
    write_site,
)

TODAY = dt.date(2026, 11, 29)
P = "projects/heart-ai/index.yml"
PFR = "projects/heart-ai/index.fr.md"
N = "news/first-news/index.yml"
J = "news/phd-offer/index.yml"
JFR = "news/phd-offer/index.fr.md"
JOB_YML = """\
type: job
date: 2026-10-01
kind: phd
deadline: 2027-01-31
location: Paris
contact: {name: Ada Martin, email: ada.martin@example.org}
draft: false
"""
JOB_FILES = {
    J: JOB_YML,
    JFR: item_page("Thèse", "Une thèse.", "Texte.", apply="Écrire à Ada."),
    "news/phd-offer/index.en.md": item_page("PhD", "A PhD.", "Text.", apply="Write to Ada."),
}


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


def wide_image(root: Path) -> None:
    Image.new("1", (10_001, 10)).save(root / "projects/heart-ai/cover.png")


def heavy_image(root: Path) -> None:
    (root / "projects/heart-ai/cover.png").write_bytes(b"\x89PNG" + b"\0" * 21_000_000)


def bomb_image(root: Path) -> None:
    # Under 10,000 px a side, but 99.98 million pixels: more than Pillow will safely decode.
    Image.new("1", (9_999, 9_999)).save(root / "projects/heart-ai/cover.png")


def symlink_image(root: Path) -> None:
    (root / "secret.png").write_bytes(b"\x89PNG")
    os.symlink(root / "secret.png", root / "projects/heart-ai/cover.png")


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes | None]
    path: str
    line: int
    fragment: str
    setup: Callable[[Path], None] | None = field(default=None)


def proj(old: str, new: str) -> dict[str, str | bytes | None]:
    return {P: replace(PROJECT_YML, old, new)}


def job(old: str, new: str) -> dict[str, str | bytes | None]:
    return {J: replace(JOB_YML, old, new)}


FR_PAGE = str(FIXTURE_FILES[PFR])
CASES = [
    # YAML and front matter
    Case(
        "yaml-syntax",
        {PFR: replace(FR_PAGE, 'summary: "Un projet."', 'summary: "Un projet.')},
        PFR,
        3,
        "quoted text starts here and is never closed",
    ),
    Case(
        "colon-in-text",
        {PFR: replace(FR_PAGE, 'summary: "Un projet."', "summary: Note: deux points")},
        PFR,
        3,
        "put in quotes",
    ),
    Case("tab-indent", proj("  - name: Ada Martin", "\t- name: Ada Martin"), P, 8, "tabs"),
    Case(
        "front-matter-missing",
        {"content/about.fr.md": "# À propos\n\nTexte.\n"},
        "content/about.fr.md",
        1,
        "front matter missing",
    ),
    Case(
        "front-matter-unclosed",
        {"content/about.fr.md": '---\ntitle: "À propos"\nslug: a-propos\n'},
        "content/about.fr.md",
        1,
        "not closed",
    ),
    Case("front-matter-list", {"content/about.fr.md": "---\n- a\n- b\n---\n"}, "content/about.fr.md", 2, "not a list"),
    Case("front-matter-empty", {"content/about.fr.md": "---\n---\nTexte\n"}, "content/about.fr.md", 2, "not empty"),
    Case("bom", {PFR: b"\xef\xbb\xbf" + FR_PAGE.encode()}, PFR, 1, "byte-order mark"),
    Case("invalid-utf8", {PFR: FR_PAGE.encode().replace(b"Un projet", b"Un \xe9t\xe9")}, PFR, 3, "not valid UTF-8"),
    Case("duplicate-key", proj("status: ongoing", "status: ongoing\nstatus: completed"), P, 3, "written twice"),
    Case("yaml-alias", proj("themes: [imaging]", "themes: &t [imaging]\nfunding: *t"), P, 4, "aliases"),
    Case(
        "billion-laughs",
        proj("acronym: HAI", 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nacronym: HAI'),
        P,
        1,
        "aliases",
    ),
    Case(
        "comment-cuts-text",
        {PFR: '---\ntitle: Projet #1\nsummary: "Un projet."\n---\n'},
        PFR,
        2,
        "put the whole text in quotes",
    ),
    Case(
        "star-starts-text",
        {PFR: '---\ntitle: *Projet* pilote\nsummary: "Un projet."\n---\n'},
        PFR,
        2,
        "must be put in quotes",
    ),
    # Keys
    Case("unknown-key-suggestion", proj("status: ongoing", "stauts: ongoing"), P, 2, "did you mean 'status'"),
    Case(
        "unknown-page-key", {PFR: item_page("Cœur", "Un projet.", "", summmary="x")}, PFR, 4, "did you mean 'summary'"
    ),
    Case(
        "fact-in-language-file",
        {PFR: item_page("Cœur", "Un projet.", "", status="ongoing")},
        PFR,
        4,
        "goes in index.yml",
    ),
    Case(
        "text-in-facts-file",
        proj("acronym: HAI", "acronym: HAI\ntitle: Cœur"),
        P,
        2,
        "goes in index.fr.md and index.en.md",
    ),
    Case("missing-required", proj("status: ongoing\n", ""), P, 1, "status: missing required field"),
    Case("missing-page-summary", {PFR: page("Cœur", None, "Texte.")}, PFR, 2, "summary: missing required field"),
    Case(
        "content-unknown-key",
        {"content/about.fr.md": page("À propos", "a-propos", "", author="Moi")},
        "content/about.fr.md",
        4,
        "unknown field",
    ),
    Case(
        "content-missing-slug",
        {"content/about.fr.md": page("À propos", None, "Texte")},
        "content/about.fr.md",
        2,
        "slug: missing required field",
    ),
    # Types and YAML 1.1 surprises
    Case("yaml-no", proj("acronym: HAI", "acronym: no"), P, 1, "YAML reads `no` as false"),
    Case("yaml-sexagesimal", proj("acronym: HAI", "acronym: 12:30"), P, 1, "YAML reads `12:30` as the number 750"),
    Case("yaml-date-for-text", proj("acronym: HAI", "acronym: 2024-05-01"), P, 1, "as a date"),
    Case("yaml-octal", proj("acronym: HAI", "acronym: 0755"), P, 1, "octal number 493"),
    Case(
        "number-for-text",
        {PFR: '---\ntitle: 1.10\nsummary: "Un projet."\n---\n'},
        PFR,
        2,
        "YAML reads `1.10` as the number 1.1",
    ),
    Case("text-too-long", {PFR: item_page("x" * 1000, "Un projet.")}, PFR, 2, "at most 150"),
    Case("control-character", {PFR: item_page("Cœur\\u0007", "Un projet.")}, PFR, 2, "control character U+0007"),
    Case("draft-not-boolean", proj("draft: false", "draft: nope"), P, 11, "true or false"),
    # Enums and lists
    Case(
        "bad-status",
        proj("status: ongoing", "status: ongoin"),
        P,
        2,
        "(did you mean 'ongoing'?); allowed: idea, ongoing, completed",
    ),
    Case(
        "bad-data-source",
        proj("data_sources: [eds, pacs]", "data_sources: [eds, scanner]"),
        P,
        6,
        "allowed: eds, pacs, high-frequency-monitoring, other",
    ),
    Case("empty-themes", proj("themes: [imaging]", "themes: []"), P, 4, "between 1 and 6 items"),
    Case("theme-twice", proj("themes: [imaging]", "themes: [imaging, imaging]"), P, 4, "listed twice"),
    Case("themes-not-list", proj("themes: [imaging]", "themes: imaging"), P, 4, "must be a list"),
    Case(
        "bad-announcement-type",
        {N: replace(NEWS_YML, "type: news", "type: evnt")},
        N,
        1,
        "allowed: news, job, call, event",
    ),
    Case("bad-job-kind", job("kind: phd", "kind: thesis"), J, 3, "allowed: phd, postdoc"),
    # Dates
    Case("impossible-date", proj("start: 2025-01-01", "start: 2025-13-01"), P, 3, "not a date: write it YYYY-MM-DD"),
    Case("date-with-time", proj("start: 2025-01-01", "start: 2025-01-01 10:00:00"), P, 3, "without time"),
    Case(
        "end-before-start",
        proj("start: 2025-01-01", "start: 2025-01-01\nend: 2024-12-31"),
        P,
        4,
        "before the start date",
    ),
    Case(
        "completed-without-end",
        proj("status: ongoing", "status: completed"),
        P,
        2,
        "end: required when status is 'completed'",
    ),
    Case("ongoing-without-start", proj("start: 2025-01-01\n", ""), P, 2, "start: required when status is 'ongoing'"),
    Case(
        "deadline-before-date", job("deadline: 2027-01-31", "deadline: 2026-09-30"), J, 4, "before the publication date"
    ),
    Case(
        "start-before-deadline",
        job("location: Paris", "location: Paris\nstart_date: 2027-01-01"),
        J,
        6,
        "before the deadline",
    ),
    # Job ads and calls
    Case(
        "job-without-deadline",
        job("deadline: 2027-01-31\n", ""),
        J,
        1,
        "deadline: required for an announcement of type job",
    ),
    Case(
        "job-without-apply", {JFR: item_page("Thèse", "Une thèse.")}, JFR, 2, "apply: required for a job announcement"
    ),
    Case("job-field-on-news", {N: NEWS_YML + "deadline: 2027-01-01\n"}, N, 6, "only for job and call announcements"),
    Case(
        "duration-not-number", job("location: Paris", "location: Paris\nduration_months: trois"), J, 6, "whole number"
    ),
    # E-mails and URLs
    Case("bad-email", proj("ada.martin@example.org", "ada.martin(at)example.org"), P, 10, "not an e-mail address"),
    Case(
        "javascript-url",
        proj("draft: false", "draft: false\nlinks:\n  - label: x\n    url: javascript:alert(1)"),
        P,
        14,
        "not a web address",
    ),
    Case(
        "data-url",
        {"data/partners.yml": PARTNERS_YML.replace("https://eds.example.org/", "data:text/html,hi")},
        "data/partners.yml",
        4,
        "not a web address",
    ),
    Case(
        "localised-text-missing-language",
        proj("{fr: Coordinatrice, en: Coordinator}", "{fr: Coordinatrice}"),
        P,
        9,
        "one text for each language",
    ),
    # References
    Case(
        "unknown-partner",
        proj("partners: [aphp-eds, inria-team]", "partners: [aphp-edss, inria-team]"),
        P,
        5,
        "no partner 'aphp-edss': did you mean 'aphp-eds'?",
    ),
    Case("unknown-theme", proj("themes: [imaging]", "themes: [genomics]"), P, 4, "no theme 'genomics'"),
    Case(
        "unknown-project",
        {N: replace(NEWS_YML, "projects: [heart-ai]", "projects: [heart-aj]")},
        N,
        4,
        "no project 'heart-aj': did you mean 'heart-ai'?",
    ),
    Case("draft-project-cited", proj("draft: false", "draft: true"), N, 4, "project 'heart-ai' is a draft"),
    Case("unknown-tag", {N: replace(NEWS_YML, "tags: [event]", "tags: [seminar]")}, N, 3, "no tag 'seminar'"),
    Case(
        "partner-id-twice",
        {"data/partners.yml": PARTNERS_YML.replace("id: inria-team", "id: aphp-eds")},
        "data/partners.yml",
        5,
        "used twice",
    ),
    Case(
        "bad-institution",
        {"data/partners.yml": PARTNERS_YML.replace("institution: Inria", "institution: CNRS")},
        "data/partners.yml",
        7,
        "allowed: AP-HP, Inria, other",
    ),
    # Images
    Case("image-missing", proj("draft: false", "draft: false\nimage: cover.png"), P, 12, "no file 'cover.png'"),
    Case(
        "image-leaves-folder",
        proj("draft: false", "draft: false\nimage: ../other/cover.png"),
        P,
        12,
        "item's own folder",
    ),
    Case("image-absolute", proj("draft: false", "draft: false\nimage: /etc/passwd.png"), P, 12, "item's own folder"),
    Case(
        "image-symlink-out",
        proj("draft: false", "draft: false\nimage: cover.png"),
        P,
        12,
        "leaves the item's folder",
        symlink_image,
    ),
    Case(
        "image-unreadable",
        {
            **proj("draft: false", "draft: false\nimage: cover.png"),
            "projects/heart-ai/cover.png": b"<svg>not a png</svg>",
        },
        P,
        12,
        "not a readable PNG, JPEG, WebP or GIF image",
    ),
    Case(
        "image-too-wide",
        proj("draft: false", "draft: false\nimage: cover.png"),
        P,
        12,
        "10001x10 pixels; at most 10000",
        wide_image,
    ),
    Case(
        "image-too-heavy",
        proj("draft: false", "draft: false\nimage: cover.png"),
        P,
        12,
        "21 MB; at most 20 MB",
        heavy_image,
    ),
    Case(
        "image-decompression-bomb",
        proj("draft: false", "draft: false\nimage: cover.png"),
        P,
        12,
        "too many pixels",
        bomb_image,
    ),
    Case("image-not-image", proj("draft: false", "draft: false\nimage: diagram.svg"), P, 12, "must be an image"),
    Case(
        "image-without-alt",
        {**proj("draft: false", "draft: false\nimage: cover.png"), "projects/heart-ai/cover.png": b"\x89PNG"},
        PFR,
        2,
        "image_alt: required when the item has an image",
    ),
    # Links and embeds in page bodies (the fixture body starts on line 6 of index.fr.md)
    Case(
        "link-to-missing-page",
        {PFR: item_page("Cœur", "Un projet.", "Voir [x](../../content/dta.fr.md).")},
        PFR,
        6,
        "does not exist (did you mean content/data.fr.md?)",
    ),
    Case(
        "link-to-draft",
        {
            **proj("draft: false", "draft: true"),
            N: replace(NEWS_YML, "projects: [heart-ai]", "projects: []"),
            "news/first-news/index.fr.md": item_page(
                "Nouvelle", "Une.", "[projet](../../projects/heart-ai/index.fr.md)"
            ),
        },
        "news/first-news/index.fr.md",
        6,
        "not published",
    ),
    Case(
        "link-to-other-language",
        {PFR: item_page("Cœur", "Un projet.", "[data](../../content/data.en.md)")},
        PFR,
        6,
        "a page in another language",
    ),
    Case(
        "link-leaves-sources",
        {PFR: item_page("Cœur", "Un projet.", "[x](../../../etc/passwd)")},
        PFR,
        6,
        "leaves the site's sources",
    ),
    Case(
        "javascript-link",
        {PFR: item_page("Cœur", "Un projet.", "[clic](javascript:alert(1))")},
        PFR,
        6,
        "javascript: links are not allowed",
    ),
    Case(
        "external-image",
        {PFR: item_page("Cœur", "Un projet.", "![x](https://tracker.example.com/pixel.png)")},
        PFR,
        6,
        "not from another site",
    ),
    Case(
        "html-external-image",
        {PFR: item_page("Cœur", "Un projet.", '<img src="https://cdn.example.com/a.png" alt="a">')},
        PFR,
        6,
        "not from another site",
    ),
    Case(
        "iframe",
        {PFR: item_page("Cœur", "Un projet.", "Intro\n\n<iframe src='https://video.example.com'></iframe>")},
        PFR,
        8,
        "<iframe> is not allowed",
    ),
    Case(
        "missing-anchor-same-page",
        {PFR: item_page("Cœur", "Un projet.", "## Méthodes\n\nVoir [plus haut](#methode).")},
        PFR,
        8,
        "no heading or anchor #methode in projects/heart-ai/index.fr.md (did you mean #methodes?)",
    ),
    Case(
        "missing-anchor-other-page",
        {PFR: item_page("Cœur", "Un projet.", "Voir [l’histoire](../../content/about.fr.md#historique).")},
        PFR,
        6,
        "no heading or anchor #historique in content/about.fr.md (did you mean #histoire?)",
    ),
    Case(
        "missing-body-image",
        {PFR: item_page("Cœur", "Un projet.", "![Schéma](schema.png)")},
        PFR,
        6,
        "no file projects/heart-ai/schema.png",
    ),
    Case(
        "javascript-in-apply",
        {JFR: item_page("Thèse", "Une thèse.", "Texte.", apply="[ici](javascript:alert(1))")},
        JFR,
        4,
        "javascript: links are not allowed",
    ),
    # Files, slugs and languages
    Case(
        "missing-counterpart",
        {"projects/heart-ai/index.en.md": None},
        "projects/heart-ai/index.en.md",
        1,
        "the English text of this item",
    ),
    Case("missing-facts", {P: None}, P, 1, "every item folder needs an index.yml"),
    Case("content-counterpart", {"content/about.en.md": None}, "content/about.fr.md", 1, "write content/about.en.md"),
    Case(
        "duplicate-url",
        {"content/legal.fr.md": page("Mentions", "a-propos")},
        "content/legal.fr.md",
        1,
        "already taken by content/about.fr.md",
    ),
    Case(
        "file-without-language",
        {"content/notes.md": "# Notes"},
        "content/notes.md",
        1,
        "must end in '.fr.md' or '.en.md'",
    ),
    Case(
        "bad-folder-slug",
        {"projects/Heart_AI/index.yml": PROJECT_YML},
        "projects/Heart_AI/index.yml",
        1,
        "not a valid slug",
    ),
    Case(
        "stray-yaml",
        {"projects/heart-ai/meta.yaml": "a: 1"},
        "projects/heart-ai/meta.yaml",
        1,
        "go in projects/heart-ai/index.yml",
    ),
    Case("registry-missing", {"data/taxonomy.yml": None}, "data/taxonomy.yml", 1, "registry file is missing"),
    # The mistakes people make, each with the hint that fixes it
    Case(
        "apostrophe-in-single-quotes",
        {PFR: replace(FR_PAGE, 'title: "Cœur & IA <b>"', "title: 'L'IA au service du mélanome'")},
        PFR,
        2,
        'put the text in double quotes, "L\'IA au service du mélanome"',
    ),
    Case(
        "double-quotes-in-double-quotes",
        {PFR: replace(FR_PAGE, 'title: "Cœur & IA <b>"', 'title: "le projet "phare""')},
        PFR,
        2,
        """put the text in single quotes, 'le projet "phare"'""",
    ),
    Case("id-in-another-case", proj("themes: [imaging]", "themes: [Imaging]"), P, 4, "write 'imaging'"),
    Case("id-with-accents", proj("partners: [aphp-eds", "partners: [aphp-éds"), P, 5, "write 'aphp-eds'"),
    Case("id-not-close", proj("themes: [imaging]", "themes: [dermatology]"), P, 4, "are: critical-care, imaging"),
    Case("date-written-french", proj("date: 2025-01-15", "date: 15/01/2025"), P, 12, "write 2025-01-15"),
    Case("date-written-in-words", proj("start: 2025-01-01", "start: 1er janvier 2025"), P, 3, "write 2025-01-01"),
    Case(
        "link-from-repository-root",
        {PFR: replace(FR_PAGE, "../../content/data.fr.md", "content/data.fr.md")},
        PFR,
        8,
        "starts at the repository's root: link from this file, here '../../content/data.fr.md'",
    ),
    Case(
        "link-to-a-folder",
        {PFR: replace(FR_PAGE, "../../content/data.fr.md", "../lung-scan/")},
        PFR,
        8,
        "is a folder: link to the page's file, e.g. '../lung-scan/index.fr.md'",
    ),
    Case("level-1-heading", {PFR: FR_PAGE + "\n# Un second titre\n"}, PFR, 10, "level-1 heading"),
    Case("boolean-written-no", proj("draft: false", "draft: no"), P, 11, "write true or false, not 'no'"),
    Case("boolean-written-True", proj("draft: false", "draft: True"), P, 11, "write true or false, not 'True'"),
]


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_input_is_reported_at_its_line(tmp_path: Path, case: Case) -> None:
    files = {**FIXTURE_FILES, **JOB_FILES, **case.files}
    write_site(tmp_path, files)
    if case.setup:
        case.setup(tmp_path)
    errors = build_catalog(tmp_path, today=TODAY).errors
    found = [e for e in errors if e.path == case.path and e.line == case.line and case.fragment in str(e)]
    assert found, f"expected {case.path}:{case.line}: …{case.fragment}…, got:\n" + "\n".join(map(str, errors))


def test_the_valid_base_has_no_error(tmp_path: Path) -> None:
    write_site(tmp_path, {**FIXTURE_FILES, **JOB_FILES})
    assert build_catalog(tmp_path, today=TODAY).diagnostics == ()


def test_every_problem_of_an_item_comes_in_one_run(tmp_path: Path) -> None:
    broken = (
        "status: ongoing\nthemes: [imagingg]\npartners: [aphp-eds]\n"
        "contacts:\n  - name: Ada\n    email: ada(at)example.org\nimage: photo.jpg\ndraft: maybe\n"
    )
    write_site(tmp_path, {**FIXTURE_FILES, P: broken})
    found = {(e.line, e.field) for e in build_catalog(tmp_path, today=TODAY).errors if e.path == P}
    assert found == {(1, "date"), (1, "start"), (2, "themes #1"), (6, "contacts #1 email"), (7, "image"), (8, "draft")}
    alt = {e.path for e in build_catalog(tmp_path, today=TODAY).errors if e.field == "image_alt"}
    assert alt == {PFR, "projects/heart-ai/index.en.md"}


def test_links_in_code_blocks_are_not_links(tmp_path: Path) -> None:
    body = "```\n[x](missing.md) <iframe>\n```\n\n    ![y](https://example.com/a.png)\n"
    write_site(tmp_path, {**FIXTURE_FILES, PFR: item_page("Cœur", "Un projet.", body)})
    assert build_catalog(tmp_path, today=TODAY).diagnostics == ()


def test_a_footnote_is_not_a_link_but_a_reference_definition_is(tmp_path: Path) -> None:
    body = "Un résultat[^1].\n\n[^1]: Le rapport de 2024.\n\n[rapport]: rapport.pdf\n\n[^note]:\n    Une note.\n"
    write_site(tmp_path, {**FIXTURE_FILES, PFR: item_page("Cœur", "Un projet.", body)})
    errors = [str(e) for e in build_catalog(tmp_path, today=TODAY).diagnostics]
    assert len(errors) == 1 and "no file projects/heart-ai/rapport.pdf" in errors[0], errors


def test_a_large_image_is_published_with_a_warning_saying_it_will_be_resized(tmp_path: Path) -> None:
    wide = io.BytesIO()
    Image.new("RGB", (4100, 10), "teal").save(wide, "PNG")
    heavy = io.BytesIO()
    Image.frombytes("RGB", (1400, 1400), random.Random(7).randbytes(1400 * 1400 * 3)).save(heavy, "PNG")
    files = {
        **FIXTURE_FILES,
        "projects/heart-ai/wide.png": wide.getvalue(),
        "projects/heart-ai/heavy.png": heavy.getvalue(),
    }
    write_site(tmp_path, files)
    catalog = build_catalog(tmp_path, today=TODAY)
    assert catalog.errors == []
    said = {(w.path, w.line): w.message for w in catalog.warnings}
    assert "this image is 4100×10 pixels and 0.0 MB: it will be resized" in said[("projects/heart-ai/wide.png", 1)]
    assert "1400×1400 pixels and 5.9 MB" in said[("projects/heart-ai/heavy.png", 1)]
    assert "consider committing a smaller one" in said[("projects/heart-ai/heavy.png", 1)]


def test_a_url_with_brackets_outside_an_ipv6_host_is_an_error_not_a_crash(tmp_path: Path) -> None:
    partners = str(FIXTURE_FILES["data/partners.yml"]).replace("https://eds.example.org/", "https://a[b.org/", 1)
    write_site(tmp_path, {**FIXTURE_FILES, "data/partners.yml": partners})
    errors = build_catalog(tmp_path, today=TODAY).errors
    assert [e.path for e in errors] == ["data/partners.yml"] and "https://a[b.org/" in errors[0].message


def test_an_image_named_from_its_folder_is_the_same_file(tmp_path: Path) -> None:
    facts = f"{PROJECT_YML}image: ./cover.png\n"
    alt = {lang: item_page(t, "Un projet.", image_alt="Un cœur") for lang, t in (("fr", "Cœur"), ("en", "Heart"))}
    cover = io.BytesIO()
    Image.new("RGB", (30, 20), "red").save(cover, "PNG")
    files = {
        **FIXTURE_FILES,
        "projects/heart-ai/index.yml": facts,
        "projects/heart-ai/cover.png": cover.getvalue(),
        "projects/heart-ai/index.fr.md": alt["fr"],
        "projects/heart-ai/index.en.md": alt["en"],
    }
    write_site(tmp_path, files)
    catalog = build_catalog(tmp_path, today=TODAY)
    assert catalog.errors == [] and catalog.projects["heart-ai"].image == "cover.png"
    assert catalog.renditions("projects/heart-ai/cover.png") is not None
