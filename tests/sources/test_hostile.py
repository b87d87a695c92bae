"""Every hostile or broken input is refused with a clear error, or kept as plain text: never a
crash or a hang (each `labsite check` run is cut off after 10 s)."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from urllib.parse import quote

import lxml.html
import markdown
import pytest

from labsite.commands import cli
from labsite.commands.pathological import PATHOLOGICAL
from labsite.model.site import Site
from labsite.render import bibliography, jsonld, scholarly
from labsite.sources.bibtex import MAX_AUTHORS
from labsite.sources.bodies import _own_problems, check_body
from tests.conftest import FIXTURE_FILES, build_catalog, write_site
from tests.fixtures.hostile import (
    BIB_ACCEPTED,
    BIB_GAPS,
    BIB_REFUSED,
    FIELD_CASES,
    FIELDS,
    HOSTILE_BIB,
    PATHOLOGICAL_ACCEPTED,
    PAYLOADS,
    PRIVATE_USE,
    REPROS,
    REPROS_ACCEPTED,
    SOURCE_CASES,
    THOUSAND_AUTHORS,
    A,
    BibCase,
    SourceCase,
    _body,
    _facts,
    bib_accepted,
    split_bib,
    with_payloads,
)


def test_there_are_at_least_sixty_cases() -> None:
    assert len(FIELD_CASES) + len(SOURCE_CASES) >= 60


def _cut_off(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError("labsite check ran for more than 10 s")


@pytest.mark.parametrize("case", SOURCE_CASES, ids=[c.name for c in SOURCE_CASES])
def test_source_case_is_refused_with_file_and_line(
    tmp_path: Path, case: SourceCase, capsys: pytest.CaptureFixture[str]
) -> None:
    """`labsite check` run in this process (a process a case would spend most of its time
    starting), cut off after 10 s; a crash fails the test with its traceback."""
    config = write_site(tmp_path, {**FIXTURE_FILES, **case.files})
    if case.setup:
        case.setup(tmp_path)
    previous = signal.signal(signal.SIGALRM, _cut_off)
    signal.setitimer(signal.ITIMER_REAL, 10)
    try:
        status = cli.main(["-f", str(config), "check"])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    out, err = capsys.readouterr()
    assert status == 1, out + err
    # The error is on the file, or (a clash between two files) names it.
    assert re.search(rf"^(\S+:\d+:\d+: error: .*)?{re.escape(case.path)}", out, re.M), out
    assert not Path("/tmp/pwned").exists()


@pytest.mark.parametrize(("field", "payload"), FIELD_CASES)
def test_field_payload_is_refused_or_kept_as_text(tmp_path: Path, field: str, payload: str) -> None:
    write_site(tmp_path, with_payloads([(field, payload)]))
    catalog = build_catalog(tmp_path)
    path = FIELDS[field][0]
    if catalog.errors:  # refused: every error names the file it is in
        assert {e.path for e in catalog.errors} <= {path, path.replace(".fr.", ".en."), path.replace(".en.", ".fr.")}
        return
    texts = [p.title for p in catalog.pages] + [p.description for p in catalog.pages]
    items = [repr(p.item) for p in catalog.pages if p.item] + [repr(catalog.partners), repr(catalog.taxonomy)]
    items.append(repr([w for w in catalog.publications.values() if w.path != HOSTILE_BIB]))  # not the corpus's
    # A URL keeps it percent-encoded, as a browser's address bar would (a valid URL everywhere).
    kept = quote(PAYLOADS[payload], safe="!#$%&'()*+,/:;=?@~") if field.endswith(" url") else PAYLOADS[payload]
    assert any(kept in t for t in texts + items), "the value was altered instead of kept as text"


@pytest.mark.parametrize("name", [n for n in REPROS if n not in REPROS_ACCEPTED])
def test_repro_is_refused_with_its_line(tmp_path: Path, name: str) -> None:
    """The friendly early errors catch each repro of the attack run, at its line (the
    sanitizer and the policy stop them regardless: tests/browser/test_hostile_layers.py)."""
    write_site(tmp_path, {**FIXTURE_FILES, **_body(REPROS[name])})
    errors = [e for e in build_catalog(tmp_path).errors if e.path == "content/about.fr.md"]
    body_line = 6  # page(): four lines of front matter, then a blank line
    assert errors and all(e.line >= body_line for e in errors), errors


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_is_refused_with_its_line_or_harmless(tmp_path: Path, name: str) -> None:
    make, size = PATHOLOGICAL[name]
    write_site(tmp_path, {**FIXTURE_FILES, **_body(make(size))})
    errors = [e for e in build_catalog(tmp_path).errors if e.path == "content/about.fr.md"]
    if name in PATHOLOGICAL_ACCEPTED:
        assert errors == []
        markdown.markdown(make(size), extensions=["attr_list", "md_in_html", "toc"])  # no crash
    else:
        assert errors and errors[0].line >= 5, "accepted: the build would run Python-Markdown on it"


def _lines_run(body: str) -> int:
    """Python lines the body check runs: a count of work that does not depend on the machine."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Callable | None:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    _own_problems.cache_clear()  # count the work, not a cached answer
    sys.settrace(trace)
    try:
        check_body("content/about.fr.md", body, 1, Path("."), set(), set(), limits=False)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_checking_pathological_input_is_linear(name: str) -> None:
    """Eight times the input, at most about eight times the work (a quadratic scan would do 64),
    every scan run as if the input were within the limits. The regular expressions' own steps
    are not counted here: `labsite bench --hostile` times every input at full size against a budget."""
    make, size = PATHOLOGICAL[name]
    small, large = _lines_run(make(size // 16)), _lines_run(make(size // 2))
    assert large <= 10 * max(small, 50), (small, large)


# BibTeX: what is refused is refused by `labsite check` at the entry's line, naming its key.


@pytest.fixture(scope="module")
def bib_check(tmp_path_factory: pytest.TempPathFactory) -> str:
    """`labsite check`'s output on the fixture site with every refused BibTeX file at once (each
    in a file of its own: a brace left open can't swallow another case), cut off after 10 s."""
    root = tmp_path_factory.mktemp("bib")
    config = write_site(root, {**with_payloads([]), **{case.path: case.text for case in BIB_REFUSED}})
    for case in BIB_REFUSED:
        if case.setup:
            case.setup(root)
    result = subprocess.run(
        [sys.executable, "-m", "labsite", "check"], cwd=config.parent, capture_output=True, text=True, timeout=10
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize("case", BIB_REFUSED, ids=[c.name for c in BIB_REFUSED])
def test_bibtex_file_is_refused_at_the_entry_with_its_key(bib_check: str, case: BibCase) -> None:
    found = [
        (int(m[1]), m[2]) for m in re.finditer(rf"^{re.escape(case.path)}:(\d+):\d+: error: (.*)$", bib_check, re.M)
    ]
    assert {line for line, _ in found} == {line for line, _ in case.errors}, found
    keys = dict(case.errors)
    assert all(keys[line] in message for line, message in found), found


def test_the_hostile_bibtex_entries_are_published_as_text(tmp_path: Path) -> None:
    """Every hostile site holds these entries: the browser tests see them rendered."""
    write_site(tmp_path, with_payloads([]))
    catalog = build_catalog(tmp_path)
    assert catalog.errors == []
    source = bib_accepted()
    for key, (_, title) in BIB_ACCEPTED.items():
        work = catalog.publications[key]
        assert title is None or work.title == title, (key, work.title)
        # The entry's own .bib is what the contributor wrote, from its @ to its closing brace, after
        # the @string definitions it uses, each as written.
        strings, entry = split_bib(work.bibtex)
        assert entry.strip() in source and entry.startswith(f"@article{{{key},"), key
        assert all(line in source for line in strings), key
        for address in (work.url, work.pdf, work.doi_url):
            assert address is None or (address.startswith("https://") and not re.search(r'[\s"<>]', address)), address
    assert "root:" not in repr(catalog.publications), "\\input read a file"
    assert {p.key for p in catalog.publications.values() if p.path == HOSTILE_BIB} == set(BIB_ACCEPTED)


def test_a_thousand_authors_are_cited_and_described_as_text(tmp_path: Path) -> None:
    write_site(tmp_path, {**with_payloads([]), "publications/consortium.bib": THOUSAND_AUTHORS})
    catalog = build_catalog(tmp_path)
    assert catalog.errors == []
    work = catalog.publications["consortium"]
    assert len(work.authors) == MAX_AUTHORS and work.authors[0].given == PAYLOADS["event-handler"]
    for lang in ("fr", "en"):
        fragment = lxml.html.fragment_fromstring(str(bibliography.citation(catalog, work, lang)), create_parent="span")
        assert PAYLOADS["event-handler"] in fragment.text_content() and "Given999" in fragment.text_content()
        assert {e.tag for e in fragment.iter()} <= {"span", "i", "b", "strong", "sup", "sub"}
        assert not [a for e in fragment.iter() for a in e.attrib if e.tag != "strong" or a != "class"]
        site = Site("https://lab.example.org/", {"fr": "Labo", "en": "Lab"})
        script = str(jsonld.script(scholarly.publication(catalog, site, work, lang, "publications/")))
        data = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
        assert "<" not in data and len(json.loads(data)["author"]) == MAX_AUTHORS


def _gap(tmp_path: Path, name: str) -> tuple[list[str], dict]:
    write_site(tmp_path, {**with_payloads([]), "publications/gap.bib": BIB_GAPS[name]})
    catalog = build_catalog(tmp_path)
    return [str(e) for e in catalog.errors], catalog.publications


def test_an_entrys_editors_are_checked_like_its_authors(tmp_path: Path) -> None:
    errors, _ = _gap(tmp_path, "editor")
    assert any(e.startswith("publications/gap.bib:6:") and "'gap-editor'" in e for e in errors), errors


def test_a_field_name_with_a_bidi_override_is_refused(tmp_path: Path) -> None:
    errors, _ = _gap(tmp_path, "field name")
    assert any(e.startswith("publications/gap.bib:6:") and "'gap-field-name'" in e for e in errors), errors


def test_a_stray_closing_brace_does_not_drop_fields_silently(tmp_path: Path) -> None:
    errors, works = _gap(tmp_path, "stray brace")
    refused = any(e.startswith("publications/gap.bib:") and "'gap-stray'" in e for e in errors)
    assert refused or works["gap-stray"].doi == "10.5555/gap.1", (errors, works.get("gap-stray"))


def test_a_string_concatenation_is_expanded_or_refused(tmp_path: Path) -> None:
    errors, works = _gap(tmp_path, "concatenation")
    refused = any(e.startswith("publications/gap.bib:") and "'gap-concat'" in e for e in errors)
    assert refused or works["gap-concat"].title == PAYLOADS["script"] + " and more", (errors, works.get("gap-concat"))


@pytest.mark.parametrize("where", ["publication title", "person name"])
def test_private_use_characters_are_refused_or_removed(tmp_path: Path, where: str) -> None:
    if where == "publication title":
        path = "publications/gap.bib"
        errors, works = _gap(tmp_path, "private use")
        text = works["gap-private-use"].title if "gap-private-use" in works else ""
    else:
        path = f"{A}/index.yml"
        files = with_payloads([])
        files[path] = _facts(str(files[path]), name=f"Ada {PRIVATE_USE}Martin")
        write_site(tmp_path, files)
        catalog = build_catalog(tmp_path)
        errors = [str(e) for e in catalog.errors]
        text = catalog.people["ada-martin"].name if "ada-martin" in catalog.people else ""
    refused = any(e.startswith(path + ":") for e in errors)
    assert refused or not set(text) & set(PRIVATE_USE), (errors, text)
