"""Write schemaorg.json, the schema.org vocabulary the structured-data test checks against:
for each type, its parent types and the properties it defines.

The source is schema-dts (npm, Apache-2.0), TypeScript definitions generated from schema.org's
own vocabulary file: `npm pack schema-dts@2.1.0`, then
`python tests/data/schemaorg_vocabulary.py package/dist/schema.d.ts > tests/data/schemaorg.json`.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_BASE = re.compile(r"^interface (\w+)Base extends ([^{]+)\{\n(.*?)^\}", re.M | re.S)
_LEAF = re.compile(r'^export interface (\w+)Leaf extends (\w+)Base \{\n\s+"@type": "(\w+)"', re.M)
_PROPERTY = re.compile(r'^    "(\w+)"\??:', re.M)


def vocabulary(text: str) -> dict:
    bases = {}
    for name, parents, body in _BASE.findall(text):
        extends = [p.strip().removesuffix("Base") for p in parents.split(",") if p.strip().endswith("Base")]
        bases[name] = {"extends": extends, "properties": sorted(set(_PROPERTY.findall(body)))}
    types = {kind: base for _, base, kind in _LEAF.findall(text)}
    return {"source": "schema-dts 2.1.0 (schema.org vocabulary)", "bases": bases, "types": types}


if __name__ == "__main__":
    json.dump(vocabulary(Path(sys.argv[1]).read_text(encoding="utf-8")), sys.stdout, indent=0, sort_keys=True)
