"""The files published beside pages: only declared kinds, each looked at before it goes online.

Anything served from the site's origin can act as the site: an .html, .js or .svg with a
script would run with the site's address, and a file named like a theme asset would replace
it on every page. So an asset is published only if its kind is declared here, its content
matches that kind (images fully decoded, SVG free of scripts and outside references, PDF
with a PDF header) and its place in the site belongs to no one else.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from PIL import Image

from labsite.common import digests
from labsite.common.diagnostics import Diagnostic
from labsite.common.languages import LANGUAGES
from labsite.common.messages import Message, say
from labsite.model.page import Asset
from labsite.sources.tree import CONTENT_DIR

MAX_ASSET_BYTES = 20 * 1024 * 1024
ORIENTATION = 0x0112  # the EXIF tag
MAX_IMAGE_SIDE = 10_000
# Beyond these an image is still published (resized: labsite.outputs.images), with a warning.
LARGE_IMAGE_SIDE = 4_000
LARGE_IMAGE_BYTES = 5_000_000
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
KINDS = (*RASTER_SUFFIXES, ".svg", ".pdf")
# Places in a language's site that the theme and the build write (content/ assets land at its root).
RESERVED_FOLDERS = frozenset({"assets", "search", *(lang.prefix.strip("/") for lang in LANGUAGES.values())}) - {""}
RESERVED_NAMES = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt", "rss.xml", "atom.xml"})

SVG_NS = "http://www.w3.org/2000/svg"
# Namespaces of drawing editors' metadata (Inkscape, Sodipodi, RDF, Dublin Core, Creative
# Commons): inert in a browser. Any other (XSLT, XHTML...) can make the file a program.
INERT_NAMESPACES = frozenset(
    {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.inkscape.org/namespaces/inkscape",
    }
)
ATTRIBUTE_NAMESPACES = INERT_NAMESPACES | {"", "http://www.w3.org/1999/xlink", "http://www.w3.org/XML/1998/namespace"}
# Drawing elements only: no script, foreignObject, animation (<set> can rewrite a link into
# javascript:), link or image (both fetch or navigate elsewhere).
SVG_ELEMENTS = frozenset(
    {
        *("svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch", "style"),
        *("path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath"),
        *("linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "filter"),
    }
)
# CSS in an SVG (<style>, style="...", presentation attributes): no at-rule (@import), and only
# functions that compute a value (not image-set()); url() only to an element of the file (#id).
# CSS escapes are decoded first ("\\75 rl(" is "url(").
CSS_FUNCTIONS = frozenset(
    {"rgb", "rgba", "hsl", "hsla", "url", "translate", "rotate", "scale", "matrix", "calc", "var"}
)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}\s?|.)", re.S)
_CSS_FUNCTION = re.compile(r"(?<![-\w])([-\w]+)\s*\(\s*[\"']?\s*(.?)")  # from a name's start: linear


# A preview's assets as its last rebuild checked them: what an asset's check reads is its file
# (and its path), so one whose file has the same stamp is taken as it was (each image was
# opened twice a rebuild, and decoded whole if it may be transparent).
_CHECKED: dict[tuple[str, Asset], tuple[tuple[int, ...], Asset, tuple[Diagnostic, ...]]] = {}


def check_assets(
    root: Path, assets: Iterable[Asset], files: Mapping[str, tuple[int, ...]] | None = None
) -> tuple[tuple[Asset, ...], list[Diagnostic]]:
    """The assets that would be published, each image with its size, and all their problems.
    ``files``: a preview's stamps of the source files (labsite.build.preview.stamps)."""
    checked, problems, assets = [], [], list(assets)
    for asset in assets:
        stamp = files.get(asset.path) if files is not None else None
        known = _CHECKED.get((str(root), asset)) if stamp is not None else None
        if known is not None and known[0] == stamp:
            checked.append(known[1])
            problems += known[2]
            continue
        made, found = _check(root, asset)
        checked.append(made)
        problems += found
        if stamp is not None:
            _CHECKED[(str(root), asset)] = (stamp, made, tuple(found))
    if files is not None:  # those gone since
        for gone in {key for key in _CHECKED if key[0] == str(root)} - {(str(root), asset) for asset in assets}:
            del _CHECKED[gone]
    return tuple(checked), problems


