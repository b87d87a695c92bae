"""The ``labsite`` MkDocs plugin: hands the catalog's pages to MkDocs, one language a pass.

``mkdocs build`` runs the default language (French, at the site root) in this process and
starts a pass per other language (English, under en/) in processes of their own; their
outputs are merged into a staging folder that replaces ``site_dir`` only once every pass
has succeeded.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import time
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils import CountHandler

from labsite.build import preview, publish
from labsite.common import clock
from labsite.outputs import cards, feeds, share, sitemap
from labsite.render import csp
from labsite.sources import frontmatter, sanitize
from labsite.model.catalog import HOME, Catalog, build_catalog
from labsite.model.page import Page
from labsite.common.languages import DEFAULT_LANGUAGE, LANGUAGES, others
from labsite.common.messages import say, shown
from labsite.model.content import Announcement
from labsite.render.obfuscation import obfuscate_markdown
from labsite.render.pageview import PageView
from labsite.build.report import BuildReport
from labsite.common.strings import translate
from labsite.common.urls import absolute
from .. import passes
from .config import SiteConfig

log = logging.getLogger("mkdocs.plugins.labsite")
CARD_CACHE = ".cache/cards"  # beside mkdocs.yml; kept between builds, ignored by git
LOGO = "assets/images/logo.png"
DRAFTS_VARIABLE = "LABSITE_DRAFTS"  # set by `labsite serve --drafts`

# Pages whose layout is a landing or a listing: no documentation sidebars.
WIDE_PAGES = {HOME, "projects", "news", "jobs", "partners"}
# The template of each kind of page (theme_overrides/); others use Material's main.html.
TEMPLATES = {
    HOME: "home.html",
    "projects": "projects.html",
    "partners": "partners.html",
    "jobs": "jobs.html",
    "news": "news-list.html",
}
KIND_TEMPLATES = {"project": "project.html", "job": "job.html", "call": "job.html", "news": "news.html"}
GENERATED_TEMPLATES = {
    "facet": "facet.html",
    "partner": "partner.html",
    "jobs-kind": "jobs-kind.html",
    "news-page": "news-list.html",
    "news-year": "news-list.html",
    "news-tag": "news-list.html",
}


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the whole process: a preview's rebuilds (and
    the other language's pass) do not compile the theme's templates again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the template's source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = _CompiledTemplates()


class LabsitePlugin(BasePlugin[SiteConfig]):
    def __init__(self) -> None:
        self.lang = DEFAULT_LANGUAGE.code  # language_pass sets the others
        self.today: dt.date | None = None  # set by language_pass: the default pass's day
        self.preloaded: Catalog | None = None  # set by language_pass: the catalog read already
        self._finished: list[tuple[str, Path]] = []  # language passes run here, and where
        self.catalog: Catalog | None = None
        self.base_url = ""
        self._target: Path | None = None
        self._staging: Path | None = None
        self._passes: list[passes.LanguagePass] = []
        self._warnings: CountHandler | None = None
        self._contents: dict[str, str] = {}  # rendered HTML of item pages, by source path
        self._serving, self._dirty = False, False
        # A preview's rebuilds render only what an edit shows on (labsite.preview); language_pass
        # hands the other languages the default pass's plan.
        self.rebuild: preview.Rebuild | None = None
        self._good: tuple[Catalog, preview.Stamps] | None = None  # the last preview that built
        self._reading: preview.Stamps = {}
        self._started = 0.0
        self.rendered = 0  # pages rendered by this pass
        self.report = BuildReport(self.lang)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having this hook also makes MkDocs keep this instance across `serve` rebuilds.
        self._serving, self._dirty = command == "serve", dirty
        frontmatter.reuse_between_builds = self._serving

    @property
    def is_primary(self) -> bool:
        return self.lang == DEFAULT_LANGUAGE.code

    # -- configuration -------------------------------------------------------------------

    @event_priority(100)  # before Material's search reads theme.language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._started = time.perf_counter()
        self.report = BuildReport(self.lang)
        root = Path(config.config_file_path).parent
        if not config.site_url:
            raise PluginError("labsite: set site_url in mkdocs.yml (feeds, hreflang and cards need absolute URLs)")
        if not config.use_directory_urls:
            raise PluginError("labsite: use_directory_urls must stay true")
        lang = LANGUAGES[self.lang]
        self.base_url = config.site_url.removesuffix(lang.prefix)
        today = self.today or clock.today()  # one "today" for every language of the build
        self._today = today
        if self.is_primary and self._parallel and not self._serving:
            self._start_passes(config, today)  # they read the sources while this pass does
        # Drafts and items dated later are laid out only in a preview that asks for them.
        previews = self._serving and os.environ.get(DRAFTS_VARIABLE) == "1"
        if self._serving and self.is_primary:
            self._reading = preview.stamps(root)  # before reading: an edit meanwhile is seen next time
        self.catalog = self.preloaded or build_catalog(root, today=today, previews=previews)
        if self._serving and self.is_primary and self._good is not None:
            before, stamps = self._good
            self.rebuild = preview.affected(before, self.catalog, preview.changed(stamps, self._reading))
        self.rendered = 0
        if not self.preloaded:  # a catalog handed over was timed in the pass that read it
            self.report.phases.update(self.catalog.timings)
        self.report.restart()
        if self.is_primary:
            for warning in self.catalog.warnings:
                log.warning(str(warning))
        if self.catalog.errors:
            raise PluginError("\n".join(str(d) for d in self.catalog.errors))
        self._check_keys()

        config.site_url = self.base_url + lang.prefix
        config.theme["language"] = lang.code
        if lang.code in self.config.site_names:
            config.site_name = self.config.site_names[lang.code]
        config.nav = self._nav()
        if "content.tooltips" in (config.theme.get("features") or []):
            # Material's tooltips render a title attribute as HTML: a contributor's title would run.
            raise PluginError("labsite: theme.features: remove content.tooltips (it renders titles as HTML)")
        # Our sitemap covers both languages with hreflang alternates (labsite.sitemap).
        config.theme.static_templates.discard("sitemap.xml")
        # Material shows its language selector only when extra.alternate is set; our
        # partials/alternate.html replaces its content with the page's own counterpart.
        config.extra["alternate"] = [{"name": other.name, "lang": other.code} for other in others(lang.code)]
        if self.is_primary and not self._parallel and not self._serving:
            self._start_passes(config, today)
        return config

    @property
    def _parallel(self) -> bool:
        return self.config.parallel and os.environ.get("LABSITE_JOBS") != "1"

    def _check_keys(self) -> None:
        assert self.catalog is not None
        for option in ("nav", "footer"):
            for key in self.config[option]:
                if self.catalog.page(key, self.lang) is None:
                    raise PluginError(f"labsite: {option}: no page content/{key}.{self.lang}.md")

    def _card_workers(self) -> int:
        # Languages already build in parallel, one process each: share the cores between them.
        cores = os.cpu_count() or 1
        parallel = self.config.parallel and os.environ.get("LABSITE_JOBS") != "1"
        return max(1, cores // len(LANGUAGES)) if parallel else cores

    def _nav(self) -> list[Any]:
        assert self.catalog is not None
        nav: list[Any] = []
        for key in self.config.nav:
            page = self.catalog.page(key, self.lang)
            assert page is not None
            nav.append({translate(self.lang, "nav.home"): page.path} if key == HOME else page.path)
        return nav

    def _start_passes(self, config: MkDocsConfig, today: dt.date) -> None:
        """The other languages' passes: at once, or one after the other on the catalog read here."""
        self._target = Path(config.site_dir)
        for folder in publish.clear_leftovers(self._target):
            log.info("Removed %s, left by a build that was stopped", folder.name)
        self._staging = publish.staging_dir(self._target)
        config.site_dir = str(self._staging)
        if config.strict:
            # MkDocs counts strict-mode warnings only after on_post_build, where we publish.
            self._warnings = CountHandler()
            self._warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self._warnings)
        for other in others(self.lang):
            site_dir = publish.staging_dir(self._target, other.code)
            if self._parallel:
                self._passes.append(passes.start(str(config.config_file_path), other.code, site_dir, self.base_url, today))
            else:
                self.report.lap("markdown and templates")
                self._finished.append((other.code, site_dir))  # discarded if anything fails
                passes.run_here(str(config.config_file_path), other.code, site_dir, self.base_url, today, self.catalog)
                self.report.lap("waiting for the other languages")

    # -- files and pages -----------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Replace MkDocs' view of docs_dir by the catalog's pages of this language."""
        assert self.catalog is not None
        root = str(self.catalog.root)
        docs = os.path.abspath(config.docs_dir)
        # MkDocs' view of docs_dir goes, and so does the theme's sitemap template (ours replaces it).
        kept = [
            f for f in files if not (f.abs_src_path or "").startswith(docs + os.sep) and f.src_uri != "sitemap.xml"
        ]
        in_nav = set(self.config.nav)
        for page in self.catalog.pages_in(self.lang):
            level = InclusionLevel.INCLUDED if page.key in in_nav else InclusionLevel.NOT_IN_NAV
            if page.source.kind == "generated":
                # Facet and partner pages: made from the catalog, their template shows the view.
                file = File.generated(config, page.path, content="", inclusion=level)
                file.dest_uri = page.dest_uri
            else:
                file = File(page.path, root, config.site_dir, True, dest_uri=page.dest_uri, inclusion=level)
            if self._dirty and self.rebuild is not None:
                # A preview's rebuild: what the edit shows on, whatever the files' dates say.
                file.is_modified = lambda again=self.rebuild.renders(page.path): again  # type: ignore[method-assign]
            kept.append(file)
        for asset in self.catalog.assets:
            dest = self.catalog.asset_dest(asset, self.lang)
            if dest is not None:
                kept.append(File(asset.path, root, config.site_dir, True, dest_uri=dest))
        return Files(kept)

    def _page(self, page: MkPage) -> Page:
        assert self.catalog is not None
        found = self.catalog.by_path(page.file.src_uri)
        assert found is not None, page.file.src_uri
        return found

    def on_page_read_source(self, *, page: MkPage, config: MkDocsConfig) -> str:
        # The catalog has read and checked the file already: hand MkDocs the body, so it
        # neither reads the file again nor parses its front matter with its lenient reader.
        return self._page(page).body

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        ours = self._page(page)
        # The catalog's checked fields, not MkDocs' lenient reading of the front matter.
        # Material prints page titles unescaped: a contributor's "<" must stay text.
        page.meta = {"title": html.escape(ours.title), "description": ours.description}
        generated = ours.source.kind == "generated"
        if ours.key in WIDE_PAGES or generated:
            page.meta["hide"] = ["navigation", "toc"]
        elif ours.source.kind != "content":
            page.meta["hide"] = ["navigation"]
        kind = ours.item.type if isinstance(ours.item, Announcement) else ours.source.kind
        template = TEMPLATES.get(ours.key) or KIND_TEMPLATES.get(kind)
        if generated:
            template = GENERATED_TEMPLATES[ours.key.split("/", 1)[0]]
        if template:
            page.meta["template"] = template
        return obfuscate_markdown(markdown, self.lang)

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        ours = self._page(page)
        html = sanitize.clean(html)  # before the search index, the feeds and the template see it
        if ours.item is not None:
            self._contents[ours.path] = html  # the feeds carry it, made absolute
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = TEMPLATE_CACHE  # MkDocs makes a new environment every (re)build
        lang = self.lang
        env.globals["ls_t"] = lambda key: translate(lang, key)
        env.globals["ls_csp"] = csp.POLICY
        return env

    def on_page_context(self, context: dict[str, Any], *, page: MkPage, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        assert self.catalog is not None
        context["ls"] = PageView(self.catalog, self._page(page), self.base_url, self.config.footer, config.site_name)
        self.rendered += 1
        return context

    # -- publishing ----------------------------------------------------------------------

    @event_priority(-100)  # last: Material's search writes its index into staging before the swap
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.catalog is not None
        self.report.lap("markdown and templates")
        site_dir = Path(config.site_dir)
        specs = share.card_specs(self.catalog, self.lang, config.site_name, self.base_url)
        paths, stats = cards.ensure(specs, self.catalog.root / CARD_CACHE, self._card_workers())
        cards.copy(paths, site_dir)
        self.report.cards_rendered, self.report.cards_reused = stats.rendered, stats.reused
        self.report.pages = len(self.catalog.pages_in(self.lang))
        self.report.lap("cards")
        log.info("Cards (%s): %d rendered, %d reused from %s", self.lang, stats.rendered, stats.reused, CARD_CACHE)
        enclosures = {}
        for page in self.catalog.pages_in(self.lang):
            card = paths[share.card_name(page)]
            url = absolute(self.base_url, share.card_url(page))
            enclosures[page.path] = feeds.Enclosure(url, card.stat().st_size, "image/png")
        written = feeds.all_feeds(self.catalog, self.lang, self.base_url, config.site_name, self._contents, enclosures)
        for name, data in written.items():
            (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / name).write_bytes(data)
        self.report.lap("feeds")
        if not self.is_primary:
            self.report.save()
            return
        if self._serving:
            rendered = self.rendered + self._serve_other_languages(config, site_dir)
            self._good = (self.catalog, self._reading)
            self._log_rebuild(rendered)
            return
        assert self._staging is not None and self._target is not None
        for run in self._passes:
            run.wait()
        self.report.lap("waiting for the other languages")
        if self._warnings is not None and (counts := self._warnings.get_counts()):
            summary = ", ".join(f"{n} {level.lower()}s" for level, n in counts)
            raise PluginError(f"aborted with {summary} in strict mode; {self._target} left as it was")
        for code, site_dir in self._finished + [(run.lang, run.site_dir) for run in self._passes]:
            prefix = LANGUAGES[code].prefix.rstrip("/")
            destination = self._staging / prefix
            if destination.exists():
                raise PluginError(f"labsite: a default-language page uses the URL /{prefix}/, reserved for {code}")
            os.rename(site_dir, destination)
        self._write_site_files(self._staging)
        publish.swap_in(self._staging, self._target, background=True)
        config.site_dir = str(self._target)
        self.report.lap("writing")
        self.report.save()
        log.info("Site published to %s (%s)", self._target, ", ".join(LANGUAGES))
        self._cleanup()

    def _serve_other_languages(self, config: MkDocsConfig, site_dir: Path) -> int:
        """Preview: the other languages built here, into the served folder, no staging; returns
        the pages they rendered."""
        rendered = 0
        for other in others(self.lang):
            destination = site_dir / LANGUAGES[other.code].prefix
            rendered += passes.run_here(
                str(config.config_file_path),
                other.code,
                destination,
                self.base_url,
                self._today,
                self.catalog,
                serve=(other.code, self._dirty),
                rebuild=self.rebuild,
            )
        self._write_site_files(site_dir)
        return rendered

    def _log_rebuild(self, rendered: int) -> None:
        """A preview's one line a rebuild: what changed, what was rendered, how long it took."""
        assert self.catalog is not None
        seconds = time.perf_counter() - self._started
        pages = len(self.catalog.pages)
        if self.rebuild is None:
            log.info(shown(say("serve.built", pages=pages, seconds=seconds)))
            return
        changed = ", ".join(self.rebuild.changed[:3]) + (" …" if len(self.rebuild.changed) > 3 else "")
        message = say("serve.rebuilt", changed=changed or "-", rendered=rendered, pages=pages, seconds=seconds)
        log.info(shown(message))

    def _write_site_files(self, site_dir: Path) -> None:
        """What only the whole site has: the sitemap of both languages, robots.txt, the CNAME of
        its custom domain, the logo."""
        assert self.catalog is not None
        (site_dir / "sitemap.xml").write_bytes(sitemap.render(self.catalog, self.base_url))
        (site_dir / "robots.txt").write_bytes(sitemap.robots(self.base_url))
        if cname := sitemap.cname(self.base_url):
            (site_dir / "CNAME").write_bytes(cname)
        (site_dir / LOGO).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / LOGO).write_bytes(cards.logo())

    def on_build_error(self, *, error: Exception) -> None:
        if self.is_primary:
            for run in self._passes:
                run.stop()
                publish.discard(run.site_dir)
            for _, site_dir in self._finished:
                publish.discard(site_dir)
            if self._staging is not None:
                publish.discard(self._staging)
            self._cleanup()

    def _cleanup(self) -> None:
        self._passes, self._finished = [], []
        self._staging = None
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            self._warnings = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.catalog is not None
        for folder in ("projects", "news", "data"):
            path = self.catalog.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server
