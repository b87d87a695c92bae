"""Share cards drawn with Pillow: size, text, French coverage, wrapping, determinism, cache."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image

from labsite.outputs import cards
from labsite.outputs.cache import DIGEST_SUFFIX
from labsite.outputs.cards import CardSpec
from tests.conftest import REPO

FRENCH = "Œuvre « Été » : l’hôpital n° 1 à Noël — ça, c’est « œcuménique » ; Ça ÉTÉ ÀÇÉÈÊËÎÏÔÙÛÜŸ àâäçéèêëîïôöùûüÿæœ…"


def spec(title: str = "Un titre", image: str | None = None, **changes: str) -> CardSpec:
    values = {
        "wordmark": "Laboratoire Bernoulli",
        "kind": "Projet",
        "subtitle": "ACRO · En cours",
        "site": "lab.example.org",
    }
    return CardSpec(**{**values, **changes}, title=title, image=image)


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_card_is_a_1200x630_png_with_text_in_the_title_area() -> None:
    image = decode(cards.render(spec("Alerte précoce du sepsis")))
    assert image.format == "PNG" and image.size == (1200, 630) and image.mode == "P"  # palette: small, fast
    image = image.convert("RGB")
    title_area = image.crop((80, 226, 900, 300)).convert("L")
    white = sum(title_area.histogram()[201:])
    assert white > 1500  # the title's letters
    blank = decode(cards.render(spec(" ", subtitle=""))).convert("RGB")
    assert sum(blank.crop((80, 226, 900, 300)).convert("L").histogram()[201:]) == 0


def test_every_french_character_is_in_the_fonts() -> None:
    for font in (cards.TITLE_FONT, cards.TEXT_FONT):
        cmap = TTFont(font).getBestCmap()
        missing = {c for c in FRENCH if c != " " and ord(c) not in cmap}
        assert missing == set(), (font.name, missing)
    assert cards.drawable(FRENCH) == FRENCH


def test_characters_without_glyph_are_left_out_not_drawn_as_boxes() -> None:
    assert cards.drawable("Prix 🏆 « IA » ✅") == "Prix « IA »"


def test_long_title_wraps_to_three_lines_with_an_ellipsis() -> None:
    font = cards._font(cards.TITLE_FONT, 62)
    title = "Une très longue phrase " * 12
    lines = cards.wrap(title, font, 1040, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 1040 for line in lines)
    # Cut at a word boundary: every word shown is a whole word of the title.
    words = title.split()
    shown = " ".join(lines).removesuffix("…").split()
    assert shown == words[: len(shown)]
    assert cards.wrap("Court", font, 1040, 3) == ["Court"]
    assert all(font.getlength(line) <= 300 for line in cards.wrap("Anticonstitutionnellement" * 3, font, 300, 3))


def test_same_input_same_bytes() -> None:
    assert cards.render(spec(FRENCH)) == cards.render(spec(FRENCH))


def test_key_is_exactly_what_is_drawn(tmp_path: Path) -> None:
    image = tmp_path / "cover.png"
    Image.new("RGB", (40, 20), "red").save(image)
    before = spec(image=str(image)).key()
    assert spec(image=str(image)).key() == before
    assert spec("Autre titre", image=str(image)).key() != before
    assert spec(image=str(image), subtitle="ACRO · Terminé").key() != before
    Image.new("RGB", (40, 20), "blue").save(image)  # same path, other bytes
    assert spec(image=str(image)).key() != before


def test_cache_renders_once_then_reuses(tmp_path: Path) -> None:
    specs = {f"c{i}.png": spec(f"Titre {i}") for i in range(4)}
    paths, stats = cards.ensure(specs, tmp_path / "cache", workers=2)
    assert (stats.rendered, stats.reused) == (4, 0)
    assert all(decode(p.read_bytes()).size == (1200, 630) for p in paths.values())
    _, again = cards.ensure(specs, tmp_path / "cache", workers=2)
    assert (again.rendered, again.reused) == (0, 4)
    specs["c0.png"] = spec("Titre changé")
    _, changed = cards.ensure(specs, tmp_path / "cache", workers=1)
    assert (changed.rendered, changed.reused) == (1, 3)


def test_item_image_is_drawn_on_the_right(tmp_path: Path) -> None:
    image = tmp_path / "cover.png"
    Image.new("RGB", (400, 300), (255, 0, 0)).save(image)
    card = decode(cards.render(spec(image=str(image)))).convert("RGB")
    assert card.getpixel((1100, 300)) == (255, 0, 0) and card.getpixel((40, 300)) != (255, 0, 0)


def test_logo_is_a_square_png() -> None:
    assert decode(cards.logo()).size == (256, 256)


def _planted(cache: Path, name: str, how: str) -> None:
    """A cache entry that this code did not write, under a card's name."""
    path = cache / name
    digest = Path(f"{path}{DIGEST_SUFFIX}")
    path.unlink()
    if how == "a link to a system file":
        path.symlink_to("/etc/passwd")
    elif how == "a system file's bytes":
        path.write_bytes(Path("/etc/passwd").read_bytes())
    elif how == "a PNG of another size":
        out = io.BytesIO()
        Image.new("RGB", (1200, 631)).save(out, "PNG")
        path.write_bytes(out.getvalue())
    elif how == "a card-sized PNG with no recorded hash":
        out = io.BytesIO()
        Image.new("RGB", (1200, 630), "red").save(out, "PNG")
        path.write_bytes(out.getvalue())
        digest.unlink()
    elif how == "a card-sized PNG with a hash of other bytes":
        out = io.BytesIO()
        Image.new("RGB", (1200, 630), "red").save(out, "PNG")
        path.write_bytes(out.getvalue())


def test_a_cache_entry_is_used_only_if_this_code_wrote_it(tmp_path: Path) -> None:
    """Links, foreign bytes, wrong sizes and unrecorded or mismatched hashes are all rendered again."""
    ways = [
        "a link to a system file",
        "a system file's bytes",
        "a PNG of another size",
        "a card-sized PNG with no recorded hash",
        "a card-sized PNG with a hash of other bytes",
    ]
    specs = {f"c{i}.png": spec(f"Titre {i}") for i in range(len(ways) + 1)}
    cache = tmp_path / "cache"
    paths, _ = cards.ensure(specs, cache, workers=1)
    expected = {name: path.read_bytes() for name, path in paths.items()}
    for name, how in zip(specs, ways, strict=False):
        _planted(cache, paths[name].name, how)
    paths, stats = cards.ensure(specs, cache, workers=1)
    assert (stats.rendered, stats.reused) == (len(ways), 1)
    for name, path in paths.items():
        assert not path.is_symlink() and path.read_bytes() == expected[name]
        assert cards.trusted(path)


def test_a_phone_photo_is_drawn_upright_on_its_card() -> None:
    """The committed photo is stored 40x20 (left red, right blue) with EXIF orientation 6: shown
    upright it is a portrait, red above blue, and so it is on the card's right panel."""
    card = decode(cards.render(spec(image=str(REPO / "tests" / "data" / "gps-rotated.jpg")))).convert("RGB")
    top, bottom = card.getpixel((cards.WIDTH - 210, 60)), card.getpixel((cards.WIDTH - 210, cards.HEIGHT - 60))
    assert top[0] > 180 > top[2] and bottom[2] > 180 > bottom[0], (top, bottom)
