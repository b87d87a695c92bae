"""The items' digests are the same in every language: passes of one process share them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from labsite.build.catalog import make_catalog
from labsite.build.page_keys import ModelDigests, PageKeys, _Encoder
from labsite.build.preview import stamps
from labsite.common import clock
from labsite.model.content import Announcement, Project
from labsite.model.people import Person
from labsite.model.site import Site
from tests.conftest import EVENT_FILES, FIXTURE_FILES, PEOPLE_FILES, build_catalog, write_site


def test_keys_made_with_the_other_languages_item_digests_are_the_same(tmp_path: Path) -> None:
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES, **EVENT_FILES})
    catalog = build_catalog(tmp_path)
    site = Site("https://lab.example.org/", {"fr": "Labo", "en": "Lab"}, ("index",), ())
    shared: dict[str, bytes] = {}
    for lang in ("fr", "en"):
        pages = catalog.pages_in(lang)
        alone = PageKeys(catalog, site, lang, b"code", {})
        together = PageKeys(catalog, site, lang, b"code", shared)
        assert [together.key(page) for page in pages] == [alone.key(page) for page in pages]
    assert {"projects/lung-scan", "people/ada-martin", "news/first-news"} <= shared.keys()


def test_a_previews_rebuild_digests_again_only_the_model_objects_read_again(tmp_path: Path) -> None:
    """An item whose files did not change is the same object in the next rebuild's catalog
    (labsite.sources.item_memo): its fields' digest is the last rebuild's. Every key is the one
    a build that digests everything makes, and the edited item's page gets a new one."""
    write_site(tmp_path, {**FIXTURE_FILES, **PEOPLE_FILES, **EVENT_FILES})
    site = Site("https://lab.example.org/", {"fr": "Labo", "en": "Lab"}, ("index",), ())
    today = clock.today()

    def keys(models: ModelDigests) -> dict[str, str]:
        catalog = make_catalog(tmp_path, today, files=stamps(tmp_path))
        made = {}
        for lang in ("fr", "en"):
            page_keys = PageKeys(catalog, site, lang, b"code", {}, models)
            made |= {page.path: page_keys.key(page) for page in catalog.pages_in(lang)}
        alone = {}
        for lang in ("fr", "en"):
            page_keys = PageKeys(catalog, site, lang, b"code", {})
            alone |= {page.path: page_keys.key(page) for page in catalog.pages_in(lang)}
        assert made == alone
        return made

    first = ModelDigests()
    before = keys(first)
    assert first.made
    data = tmp_path / "projects/lung-scan/index.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("acronym: LUNG", "acronym: PULMO"), encoding="utf-8")
    second = ModelDigests(earlier=first.made)
    after = keys(second)
    # Partners and publications are read again every rebuild; items only when their files change.
    items = {i: found for i, found in second.made.items() if isinstance(found[0], (Project, Announcement, Person))}
    made_again = [found[0] for i, found in items.items() if first.made.get(i) is not found]
    assert len(items) > 4 and [(type(o).__name__, o.slug) for o in made_again] == [("Project", "lung-scan")]  # type: ignore[attr-defined]
    assert after["projects/lung-scan/index.fr.md"] != before["projects/lung-scan/index.fr.md"]
    assert after["news/first-news/index.fr.md"] == before["news/first-news/index.fr.md"]


def test_values_of_different_kinds_never_share_an_encoding(tmp_path: Path) -> None:
    """The commonest kinds are encoded without a call each (``_Encoder._encode``), the others
    one by one: a sequence mixing them is encoded as each alone would be."""
    write_site(tmp_path)
    encoder = _Encoder(build_catalog(tmp_path))
    kinds = ["1", 1, True, 1.0, None, "None", b"1", ("1",), (("1",),), (), dt.date(2026, 1, 1), frozenset({"1"})]
    assert len({encoder.digest(value) for value in kinds}) == len(kinds)
    assert encoder.digest(0) != encoder.digest(False) and encoder.digest(("a", "b")) != encoder.digest(("ab",))
    assert encoder.digest(("a", 1, [None])) == encoder.digest(["a", 1, (None,)])  # a sequence is a sequence
    assert encoder.digest(Markup("<b>")) == encoder.digest("<b>")
    assert encoder.digest(*kinds) == _Encoder(encoder.catalog).digest(*kinds)
