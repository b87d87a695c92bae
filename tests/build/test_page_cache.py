"""The page cache: a rebuild renders only the pages whose inputs changed, and publishes the
same site, byte for byte, as a build without the cache; a lost, damaged or shared cache
costs renders, never a stale page."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from labsite.build.page_cache import PACKS, PageCache
from labsite.build.report import REPORT_DIR
from labsite.build.site import PAGE_CACHE, LanguageBuild, Options, SiteBuild
from labsite.mkdocs_adapter import commands
from labsite.model.page import Page
from labsite.model.site import Site
from labsite.outputs import feeds
from tests.conftest import (
    EVENT_FILES,
    FIXTURE_EPOCH,
    FIXTURE_FILES,
    PEOPLE_FILES,
    REPO,
    folders_copied,
    item_page,
    tree_digest,
    write_site,
)

DAY = 86_400


def _site(root: Path) -> Path:
    """The fixture site with people, publications and events, and a templates folder of its own."""
    config = write_site(root, {**FIXTURE_FILES, **PEOPLE_FILES, **EVENT_FILES})
    shutil.copytree(REPO / "theme_overrides", root / "theme_overrides")
    text = config.read_text(encoding="utf-8").replace(str(REPO / "theme_overrides"), "theme_overrides")
    config.write_text(text, encoding="utf-8")
    return config


def _build(config: Path, *args: str, epoch: str = FIXTURE_EPOCH) -> dict[str, tuple[int, int]]:
    """Build (in this process: no interpreter to start each time); returns (rendered, reused)
    pages by language."""
    reports = config.parent.parent / "reports"
    reports.mkdir(exist_ok=True)
    saved = {name: os.environ.get(name) for name in (REPORT_DIR, "SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING")}
    os.environ.update({REPORT_DIR: str(reports), "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"})
    try:
        commands.build(str(config), site_dir=args[1] if args[:1] == ("--site-dir",) else None)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name)
            else:
                os.environ[name] = value
    found = {lang: json.loads((reports / f"{lang}.json").read_text()) for lang in ("fr", "en")}
    return {lang: (r["pages"] - r["pages_reused"], r["pages_reused"]) for lang, r in found.items()}


def _settled(root: Path) -> None:
    """Wait for the last build's detached process: it keeps the old site's folders, emptied,
    for the next build to stage in."""
    deadline = time.monotonic() + 60
    while any(root.glob(".site.*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (root / ".cache/site-folders").is_dir()


def _folders(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())


def _edit(root: Path, path: str, old: str, new: str) -> None:
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, (path, old)
    (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")


def _delete(root: Path, folder: str) -> None:
    shutil.rmtree(root / folder)


CHANGES: list[tuple[str, Callable[[Path], None]]] = [
    ("an item's text", lambda root: _edit(root, "projects/heart-ai/index.en.md", "Diagram", "A diagram")),
    ("an item's facts", lambda root: _edit(root, "projects/lung-scan/index.yml", "acronym: LUNG", "acronym: LUNGS")),
    (
        "a partner's name",
        lambda root: _edit(root, "data/partners.yml", "name: Équipe Inria", "name: Équipe Inria Lille"),
    ),
    ("a linked page's address", lambda root: _edit(root, "projects/heart-ai/index.en.md", "---\n", "---\nslug: hai\n")),
    ("a linked page's deletion", lambda root: _delete(root, "news/first-news")),
    (
        "a template",
        lambda root: _edit(root, "theme_overrides/partials/lab-footer.html", "</footer>", "<p>Nouveau</p></footer>"),
    ),
    ("mkdocs.yml", lambda root: _edit(root, "mkdocs.yml", "fr: Laboratoire Test", "fr: Laboratoire Essai")),
]


def test_a_rebuild_after_each_kind_of_change_is_a_clean_build(tmp_path: Path) -> None:
    config = _site(tmp_path / "site")
    root = config.parent
    first = _build(config)
    assert first["fr"][1] == 0 and first["en"][1] == 0  # nothing to reuse yet
    pages = first["fr"][0] + first["en"][0]
    again = _build(config)
    assert again == {"fr": (0, first["fr"][0]), "en": (0, first["en"][0])}  # nothing changed: nothing rendered
    # The 404 pages and the search indexes too: published as links to cache entries (a page
    # rendered is a file of its own); each change below compares the indexes with a clean build's.
    kept = ("404.html", "en/404.html", "search/search_index.json", "en/search/search_index.json")
    assert all((root / "site" / path).stat().st_nlink > 1 for path in kept)
    renders: dict[str, int] = {}
    epoch = FIXTURE_EPOCH
    steps = [*CHANGES, ("'today' past a deadline", None)]
    for name, change in steps:
        if change is None:
            epoch = str(int(FIXTURE_EPOCH) + 12 * DAY)  # 2026-12-11: the engineer's ad closed on the 10th
        else:
            change(root)
        _settled(root)  # built in the last site's folders: those of a page gone must go too
        counts = _build(config, epoch=epoch)
        renders[name] = sum(rendered for rendered, _ in counts.values())
        _settled(root)
        os.rename(root / ".cache/site-folders", tmp_path / "held")  # the clean build stages in a new folder
        shutil.rmtree(root / ".cache/pages")
        clean_site = tmp_path / f"clean-{len(renders)}"
        _build(config, "--site-dir", str(clean_site), epoch=epoch)
        folders_copied(tmp_path)  # a first site there: its folders copied into the project's .cache
        shutil.rmtree(root / ".cache/site-folders")
        os.rename(tmp_path / "held", root / ".cache/site-folders")
        cached, clean = tree_digest(root / "site"), tree_digest(clean_site)
        assert cached.keys() == clean.keys(), name
        assert [path for path in cached if cached[path] != clean[path]] == [], name
        assert _folders(root / "site") == _folders(clean_site), name
    assert renders["an item's text"] == 1  # its own page: no other page shows its text
    for name in ("an item's facts", "a linked page's address", "a linked page's deletion"):
        assert 1 < renders[name] < pages / 2, renders
    # The pages showing a project or a person of that partner's (most of this small site), not all.
    assert 1 < renders["a partner's name"] < pages - 2, renders
    assert renders["a template"] == renders["mkdocs.yml"] == pages - 2, renders  # every page but the two removed
    assert 1 < renders["'today' past a deadline"] < pages / 2


def _rendered_again(config: Path, change: Callable[[Path], None]) -> tuple[list[str], int]:
    """Build twice (then every page is a link to its cache entry), make ``change``, rebuild:
    the pages whose file is new (rendered again), and how many pages the rebuild rendered."""
    root, site = config.parent, config.parent / "site"
    _build(config)
    _settled(root)
    _build(config)
    before = {path: path.stat().st_ino for path in site.rglob("*.html")}
    _settled(root)
    change(root)
    counts = _build(config)
    again = [
        path.relative_to(site).as_posix()
        for path in sorted(site.rglob("*.html"))
        if path.stat().st_ino != before.get(path)
    ]
    return again, sum(rendered for rendered, _ in counts.values())


def _same_as_a_clean_build(config: Path, clean: Path) -> bool:
    _settled(config.parent)
    shutil.rmtree(config.parent / ".cache")
    _build(config, "--site-dir", str(clean))
    return tree_digest(config.parent / "site") == tree_digest(clean)


def test_an_edited_news_item_renders_again_only_the_pages_listing_it(tmp_path: Path) -> None:
    """The news archive's pages each show their own rows (their links to the others are in
    their views): an edit to one item leaves the other pages of the listing as they were."""
    files = dict(FIXTURE_FILES)
    for i in range(28):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=15 * i)
        files[f"news/n{i:02d}/index.yml"] = f"type: news\ndate: {day}\ntags: [event]\ndraft: false\n"
        files[f"news/n{i:02d}/index.fr.md"] = item_page(f"Nouvelle {i}", f"Résumé {i}.")
        files[f"news/n{i:02d}/index.en.md"] = item_page(f"News {i}", f"Summary {i}.")
    config = write_site(tmp_path / "site", files)
    again, rendered = _rendered_again(
        config, lambda root: _edit(root, "news/n10/index.fr.md", "Résumé 10.", "Résumé changé.")
    )
    site = config.parent / "site"
    showing = [
        path.relative_to(site).as_posix()
        for path in sorted(site.rglob("*.html"))
        if "Résumé changé" in path.read_text()
    ]
    # 30 items, newest first: the 19th is on page 2, with the other items of 2025 and of its tag.
    listing = ["actualites/2025/", "actualites/etiquettes/event/", "actualites/n10/", "actualites/page/2/"]
    assert showing == [f"{url}index.html" for url in listing]
    # And those of the English pages (an item's digest covers both its languages: the passes
    # share it), and the home pages, which may show any item; not the listing's other pages.
    english = ["en/news/2025/", "en/news/n10/", "en/news/page/2/", "en/news/tags/event/"]
    assert again == sorted(f"{url}index.html" for url in [*listing, *english, "", "en/"])
    assert rendered == len(again)
    assert _same_as_a_clean_build(config, tmp_path / "clean")  # and nothing stale


def test_a_feed_is_made_again_only_when_what_it_shows_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A feed is kept in the page cache like a page: an edit to a news item's text makes the
    news feed again (it carries the text), not the feeds of the job ads or of the projects."""
    config = _site(tmp_path / "site")
    made: list[str] = []
    render = feeds._render

    def counted(site: Site, lang: str, listing: Page, entries: list[feeds.Entry]) -> dict[str, bytes]:
        made.append(f"{lang} {listing.key}")  # the default language's pass: in this process
        return render(site, lang, listing, entries)

    monkeypatch.setattr(feeds, "_render", counted)
    _build(config)
    assert made == ["fr news", "fr jobs", "fr agenda", "fr projects"]
    _settled(config.parent)
    made.clear()
    _build(config)
    assert made == []  # nothing changed
    _settled(config.parent)
    _edit(config.parent, "news/award/index.fr.md", "Voir [le projet]", "Voir donc [le projet]")
    _build(config)
    assert made == ["fr news"]
    _settled(config.parent)
    made.clear()
    # The job ads' page's text: its key changes, not what its feed shows of it (address, title).
    _edit(config.parent, "content/jobs.fr.md", "Les offres.", "Les offres du moment.")
    _build(config)
    assert made == []
    monkeypatch.undo()
    assert _same_as_a_clean_build(config, tmp_path / "clean")  # and nothing stale


