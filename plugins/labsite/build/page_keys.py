"""What shapes a page's HTML, as one digest: the key of its entry in the page cache
(labsite.build.page_cache).

A page's key covers:
- the code: the labsite package, ``theme_overrides/``, ``mkdocs.yml`` and the versions of
  the renderer's libraries (and Python's);
- what every page of its language shows: the site's name and address, the navigation's and
  the footer's pages, the top-level pages templates link to, the feeds, the taxonomy;
- the page itself: its source (text and front matter, as checked), URL, layout, translations,
  parent, share card, and its view (what its generator laid out: a listing's rows...);
- its own item and every item it shows (``Page.shows``), as the catalog has them: facts,
  titles, URLs, images' renditions, where they stand today (open, past, days left), the
  partners and publications they cite;
- the targets its links resolve to (a page's URL, an image's renditions).

Everything is read from the checked catalog, never from the files again: a fact that no page
can show (a comment in a YAML file) does not change any key. Objects are encoded field by
field (sets sorted), so a key is the same in every process and every run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import importlib.metadata
import os
import posixpath
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from labsite.common import code
from labsite.common.languages import LANGUAGES
from labsite.model.catalog import Catalog
from labsite.model.content import Announcement, Partner, Project
from labsite.model.page import Asset, CardText, Page
from labsite.model.people import Person
from labsite.model.publications import Publication
from labsite.model.site import Site
from labsite.render import feed_links
from labsite.sources import bodies, scan

# What renders the pages besides our code: a new version of any may change every page.
RENDERER_LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe", "babel")
THEME_DIR = "theme_overrides"
CONFIG_FILE = "mkdocs.yml"
_MODEL = (Project, Announcement, Person, Partner, Publication)  # kept by the catalog: digests memoised
# Fields no other page shows (an item's text is in its own page's key) or that only errors cite.
_UNSHOWN = frozenset({"body", "body_line", "apply_line"})


@cache
def _renderer_digest() -> bytes:
    """The labsite package's files, the renderer's libraries' versions and Python's."""
    digest = hashlib.blake2b(code.package_digest(), digest_size=32)
    for name in RENDERER_LIBRARIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    digest.update(sys.version.encode())
    return digest.digest()


def code_digest(root: Path) -> bytes:
    """The code that renders a site: the package, the site's templates and its mkdocs.yml
    (read each build: a preview sees their edits)."""
    digest = hashlib.blake2b(_renderer_digest(), digest_size=32)
    for path in code.files(root / THEME_DIR):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update((root / CONFIG_FILE).read_bytes())
    return digest.digest()


# Digests of model objects' own fields, by id, each kept alive with its object (an id is never
# reused meanwhile): a preview's rebuild takes those of the last one (``ModelDigests.earlier``).
Memo = dict[int, tuple[object, bytes]]


@dataclass
class ModelDigests:
    """The model objects' digests of a build, and those of a preview's last rebuild: an item
    whose files did not change is the same object again (labsite.sources.item_memo)."""

    earlier: Memo = field(default_factory=dict)
    made: Memo = field(default_factory=dict)  # this build's, met or made


class _Encoder:
    """Objects to bytes, the same in every process: dataclasses field by field, mappings and
    sets sorted, a page named by its address (its own key covers the rest)."""

    def __init__(self, catalog: Catalog, models: ModelDigests | None = None) -> None:
        self.catalog = catalog
        # Digests of the dataclass instances met, by id; each kept alive with its digest, so an
        # id is never reused meanwhile (a card shown on many pages is encoded once).
        self._memo: Memo = {}
        self._models = models if models is not None else ModelDigests()
        self._fields: dict[type, tuple[str, ...]] = {}

    def digest(self, *values: object) -> bytes:
        out: list[bytes] = []
        self._encode(values, out)
        return hashlib.blake2b(b"".join(out), digest_size=32).digest()

    def _encode(self, values: tuple[object, ...] | list[object], out: list[bytes]) -> None:
        """Each value, in order. The commonest kinds (text, None, whole numbers, booleans,
        sequences) are encoded here without a call each: the keys are much of a preview's rebuild."""
        for value in values:
            kind = type(value)
            if kind is str:
                out.append(b"s%d:%b" % (len(value), value.encode("utf-8", "surrogatepass")))  # type: ignore[attr-defined]
            elif value is None:
                out.append(b"NoneType:None;")
            elif kind is int:
                out.append(b"int:%d;" % value)  # type: ignore[str-bytes-safe]
            elif kind is bool:
                out.append(b"bool:True;" if value else b"bool:False;")
            elif kind is tuple or kind is list:
                out.append(b"seq%d:" % len(value))  # type: ignore[arg-type]
                self._encode(value, out)  # type: ignore[arg-type]
            else:
                self._other(value, out)

    def _other(self, value: object, out: list[bytes]) -> None:
        kind = type(value)
        if kind is float:
            out.append(f"float:{value!r};".encode())
        elif kind is bytes:
            out.append(b"b%d:%b" % (len(value), value))  # type: ignore[arg-type]
        elif isinstance(value, str):  # Markup and other str subclasses: the same text
            self._encode((str(value),), out)
        elif (known := self._memo.get(id(value))) is not None:
            out.append(b"d:" + known[1])
        elif hasattr(kind, "__dataclass_fields__"):  # an instance (a dataclass's own type is a ``type``)
            made = self.digest(*self._dataclass(value))
            self._memo[id(value)] = (value, made)
            out.append(b"d:" + made)
        elif isinstance(value, (dt.date, dt.datetime, dt.time)):
            out.append(f"{kind.__name__}:{value.isoformat()};".encode())
        elif isinstance(value, enum.Enum):
            out.append(f"enum:{value.value!r};".encode())
        elif isinstance(value, Mapping):
            entries = sorted((self.digest(k), k, v) for k, v in value.items())
            out.append(b"map%d:" % len(entries))
            for _, k, v in entries:
                self._encode((k, v), out)
        elif isinstance(value, (set, frozenset)):
            out.append(b"set%d:%b" % (len(value), b"".join(sorted(self.digest(v) for v in value))))
        elif isinstance(value, (list, tuple)):
            self._encode((tuple(value),), out)
        elif isinstance(value, Path):
            self._encode((("path", str(value)),), out)
        else:
            raise TypeError(f"a page's key cannot encode a {kind.__name__}")

    def _dataclass(self, value: object) -> tuple[object, ...]:
        """What of a dataclass instance shapes a page."""
        if isinstance(value, Page):
            return ("page", value.path, value.url, value.title, value.description)
        if isinstance(value, CardText):  # its image by its path in the site: a moved checkout keeps its keys
            image = os.path.relpath(value.image, self.catalog.root) if value.image else None
            return ("card", value.kind, value.title, value.subtitle, image)
        if isinstance(value, Asset):
            return ("asset", value.path, value.size, value.digest)
        kind = type(value)
        if isinstance(value, _MODEL):
            return (self._own(value), *self._model(value))
        return (kind.__qualname__, *(getattr(value, name) for name in self._names(kind)))

    def _own(self, value: object) -> bytes:
        """A model object's own fields, digested (what the catalog says of it aside)."""
        models = self._models
        found = models.made.get(id(value)) or models.earlier.get(id(value))
        if found is None or found[0] is not value:
            kind = type(value)
            found = (value, self.digest(kind.__qualname__, *(getattr(value, name) for name in self._names(kind))))
        models.made[id(value)] = found
        return found[1]

    def _names(self, kind: type) -> tuple[str, ...]:
        if kind not in self._fields:
            names = (f.name for f in dataclasses.fields(kind))
            self._fields[kind] = tuple(n for n in names if not n.startswith("_") and n not in _UNSHOWN)
        return self._fields[kind]

    def _model(self, value: object) -> tuple[object, ...]:
        """What the catalog knows of a model object that pages show with it."""
        catalog = self.catalog
        parts: list[object] = []
        if isinstance(value, (Project, Announcement)):
            parts.append(catalog.standing(value))
        if isinstance(value, Project):
            parts += [[catalog.partners.get(p) for p in value.partners], catalog.project_works(value)]
        if isinstance(value, Person):
            parts += [catalog.partners.get(value.affiliation or ""), catalog.works(value.slug)]
        if isinstance(value, Publication):
            authors = [(p.slug, p.name) for p in catalog.authors(value.key)]
            parts += [authors, [p.slug for p in catalog.cited_by(value.key)]]
        return tuple(parts)


