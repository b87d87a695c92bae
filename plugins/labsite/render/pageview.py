"""What a page's templates need to know beyond its own content: its translations and links."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from labsite.common.dates import long_date
from labsite.common.languages import DEFAULT_LANGUAGE, LANGUAGES, others
from labsite.common.strings import count, translate
from labsite.common.urls import absolute, relative
from labsite.generators import directory, jobs, news, projects
from labsite.model.catalog import HOME, Catalog
from labsite.model.content import Announcement, Project
from labsite.model.page import Page
from labsite.outputs import feeds, share
from labsite.render import jsonld


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str  # the language's own name
    href: str  # relative link from the current page
    url: str  # absolute URL, for <link rel="alternate" hreflang>
    is_counterpart: bool  # False when the page has no translation and this is the other home


class PageView:
    def __init__(self, catalog: Catalog, page: Page, base_url: str, footer_keys: list[str], site_name: str) -> None:
        self.catalog = catalog
        self.page = page
        self.lang = page.lang
        self.base_url = base_url
        self.site_name = site_name
        self._footer_keys = footer_keys

    def _alternate(self, target: Page, is_counterpart: bool = True) -> Alternate:
        return Alternate(
            target.lang,
            LANGUAGES[target.lang].name,
            relative(self.page.url, target.url),
            absolute(self.base_url, target.url),
            is_counterpart,
        )

    @property
    def translations(self) -> list[Alternate]:
        """Every language version of this page, itself included: the hreflang set."""
        return [self._alternate(p) for p in self.catalog.translations(self.page)]

    @property
    def x_default(self) -> Alternate | None:
        default = self.catalog.page(self.page.key, DEFAULT_LANGUAGE.code)
        return self._alternate(default) if default else None

    @property
    def switch(self) -> list[Alternate]:
        """Links of the language switch: the counterpart, else the other language's home."""
        links = []
        for lang in others(self.lang):
            target = self.catalog.page(self.page.key, lang.code)
            if target is not None:
                links.append(self._alternate(target))
            elif (home := self.catalog.page(HOME, lang.code)) is not None:
                links.append(self._alternate(home, is_counterpart=False))
        return links

    @property
    def description(self) -> str:
        """The page's description, else the site's mission in this language (every page has one)."""
        home = self.catalog.page(HOME, self.lang)
        return self.page.description or (home.description if home else "") or self.page.title

    def href(self, url: str) -> str:
        """Relative link from this page to a URL from the site root."""
        return relative(self.page.url, url)

    def count(self, key: str, n: int) -> str:
        return count(self.lang, key, n)

    @property
    def panel(self) -> projects.Panel | None:
        item = self.page.item
        return projects.panel(self.catalog, item, self.lang) if isinstance(item, Project) else None

    @property
    def directory(self) -> directory.Directory:
        return directory.directory(self.catalog, self.lang)

    @property
    def partner_groups(self) -> tuple[directory.PartnerGroup, ...]:
        return directory.partner_groups(self.catalog, self.lang)

    @property
    def feeds(self) -> tuple[feeds.FeedLink, ...]:
        return feeds.links(self.catalog, self.lang)

    def feeds_of(self, key: str) -> list[feeds.FeedLink]:
        return [link for link in self.feeds if link.kind == key]

    @property
    def news_listing(self) -> news.NewsListing:
        """The listing this page shows: its generated view, or page 1 for the news page itself."""
        view = self.page.view
        return view if isinstance(view, news.NewsListing) else news.listing(self.catalog, self.lang)

    @property
    def news_item(self) -> news.NewsRow | None:
        item = self.page.item
        if isinstance(item, Announcement) and item.type == "news":
            return news.row(self.catalog, self.lang, item.slug)
        return None

    def related_projects(self) -> list[Page]:
        item = self.page.item
        if not isinstance(item, Announcement):
            return []
        pages = [self.catalog.page(f"projects/{slug}", self.lang) for slug in item.projects]
        return [p for p in pages if p is not None]

    @property
    def board(self) -> jobs.Board:
        return jobs.board(self.catalog, self.lang)

    @property
    def job(self) -> jobs.JobDetails | None:
        item = self.page.item
        if isinstance(item, Announcement) and item.is_job:
            return jobs.details(self.catalog, self.page, self.site_name)
        return None

    @property
    def preview_banner(self) -> str:
        """What a preview of a draft or of an item dated later says (empty on a published page)."""
        item = self.page.item
        if self.page.preview == "draft":
            return translate(self.lang, "preview.draft")
        if self.page.preview == "scheduled" and isinstance(item, Announcement):
            return translate(self.lang, "preview.scheduled", date=long_date(item.date, self.lang))
        return ""

    @property
    def is_closed_job(self) -> bool:
        item = self.page.item
        return isinstance(item, Announcement) and item.is_job and not item.is_open(self.catalog.today)

    def date(self, day: dt.date) -> str:
        return long_date(day, self.lang)

    def latest_news(self, n: int) -> list[Page]:
        pages = [self.catalog.page(f"news/{r.slug}", self.lang) for r in news.rows(self.catalog, self.lang)[:n]]
        return [p for p in pages if p is not None]

    def share_meta(self, description: str) -> share.ShareMeta:
        return share.share_meta(self.catalog, self.page, self.site_name, self.base_url, description)

    def structured_data(self, content_html: str = "") -> str:
        """The page's schema.org JSON-LD, as a complete script element (or nothing)."""
        item = self.page.item
        if self.page.key == HOME:
            return jsonld.script(share.organization(self.base_url, self.site_name, self.lang))
        if isinstance(item, Announcement) and item.type == "news":
            return jsonld.script(share.news_article(self.page, self.base_url, self.site_name))
        if isinstance(item, Project):
            return jsonld.script(projects.research_project(self.catalog, self.page, self.base_url, self.site_name))
        if isinstance(item, Announcement) and item.is_job and item.is_open(self.catalog.today):
            description = f"<p>{html.escape(self.page.description)}</p>{content_html}"
            posting = jobs.job_posting(self.catalog, self.page, self.base_url, self.site_name, description)
            return jsonld.script(posting)
        return ""

    def link(self, key: str) -> str:
        """Relative link to another page of the same language."""
        target = self.catalog.page(key, self.lang)
        if target is None:
            raise KeyError(f"no page {key!r} in {self.lang}")
        return relative(self.page.url, target.url)

    @property
    def footer(self) -> list[tuple[str, str]]:
        return [
            (self.catalog.page(key, self.lang).title, self.link(key))
            for key in self._footer_keys
            if self.catalog.page(key, self.lang)
        ]
