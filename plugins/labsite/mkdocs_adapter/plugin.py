"""The ``labsite`` MkDocs plugin: MkDocs' events as calls on the site's build (labsite.build.site)."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import markdown
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure import pages
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from labsite.build.preview import Preview
from labsite.build.site import NOT_FOUND, BuildError, LanguageBuild, Options, SiteBuild
from labsite.common.languages import DEFAULT_LANGUAGE, LANGUAGES
from labsite.model.site import Site
from labsite.render import markdown_triggers, search_sections, templates

log = logging.getLogger("mkdocs.plugins.labsite")
# A dirty build keeps pages on purpose (the page cache's): MkDocs' warning about it must not
# count as a warning (strict builds), nor its note on stale files show.
_DIRTY_NOTES = ("A 'dirty' build is being performed", "The directory contains stale files")
logging.getLogger("mkdocs.commands.build").addFilter(lambda record: not str(record.msg).startswith(_DIRTY_NOTES))
_PREVIEW_PLUGINS: dict[str, dict[str, Any]] = {}  # a one-process preview keeps each language's plugins


class SiteConfig(base.Config):
    nav = c.ListOfItems(c.Type(str), default=[])  # content keys of the top navigation, in order
    footer = c.ListOfItems(c.Type(str), default=[])  # content keys of the footer's links
    site_names = c.DictOfItems(c.Type(str), default={})  # the site's name in each language
    parallel = c.Type(bool, default=True)  # the languages at the same time, a process each


class LabsitePlugin(BasePlugin[SiteConfig]):
    def __init__(self) -> None:
        self.build: SiteBuild | None = None  # made by the default language's pass, handed to the others
        self.lang, self.dirty = DEFAULT_LANGUAGE.code, False
        self.preview: Preview | None = None
        self.markdown: markdown.Markdown | None = None  # the pass's converter, made for its config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having this hook also makes MkDocs keep this instance across `serve` rebuilds.
        self.preview = Preview() if command == "serve" and self.lang == DEFAULT_LANGUAGE.code else None
        self.dirty = dirty

    @property
    def language(self) -> LanguageBuild:
        assert self.build is not None
        return self.build.language(self.lang)

    @event_priority(100)  # before Material's search reads theme.language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            if self.lang == DEFAULT_LANGUAGE.code:
                names = {code: self.config.site_names.get(code, config.site_name) for code in LANGUAGES}
                site = Site(config.site_url or "", names, tuple(self.config.nav), tuple(self.config.footer))
                root, serving = Path(config.config_file_path).parent, self.preview is not None
                options = Options(root, site, Path(config.site_dir), self.config.parallel, serving, config.strict)
                self.build = SiteBuild(options, log, self.preview)
                features = list(config.theme.get("features") or [])
                self.build.check_renderer(directory_urls=config.use_directory_urls, features=features)
                self.build.load()
                config.site_dir = str(self.build.output_dir())
                self.build.start(functools.partial(_render, config.config_file_path, self.build, self.dirty))
            language = self.language
        except BuildError as exc:
            raise PluginError(str(exc)) from None
        config.site_url, config.site_name = language.site_url, language.site_name
        config.theme["language"] = self.lang
        templates.prepare_theme(config.theme)
        config.nav = [{title: path} if title else path for title, path in language.nav()]
        config.theme.static_templates.discard("sitemap.xml")  # the site's own covers both languages
        config.extra["alternate"] = language.alternates()  # Material shows its language selector then
        self.markdown = None
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """MkDocs' view of docs_dir (and the theme's sitemap) gives way to the catalog's pages."""
        docs, root = os.path.abspath(config.docs_dir) + os.sep, str(self.language.build.options.root)
        kept = [f for f in files if not (f.abs_src_path or "").startswith(docs) and f.src_uri != "sitemap.xml"]
        for source in self.language.files(Path(config.site_dir), reuse=self.dirty):
            level = InclusionLevel.INCLUDED if source.in_nav else InclusionLevel.NOT_IN_NAV
            if source.generated:
                file = File.generated(config, source.path, content="", inclusion=level)
                file.dest_uri = source.dest
            else:
                file = File(source.path, root, config.site_dir, True, dest_uri=source.dest, inclusion=level)
            # A dirty build renders what is modified: the pages not kept from an earlier build.
            file.is_modified = lambda renders=source.renders: renders  # type: ignore[method-assign]
            if not source.copied:  # published otherwise; MkDocs resolves the links to it
                file.copy_file = lambda dirty=False: None  # type: ignore[method-assign]
            kept.append(file)
        if not self.language.renders_not_found(Path(config.site_dir), reuse=self.dirty):
            config.theme.static_templates.discard(NOT_FOUND)
        return Files(kept)

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        for page in nav.pages:  # a page not rendered (kept from an earlier build) still gives its title
            page.markdown, page.meta = "", self.language.meta(self.language.page(page.file.src_uri))
        return nav

    def on_pre_page(self, page: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.markdown is None:
            self.markdown = markdown.Markdown(
                extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
            )
            markdown_triggers.apply(self.markdown)
            search_sections.install(
                next((p.search_index for p in config.plugins.values() if hasattr(p, "search_index")), None)
            )
        page.render = functools.partial(_render_markdown, self.markdown, page)
        return page

    def on_page_read_source(self, *, page: Any, config: MkDocsConfig) -> str:
        return self.language.page(page.file.src_uri).body  # read and checked already, once

    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        ours = self.language.page(page.file.src_uri)
        page.meta = self.language.meta(ours)
        return self.language.markdown(ours, markdown)

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        return self.language.content(self.language.page(page.file.src_uri), html)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.globals.update(self.language.template_globals())
        return env  # prepared (labsite.render.templates.prepare_theme)

    def on_page_context(self, context: dict[str, Any], *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        context["ls"] = self.language.view(self.language.page(page.file.src_uri))
        return context

    @event_priority(-100)  # last: the page as it is written, with the entries Material's search added for it
    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        search = next((p.search_index for p in config.plugins.values() if hasattr(p, "search_index")), None)
        entries = getattr(search, "entries", [])
        # Taken out of Material's index: the pass writes every page's, rendered or kept (finish);
        # Material would hold them all until the end and write them once more.
        added = entries[:]
        entries.clear()
        html = output.encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes it
        self.language.rendered_page(self.language.page(page.file.src_uri), html, added, Path(page.file.abs_dest_path))
        return output

    def on_template_context(self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> Any:
        context["ls"] = self.language.not_found() if template_name == NOT_FOUND else None
        return context

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name == NOT_FOUND:
            self.language.rendered_not_found(output.encode("utf-8"))  # as MkDocs writes it
        return output

    @event_priority(-100)  # last: Material's search writes its index before the site is published
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            self.language.finish(Path(config.site_dir), reuse=self.dirty)
            if self.lang == DEFAULT_LANGUAGE.code and self.build is not None:
                self.build.publish()
                config.site_dir = str(self.build.options.site_dir)
        except BuildError as exc:
            raise PluginError(str(exc)) from None

    def on_build_error(self, *, error: Exception) -> None:
        if self.lang == DEFAULT_LANGUAGE.code and self.build is not None:
            self.build.abort()

    def on_shutdown(self) -> None:  # a preview stopped mid-build: no pass writes on into its folder
        if self.preview is not None and self.build is not None:
            self.build.abort()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in self.build.watched() if self.build else ():
            server.watch(str(folder))
        return server


def _render(config_file: str, build: SiteBuild, dirty: bool, lang: str, site_dir: Path) -> int:
    """Render a language other than the default with MkDocs, for ``build``; returns the pages rendered."""
    preview = build.options.serving
    cache = _PREVIEW_PLUGINS.setdefault(lang, {}) if preview else {}
    first = not cache
    with plugin_instances(cache):
        config = load_config(config_file, site_dir=str(site_dir), site_url=build.options.site.base_url)
        plugin = config.plugins["labsite"]
        plugin.build, plugin.lang = build, lang
        if not preview or first:
            config.plugins.on_startup(command="serve" if preview else "build", dirty=dirty)
        try:
            mkdocs_build(config, dirty=dirty)
        except MkDocsException as exc:  # its errors are logged already
            raise BuildError(f"the '{lang}' language pass failed: {exc}") from None
        if not preview:
            config.plugins.on_shutdown()
        return plugin.language.rendered


def _render_markdown(md: markdown.Markdown, page: Any, config: MkDocsConfig, files: Files) -> None:
    """MkDocs' ``Page.render`` with one converter a pass, reset between pages as Python-Markdown
    allows: MkDocs makes one a page, and making it took a twentieth of the page's time."""
    md.reset()
    raw_html, title = pages._RawHTMLPreprocessor(), pages._ExtractTitleTreeprocessor()
    anchors = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    relative = pages._RelativePathTreeprocessor(page.file, files, config)
    for extension in (raw_html, anchors, relative, title):
        extension._register(md)  # under the name MkDocs gives it: it replaces the last page's
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative.links_to_anchors


@contextmanager
def plugin_instances(cache: dict[str, Any]) -> Iterator[None]:
    """Use ``cache`` for MkDocs' plugin instances meanwhile: MkDocs keeps those with start-up hooks
    (Material's search, ours) in one cache a process, and a build must not reuse another's."""
    option = dict(MkDocsConfig._schema)["plugins"]
    saved, option.plugin_cache = option.plugin_cache, cache
    try:
        yield
    finally:
        option.plugin_cache = saved