class PageKeys:
    """The keys of one language's pages (made once a pass; every digest it makes is kept).
    ``items``: the items' digests, which are the same in every language, shared by the passes
    of one process (both languages', held to one process); ``models``: see ``ModelDigests``."""

    def __init__(
        self,
        catalog: Catalog,
        site: Site,
        lang: str,
        code: bytes,
        items: dict[str, bytes],
        models: ModelDigests | None = None,
    ) -> None:
        self.catalog, self.lang = catalog, lang
        self._encode = _Encoder(catalog, models)
        self._items = items
        self._sets: dict[frozenset[str], bytes] = {}
        owned: dict[str, list[Asset]] = {}
        for asset in catalog.assets:
            owned.setdefault(asset.owner, []).append(asset)
        self._owned = owned
        top = [p for p in catalog.pages_in(lang) if p.item is None and "/" not in p.key]
        self._site = self._encode.digest(
            code,
            lang,
            site,
            [(p.key, p.url, p.title, p.description) for p in top],
            feed_links.links(catalog, lang),
            catalog.taxonomy,
        )

    def key(self, page: Page) -> str:
        encode, catalog = self._encode, self.catalog
        own = (
            page.path,
            page.url,
            page.title,
            page.description,
            page.body,
            page.preview,
            page.aliases,
            page.template,
            page.hide,
            page.parent,
            catalog.page(page.parent, self.lang) if page.parent else None,
            page.card,
            catalog.translations(page),
        )
        return encode.digest(
            self._site, own, page.view, self._item(page.key), self._shown(page.shows), self._links(page)
        ).hex()

    def not_found(self) -> str:
        """The key of the language's 404 page, which shows what every page shows and nothing else."""
        return self._encode.digest(self._site, "404").hex()

    def search_index(self, around: tuple[bytes, bytes], pages: list[str]) -> str:
        """The key of the language's search index: the theme's settings ``around`` the entries
        of the pages of keys ``pages`` (a page's entries are made from its HTML: its key covers them)."""
        return self._encode.digest("search index", *around, pages).hex()

    def feed(self, name: str, listing: Page, entries: list[tuple[str, str, object, object]]) -> str:
        """The key of the feed file ``name``: what every page shows, its listing page's address
        and title (not the listing's key: a feed does not show its rows), and of each entry
        its page's key, content as rendered, share card and categories (feeds.Entry)."""
        return self._encode.digest(self._site, "feed", name, listing, entries).hex()

    def _shown(self, keys: frozenset[str]) -> bytes:
        """The items a page shows (listing pages share one set: made once)."""
        if keys not in self._sets:
            parts = [key.encode() + b"=" + self._item(key) for key in sorted(keys)]
            self._sets[keys] = hashlib.blake2b(b";".join(parts), digest_size=32).digest()
        return self._sets[keys]

    def _item(self, key: str) -> bytes:
        """An item as other pages show it: its model, its pages' titles and URLs, its images."""
        if key not in self._items:
            catalog = self.catalog
            pages = [catalog.page(key, code) for code in LANGUAGES]
            cards = [p.card for p in pages if p is not None]
            images = [(a, catalog.renditions(a.path)) for a in self._owned.get(key, ())]
            self._items[key] = self._encode.digest(pages, cards, catalog.item(key), images)
        return self._items[key]

    def _links(self, page: Page) -> list[object]:
        """Where the page's links and images lead, and the files beside it (its body's images)."""
        catalog, folder = self.catalog, posixpath.dirname(page.path)
        found: list[object] = []
        if "](" in page.body or "]:" in page.body:
            links = bodies.found_links.get(page.body)  # as the load found them (not in code)
            for link in scan.links(page.body) if links is None else links:
                file_part = link.target.split("?", 1)[0].partition("#")[0]
                if not file_part or ":" in file_part or file_part.startswith("/"):
                    continue
                resolved = posixpath.normpath(posixpath.join(folder, file_part))
                target = catalog.by_path(resolved)
                found.append((resolved, target, catalog.renditions(resolved), catalog.image_size(resolved)))
        owner = "" if page.source.kind == "content" else page.key
        found.append([(a, catalog.renditions(a.path)) for a in self._owned.get(owner, ())])
        return found
