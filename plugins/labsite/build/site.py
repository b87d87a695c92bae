"""One build of the whole site: the pipeline, from the sources to the published folder.

    sources ─ read and checked once ─▶ catalog ─ generators ─▶ pages laid out
        ─ renderer, one language a pass ─▶ HTML ─▶ cards, feeds ─▶ sitemap, robots.txt, logo
        ─▶ staging folder ─ atomic swap ─▶ site_dir

The renderer (MkDocs and Material, through labsite.mkdocs_adapter) turns each page's
Markdown into HTML with the theme's templates; everything else is here. The default
language renders in the build's own process; the others in processes forked once the
catalog is made (or, held to one process, one after the other in this one).
Nothing reaches ``site_dir`` unless every language built.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import os
import posixpath
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from labsite.build import page_keys, passes, publish
from labsite.build.catalog import make_catalog
from labsite.build.page_cache import PageCache
from labsite.build.preview import Kept, Preview
from labsite.build.report import BuildReport
from labsite.common import clock, cpus
from labsite.common.languages import DEFAULT_LANGUAGE, LANGUAGES, others
from labsite.common.messages import say, shown
from labsite.common.strings import translate
from labsite.model.catalog import HOME, Catalog
from labsite.model.images import Renditions
from labsite.model.page import Page, SourcePage
from labsite.model.site import Site
from labsite.outputs import cache as cache_files
from labsite.outputs import calendars, cards, feeds, search_index, sitemap
from labsite.outputs import images as image_files
from labsite.outputs.redirects import redirect_pages
from labsite.outputs.share import card_specs
from labsite.render import bibliography, feed_links, images, templates
from labsite.render.obfuscation import obfuscate_markdown
from labsite.render.pageview import PageView
from labsite.render.share import LOGO, LOGO_SIZE, card_name, card_url
from labsite.sources import frontmatter, sanitize
from labsite.sources.tree import DATA_DIR, ITEM_DIRS, PUBLICATIONS_DIR

CARD_CACHE = ".cache/cards"  # beside mkdocs.yml; kept between builds, ignored by git
IMAGE_CACHE = ".cache/images"  # the images' renditions, likewise
SITE_FOLDERS = ".cache/site-folders"  # the last site's folders, without its files (labsite.build.publish)
PAGE_CACHE = ".cache/pages"  # rendered pages, a folder a language (labsite.build.page_cache)
NOT_FOUND = "404.html"  # a language's 404 page: a template of the theme's, rendered without a source
DRAFTS_VARIABLE = "LABSITE_DRAFTS"  # set by `labsite serve --drafts`
# Theme features the site cannot have: Material's tooltips render a title attribute as HTML,
# so a contributor's title would run.
REFUSED_FEATURES = {"content.tooltips": "it renders titles as HTML"}


class BuildError(Exception):
    """What stops a build, said to the contributor; the published site is left as it was."""


@dataclass(frozen=True)
class Options:
    root: Path  # the folder of mkdocs.yml
    site: Site
    site_dir: Path  # where the site is published
    parallel: bool = True  # the languages at the same time, a process each
    serving: bool = False  # a preview: rendered into site_dir itself, nothing staged
    strict: bool = False  # publish nothing if a warning was logged


@dataclass(frozen=True)
class SourceFile:
    """A file the renderer is given: a page (its Markdown, or nothing for a generated page) or
    an asset to copy."""

    path: str  # from the site's folder
    dest: str  # inside the language's build
    generated: bool = False  # made from the catalog: no file to read
    in_nav: bool = False
    renders: bool = True  # False: kept from an earlier build (the renderer writes nothing)
    copied: bool = True  # False: an image published as renditions (links to it still resolve)


class LanguageBuild:
    """One language's pass: what the renderer asks of the site while it renders that language."""

    def __init__(self, build: SiteBuild, lang: str) -> None:
        self.build = build
        self.lang = lang
        self.catalog = build.catalog
        self.site = build.options.site
        self.site_url = self.site.base_url + LANGUAGES[lang].prefix
        self.site_name = self.site.name(lang)
        self.pages = self.catalog.pages_in(lang)
        self.feeds = feed_links.links(self.catalog, lang)
        self.report = BuildReport(lang)
        self.rendered = 0
        self.rendered_by_others = 0  # the default language's pass: pages the others rendered in its process
        self.reused = 0  # pages kept from an earlier build
        self._contents: dict[str, str] = {}  # rendered HTML of item pages, by source path
        self._search: dict[str, str] = {}  # each page's entries of the search index (JSON), by source path
        self._keys: dict[str, str] = {}
        self.cache = PageCache(build.options.root / PAGE_CACHE / lang)
        # A page whose render logged a warning is not kept: a later strict build must see it again.
        self._warnings = _Counter(build.log)
        self._mark = 0  # warnings when the page being rendered started its current step
        self._warned: set[str] = set()
        self._written: set[str] = set()  # keys this pass put into the cache
        # A preview's: its pages this pass put into the folder served (a forked pass's go back
        # to the preview's process, which keeps them for the next rebuild).
        self.kept_anew: dict[str, Kept] = {}
        # The page rendered last, kept once the renderer has written its file (PageCache.adopt).
        self._unwritten: tuple[str, Path, str, str, str] | None = None
        self._after_pages = 0  # warnings when the last page was rendered
        self._before_not_found = 0  # warnings when the 404 page was found missing from the cache

    @functools.cached_property
    def _page_keys(self) -> page_keys.PageKeys:
        code = page_keys.code_digest(self.build.options.root)
        build = self.build
        return page_keys.PageKeys(self.catalog, self.site, self.lang, code, build.item_digests, build.model_digests)

    def key(self, page: Page) -> str:
        """The page's key in the page cache: a digest of everything that shapes its HTML."""
        if page.path not in self._keys:
            self._keys[page.path] = self._page_keys.key(page)
        return self._keys[page.path]

    @functools.cached_property
    def _images(self) -> tuple[dict[str, Renditions], dict[str, tuple[int, int]]]:
        """Images of this language's pages, by where the pages see them: the raster ones'
        renditions, the others' (width, height)."""
        pictures, sizes = {}, {}
        for asset in self.catalog.assets:
            if asset.size and (dest := self.catalog.asset_dest(asset, self.lang)) is not None:
                if (renditions := self.catalog.renditions(asset.path)) is not None:
                    pictures[dest] = renditions
                else:
                    sizes[dest] = asset.size
        return pictures, sizes

    def nav(self) -> list[tuple[str | None, str]]:
        """The top navigation: (title if not the page's own, source path)."""
        found: list[tuple[str | None, str]] = []
        for key in self.site.nav:
            page = self.catalog.page(key, self.lang)
            assert page is not None  # checked by SiteBuild.load
            found.append((translate(self.lang, "nav.home") if key == HOME else None, page.path))
        return found

    def alternates(self) -> list[dict[str, str]]:
        """The other languages, for the theme's language selector."""
        return [{"name": other.name, "lang": other.code} for other in others(self.lang)]

    def files(self, site_dir: Path, *, reuse: bool) -> list[SourceFile]:
        """Every page of this language, then every file published with them. With ``reuse``
        (the renderer skips pages it is told not to render), a page kept from an earlier build
        is written into ``site_dir`` now and not rendered."""
        found = [
            SourceFile(
                page.path,
                page.dest_uri,
                page.source.kind == "generated",
                page.key in self.site.nav,
                not reuse or self._renders(page, site_dir),
            )
            for page in self.pages
        ]
        self.report.lap("pages kept")
        for asset in self.catalog.assets:
            if (dest := self.catalog.asset_dest(asset, self.lang)) is not None:
                # An image with renditions is published once for the site (SiteBuild._write_site_files).
                found.append(SourceFile(asset.path, dest, copied=self.catalog.renditions(asset.path) is None))
        return found

    def _renders(self, page: Page, site_dir: Path) -> bool:
        """Whether the page must be rendered: not when the folder served has it already (a
        preview's rebuild), nor when the page cache has it (then written into ``site_dir``)."""
        key, kept = self.key(page), self._kept()
        if kept is not None and (known := kept.get((self.lang, page.path))) is not None and known.key == key:
            self.cache.used.add(key)
            self._reuse(page, known.content, known.search)
            return False
        entry, target = self.cache.get(key), site_dir / page.dest_uri
        if entry is None:
            if kept is not None:  # the renderer writes into the file: not into a cache entry linked there
                target.unlink(missing_ok=True)
            return True
        target.parent.mkdir(parents=True, exist_ok=True)
        cache_files.place(entry.html, target)
        self._reuse(page, entry.content, entry.search)
        self._keep(page, Kept(key, entry.content, entry.search))
        return False

    def renders_not_found(self, site_dir: Path, *, reuse: bool) -> bool:
        """Whether the renderer must make the 404 page; not when the page cache has it (then
        written into ``site_dir`` now)."""
        target = site_dir / NOT_FOUND
        target.unlink(missing_ok=True)  # a preview's: the renderer would write into a cache entry linked there
        entry = self.cache.get(self._page_keys.not_found()) if reuse else None
        if entry is not None:
            cache_files.place(entry.html, target)
        self._before_not_found = self._warnings.count
        return entry is None

    def rendered_not_found(self, html: bytes) -> None:
        if self._warnings.count == self._before_not_found:
            key = self._page_keys.not_found()
            self.cache.put(key, html, "", "[]")
            self._written.add(key)

    def _write_search_index(self, site_dir: Path, *, reuse: bool) -> None:
        """The theme's search index with every page's entries. Kept in the page cache like a
        page (on a large site, writing it was most of what a rebuild with nothing changed
        wrote); not in a preview, whose theme writes the index into the file there."""
        if (around := search_index.settings(site_dir)) is None:
            return
        target = site_dir / search_index.INDEX
        if self.build.options.serving:
            search_index.write(target, around, self.search_entries())
            return
        key = self._page_keys.search_index(around, [self.key(page) for page in self.pages])
        if reuse and (entry := self.cache.get(key)) is not None:
            cache_files.place(entry.html, target)
            return
        digest = search_index.write(target, around, self.search_entries(), digest=True)
        assert digest is not None
        self.cache.adopt(key, target, digest, "", "[]")
        self._written.add(key)

    def _feed(
        self,
        kind: str,
        listing: Page,
        entries: list[feeds.Entry],
        names: list[str],
        make: Callable[[], dict[str, bytes]],
        *,
        reuse: bool,
    ) -> dict[str, bytes]:
        """A feed's files, kept in the page cache like a page: made again only when its listing's
        address or title, or an entry's key, content, card or categories changed (feeds.Memo)."""
        shown = [(self.key(e.page), e.content, e.enclosure, e.categories) for e in entries]
        keys = {name: self._page_keys.feed(name, listing, shown) for name in names}
        found = {name: self.cache.get(key) for name, key in keys.items()} if reuse else {}
        try:
            if found and all(found.values()):
                return {name: entry.html.read_bytes() for name, entry in found.items() if entry is not None}
        except OSError:
            pass  # removed meanwhile: made again
        files = make()
        for name, data in files.items():
            self.cache.put(keys[name], data, "", "[]")
            self._written.add(keys[name])
        return files

    def _kept(self) -> dict[tuple[str, str], Kept] | None:
        return self.build.preview.pages if self.build.preview is not None else None

    def _keep(self, page: Page, kept: Kept) -> None:
        """A preview's: the page is now in the folder served, as ``kept`` says."""
        if (pages := self._kept()) is not None:
            pages[(self.lang, page.path)] = self.kept_anew[page.path] = kept

    def _reuse(self, page: Page, content: str, search: str) -> None:
        self.reused += 1
        self._search[page.path] = search
        if page.item is not None:
            self._contents[page.path] = content

    def rendered_page(self, page: Page, html: bytes, found: list[dict], written: Path) -> None:
        """A page the renderer made: ``html``, what it writes next at ``written``; ``found``,
        its entries of the search index."""
        self._keep_written()
        key, content, search = self.key(page), self._contents.get(page.path, ""), search_index.entries(found)
        if self._warnings.count == self._mark and page.path not in self._warned:
            self._unwritten = (key, written, hashlib.sha256(html).hexdigest(), content, search)
            self._written.add(key)
        self._after_pages = self._warnings.count
        self._search[page.path] = search
        self._keep(page, Kept(key, content, search))

    def _keep_written(self) -> None:
        """The last page rendered, now that the renderer has written it: into the page cache."""
        if self._unwritten is not None:
            self.cache.adopt(*self._unwritten)
            self._unwritten = None

    def stop(self) -> None:
        """After a failure: count no more warnings."""
        self._warnings.stop()

    def search_entries(self) -> list[str]:
        """The search index's entries of every page, rendered or kept, in the pages' order (as
        a build that renders them all lists them)."""
        return [self._search.get(page.path, "[]") for page in self.pages]

    def page(self, path: str) -> Page:
        found = self.catalog.by_path(path)
        assert found is not None, path
        return found

    def meta(self, page: Page) -> dict[str, Any]:
        """The page's front matter as the renderer and the theme read it: the catalog's checked
        fields, the layout its generator gave it. The title is escaped once, here: Material
        prints page titles as they are."""
        meta: dict[str, Any] = {"title": Markup.escape(page.title), "description": page.description}
        if page.hide:
            meta["hide"] = list(page.hide)
        if page.template:
            meta["template"] = page.template
        return meta

    def markdown(self, page: Page, text: str) -> str:
        """The Markdown handed to the renderer: e-mail addresses hidden."""
        self._mark = self._warnings.count
        return obfuscate_markdown(text, self.lang)

    def content(self, page: Page, html: str) -> str:
        """The page's HTML, cleaned before the search index, the feeds and the template see it."""
        if self._warnings.count != self._mark:  # converting its Markdown warned
            self._warned.add(page.path)
        html = images.responsive(sanitize.clean(html), posixpath.dirname(page.dest_uri), page.url, *self._images)
        if page.item is not None:
            self._contents[page.path] = html  # the feeds carry it, made absolute
        return html

    def template_globals(self) -> dict[str, Any]:
        return templates.template_globals(self.lang)

    def view(self, page: Page) -> PageView:
        """The templates' ``ls`` object of a page."""
        self.rendered += 1
        self._mark = self._warnings.count
        return PageView(self.catalog, page, self.site, self.feeds)

    def not_found(self) -> PageView:
        """The ``ls`` object of the language's 404 page, which a host serves at any address."""
        prefix = LANGUAGES[self.lang].prefix
        source = SourcePage(f"_generated/404.{self.lang}.md", "generated", "404", self.lang)
        page = Page(source, translate(self.lang, "404.title"), translate(self.lang, "404.text"), f"{prefix}404.html")
        return PageView(self.catalog, page, self.site, self.feeds, anywhere=True)

    def finish(self, site_dir: Path, *, reuse: bool) -> None:
        """After the renderer: the search index of every page (with ``reuse``, from the page
        cache when no page changed), the pages' cards and the language's feeds."""
        self._keep_written()
        self._write_search_index(site_dir, reuse=reuse)
        self.report.lap("markdown and templates")
        specs = card_specs(self.catalog, self.site, self.lang)
        record = f"verified-{self.lang}.json"  # a file a language: the passes run at once
        preview = self.build.preview
        shown = preview.cards.get(self.lang, {}) if preview is not None else {}
        root, workers = self.build.options.root, self.build.card_workers()
        paths, stats = cards.ensure(specs, root / CARD_CACHE, workers, record, shown)
        cards.copy(paths, site_dir, shown)
        if preview is not None:
            preview.cards[self.lang] = paths
        self.report.cards_rendered, self.report.cards_reused = stats.rendered, stats.reused
        self.report.pages, self.report.pages_reused = len(self.pages), self.reused
        self.report.lap("cards")
        if not self.build.options.serving:  # a preview says one line a rebuild
            self.build.log.info(
                "Pages (%s): %d rendered, %d reused from %s", self.lang, self.rendered, self.reused, PAGE_CACHE
            )
            self.build.log.info(
                "Cards (%s): %d rendered, %d reused from %s", self.lang, stats.rendered, stats.reused, CARD_CACHE
            )

        def enclosure(page: Page) -> feeds.Enclosure:
            card = paths[card_name(page)]
            return feeds.Enclosure(self.site.url(card_url(page)), card.stat().st_size, "image/png")

        memo = functools.partial(self._feed, reuse=reuse)
        files = feeds.all_feeds(self.catalog, self.site, self.lang, self._contents, enclosure, memo)
        files.update(calendars.files(self.catalog, self.site, self.lang))
        for name, data in {**files, **redirect_pages(self.catalog, self.site, self.lang)}.items():
            cache_files.write_anew(site_dir / name, data)
        self.report.lap("feeds")
        if self.build.reused_folders:
            publish.prune_empty(site_dir)  # the earlier site's folders no page of this one uses
            self.report.lap("empty folders removed")
        if self._warnings.stop() != self._after_pages:  # a warning after the pages (MkDocs' anchor checks)
            self.cache.used -= self._written  # whose page it was, the log says: keep none of this pass's
        self.cache.prune()
        if self.lang != DEFAULT_LANGUAGE.code:
            self.report.save()  # the default language's report waits for the whole site


