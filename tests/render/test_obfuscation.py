from __future__ import annotations

import base64
import html
import re

from labsite.render.obfuscation import obfuscate_markdown


def addresses(text: str) -> list[str]:
    return [base64.b64decode(e).decode()[::-1] for e in re.findall(r'data-ls-email="([^"]+)"', text)]


def test_every_written_form_is_hidden() -> None:
    text = obfuscate_markdown("A <a.b@x.fr>, [écrire](mailto:c@y.org), bare d-e@z.co.uk, <mailto:f@w.fr>.", "fr")
    assert addresses(text) == ["a.b@x.fr", "c@y.org", "d-e@z.co.uk", "f@w.fr"]
    for clear in ("a.b@x.fr", "c@y.org", "d-e@z.co.uk", "f@w.fr"):
        assert clear not in html.unescape(text)
    assert "a.b [arobase] " in text and '<span class="ls-email__label">écrire</span>' in text


def test_readable_form_in_english() -> None:
    text = obfuscate_markdown("<team@lab.example.org>", "en")
    visible = re.sub(r'<span class="ls-email__decoy"[^>]*>.*?</span>', "", text)
    assert re.sub(r"<[^>]+>", "", visible) == "team [at] lab [dot] example [dot] org"


def test_text_without_address_is_unchanged() -> None:
    assert obfuscate_markdown("Écrivez-nous @ la maison.", "fr") == "Écrivez-nous @ la maison."