def test_an_edited_person_renders_again_only_the_publication_pages_citing_them(tmp_path: Path) -> None:
    """A page of the publications gives its lab authors' pages and iDs (JSON-LD): it shows those
    whose works it lists, not everyone; a person without a page of their own too."""
    config = _site(tmp_path / "site")
    # Bo Chen (no page of his own) wrote the 2022 thesis only; its entry's JSON-LD gives his ORCID iD.
    orcid = "name: Bo Chen\norcid: 0000-0003-1415-9269\n"
    again, rendered = _rendered_again(
        config, lambda root: _edit(root, "people/bo-chen/index.yml", "name: Bo Chen\n", orcid)
    )
    assert {"publications/index.html", "publications/2022/index.html", "publications/type/thesis/index.html"} <= set(
        again
    )
    assert not {"publications/2024/index.html", "publications/2025/index.html"} & set(again), again
    assert rendered == len(again) < len(list((config.parent / "site").rglob("*.html"))) / 3
    assert _same_as_a_clean_build(config, tmp_path / "clean")  # and nothing stale


def _put(cache: PageCache, key: str, n: int) -> None:
    cache.put(key, f"<p>page {n}</p>".encode(), f"<p>{n}</p>", f'[{{"location":"p{n}/","title":"T","text":""}}]')