@dataclass
class SiteBuild:
    """The whole site's build. ``today`` is read once, here, for every language and output."""

    options: Options
    log: logging.Logger  # where the build reports; a pass's log file gets its top logger's records
    preview: Preview | None = None  # kept by a preview from one rebuild to the next
    today: dt.date = field(default_factory=clock.today)
    catalog: Catalog = field(init=False)
    changes: tuple[str, ...] | None = field(default=None, init=False)  # a preview's: the files changed
    _languages: dict[str, LanguageBuild] = field(default_factory=dict, init=False)
    _render: passes.Render | None = field(default=None, init=False)
    _passes: list[passes.Pass] = field(default_factory=list, init=False)
    _pass_dirs: dict[str, Path] = field(default_factory=dict, init=False)
    _staging: Path | None = field(default=None, init=False)
    reused_folders: bool = field(default=False, init=False)  # staging in an earlier site's folders
    # The items as pages show them, digested once for the languages rendered in this process.
    item_digests: dict[str, bytes] = field(default_factory=dict, init=False)
    model_digests: page_keys.ModelDigests = field(default_factory=page_keys.ModelDigests, init=False)
    _started: float = field(default_factory=time.perf_counter, init=False)
    _warnings: _Counter | None = field(default=None, init=False)
    _parallel: bool | None = field(default=None, init=False)

    @property
    def parallel(self) -> bool:
        """A process a language, when asked and when the processors for them are free (decided
        once a build: a busy machine gains nothing from forking; once a preview, at its first
        build: measuring takes a tenth of a second, a twentieth of a rebuild's time)."""
        if self._parallel is None and self.preview is not None:
            self._parallel = self.preview.parallel
        if self._parallel is None:
            jobs = os.environ.get(cpus.JOBS_VARIABLE, "")
            asked = self.options.parallel and jobs != "1"
            forced = jobs.isdigit() and int(jobs) >= len(LANGUAGES)
            self._parallel = asked and (forced or cpus.processes(len(LANGUAGES), cpus.usable(), cpus.idle()) > 1)
            if asked and not self._parallel and not self.options.serving:
                self.log.info("Languages one after the other: %d processor(s) usable, busy or too few", cpus.usable())
            if self.preview is not None:
                self.preview.parallel = self._parallel
        return self._parallel

    def card_workers(self) -> int:
        # Languages build in parallel, one process each: share the processors between them.
        count = cpus.usable()
        return max(1, count // len(LANGUAGES)) if self.parallel else count

    def check_renderer(self, *, directory_urls: bool, features: list[str]) -> None:
        """Refuse renderer settings the site cannot work with."""
        if not self.options.site.base_url:
            raise BuildError("labsite: set site_url in mkdocs.yml (feeds, hreflang and cards need absolute URLs)")
        if not directory_urls:
            raise BuildError("labsite: use_directory_urls must stay true")
        for feature, why in REFUSED_FEATURES.items():
            if feature in features:
                raise BuildError(f"labsite: theme.features: remove {feature} ({why})")

    def load(self) -> Catalog:
        """Read and check the sources, once for every language; raise on any error."""
        serving = self.options.serving
        if self.options.strict:
            self._warnings = _Counter(self.log)  # the sources' warnings count too
        frontmatter.reuse_between_builds = serving
        if self.preview is not None:
            self.preview.read(self.options.root)
        previews = serving and os.environ.get(DRAFTS_VARIABLE) == "1"
        # The items read in two processes, as the languages render: not when held to one process
        # nor in a preview, whose rebuilds reuse the files this process parsed.
        one_process = not self.options.parallel or serving or os.environ.get(cpus.JOBS_VARIABLE) == "1"
        parallel = not one_process and cpus.usable() > 1
        files = self.preview.reading if self.preview is not None else None
        self.catalog = make_catalog(self.options.root, self.today, previews=previews, parallel=parallel, files=files)
        for warning in self.catalog.warnings:
            self.log.warning(str(warning))
        if self.catalog.errors:
            raise BuildError("\n".join(str(d) for d in self.catalog.errors))
        for option, keys in (("nav", self.options.site.nav), ("footer", self.options.site.footer)):
            for key in keys:
                for code in LANGUAGES:
                    if self.catalog.page(key, code) is None:
                        raise BuildError(f"labsite: {option}: no page content/{key}.{code}.md")
        if self.preview is not None:
            self.changes = self.preview.changes()
            self.model_digests.earlier = self.preview.models
        return self.catalog

    def language(self, lang: str) -> LanguageBuild:
        if lang not in self._languages:
            self._languages[lang] = LanguageBuild(self, lang)
            if lang == DEFAULT_LANGUAGE.code:
                self._languages[lang].report.phases.update(self.catalog.timings)
        return self._languages[lang]

    def output_dir(self) -> Path:
        """Where the default language renders: a staging folder beside site_dir, or site_dir
        itself in a preview."""
        if self.options.serving:
            return self.options.site_dir
        for folder in publish.clear_leftovers(self.options.site_dir):
            self.log.info("Removed %s, left by a build that was stopped", folder.name)
        self._staging = publish.staging_dir(self.options.site_dir)
        self.reused_folders = publish.reuse_folders(self.options.root / SITE_FOLDERS, self._staging)
        return self._staging

    def start(self, render: passes.Render) -> None:
        """The other languages' passes: each in a process of its own, forked now; held to one
        process, rendered now, before the default language's pages take memory (in a preview,
        after the default language: ``publish``)."""
        self._render = render
        default = self.language(DEFAULT_LANGUAGE.code)
        default.report.parallel = self.parallel
        for other in others(DEFAULT_LANGUAGE.code):
            if self.parallel:
                self._passes.append(passes.fork(other.code, self._pass_dir(other.code), self._forked, self.log))
            elif not self.options.serving:
                default.rendered_by_others += self._run(other.code)
                default.report.lap("waiting for the other languages")

    def _run(self, lang: str) -> int:
        assert self._render is not None
        return self._render(lang, self._pass_dir(lang))

    def _forked(self, lang: str, site_dir: Path) -> tuple[int, dict[str, Kept], dict[str, Path]]:
        """A forked pass's render. It tells the build the pages it rendered and, in a preview,
        the pages and cards it put into the folder served (the preview's next rebuild keeps
        them there)."""
        assert self._render is not None
        rendered = self._render(lang, site_dir)
        shown = self.preview.cards.get(lang, {}) if self.preview is not None else {}
        return rendered, self.language(lang).kept_anew, shown

    def _pass_dir(self, lang: str) -> Path:
        """Where another language renders: its own staging folder, or its place in a preview."""
        if lang not in self._pass_dirs:
            if self.options.serving:
                self._pass_dirs[lang] = self.options.site_dir / LANGUAGES[lang].prefix
            else:
                self._pass_dirs[lang] = publish.staging_dir(self.options.site_dir, lang)
                earlier = self._staging / LANGUAGES[lang].prefix if self._staging is not None else None
                if self.reused_folders and earlier is not None and earlier.is_dir():
                    os.rename(earlier, self._pass_dirs[lang])  # the earlier site's folders of that language
        return self._pass_dirs[lang]

    def publish(self) -> None:
        """Once the default language has rendered: what only the whole site has (while the
        other languages' passes end), the other languages, then the swap into site_dir."""
        default = self.language(DEFAULT_LANGUAGE.code)
        report, rendered = default.report, default.rendered + default.rendered_by_others
        # Before waiting: the other languages' passes may still be rendering meanwhile.
        site_dir = self.options.site_dir if self.options.serving else self._staging
        assert site_dir is not None
        self._write_site_files(site_dir)
        if self.options.serving and not self.parallel:
            for other in others(DEFAULT_LANGUAGE.code):
                report.lap("markdown and templates")
                rendered += self._run(other.code)
        for run in self._passes:
            try:
                done, kept, shown = run.wait(self.log)
            except passes.PassFailed as exc:
                raise BuildError(str(exc)) from None
            rendered += done
            if self.preview is not None:
                self.preview.pages.update({(run.lang, path): page for path, page in kept.items()})
                self.preview.cards[run.lang] = shown
        report.lap("waiting for the other languages")
        if self.options.serving:
            assert self.preview is not None
            self.preview.built(self.model_digests.made)
            self._log_rebuild(rendered)
            return
        target, staging = self.options.site_dir, self._staging
        assert staging is not None
        if self._warnings is not None and (count := self._warnings.stop()):
            raise BuildError(f"aborted with {count} warning(s) in strict mode; {target} left as it was")
        for other in others(DEFAULT_LANGUAGE.code):
            prefix = LANGUAGES[other.code].prefix.rstrip("/")
            if (staging / prefix).exists():
                raise BuildError(f"labsite: a default-language page uses the URL /{prefix}/, reserved for {other.code}")
            os.rename(self._pass_dir(other.code), staging / prefix)
        publish.swap_in(staging, target, background=True, folders=self.options.root / SITE_FOLDERS)
        self._staging = None
        report.lap("writing")
        report.save()
        self.log.info("Site published to %s (%s)", target, ", ".join(LANGUAGES))

    def _write_site_files(self, site_dir: Path) -> None:
        """What only the whole site has: the renditions of its images, the sitemap of both
        languages, robots.txt, the CNAME of its custom domain, the logo."""
        root, site = self.options.root, self.options.site
        stats = image_files.ensure(self.catalog.images, root, root / IMAGE_CACHE, self.card_workers())
        image_files.publish(self.catalog.images, root / IMAGE_CACHE, site_dir)
        report = self.language(DEFAULT_LANGUAGE.code).report
        report.images_made, report.images_reused = stats.made, stats.reused
        report.lap("images")
        if not self.options.serving:
            self.log.info("Images: %d made, %d reused from %s", stats.made, stats.reused, IMAGE_CACHE)
        files = {**bibliography.files(self.catalog), "sitemap.xml": sitemap.render(self.catalog, site)}
        files |= {"robots.txt": sitemap.robots(site), LOGO: cards.logo(LOGO_SIZE)}
        if cname := sitemap.cname(site):
            files["CNAME"] = cname
        for name, data in files.items():
            cache_files.write_anew(site_dir / name, data)
        report.lap("writing")

    def _log_rebuild(self, rendered: int) -> None:
        """A preview's one line a rebuild: what changed, what was rendered, how long it took."""
        seconds = time.perf_counter() - self._started
        pages = len(self.catalog.pages)
        if self.changes is None:
            self.log.info(shown(say("serve.built", pages=pages, seconds=seconds)))
            return
        changed = ", ".join(self.changes[:3]) + (" …" if len(self.changes) > 3 else "")
        message = say("serve.rebuilt", changed=changed or "-", rendered=rendered, pages=pages, seconds=seconds)
        self.log.info(shown(message))

    def abort(self) -> None:
        """After a failure anywhere (or a preview stopped): stop the passes and remove every
        unfinished folder. A preview whose languages had started rendering forgets their pages:
        its folder holds some as the failed rebuild left them (a pass may even have ended)."""
        for run in self._passes:
            run.stop()
        if self.preview is not None and self._render is not None:
            for code in LANGUAGES:
                self.preview.forget(code)
        if not self.options.serving:
            for folder in self._pass_dirs.values():
                publish.discard(folder)
            if self._staging is not None:
                publish.discard(self._staging)
        self._passes, self._pass_dirs, self._staging = [], {}, None
        if self._warnings is not None:
            self._warnings.stop()
        for language in self._languages.values():
            language.stop()

    def watched(self) -> list[Path]:
        """The source folders a preview watches, besides content/ and mkdocs.yml."""
        return [
            self.options.root / name
            for name in (*ITEM_DIRS, PUBLICATIONS_DIR, DATA_DIR)
            if (self.options.root / name).is_dir()
        ]


class _Counter(logging.Handler):
    """The warnings logged while it counts, into the build's top logger (the renderer's too)."""

    def __init__(self, log: logging.Logger) -> None:
        super().__init__(logging.WARNING)
        self.top, self.count = logging.getLogger(log.name.split(".")[0]), 0
        self.top.addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def stop(self) -> int:
        self.top.removeHandler(self)
        return self.count