def _check(root: Path, asset: Asset) -> tuple[Asset, list[Diagnostic]]:
    if reason := problem(root, asset):
        return asset, [Diagnostic(asset.path, 1, 1, "error", "", reason)]
    path, problems = root / asset.path, []
    size, digest = image_size(path), None
    if path.suffix.lower() in RASTER_SUFFIXES:
        with Image.open(path) as image:
            # An animation is published as it is (renditions would keep one frame).
            still, alpha = not animated(image), transparent(image)
        digest = digests.sha256(path) + (":alpha" if alpha else "") if still else None
        length = path.stat().st_size
        if size and (size[0] > LARGE_IMAGE_SIDE or length > LARGE_IMAGE_BYTES):
            megabytes = f"{length / 1_000_000:.1f}"
            warning = say("asset.large_image", width=size[0], height=size[1], size=megabytes)
            problems.append(Diagnostic(asset.path, 1, 1, "warning", "", warning))
    return dataclasses.replace(asset, size=size, digest=digest), problems


def transparent(image: Image.Image) -> bool:
    """Whether some pixel of ``image`` is not fully opaque (an opaque RGBA screenshot is not)."""
    if image.mode not in ("RGBA", "LA", "PA", "P", "RGBa", "La") and "transparency" not in image.info:
        return False
    return image.convert("RGBA").getchannel("A").getextrema()[0] < 255


def animated(image: Image.Image) -> bool:
    return bool(getattr(image, "is_animated", False))


def image_size(path: Path) -> tuple[int, int] | None:
    """A checked image's size in CSS pixels (an SVG's from its width and height, else its
    viewBox), which pages give its <img> so that nothing moves as it loads; None for a PDF."""
    suffix = path.suffix.lower()
    if suffix in RASTER_SUFFIXES:
        with Image.open(path) as image:  # reads the header only
            width, height = image.size
            turned = image.getexif().get(ORIENTATION) in (5, 6, 7, 8)  # a quarter turn: shown the other way
        return (height, width) if turned else (width, height)
    if suffix != ".svg":
        return None
    _, svg = next(ET.iterparse(path, events=("start",)))
    width, height = (_svg_length(svg.get(name)) for name in ("width", "height"))
    if width and height:
        return width, height
    box = (svg.get("viewBox") or "").replace(",", " ").split()
    try:
        box_width, box_height = round(float(box[2])), round(float(box[3]))
    except (IndexError, ValueError):
        box_width = box_height = 0
    if box_width > 0 and box_height > 0:
        return box_width, box_height
    return 300, 150  # what browsers make of an SVG that says nothing of its size


DECODED = ".cache/images/decoded"  # markers of the images decoded whole without error, by sha256
_SOUND: set[tuple[str, int, int, int]] = set()  # (path, inode, size, mtime): decoded by this process


