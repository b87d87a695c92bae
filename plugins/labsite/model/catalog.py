"""The catalog: every page of every language, with its URL, its translations and its item.

Made once per build (labsite.sources.load reads and checks the sources, then
labsite.generators gives every page its layout and adds the listings' own pages) and never
changed after: every output (pages, listings, feeds, cards, sitemap) reads it instead of
scanning files again.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.model import timeline
from labsite.model.content import Announcement, Item, Partner, Project, Taxonomy
from labsite.model.images import Renditions, plan
from labsite.model.page import Asset, Page
from labsite.model.people import Person
from labsite.model.publications import Publication

HOME = "index"


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, kw_only=True)
class Catalog:
    root: Path
    today: dt.date  # the build's one "today"
    pages: tuple[Page, ...]
    assets: tuple[Asset, ...]
    diagnostics: tuple[Diagnostic, ...]
    partners: Mapping[str, Partner]
    taxonomy: Taxonomy
    projects: Mapping[str, Project]  # published ones, by slug
    announcements: Mapping[str, Announcement]  # published ones, by slug
    people: Mapping[str, Person] = field(default_factory=dict)  # by slug
    publications: Mapping[str, Publication] = field(default_factory=dict)  # by citation key
    scheduled: tuple[tuple[str, dt.date], ...] = ()  # (item key, publication date)
    drafts: tuple[str, ...] = ()  # item keys
    timings: Mapping[str, float] = field(default_factory=dict)  # seconds per phase of making it
    # Lookups, derived from the fields above.
    _by_key: Mapping[str, Mapping[str, Page]] = field(init=False, repr=False, compare=False)
    _by_path: Mapping[str, Page] = field(init=False, repr=False, compare=False)
    _by_lang: Mapping[str, tuple[Page, ...]] = field(init=False, repr=False, compare=False)
    _citing: Mapping[str, tuple[Announcement, ...]] = field(init=False, repr=False, compare=False)
    _sizes: Mapping[str, tuple[int, int]] = field(init=False, repr=False, compare=False)
    _renditions: Mapping[str, Renditions] = field(init=False, repr=False, compare=False)
    _authors: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _works: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _members: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _cited_by: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _member_of: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("partners", "projects", "announcements", "people", "publications", "timings"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        by_key: dict[str, dict[str, Page]] = {}
        for page in self.pages:
            by_key.setdefault(page.key, {})[page.lang] = page
        citing: dict[str, list[Announcement]] = {}
        for announcement in sorted(self.announcements.values(), key=lambda a: a.date, reverse=True):
            for slug in announcement.projects:
                citing.setdefault(slug, []).append(announcement)
        derived = {
            "_by_key": _frozen({key: _frozen(langs) for key, langs in by_key.items()}),
            "_by_path": _frozen({page.path: page for page in self.pages}),
            "_by_lang": _frozen({code: tuple(p for p in self.pages if p.lang == code) for code in LANGUAGES}),
            "_citing": _frozen({slug: tuple(found) for slug, found in citing.items()}),
            "_sizes": _frozen({asset.path: asset.size for asset in self.assets if asset.size}),
            "_renditions": _frozen(
                {a.path: plan(a.path, a.digest, *a.size) for a in self.assets if a.digest and a.size}
            ),
        }
        derived.update(self._links())
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def amended(self, diagnostics: tuple[Diagnostic, ...], timings: Mapping[str, float]) -> Catalog:
        """The same catalog with other diagnostics and timings. Its lookups depend on neither:
        they are kept, not made again (``dataclasses.replace`` would)."""
        amended = copy.copy(self)
        object.__setattr__(amended, "diagnostics", diagnostics)
        object.__setattr__(amended, "timings", _frozen(timings))
        return amended

    def _links(self) -> dict[str, Mapping]:
        """Who wrote what, who works on which project, which projects cite which publication.
        A person is an author of an entry that carries their ORCID or idHal, or that they list."""
        by_orcid = {p.orcid: p.slug for p in self.people.values() if p.orcid}
        by_hal = {p.hal: p.slug for p in self.people.values() if p.hal}
        authors: dict[str, list[str]] = {}
        for publication in self.publications.values():
            found = {by_orcid[o] for o in publication.orcids if o in by_orcid}
            found |= {by_hal[h] for h in publication.halids if h in by_hal}
            authors[publication.key] = sorted(found)
        for person in self.people.values():
            for key in person.publications:
                if key in authors and person.slug not in authors[key]:
                    authors[key].append(person.slug)
        newest = sorted(self.publications.values(), key=lambda p: (p.date, p.key), reverse=True)
        works: dict[str, list[str]] = {}
        for publication in newest:
            for slug in authors[publication.key]:
                works.setdefault(slug, []).append(publication.key)
        members: dict[str, list[str]] = {}
        cited_by: dict[str, list[str]] = {}
        for project in self.projects.values():
            named = [c for c in project.contacts if isinstance(c, str) and c in self.people]
            members[project.slug] = named
            for key in project.publications:
                cited_by.setdefault(key, []).append(project.slug)
        for person in self.people.values():
            for slug in person.projects:
                if slug in members and person.slug not in members[slug]:
                    members[slug].append(person.slug)
        member_of: dict[str, list[str]] = {}
        for project, people in members.items():
            for slug in people:
                member_of.setdefault(slug, []).append(project)
        freeze = lambda found: _frozen({k: tuple(v) for k, v in found.items()})  # noqa: E731
        return {
            "_authors": freeze(authors),
            "_works": freeze(works),
            "_members": freeze(members),
            "_cited_by": freeze(cited_by),
            "_member_of": freeze(member_of),
        }

    def item(self, key: str) -> Item | Person | None:
        """The item at ``key`` (``projects/<slug>``, ``news/<slug>``, ``people/<slug>``), with or
        without a page: a person without one is listed and cited still."""
        section, _, slug = key.partition("/")
        return {"projects": self.projects, "news": self.announcements, "people": self.people}.get(section, {}).get(slug)

    def authors(self, key: str) -> tuple[Person, ...]:
        """The lab's people among a publication's authors."""
        return tuple(self.people[slug] for slug in self._authors.get(key, ()))

    def works(self, slug: str) -> tuple[Publication, ...]:
        """A person's publications, newest first."""
        return tuple(self.publications[key] for key in self._works.get(slug, ()))

    def members(self, project: str) -> tuple[Person, ...]:
        """The people of a project: its contacts named by id first, then those who list it."""
        return tuple(self.people[slug] for slug in self._members.get(project, ()))

    def projects_of(self, person: str) -> tuple[Project, ...]:
        """The published projects a person works on."""
        return tuple(self.projects[slug] for slug in self._member_of.get(person, ()))

    def cited_by(self, key: str) -> tuple[Project, ...]:
        """The published projects that list a publication."""
        return tuple(self.projects[slug] for slug in self._cited_by.get(key, ()) if slug in self.projects)

    def project_works(self, project: Project) -> tuple[Publication, ...]:
        """A project's publications, newest first."""
        found = (self.publications[key] for key in project.publications if key in self.publications)
        return tuple(sorted(found, key=lambda p: (p.date, p.key), reverse=True))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "warning"]

    def page(self, key: str, lang: str) -> Page | None:
        return self._by_key.get(key, {}).get(lang)

    def by_path(self, path: str) -> Page | None:
        return self._by_path.get(path)

    def translations(self, page: Page) -> list[Page]:
        """The page in every language it exists in, default language first."""
        found = self._by_key.get(page.key, {})
        return [found[code] for code in LANGUAGES if code in found]

    def pages_in(self, lang: str) -> tuple[Page, ...]:
        return self._by_lang.get(lang, ())

    def citing(self, slug: str) -> tuple[Announcement, ...]:
        """Published announcements citing a project, newest first."""
        return self._citing.get(slug, ())

    def standing(self, item: Item) -> timeline.Standing:
        """Where an item stands today: every date decision of the site asks this."""
        return timeline.standing(item, self.today)

    def image_size(self, path: str) -> tuple[int, int] | None:
        """The (width, height) of the image at ``path`` (from the repository's root), if it is one."""
        return self._sizes.get(path)

    def renditions(self, path: str) -> Renditions | None:
        """The published forms of the raster image at ``path`` (from the repository's root)."""
        return self._renditions.get(path)

    @property
    def images(self) -> tuple[Renditions, ...]:
        """The renditions of every raster image a published page owns: made once for the whole site."""
        return tuple(
            self._renditions[a.path]
            for a in self.assets
            if a.path in self._renditions
            # A person's photo shows on the directory, with or without a page of their own.
            and (a.owner.startswith("people/") or any(self.asset_dest(a, code) is not None for code in LANGUAGES))
        )

    def asset_dest(self, asset: Asset, lang: str) -> str | None:
        """Where an asset goes inside a language's build; None if its page is not published."""
        if not asset.owner:
            return asset.path.removeprefix("content/")
        owner = self.page(asset.owner, lang)
        if owner is None:
            return None
        return owner.pass_url + asset.path.removeprefix(asset.owner + "/")
