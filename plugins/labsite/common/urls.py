"""URLs between pages: relative links inside the site, absolute ones for the outside world.

Every page URL here is a path from the site root ("" for the French home,
"en/projects/x/" for an English project), ending in "/" for pages.
"""

from __future__ import annotations


def relative(from_url: str, to_url: str) -> str:
    """The relative link from the page at ``from_url`` to ``to_url`` (called for every link
    of every page: plain string work, no os.path)."""
    base = from_url.split("/")[:-1]  # the folders of the page: "a/b/" -> [a, b], "" -> []
    target = to_url.split("/")  # "x/y/" -> [x, y, ""], "x/card.png" -> [x, card.png]
    common = 0
    while common < len(base) and common < len(target) - 1 and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:]) or "./"


def absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url