def _sound(cache: PageCache, key: str, n: int) -> bool:
    entry = cache.get(key)
    return (
        entry is not None and entry.html.read_bytes() == f"<p>page {n}</p>".encode() and entry.content == f"<p>{n}</p>"
    )


def _pack(folder: Path) -> Path:
    (pack,) = folder.glob("*.pack")
    return pack


def test_a_pack_is_read_again_from_where_the_last_reading_stopped(tmp_path: Path) -> None:
    """A preview's rebuilds read a pack once: then only what was added, unless it was replaced
    or cut short meanwhile."""
    writer = PageCache(tmp_path)
    _put(writer, "01" * 32, 1)
    assert _sound(PageCache(tmp_path), "01" * 32, 1)
    _put(writer, "02" * 32, 2)  # the same pack, grown
    later = PageCache(tmp_path)
    assert _sound(later, "01" * 32, 1) and _sound(later, "02" * 32, 2)
    pack = _pack(tmp_path)
    data = pack.read_bytes()
    pack.write_bytes(data[: data.index(b"\n") + 1])  # the first record cut short: its page is gone
    shorter = PageCache(tmp_path)
    assert shorter.get("01" * 32) is None and shorter.get("02" * 32) is None
    pack.unlink()
    pack.write_bytes(data.replace(b"<p>2</p>", b"<p>9</p>"))  # another file under its name
    replaced = PageCache(tmp_path)
    assert _sound(replaced, "01" * 32, 1) and replaced.get("02" * 32) is None  # its record altered