def _svg_length(value: str | None) -> int | None:
    """A length in pixels ("48", "48px"); None for relative units ("100%", "2em")."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*", value or "")
    return round(float(match.group(1))) or None if match else None


def problem(root: Path, asset: Asset) -> Message | None:
    path = PurePosixPath(asset.path)
    suffix = path.suffix.lower()
    if suffix not in KINDS:
        kinds = ", ".join(KINDS)
        return say("asset.kind", suffix=suffix or say("asset.no_extension"), kinds=kinds)
    if asset.owner == "":
        inside = path.relative_to(CONTENT_DIR)
        if inside.parts[0] in RESERVED_FOLDERS and len(inside.parts) > 1:
            return say("asset.reserved_folder", folder=inside.parts[0])
    if path.name in RESERVED_NAMES:
        return say("asset.reserved_name", name=path.name)
    file = root / asset.path
    size = file.stat().st_size
    if size > MAX_ASSET_BYTES:
        return say("asset.size", size=size // 1_000_000, maximum=MAX_ASSET_BYTES // 1_000_000)
    if suffix in RASTER_SUFFIXES:
        return image_problem(file, root / DECODED)
    if suffix == ".svg":
        return svg_problem(file.read_bytes())
    if not file.read_bytes()[:1024].lstrip().startswith(b"%PDF-"):
        return say("asset.pdf")
    return None


def image_problem(path: Path, markers: Path | None = None) -> Message | None:
    """Why an image file can't be used (in pages and cards), or None. The whole image is
    decoded: a truncated file or a corrupt chunk passes a header check and fails the build.
    Decoding is the slow part of reading a site, so an image is decoded once a process and, with
    ``markers`` (a folder of ``.cache/``), once: a sound one leaves a file named by its sha256."""
    try:
        stat = path.stat()
        stamp = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if stamp in _SOUND:
            return None
        if markers is not None and (markers / digests.sha256(path)).is_file():
            _SOUND.add(stamp)
            return None
        data = path.read_bytes()
    except OSError:
        return say("image.unreadable")
    marker = markers / hashlib.sha256(data).hexdigest() if markers is not None else None  # of the bytes decoded
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if max(width, height) > MAX_IMAGE_SIDE:
                    return say("image.pixels", width=width, height=height, maximum=MAX_IMAGE_SIDE)
                if image.format not in ("PNG", "JPEG", "WEBP", "GIF"):
                    return say("image.format", format=image.format)
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return say("image.bomb")
    except (OSError, SyntaxError, ValueError, EOFError):
        return say("image.unreadable")
    _SOUND.add(stamp)
    if marker is not None:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # decoded again next time
    return None


def svg_problem(data: bytes) -> Message | None:
    """Why an SVG may not be served from the site's origin, or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return say("svg.utf8")
    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        return say("svg.doctype")
    try:
        events = list(ET.iterparse(io.BytesIO(data), events=("start", "pi")))
    except ET.ParseError as exc:
        return say("svg.malformed", detail=str(exc))
    if any(event == "pi" for event, _ in events):
        return say("svg.pi")
    elements = [element for _, element in events]
    if not elements or elements[0].tag != f"{{{SVG_NS}}}svg":
        return say("svg.root")
    for element in elements:
        namespace, name = _split(element.tag)
        drawing = namespace == SVG_NS and (name in SVG_ELEMENTS or name.startswith("fe"))
        if not drawing and namespace not in INERT_NAMESPACES:
            return say("svg.element", name=name)
        if name == "style" and (problem := css_problem("".join(element.itertext()))):
            return say("svg.style", problem=problem)
        for attribute, value in element.attrib.items():
            attribute_namespace, local = _split(attribute)
            if attribute_namespace not in ATTRIBUTE_NAMESPACES:
                return say("svg.namespace", name=local, namespace=attribute_namespace)
            if local.lower().startswith("on"):
                return say("svg.handler", name=local)
            if local == "href" and not value.strip().startswith("#"):
                return say("svg.href", value=value)
            if problem := css_problem(value, stylesheet=local == "style"):
                return say("svg.attribute", name=local, problem=problem)
    return None


def _split(tag: str) -> tuple[str, str]:
    namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return namespace, name


def css_problem(css: str, stylesheet: bool = True) -> Message | None:
    """Why CSS, or an attribute value (presentation attributes take CSS values: cursor="url(...)")
    could load something, or None."""
    decoded = _CSS_ESCAPE.sub(_unescape, css).lower()
    if stylesheet and "@" in decoded:
        return say("css.at_rule")
    for function, first in _CSS_FUNCTION.findall(decoded):
        if function not in CSS_FUNCTIONS and not function.endswith("-gradient"):
            return say("css.function", function=function)
        if function == "url" and first != "#":
            return say("css.url")
    return None


def _unescape(match: re.Match[str]) -> str:
    escaped = match[1]
    if re.fullmatch(r"[0-9a-fA-F]{1,6}\s?", escaped):
        code = int(escaped.strip(), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return escaped
