"""Property-based tests: the loader never crashes, and what `labsite new` writes passes `labsite check`."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labsite.commands.new import KINDS, create
from labsite.model.fields import Checker
from labsite.model.schemas import ANNOUNCEMENT, PROJECT, PROJECT_PAGE
from labsite.sources import frontmatter, tree, yamlsource
from tests.conftest import AGENDA_PAGES, FIXTURE_FILES, PEOPLE_PAGES, build_catalog, write_site

KEYS = [
    "title",
    "summary",
    "status",
    "start",
    "end",
    "themes",
    "partners",
    "contacts",
    "deadline",
    "type",
    "image",
    "draft",
]
TRICKY = [
    "no",
    "yes",
    "on",
    "12:30",
    "0755",
    "1.10",
    "2024-05-01",
    "2025-13-45",
    '"',
    "'",
    ": x",
    "[a, b",
    "{a: 1}",
    "&a",
    "*a",
    "\t",
    "- x",
    "~",
    "!!python/object:os.system",
    "é « » ’",
    "</script>",
    "]]>",
    "",
]
values = st.one_of(st.sampled_from(TRICKY), st.text(max_size=20))
lines = st.lists(st.tuples(st.sampled_from(KEYS), values, st.sampled_from(["", "  ", "    "])), max_size=12)


def check_everything(path: str, raw: bytes) -> None:
    front, _ = frontmatter.parse(path, raw)
    if front is not None:
        PROJECT_PAGE.check(front.data, (), Checker(front.doc, []))
    text, _ = frontmatter.decode(path, raw)
    if text is not None:
        doc, _ = yamlsource.load(path, text)
        if doc is not None:
            PROJECT.check(doc.data, (), Checker(doc, []))
            ANNOUNCEMENT.check(doc.data, (), Checker(doc, []))


@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    check_everything("x/index.fr.md", raw)
    check_everything("x/index.fr.md", b"---\n" + raw + b"\n---\n")


@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text: str) -> None:
    check_everything("x/index.fr.md", ("---\n" + text + "\n---\nbody").encode("utf-8", "surrogatepass"))


@given(lines)
def test_yaml_like_front_matter_never_crashes(entries: list[tuple[str, str, str]]) -> None:
    body = "\n".join(f"{indent}{key}: {value}" for key, value, indent in entries)
    check_everything("x/index.fr.md", f"---\n{body}\n---\n".encode("utf-8", "surrogatepass"))


def fill_in(written: list[Path]) -> None:
    """What a contributor does: replace every example by real text."""
    real = {
        "ACRO": "REAL",
        "Camille Exemple": "Ada Lovelace",
        "camille.exemple@example.org": "ada@lab.example.org",
        "https://example.org/": "https://lab.example.org/x",
    }
    for path in written:
        text = path.read_text(encoding="utf-8")
        for old, new in real.items():
            text = text.replace(old, new)
        head, sep, _body = text.rpartition("---\n")
        lines = []
        for line in (head if sep else text).splitlines():
            if line.startswith(("title: ", "summary: ", "apply: ")):
                line = line.split(": ", 1)[0] + ": Texte réel / real text " + line.split(": ", 1)[0]
            lines.append(line)
        path.write_text(
            "\n".join(lines) + "\n" + (sep + "Le vrai texte de la page.\n" if sep else ""), encoding="utf-8"
        )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(KINDS), slug=st.from_regex(r"[a-z0-9]{1,12}(-[a-z0-9]{1,8}){0,3}", fullmatch=True))
def test_a_new_item_round_trips_through_check(kind: str, slug: str) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        write_site(root, {**FIXTURE_FILES, **PEOPLE_PAGES, **AGENDA_PAGES})
        today = dt.date(2026, 11, 29)
        for section in ("projects", "news", "people"):
            shutil.rmtree(root / section / slug, ignore_errors=True)
        written = create(kind, slug, root, today)
        assert [p.name for p in written] == ["index.yml", "index.fr.md", "index.en.md"]
        facts = written[0]
        if kind == "person":
            # No draft: a person is published once merged, so the examples are refused at once.
            assert any("template's example" in d.message for d in build_catalog(root, today=today).errors)
            text = facts.read_text(encoding="utf-8").replace("Camille Exemple", "Réelle Personne")
            text = text.replace("camille", "reelle").replace("exemple", "personne")
            facts.write_text(text.replace("0000-0002-1825-0097", "0000-0000-0000-0001"), encoding="utf-8")
        else:
            assert build_catalog(root, today=today).diagnostics == ()
            # Published as written, the template's examples are refused; once filled in, it is published.
            text = facts.read_text(encoding="utf-8").replace("draft: true", "draft: false")
            facts.write_text(text, encoding="utf-8")
            assert any("template's example" in d.message for d in build_catalog(root, today=today).errors)
        fill_in(written)
        catalog = build_catalog(root, today=today)
        assert catalog.diagnostics == ()
        section = {"project": "projects", "person": "people"}.get(kind, "news")
        assert {p.lang for p in catalog.pages if p.key == f"{section}/{slug}"} == {"fr", "en"}
    finally:
        shutil.rmtree(root)


@given(st.text(alphabet=st.sampled_from("a.éMD ym-"), min_size=1, max_size=12))
def test_a_file_names_extension_is_the_one_pathlib_says(name: str) -> None:
    """The sources' walk reads extensions from names (labsite.sources.tree), not PurePosixPath."""
    assert tree._suffix(name) == PurePosixPath(name).suffix
