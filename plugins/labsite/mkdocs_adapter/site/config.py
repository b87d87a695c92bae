"""Options of the ``labsite`` MkDocs plugin, as written in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SiteConfig(base.Config):
    # Content keys (content/<key>.<lang>.md) of the sections in the top navigation, in order.
    nav = c.ListOfItems(c.Type(str), default=[])
    # Content keys of the pages linked from every page's footer (legal notice...).
    footer = c.ListOfItems(c.Type(str), default=[])
    # The site's name in each language (the header and the <title>).
    site_names = c.DictOfItems(c.Type(str), default={})
    # Build the languages at the same time, one process each (off: one after the other).
    parallel = c.Type(bool, default=True)
