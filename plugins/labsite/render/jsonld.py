"""schema.org JSON-LD that contributor text cannot break out of."""

from __future__ import annotations

import json
from typing import Any

# Inside <script>, "</script>" or "<!--" would end or change the element: escape every <, >
# and & as JSON \\u escapes, which JSON parsers read back as the same characters.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script(data: dict[str, Any]) -> str:
    """A complete <script type="application/ld+json"> element."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, sort_keys=False)
    return f'<script type="application/ld+json">{text.translate(_SCRIPT_SAFE)}</script>'
