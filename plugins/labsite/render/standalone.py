"""A page's HTML made to stand alone elsewhere (a feed reader, a job board): absolute links,
no heading anchors ("¶"), no decoys of the address-hiding spans, or no addresses at all."""

from __future__ import annotations

import re
from urllib.parse import urljoin

_URL_ATTR = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"]*)"')
# A <picture> (labsite.render.images) becomes its plain <img>: readers take one file, not srcsets.
_PICTURE = re.compile(r"<picture>.*?(?P<img><img\b[^>]*>)</picture>", re.S)
_RESPONSIVE = re.compile(r'\s(?:srcset|sizes|loading|decoding|fetchpriority)="[^"]*"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_DECOY = re.compile(r'<span class="ls-email__decoy"[^>]*>.*?</span>', re.S)
# An address span once its decoy is gone (labsite.render.obfuscation): its label, if any, stays.
_ADDRESS = re.compile(
    r'<span class="ls-email" [^>]*>(?:<span class="ls-email__label">(?P<label>.*?)</span> )?'
    r'<span class="ls-email__address">.*?</span></span>',
    re.S,
)


def standalone_html(content: str, page_url: str, addresses: bool = True) -> str:
    """``addresses``: keep the readable addresses ("name [at] example [dot] org"); without, an
    address written alone is dropped and a labelled one keeps its label."""
    content = _PICTURE.sub(lambda m: _RESPONSIVE.sub("", m["img"]), content)
    content = _DECOY.sub("", _HEADERLINK.sub("", content))
    if not addresses:
        content = _ADDRESS.sub(lambda m: m["label"] or "", content)
    return _URL_ATTR.sub(lambda m: f'{m["attr"]}="{urljoin(page_url, m["url"])}"', content)
