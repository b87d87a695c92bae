"""People's folders and the BibTeX files of publications/: every problem at its file, line and
field (and entry key), in one run; the valid ones read as a visitor will see them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import bibtexparser
import pytest

from labsite.model.fields import orcid_checksum_ok
from tests.conftest import FIXTURE_FILES, PEOPLE_FILES, build_catalog, write_site

TODAY = dt.date(2026, 11, 29)
ADA = "people/ada-martin/index.yml"
BIB = "publications/lab.bib"


def _site(root: Path, **changes: str | None) -> list[str]:
    files = {**FIXTURE_FILES, **PEOPLE_FILES}
    for name, text in changes.items():
        files[name.replace("__", "/").replace("_DOT_", ".")] = text
    write_site(root, files)
    return [str(d) for d in build_catalog(root, today=TODAY).errors]


def test_the_fixture_people_and_publications_are_valid(tmp_path: Path) -> None:
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES})
    catalog = build_catalog(tmp_path, today=TODAY)
    assert catalog.errors == []
    assert set(catalog.people) == {"ada-martin", "bo-chen", "li-wu"}
    assert not catalog.people["li-wu"].texts and catalog.page("people/li-wu", "fr") is None
    assert catalog.page("people/ada-martin", "fr").url == "equipe/ada-martin/"
    assert catalog.page("people/ada-martin", "en").url == "en/people/ada-martin/"
    thesis = catalog.publications["chen2022thesis"]
    assert thesis.title == "Apprentissage fédéré à l'hôpital" and thesis.publisher == "Université Paris Cité"
    assert (thesis.kind, thesis.hal, thesis.language) == ("thesis", "tel-09990001", "fr")
    article = catalog.publications["martin2024deep"]
    assert (article.kind, article.month, article.pages, article.doi) == ("article", 3, "45–67", "10.5555/test.2024.001")
    assert article.line == 2 and article.path == BIB


def test_authors_are_matched_by_orcid_idhal_or_the_persons_own_list(tmp_path: Path) -> None:
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES})
    catalog = build_catalog(tmp_path, today=TODAY)
    assert [p.slug for p in catalog.authors("martin2024deep")] == ["ada-martin"]  # by ORCID
    assert [p.slug for p in catalog.authors("wu2025triage")] == ["ada-martin"]  # by idHal; Li Wu gave none
    assert [p.slug for p in catalog.authors("chen2022thesis")] == ["bo-chen"]  # by her list
    assert [w.key for w in catalog.works("ada-martin")] == ["wu2025triage", "martin2024deep"]  # newest first
    assert [p.slug for p in catalog.projects_of("ada-martin")] == ["lung-scan"]


def test_orcid_check_digit() -> None:
    assert orcid_checksum_ok("0000-0002-1825-0097")  # ORCID's own example
    assert orcid_checksum_ok("0000-0002-1694-233X")
    assert not orcid_checksum_ok("0000-0002-1825-0098")


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (ADA, "0000-0000-0001-2344", "0000-0002-1825-0079", f"{ADA}:6:8: error: orcid: '0000-0002-1825-0079' is not a valid ORCID iD: its last character does not match the others (a digit mistyped?)"),
        (ADA, "0000-0000-0001-2344", "1825-0097", f"{ADA}:6:8: error: orcid: '1825-0097' is not an ORCID iD: four groups of four digits, 0000-0002-1825-0097 (the last may be X)"),
        (ADA, "inria-team", "inria-tema", f"{ADA}:5:14: error: affiliation: no partner 'inria-tema': did you mean 'inria-team'? the partners are in data/partners.yml"),
        (ADA, "status: current", "status: gone", f"{ADA}:4:9: error: status: 'gone' is not allowed; allowed: current, alumni"),
        (ADA, "ada.martin@example.org", "ada.martin", f"{ADA}:8:8: error: email: 'ada.martin' is not an e-mail address (name@example.org)"),
        (ADA, "[lung-scan]", "[lung-scann]", f"{ADA}:10:12: error: projects #1: no project 'lung-scann': did you mean 'lung-scan'? the projects are in projects/"),
        ("people/bo-chen/index.yml", "[chen2022thesis]", "[chen2022these]", "people/bo-chen/index.yml:6:16: error: publications #1: no publication 'chen2022these': did you mean 'chen2022thesis'? the publications are in publications/"),
        (ADA, "start: 2022-01-01", "start: 2022-01-01\nend: 2021-01-01", f"{ADA}:10:6: error: end: 2021-01-01 is before the start date 2022-01-01"),
    ],
)  # fmt: skip
def test_a_persons_facts_are_checked(tmp_path: Path, path: str, old: str, new: str, expected: str) -> None:
    text = PEOPLE_FILES[path]
    assert isinstance(text, str) and old in text
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES, path: text.replace(old, new)})
    assert [str(d) for d in build_catalog(tmp_path, today=TODAY).errors] == [expected]


def test_a_page_in_one_language_only_is_refused(tmp_path: Path) -> None:
    errors = _site(tmp_path, **{"people__ada-martin__index_DOT_en_DOT_md": None})
    assert errors == [
        "people/ada-martin/index.en.md:1:1: error: a person's page is written in both languages or in neither: "
        "people/ada-martin/index.en.md is missing"
    ]


def test_a_project_names_a_person_by_id_or_in_full(tmp_path: Path) -> None:
    project = "projects/lung-scan/index.yml"
    text = str(FIXTURE_FILES[project]).replace(
        "draft: false", "contacts: [ada-martin, {name: Jo Doe, email: jo@example.org}]\ndraft: false"
    )
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES, project: text})
    catalog = build_catalog(tmp_path, today=TODAY)
    assert catalog.errors == []
    assert [p.slug for p in catalog.members("lung-scan")] == ["ada-martin"]
    wrong = text.replace("[ada-martin,", "[ada-matrin,")
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES, project: wrong})
    errors = [str(d) for d in build_catalog(tmp_path, today=TODAY).errors]
    assert errors == [
        "projects/lung-scan/index.yml:10:12: error: contacts #1: no person 'ada-matrin': did you mean 'ada-martin'? "
        "the people are in people/"
    ]


ENTRY = "@article{{{key},\n  title = {{{title}}},\n  author = {{Doe, Jo}},\n  journal = {{J}},\n  year = {{2024}},\n{extra}}}\n"


def _bib(tmp_path: Path, text: str, other: str | None = None) -> list[str]:
    files = {**FIXTURE_FILES, **PEOPLE_FILES, "publications/new.bib": text}
    if other is not None:
        files["publications/other.bib"] = other
    write_site(tmp_path, files)
    return [str(d) for d in build_catalog(tmp_path, today=TODAY).errors]


def test_every_broken_entry_is_reported_with_file_line_and_key_at_once(tmp_path: Path) -> None:
    text = (
        "% two good, five bad\n"
        + ENTRY.format(key="good1", title="Good", extra="")
        + "@article{nojournal,\n  title = {T},\n  author = {Doe, Jo},\n  year = {2024},\n}\n"
        + "@article{broken,\n  title = {unclosed,\n  year = 2020\n}\n"
        + ENTRY.format(key="badyear", title="Y", extra="  month = {thirteen},\n")
        + ENTRY.format(key="js", title="J", extra="  url = {javascript:alert(1)},\n")
        + ENTRY.format(key="self", title="S", extra="  crossref = {self},\n")
        + ENTRY.format(key="good2", title="Good too", extra="")
    )
    errors = [e for e in _bib(tmp_path, text) if e.startswith("publications/new.bib")]
    assert len(errors) == 5, errors
    assert (
        "publications/new.bib:8:1: error: journal: entry 'nojournal': 'journal' is missing (a @article needs it)"
        in errors
    )
    assert any(e.startswith("publications/new.bib:13:1: error: this entry can't be read as BibTeX") for e in errors)
    assert any(
        e.startswith("publications/new.bib:") and "entry 'badyear': 'thirteen' is not a month" in e for e in errors
    )
    assert any("url: entry 'js': 'javascript:alert(1)' is not a web address" in e for e in errors)
    assert any("crossref: entry 'self': crossref ('self') is not supported" in e for e in errors)


def test_duplicate_keys_and_dois_across_files_are_errors(tmp_path: Path) -> None:
    one = ENTRY.format(key="same", title="One", extra="  doi = {10.5555/x.1},\n")
    two = ENTRY.format(key="same", title="Two", extra="") + ENTRY.format(
        key="other", title="Three", extra="  doi = {https://doi.org/10.5555/X.1},\n"
    )
    errors = _bib(tmp_path, one, two)
    assert (
        "publications/other.bib:1:1: error: the key 'same' is already used (publications/new.bib:1): give each entry its own key"
        in errors
    )
    assert any(
        e.startswith("publications/other.bib:7:1: error: doi: the DOI 10.5555/X.1 is already the entry 'same'")
        for e in errors
    ), errors


def test_latex_is_decoded_to_text_and_bare_specials_kept(tmp_path: Path) -> None:
    title = r"50% of {\'E}t{\'e} \& <b>cases</b> & more \url{javascript:alert(1)} $x^2$"
    write_site(
        tmp_path,
        {**FIXTURE_FILES, **PEOPLE_FILES, "publications/new.bib": ENTRY.format(key="k", title=title, extra="")},
    )
    catalog = build_catalog(tmp_path, today=TODAY)
    assert catalog.errors == []
    assert catalog.publications["k"].title == "50% of Été & <b>cases</b> & more <javascript:alert(1)> $x^2$"


def test_hostile_sizes_are_refused_not_crashed_on(tmp_path: Path) -> None:
    deep = "{" * 40 + "x" + "}" * 40
    long = "x" * 6000
    text = ENTRY.format(key="deep", title=deep, extra="") + ENTRY.format(key="long", title=long, extra="")
    errors = _bib(tmp_path, text)
    assert any("entry 'deep': braces nested more than 12 deep" in e for e in errors), errors
    assert any("entry 'long': a field of 6000 characters; at most 5000" in e for e in errors), errors
    (tmp_path / "publications/new.bib").write_bytes(b"%" * 5_000_001)
    errors = [str(d) for d in build_catalog(tmp_path, today=TODAY).errors]
    assert "publications/new.bib:1:1: error: the file is 5 MB; at most 5 MB: split it" in errors


def test_only_bib_files_go_in_publications(tmp_path: Path) -> None:
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES, "publications/notes.txt": "hello"})
    errors = [str(d) for d in build_catalog(tmp_path, today=TODAY).errors]
    assert errors == ["publications/notes.txt:1:1: error: only BibTeX files (.bib) go directly in publications/"]


def test_placeholder_years_empty_titles_and_bad_orcids_are_errors_and_proceedings_need_no_container(
    tmp_path: Path,
) -> None:
    text = (
        "@article{zero,\n  title = {Z},\n  author = {Doe, Jo},\n  journal = {J},\n  year = {0000},\n}\n"
        + ENTRY.format(key="blank", title=" ", extra="")
        + ENTRY.format(key="shape", title="S", extra="  orcid = {1825-0097},\n")
        + ENTRY.format(key="digit", title="D", extra="  orcid = {http://orcid.org/0000-0002-1825-0079},\n")
        + "@proceedings{volume,\n  title = {Proceedings of the Day},\n  editor = {Doe, Jo},\n  year = {2024},\n}\n"
        + "@misc{noyear,\n  title = {N},\n  author = {Doe, Jo},\n}\n"
    )
    errors = [e.split(": error: ", 1)[1] for e in _bib(tmp_path, text) if e.startswith("publications/new.bib")]
    assert sorted(errors) == sorted(
        [
            "year: entry 'zero': '0000' is not a date: YYYY, YYYY-MM or YYYY-MM-DD",
            "title: entry 'blank': 'title' is missing (a @article needs it)",
            "orcid: entry 'shape': '1825-0097' is not an ORCID iD: four groups of four digits, "
            "0000-0002-1825-0097 (the last may be X)",
            "orcid: entry 'digit': '0000-0002-1825-0079' is not a valid ORCID iD: its last character does not "
            "match the others (a digit mistyped?)",
            "year: entry 'noyear': 'year' is missing (a @misc needs it)",
        ]
    ), errors


def test_one_person_has_one_folder(tmp_path: Path) -> None:
    twin = PEOPLE_FILES["people/ada-martin/index.yml"].replace("name: Ada Martin", "name: Ada Martin-Twin")
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES, "people/ada-twin/index.yml": twin})
    errors = [str(d) for d in build_catalog(tmp_path, today=TODAY).errors]
    for name, value in (("orcid", "0000-0000-0001-2344"), ("hal", "ada-martin"), ("email", "ada.martin@example.org")):
        assert (
            f"people/ada-twin/index.yml:{twin.split(name + ':')[0].count(chr(10)) + 1}:{len(name) + 3}: error: "
            f"{name}: '{value}' is already in people/ada-martin/index.yml: one folder per person (merge the two, "
            "or correct one)"
        ) in errors, errors


def test_an_entrys_own_bib_carries_the_strings_it_uses(tmp_path: Path) -> None:
    text = (
        "@string{jfmi = {Journal of Fictional Medical Informatics}}\n@string{other = {Unused}}\n\n"
        "@article{k,\n  title = {T},\n  author = {Doe, Jo},\n  journal = JFMI,\n  year = {2024},\n}\n"
    )
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES, "publications/new.bib": text})
    work = build_catalog(tmp_path, today=TODAY).publications["k"]
    assert work.container == "Journal of Fictional Medical Informatics"
    assert work.bibtex.startswith("@string{jfmi = {Journal of Fictional Medical Informatics}}\n\n@article{k,")
    alone = bibtexparser.parse_string(work.bibtex)  # read alone, as a visitor's reference manager reads it
    assert alone.entries[0].fields_dict["journal"].value == "Journal of Fictional Medical Informatics"
    assert "Unused" not in work.bibtex
