"""Citations in ISO 690 (labsite.render.citations): what a reader sees for each kind in French and English,
the lab's authors in bold, and hostile data coming out as text, checked with a real HTML parser."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
import warnings
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labsite.model.publications import KIND_OF_TYPE, KINDS, Author, Publication
from labsite.render.citations import LAB_AUTHOR_CLASS, cite, csl_json

TITLE = "Apprentissage profond pour le sepsis"
AUTHORS = (Author("Dupont", "Marie"), Author("Martin", "Jean-Luc"))
ALLOWED_TAGS = {"i", "b", "strong", "span", "sup", "sub"}
LANGS = ("fr", "en")


def publication(**fields: Any) -> Publication:
    values: dict[str, Any] = {
        "key": "dupont2021",
        "slug": "dupont2021",
        "kind": "article",
        "entry_type": "article",
        "title": TITLE,
        "authors": AUTHORS,
        "year": 2021,
        "language": "fr",
    }
    return Publication(**(values | fields))


def parse(fragment: str) -> lxml.html.HtmlElement:
    """The fragment in a <div>, after checking it holds only allowed elements and attributes."""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iterdescendants():
        assert element.tag in ALLOWED_TAGS, fragment
        if element.tag == "strong":
            assert dict(element.attrib) == {"class": LAB_AUTHOR_CLASS}, fragment
        elif element.tag == "span":
            assert list(element.attrib) == ["lang"] and re.fullmatch(r"[a-z]{2}", element.attrib["lang"]), fragment
        else:
            assert not element.attrib, fragment
    return root


def visible(fragment: str) -> str:
    """What a reader sees, white space (non-breaking spaces included) as single spaces."""
    return " ".join(parse(fragment).text_content().split())


def italics(fragment: str) -> list[str]:
    return [element.text_content() for element in parse(fragment).iter("i")]


# One publication of each kind (and a chapter), with what a reader sees and what is in italics.
KIND_FIELDS: dict[str, dict[str, Any]] = {
    "article": dict(
        kind="article",
        entry_type="article",
        container="Journal of Things",
        volume="12",
        issue="3",
        pages="101--120",
        month=3,
    ),
    "conference": dict(
        kind="conference",
        entry_type="inproceedings",
        container="Proceedings of ICML 2021",
        pages="1-10",
        publisher="PMLR",
        place="Vienna",
    ),
    "thesis": dict(
        kind="thesis",
        entry_type="phdthesis",
        genre="Thèse de doctorat",
        publisher="Université Paris Cité",
        place="Paris",
    ),
    "preprint": dict(kind="preprint", entry_type="unpublished", publisher="arXiv", number="arXiv:2101.00001"),
    "software": dict(kind="software", entry_type="software", number="v1.2.0", publisher="Zenodo"),
    "dataset": dict(kind="dataset", entry_type="dataset", publisher="Zenodo"),
    "book": dict(kind="book", entry_type="book", publisher="Springer", place="Cham"),
    "chapter": dict(
        kind="book",
        entry_type="incollection",
        container="Handbook of Sepsis",
        publisher="Springer",
        place="Cham",
        pages="33-50",
    ),
    "report": dict(
        kind="report", entry_type="techreport", number="RR-1234", genre="Research Report", publisher="Inria"
    ),
    "other": dict(kind="other", entry_type="misc", publisher="Bernoulli Lab"),
}
FR_AUTHORS, EN_AUTHORS = "DUPONT, Marie et MARTIN, Jean-Luc, 2021.", "DUPONT, Marie and MARTIN, Jean-Luc, 2021."
EXPECTED: dict[tuple[str, str], str] = {
    ("article", "fr"): f"{FR_AUTHORS} {TITLE}. Journal of Things. mars 2021. Vol. 12, n° 3, pp. 101‑120.",
    ("article", "en"): f"{EN_AUTHORS} {TITLE}. Journal of Things. March 2021. Vol. 12, no. 3, p. 101–120.",
    ("conference", "fr"): f"{FR_AUTHORS} {TITLE}. In : Proceedings of ICML 2021. Vienna : PMLR. 2021. pp. 1‑10.",
    ("conference", "en"): f"{EN_AUTHORS} {TITLE}. In: Proceedings of ICML 2021. Vienna: PMLR. 2021. p. 1–10.",
    ("thesis", "fr"): f"{FR_AUTHORS} {TITLE}. Thèse de doctorat. Paris : Université Paris Cité.",
    ("thesis", "en"): f"{EN_AUTHORS} {TITLE}. Thèse de doctorat. Paris: Université Paris Cité.",
    ("preprint", "fr"): f"{FR_AUTHORS} {TITLE}. Preprint. 2021. arXiv. arXiv:2101.00001.",
    ("preprint", "en"): f"{EN_AUTHORS} {TITLE}. Preprint. 2021. arXiv. arXiv:2101.00001.",
    ("software", "fr"): f"{FR_AUTHORS} {TITLE} [logiciel]. Version 1.2.0. 2021. Zenodo.",
    ("software", "en"): f"{EN_AUTHORS} {TITLE} [software]. Version 1.2.0. 2021. Zenodo.",
    ("dataset", "fr"): f"{FR_AUTHORS} {TITLE}. 2021. Zenodo.",
    ("dataset", "en"): f"{EN_AUTHORS} {TITLE}. 2021. Zenodo.",
    ("book", "fr"): f"{FR_AUTHORS} {TITLE}. Cham : Springer.",
    ("book", "en"): f"{EN_AUTHORS} {TITLE}. Cham: Springer.",
    ("chapter", "fr"): f"{FR_AUTHORS} {TITLE}. In : Handbook of Sepsis. Cham : Springer. pp. 33‑50.",
    ("chapter", "en"): f"{EN_AUTHORS} {TITLE}. In: Handbook of Sepsis. Cham: Springer. p. 33–50.",
    ("report", "fr"): f"{FR_AUTHORS} RR-1234 : {TITLE}. Research Report. Inria.",
    ("report", "en"): f"{EN_AUTHORS} RR-1234: {TITLE}. Research Report. Inria.",
    ("other", "fr"): f"{FR_AUTHORS} {TITLE}. 2021. Bernoulli Lab.",
    ("other", "en"): f"{EN_AUTHORS} {TITLE}. 2021. Bernoulli Lab.",
}
ITALICS = {
    "article": ["Journal of Things"],
    "conference": ["Proceedings of ICML 2021"],
    "chapter": ["Handbook of Sepsis"],
}


@pytest.mark.parametrize(("case", "lang"), EXPECTED)
def test_each_kind_reads_as_iso_690(case: str, lang: str) -> None:
    fragment = cite(publication(**KIND_FIELDS[case]), lang)
    assert visible(fragment) == EXPECTED[case, lang]
    assert italics(fragment) == ITALICS.get(case, [TITLE])


# What no citation should hold, whatever the entry lacks.
ODD = re.compile(r"\(\s*\)|\[\s*\]|\.\s*\.|[?!]\.|,\s*[,.]|:\s*\.|\bIn\s*:\s*$|None|anticipée|2021\. 2021|^\W|\s$")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("entry_type", [entry_type for types in KINDS.values() for entry_type in types])
@pytest.mark.parametrize("full", [True, False], ids=["every field", "title and year"])
@pytest.mark.parametrize("authors", [AUTHORS, ()], ids=["authors", "no author"])
def test_no_kind_prints_something_odd(entry_type: str, lang: str, full: bool, authors: tuple[Author, ...]) -> None:
    kind = next(kind for kind, types in KINDS.items() if entry_type in types)
    fields = KIND_FIELDS["chapter" if entry_type in ("incollection", "inbook") else kind] if full else {}
    title = "Is sepsis predictable?"
    fragment = cite(
        publication(**(fields | {"kind": kind, "entry_type": entry_type, "title": title}), authors=authors),
        lang,
    )
    text = visible(fragment)
    assert title in text
    assert "2021" in text
    assert not ODD.search(text), text


@pytest.mark.parametrize("lang", LANGS)
def test_lab_authors_are_strong(lang: str) -> None:
    fragment = cite(publication(), lang, {1})  # Martin
    strong = parse(fragment).findall(".//strong")
    assert [element.text_content() for element in strong] == ["MARTIN, Jean-Luc"]
    assert fragment.count("<strong") == 1
    assert visible(fragment).startswith("DUPONT, Marie")


def test_a_lab_author_without_given_name_and_no_lab_author() -> None:
    authors = (Author("Consortium"), Author("Dupont", "Marie"))
    fragment = cite(publication(authors=authors), "fr", {0})
    assert [element.text_content() for element in parse(fragment).iter("strong")] == ["CONSORTIUM"]
    assert "<strong" not in cite(publication(authors=authors), "fr")


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_strings_come_out_as_text(lang: str) -> None:
    title = (
        'a & b <img src=x onerror=alert(1)> "q" \\url{javascript:alert(1)} {Braces} &amp; <span class="nocase">x</span>'
    )
    hostile = publication(
        language=lang,  # the title in the page's language: no <span lang> here
        title=title,
        authors=(Author("<script>", "alert(1)</script>"), Author("Martin", "Jean-Luc")),
        container="<i>J</i>",
        volume="<b>",
        issue='"',
        pages="1-2<",
        publisher="<a href=x>",
    )
    fragment = cite(hostile, lang, {0})
    root = parse(fragment)
    assert "&lt;SCRIPT&gt;, alert(1)&lt;/script&gt;" in fragment  # uppercased, still escaped
    assert "a &amp; b &lt;img src=x onerror=alert(1)&gt; &quot;q&quot;" in fragment
    assert not re.search(r"<(?!/?(?:i|strong)\b)", fragment), fragment  # no tag but the style's and ours
    assert "href" not in fragment.replace("&lt;a href=x&gt;", "")
    assert title in root.text_content()
    assert [element.text_content() for element in root.iter("strong")] == ["<SCRIPT>, alert(1)</script>"]
    assert [element.text_content() for element in root.iter("i")] == ["<i>J</i>"]


def test_a_very_long_title() -> None:
    title = "Sepsis " * 1428 + "ends"  # 10,000 characters
    assert len(title) == 10_000
    assert title in visible(cite(publication(title=title), "en"))


def test_private_use_and_control_characters_of_the_data_are_removed() -> None:
    # Among them the code points that stand for tags while citeproc works: they make no tag.
    title = "Sep\ue000\ue010\ue020sis\U000f0001 \x00in\x1b \ufffechildren\ue011\ue021"
    authors = (Author("Du\ue011pont", "Ma\ue010rie"),)
    fragment = cite(publication(title=title, authors=authors, container="J"), "fr")
    assert visible(fragment).startswith("DUPONT, Marie, 2021. Sepsis in children. J.")
    assert not re.search("[\ue000-\uf8ff\U000f0000-\U0010ffff\x00-\x08\x0b-\x1f]", fragment)
    assert "<strong" not in fragment
    assert italics(fragment) == ["J"]
    assert csl_json(publication(title=title))["title"] == "Sepsis in children"


@pytest.mark.parametrize("lang", LANGS)
def test_titles_are_not_title_cased(lang: str) -> None:
    french = "Apprentissage statistique pour la détection précoce du sepsis chez l’enfant"
    thesis = publication(title=french, kind="thesis", entry_type="phdthesis", genre="Thèse de doctorat")
    assert french in visible(cite(thesis, lang))
    english = "a study of the things in the world"
    assert english in visible(cite(publication(title=english, language="en"), lang))
    assert english in visible(cite(publication(title=english, language=None), lang))


def test_a_title_ending_in_punctuation_takes_no_period() -> None:
    fragment = cite(publication(title="Is sepsis predictable?", container="Critical Care!"), "en")
    assert "Is sepsis predictable? Critical Care! 2021." in visible(fragment)
    fragment = cite(publication(title="Sepsis in children.", kind="thesis", entry_type="phdthesis"), "en")
    assert visible(fragment).endswith("2021. Sepsis in children.")


def test_citeproc_warnings_stay_inside_but_our_errors_do_not() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for case in KIND_FIELDS.values():
            cite(publication(**(case | {"month": 5, "day": 17})), "fr")
    assert not caught
    with pytest.raises(ValueError, match="de"):
        cite(publication(), "de")


@pytest.mark.parametrize(
    ("kind", "entry_type", "container", "csl_type"),
    [
        ("article", "article", "J", "article-journal"),
        ("article", "article", None, "article"),  # else "Title. . 2021."
        ("conference", "inproceedings", "Proc.", "paper-conference"),
        ("conference", "inproceedings", None, "speech"),  # else "In :" before nothing
        ("conference", "proceedings", None, "book"),
        ("thesis", "phdthesis", None, "thesis"),
        ("preprint", "preprint", None, "article"),
        ("software", "software", None, "software"),
        ("dataset", "dataset", None, "dataset"),
        ("book", "book", None, "book"),
        ("book", "incollection", "Handbook", "chapter"),
        ("book", "inbook", "Handbook", "chapter"),
        ("book", "inbook", None, "book"),
        ("report", "techreport", None, "report"),
        ("other", "misc", None, "document"),
    ],
)
def test_csl_types(kind: str, entry_type: str, container: str | None, csl_type: str) -> None:
    assert csl_json(publication(kind=kind, entry_type=entry_type, container=container))["type"] == csl_type


def test_csl_json_item() -> None:
    item = csl_json(
        publication(
            **KIND_FIELDS["article"],
            day=9,
            doi="10.1000/x",
            url="https://example.org",
            hal="hal-01234567",
            publisher="Elsevier",
        )
    )
    assert item == {
        "id": "dupont2021",
        "type": "article-journal",
        "title": TITLE,
        "author": [{"family": "Dupont", "given": "Marie"}, {"family": "Martin", "given": "Jean-Luc"}],
        "issued": {"date-parts": [[2021, 3, 9]]},
        "container-title": "Journal of Things",
        "volume": "12",
        "issue": "3",
        "page": "101-120",
        "publisher": "Elsevier",
        "language": "fr",
    }  # no DOI, URL or HAL id: the page links them itself
    assert csl_json(publication(kind="preprint", entry_type="preprint"))["genre"] == "Preprint"
    software = csl_json(publication(kind="software", entry_type="software", number="v2.0"))
    assert (software["version"], "number" in software) == ("2.0", False)
    report = csl_json(publication(kind="report", entry_type="techreport", number="RR-1"))
    assert report["number"] == "RR-1"
    assert "language" not in csl_json(publication(language="<fr>"))
    assert csl_json(publication(pages="S1 -- S10"))["page"] == "S1-S10"
    assert "page" not in csl_json(publication(pages="--"))  # else "pp. -." (a lone range dash)


def _cleaned(text: str) -> str:
    """The text without what the data may not hold, nor white space."""
    kept = (
        c
        for c in text
        if unicodedata.category(c) not in ("Co", "Cs", "Cc") and not ("\ufdd0" <= c <= "\ufdef" or c in "\ufffe\uffff")
    )
    return "".join("".join(kept).split())


_CHARACTERS = st.one_of(st.characters(), st.sampled_from("<>&\"'.?!…{}\\;,:()[] \ue000\ue004\ue010\ue011\ue020\xa0"))


@settings(max_examples=150, deadline=None)
@given(
    title=st.text(_CHARACTERS, min_size=1, max_size=60),
    family=st.text(_CHARACTERS, max_size=20),
    given_name=st.text(_CHARACTERS, max_size=20),
    entry_type=st.sampled_from(sorted(KIND_OF_TYPE)),
    lang=st.sampled_from(LANGS),
    lab=st.booleans(),
    other=st.text(_CHARACTERS, max_size=20),
)
def test_any_text_comes_out_as_text(
    title: str, family: str, given_name: str, entry_type: str, lang: str, lab: bool, other: str
) -> None:
    others = dict.fromkeys(("container", "volume", "issue", "pages", "publisher", "place", "genre", "number"), other)
    entry = publication(
        title=title,
        authors=(Author(family, given_name),),
        kind=KIND_OF_TYPE[entry_type],
        entry_type=entry_type,
        **others,
    )
    fragment = cite(entry, lang, {0} if lab else ())
    root = parse(fragment)  # only allowed tags and attributes
    text = "".join(root.text_content().split())
    assert _cleaned(title) in text
    if _cleaned(family):  # else the given name is all the name, as a family name: uppercased
        assert _cleaned(given_name) in text
    assert not re.search("[\ue000-\uf8ff]", fragment)
    assert len(root.findall(".//strong")) == (1 if lab and _cleaned(family + given_name) else 0)


def test_a_title_in_another_language_than_the_page_is_marked_as_such() -> None:
    """A French title on an English page is read aloud in French (WCAG 3.1.2), not on a French page."""
    thesis = publication(kind="thesis", entry_type="phdthesis", title="Apprentissage fédéré", language="fr")
    english = cite(thesis, "en")
    assert '<span lang="fr">Apprentissage fédéré</span>' in english
    parse(english)
    assert "lang=" not in cite(thesis, "fr")
    assert "lang=" not in cite(dataclasses.replace(thesis, language=None), "en")