@pytest.mark.parametrize("part", ["pack", "html"])
@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",  # emptied
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-1] + b"X",  # altered
        lambda data: b"\x00\xff garbage" * 50,  # garbage
    ],
)
def test_a_damaged_entry_is_ignored(tmp_path: Path, damage: Callable[[bytes], bytes], part: str) -> None:
    cache = PageCache(tmp_path)
    _put(cache, "ab" * 32, 1)
    assert _sound(PageCache(tmp_path), "ab" * 32, 1)
    path = _pack(tmp_path) if part == "pack" else tmp_path / "ab" / ("ab" * 32 + ".html")
    path.write_bytes(damage(path.read_bytes()))
    assert PageCache(tmp_path).get("ab" * 32) is None


def test_a_page_filed_under_another_key_or_a_record_cut_short_is_ignored(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    _put(cache, "ab" * 32, 1)
    _put(cache, "cd" * 32, 2)
    (tmp_path / "ef").mkdir()
    shutil.copy(tmp_path / "ab" / ("ab" * 32 + ".html"), tmp_path / "ef" / ("ef" * 32 + ".html"))
    assert _sound(PageCache(tmp_path), "ab" * 32, 1) and _sound(PageCache(tmp_path), "cd" * 32, 2)
    assert PageCache(tmp_path).get("ef" * 32) is None  # a page, but no record of it
    pack = _pack(tmp_path)
    whole = pack.read_bytes()
    with pack.open("ab") as file:  # a build killed while it wrote a record: the ones before count
        file.write(whole[: len(whole) // 3])
    assert _sound(PageCache(tmp_path), "ab" * 32, 1) and _sound(PageCache(tmp_path), "cd" * 32, 2)
    pack.write_bytes(whole[:-1])  # cut in the second record: the first still counts
    later = PageCache(tmp_path)
    assert _sound(later, "ab" * 32, 1) and later.get("cd" * 32) is None


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_entries_the_last_build_did_not_use_are_removed(tmp_path: Path) -> None:
    old = PageCache(tmp_path)
    for n in range(5):
        _put(old, f"{n:02d}" * 32, n)
    old.prune()
    (tmp_path / "00" / "left-by-a-killed-build.tmp").write_bytes(b"x")
    (tmp_path / "00" / ("00" * 32)).write_bytes(b"an entry's header, as the version before wrote them")
    new = PageCache(tmp_path)
    assert _sound(new, "01" * 32, 1)
    _put(new, "99" * 32, 99)
    new.prune()  # 4 of the 5 records of the old pack unused: the used one moved into the new pack
    kept = ["00/left-by-a-killed-build.tmp", f"01/{'01' * 32}.html", f"99/{'99' * 32}.html", "verified.json"]
    assert [name for name in _files(tmp_path) if not name.endswith(".pack")] == kept  # a fresh temporary
    # file may be another build's
    pack = _pack(tmp_path)
    # The next build trusts the HTML it recorded, while the file is as it was.
    assert _sound(PageCache(tmp_path), "99" * 32, 99) and _sound(PageCache(tmp_path), "01" * 32, 1)
    assert PageCache(tmp_path).get("00" * 32) is None
    # A build that used most of a pack keeps it as it is; one that used none of it removes it.
    for n in range(2, 9):
        _put(new, f"{n:02d}" * 32, n)
    newer = PageCache(tmp_path)
    for n in (1, *range(2, 9), 99):
        assert _sound(newer, f"{n:02d}" * 32, n)
    newer.prune()
    assert pack.exists() and len(list(tmp_path.glob("*.pack"))) == 2
    PageCache(tmp_path).prune()
    assert _files(tmp_path) == ["00/left-by-a-killed-build.tmp", "verified.json"]


def test_beyond_eight_packs_the_smallest_move_and_the_large_one_stays(tmp_path: Path) -> None:
    first = PageCache(tmp_path)
    for n in range(20):
        _put(first, f"{n:02d}" * 32, n)
    first.prune()
    large = _pack(tmp_path)
    for n in range(20, 32):  # a preview's edits: each rebuild keeps every page, one of them new
        cache = PageCache(tmp_path)
        assert all(_sound(cache, f"{k:02d}" * 32, k) for k in range(n))
        _put(cache, f"{n:02d}" * 32, n)
        cache.prune()
        assert len(list(tmp_path.glob("*.pack"))) <= 1 + PACKS
    assert large.exists() and len(list(tmp_path.glob("*.pack"))) == 1 + PACKS
    assert all(_sound(PageCache(tmp_path), f"{k:02d}" * 32, k) for k in range(32))


def test_a_record_moved_to_a_new_pack_is_moved_as_it_was_written(tmp_path: Path) -> None:
    old = PageCache(tmp_path)
    for n in range(5):
        _put(old, f"{n:02d}" * 32, n)
    pack = _pack(tmp_path)
    pack.write_bytes(pack.read_bytes().replace(b"<p>1</p>", b"<p>7</p>"))  # damaged since
    new = PageCache(tmp_path)
    new.used |= {"01" * 32, "02" * 32}  # a preview's pages already in the folder served: not read
    _put(new, "99" * 32, 99)
    new.prune()
    assert not pack.exists()
    later = PageCache(tmp_path)
    assert later.get("01" * 32) is None and _sound(later, "02" * 32, 2) and _sound(later, "99" * 32, 99)


def test_garbage_in_the_cache_and_two_builds_sharing_it(tmp_path: Path) -> None:
    config = _site(tmp_path / "site")
    root = config.parent
    pages = sum(rendered for rendered, _ in _build(config).values())
    reference = tree_digest(root / "site")
    files = sorted(p for p in (root / ".cache/pages").rglob("*") if p.is_file())
    # And each language's 404 page, search index and feeds (the publications' are made each time).
    feeds = [p for p in (root / "site").rglob("*.xml") if p.name in ("rss.xml", "atom.xml")]
    kept_feeds = [p for p in feeds if p.parent.name != "publications"]
    assert len(feeds) > len(kept_feeds) >= 8
    assert sum(p.suffix == ".html" for p in files) == pages + 4 + len(kept_feeds)
    for n, path in enumerate(files):  # headers, pages and the records of what was verified
        path.write_bytes(b"garbage" if n % 3 == 0 else path.read_bytes()[: len(path.read_bytes()) // 2])
    (root / ".cache/pages/fr/zz").mkdir()
    (root / ".cache/pages/fr/zz/not-an-entry").write_bytes(b"\x00" * 10)
    counts = _build(config)
    assert sum(rendered for rendered, _ in counts.values()) == pages  # every page, again
    assert tree_digest(root / "site") == reference
    # Two builds at once, each into its own folder, with the one cache: both publish the same site.
    shutil.rmtree(root / ".cache/pages")
    env = {"SOURCE_DATE_EPOCH": FIXTURE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "labsite", "build", "--site-dir", str(tmp_path / name)],
            cwd=root,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for name in ("one", "two")
    ]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read() if run.stderr else ""
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two") == reference
    counts = _build(config)
    assert sum(rendered for rendered, _ in counts.values()) == 0  # what they left is sound
    assert tree_digest(root / "site") == reference
    # A checkout elsewhere (another runner's folder) with the same cache: the same keys.
    shutil.copytree(root, tmp_path / "elsewhere", symlinks=True, ignore=shutil.ignore_patterns("site", ".site.*"))
    counts = _build(tmp_path / "elsewhere/mkdocs.yml")
    assert sum(rendered for rendered, _ in counts.values()) == 0
    assert tree_digest(tmp_path / "elsewhere/site") == reference


def test_a_page_whose_render_warned_is_not_kept(tmp_path: Path) -> None:
    """A later strict build must see the warning again: that page is rendered again, and after a
    warning no page can be blamed for (MkDocs' anchor checks), none of the pass's pages are kept."""
    write_site(tmp_path)
    site = Site("https://lab.example.org/", {"fr": "Labo", "en": "Lab"}, ("index",))
    log = logging.getLogger("mkdocs.plugins.labsite")
    build = SiteBuild(Options(tmp_path, site, tmp_path / "site"), log, today=dt.date(2026, 11, 29))
    build.load()
    french, english = build.language("fr"), build.language("en")

    def render(language: LanguageBuild, page: Page, warning: str = "") -> Path:
        """As the renderer does: each step, a warning where asked, then the file written."""
        language.markdown(page, page.body)
        if warning == "markdown":
            logging.getLogger("mkdocs.structure.pages").warning("Doc file contains an unrecognized link")
        language.content(page, "<p>Texte</p>")
        language.view(page)
        if warning == "template":
            logging.getLogger("mkdocs.plugins.material").warning("a template's warning")
        written = tmp_path / "site" / language.lang / page.dest_uri
        language.rendered_page(page, b"<html></html>", [], written)
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_bytes(b"<html></html>")
        return written

    pages = [page for page in french.pages if page.item is not None][:3]
    written = [render(french, page, warning) for page, warning in zip(pages, ("markdown", "template", ""), strict=True)]
    french.finish(tmp_path / "site" / "fr", reuse=True)
    entries = [PageCache(tmp_path / PAGE_CACHE / "fr").get(french.key(page)) for page in pages]
    assert [entry is not None for entry in entries] == [False, False, True]
    assert entries[2] is not None and entries[2].html.samefile(written[2])  # the file written, not a copy
    page = next(page for page in english.pages if page.item is not None)
    render(english, page)
    logging.getLogger("mkdocs.structure.pages").warning("Doc file contains a link to a missing anchor")
    english.finish(tmp_path / "site" / "en", reuse=True)
    assert PageCache(tmp_path / PAGE_CACHE / "en").get(english.key(page)) is None


def test_a_page_kept_as_the_renderer_wrote_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's entry is a hard link to the file written, a copy where links fail, and none
    when the file is not the page rendered."""
    html = b"<html>page</html>"
    digest = hashlib.sha256(html).hexdigest()
    written = tmp_path / "site" / "page.html"
    written.parent.mkdir()
    written.write_bytes(html)
    cache = PageCache(tmp_path / "cache")
    cache.adopt("ab" * 32, written, digest, "<p>content</p>", "[]")
    entry = PageCache(tmp_path / "cache").get("ab" * 32)
    assert entry is not None and entry.html.samefile(written) and entry.content == "<p>content</p>"
    monkeypatch.setattr(os, "link", lambda source, target: (_ for _ in ()).throw(OSError(18, "cross-device")))
    cache.adopt("cd" * 32, written, digest, "", "[]")
    entry = PageCache(tmp_path / "cache").get("cd" * 32)
    assert entry is not None and not entry.html.samefile(written) and entry.html.read_bytes() == html
    written.write_bytes(b"<html>PAGE</html>")  # the renderer wrote something else (of the same size)
    cache.adopt("ef" * 32, written, digest, "", "[]")
    assert PageCache(tmp_path / "cache").get("ef" * 32) is None
