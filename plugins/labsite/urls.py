"""URLs between pages: relative links inside the site, absolute ones for the outside world.

Every page URL here is a path from the site root ("" for the French home,
"en/projects/x/" for an English project), ending in "/" for pages.
"""

from __future__ import annotations

import posixpath


def relative(from_url: str, to_url: str) -> str:
    """The relative link from the page at ``from_url`` to ``to_url``."""
    rel = posixpath.relpath(
        "/" + to_url, "/" + from_url if from_url.endswith("/") or not from_url else posixpath.dirname("/" + from_url)
    )
    if to_url.endswith("/") or not to_url:
        rel = "./" if rel == "." else rel + "/"
    return rel


def absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url
