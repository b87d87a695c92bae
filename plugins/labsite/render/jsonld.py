"""schema.org JSON-LD that contributor text cannot break out of."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

# Inside <script>, "</script>" or "<!--" would end or change the element: escape every <, >
# and & as JSON \\u escapes, which JSON parsers read back as the same characters.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script(data: dict[str, Any]) -> Markup:
    """A complete <script type="application/ld+json"> element: JSON made safe for HTML above."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, sort_keys=False)
    return Markup('<script type="application/ld+json">') + Markup(text.translate(_SCRIPT_SAFE)) + Markup("</script>")
