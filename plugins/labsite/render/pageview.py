"""The ``ls`` object of the templates: what a page shows beyond its own content, read from
the catalog and the page's view (its translations, links, listings, feeds and share data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from labsite.common.dates import long_date
from labsite.common.languages import DEFAULT_LANGUAGE, LANGUAGES, others
from labsite.common.strings import count, translate
from labsite.common.urls import relative
from labsite.generators import directory, events, jobs, news, people, publications
from labsite.generators.home import Home
from labsite.generators.projects import Panel
from labsite.model.catalog import HOME, Catalog
from labsite.model.content import Announcement
from labsite.model.page import Page
from labsite.model.people import Person
from labsite.model.publications import Publication
from labsite.model.site import Site
from labsite.render import bibliography, feed_links, images, share, structured_data
from labsite.render.job_panel import JobDetails, details
from labsite.render.obfuscation import email_html


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str  # the language's own name
    href: str  # relative link from the current page
    url: str  # absolute URL, for <link rel="alternate" hreflang>
    is_counterpart: bool  # False when the page has no translation and this is the other home


class PageView:
    def __init__(
        self,
        catalog: Catalog,
        page: Page,
        site: Site,
        feeds: tuple[feed_links.FeedLink, ...] | None = None,
        *,
        anywhere: bool = False,
    ) -> None:
        self.catalog = catalog
        self.page = page
        self.lang = page.lang
        self.site = site
        self.feeds = feed_links.links(catalog, page.lang) if feeds is None else feeds  # once a language
        # A page served at any address (the 404 page): links from the host's root, the home page's card.
        self.anywhere = anywhere

    def _alternate(self, target: Page, is_counterpart: bool = True) -> Alternate:
        return Alternate(
            target.lang,
            LANGUAGES[target.lang].name,
            self.href(target.url),
            self.site.url(target.url),
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

    def image(self, source: str, url: str, alt: str, sizes: str, *, lazy: bool = True, main: bool = False) -> Markup:
        """An image the template shows (``source``: its repository path; ``url``: where the
        original lies beside its page): a <picture> of its renditions if it is a raster image,
        else an <img> of the original; sized either way."""
        if (renditions := self.catalog.renditions(source)) is not None:
            return images.picture(renditions, self.page.url, alt, sizes, lazy=lazy, main=main)
        size = self.catalog.image_size(source) or (300, 150)
        return Markup('<img src="{}" alt="{}" width="{}" height="{}"{}>').format(
            self.href(url), alt, *size, Markup(' loading="lazy" decoding="async"') if lazy and not main else ""
        )

    @property
    def cover(self) -> Markup | None:
        """The item's own image, the page's main one."""
        item = self.page.item
        if item is None or not item.image:
            return None
        # A portrait beside its name says nothing more: alt="" keeps screen readers from reading it twice.
        alt = "" if isinstance(item, Person) else item.texts[self.lang].image_alt or ""
        return self.image(
            f"{self.page.key}/{item.image}", self.page.url + item.image, alt, images.COVER_SIZES, main=True
        )

    def href(self, url: str) -> str:
        """Link from this page to a URL from the site root: relative, or from the host's root for
        a page served at any address."""
        return self.site.path(url) if self.anywhere else relative(self.page.url, url)

    def count(self, key: str, n: int) -> str:
        return count(self.lang, key, n)

    def email(self, address: str) -> Markup:
        """An e-mail address, hidden from harvesters (labsite.js makes it a link)."""
        return email_html(address, self.lang)

    @property
    def home(self) -> Home | None:
        return self.page.view if isinstance(self.page.view, Home) else None

    @property
    def panel(self) -> Panel | None:
        return self.page.view if isinstance(self.page.view, Panel) else None

    @property
    def directory(self) -> directory.Directory:
        return directory.of(self.catalog, self.lang)

    @property
    def partner_groups(self) -> tuple[directory.PartnerGroup, ...]:
        partners = self.catalog.page(directory.PARTNERS_PAGE, self.lang)
        return partners.view.groups if partners and isinstance(partners.view, directory.PartnerIndex) else ()

    def feeds_of(self, key: str) -> list[feed_links.FeedLink]:
        return [link for link in self.feeds if link.kind == key]

    @property
    def news_listing(self) -> news.NewsListing:
        """The listing this page shows: its own, or the first page of news."""
        view = self.page.view
        return view if isinstance(view, news.NewsListing) else news.listing(self.catalog, self.lang)

    @property
    def event(self) -> events.EventRow | None:
        return self.page.view if isinstance(self.page.view, events.EventRow) else None

    @property
    def agenda(self) -> events.Agenda:
        view = self.page.view
        return view if isinstance(view, events.Agenda) else events.agenda(self.catalog, self.lang)

    def has(self, key: str) -> bool:
        """Whether the language has that page (a listing a site may leave out, such as the agenda)."""
        return self.catalog.page(key, self.lang) is not None

    @property
    def news_item(self) -> news.NewsRow | None:
        return self.page.view if isinstance(self.page.view, news.NewsRow) else None

    def related_projects(self) -> list[Page]:
        item = self.page.item
        if not isinstance(item, Announcement):
            return []
        pages = [self.catalog.page(f"projects/{slug}", self.lang) for slug in item.projects]
        return [p for p in pages if p is not None]

    @property
    def people_directory(self) -> people.PeopleDirectory:
        return people.of(self.catalog, self.lang)

    @property
    def person(self) -> people.PersonView | None:
        return self.page.view if isinstance(self.page.view, people.PersonView) else None

    def photo(self, card: people.PersonCard, *, lazy: bool = True, main: bool = False) -> Markup | None:
        """A person's photo, through the image pipeline like every image."""
        if card.photo is None or card.photo_url is None:
            return None
        sizes = images.PORTRAIT_SIZES if main else images.PHOTO_SIZES
        return self.image(card.photo, card.photo_url, "", sizes, lazy=lazy, main=main)  # beside the name

    @property
    def publication_list(self) -> publications.PublicationList | None:
        view = self.page.view
        return view if isinstance(view, publications.PublicationList) else publications.of(self.catalog, self.lang)

    def citation(self, work: Publication) -> Markup:
        return bibliography.citation(self.catalog, work, self.lang)

    def bib_href(self, work: Publication) -> str:
        return self.href(bibliography.bib_url(work))

    def cited_by(self, work: Publication) -> str:
        """The projects listing a publication, for the project filter (space-separated slugs)."""
        return " ".join(project.slug for project in self.catalog.cited_by(work.key))

    def by_year(self, works: tuple[Publication, ...]) -> tuple[tuple[int, tuple[Publication, ...]], ...]:
        return publications.by_year(works)

    def kind_label(self, work: Publication) -> str:
        return translate(self.lang, f"publications.one.{work.kind}")

    @property
    def board(self) -> jobs.Board:
        return jobs.board(self.catalog, self.lang)

    @property
    def job(self) -> JobDetails | None:
        view = self.page.view
        return details(self.page, view, self.site.name(self.lang)) if isinstance(view, jobs.JobRow) else None

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
        return item is not None and self.catalog.standing(item).closed

    def date(self, day: dt.date) -> str:
        return long_date(day, self.lang)

    def latest_news(self, n: int) -> list[Page]:
        pages = [self.catalog.page(f"news/{r.slug}", self.lang) for r in news.listing(self.catalog, self.lang).rows]
        return [p for p in pages if p is not None][:n]

    def share_meta(self, description: str) -> share.ShareMeta:
        card = self.catalog.page(HOME, self.lang) if self.anywhere else None
        return share.share_meta(self.site, self.page, description, card or self.page)

    @property
    def other_not_found(self) -> list[tuple[str, str]]:
        """On the default language's 404 page: (address prefix, 404 page) of the other languages."""
        if not self.anywhere or self.lang != DEFAULT_LANGUAGE.code:
            return []
        return [(self.site.path(lang.prefix), self.site.path(f"{lang.prefix}404.html")) for lang in others(self.lang)]

    @property
    def noindex(self) -> bool:
        """Kept out of search engines: a closed ad, a preview, the 404 page."""
        return self.is_closed_job or bool(self.page.preview) or self.anywhere

    def structured_data(self, content_html: str = "") -> Markup:
        """The page's schema.org JSON-LD, as a complete script element (or nothing)."""
        return structured_data.script(self.catalog, self.site, self.page, content_html)

    def link(self, key: str) -> str:
        """Relative link to another page of the same language."""
        target = self.catalog.page(key, self.lang)
        if target is None:
            raise KeyError(f"no page {key!r} in {self.lang}")
        return self.href(target.url)

    @property
    def footer(self) -> list[tuple[str, str]]:
        return [
            (self.catalog.page(key, self.lang).title, self.link(key))
            for key in self.site.footer
            if self.catalog.page(key, self.lang)
        ]
