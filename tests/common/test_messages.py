"""Messages follow the contributor's language: both catalogues say the same things, with the
same placeholders, every message the code makes exists, and the language comes from
--lang, LABSITE_LANG or the locale."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from labsite.common import messages
from tests.conftest import FIXTURE_FILES, REPO, run_labsite, write_site

PACKAGE = REPO / "plugins" / "labsite"


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_catalogues_have_the_same_keys_and_placeholders() -> None:
    assert set(messages.EN) == set(messages.FR)
    for key in messages.EN:
        assert _placeholders(messages.EN[key]) == _placeholders(messages.FR[key]), key


def test_every_message_the_code_makes_is_in_the_catalogues() -> None:
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"""\bsay\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no message found: the pattern is wrong"
    assert used - set(messages.EN) == set()


def test_french_messages_are_french() -> None:
    """None mixes the languages (the old 'missing: the Français text of this item')."""
    english = re.compile(r"\b(the|is|must|not allowed|which|write|field)\b")
    mixed = {key: text for key, text in messages.FR.items() if english.search(re.sub(r"\{[^}]*\}|`[^`]*`", "", text))}
    assert mixed == {}


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({"LABSITE_LANG": "fr"}, [], "champ obligatoire manquant"),
        ({"LABSITE_LANG": "", "LANG": "fr_FR.UTF-8"}, [], "champ obligatoire manquant"),
        ({"LABSITE_LANG": "", "LANG": "en_GB.UTF-8"}, [], "missing required field"),
        ({"LABSITE_LANG": "en", "LANG": "fr_FR.UTF-8"}, [], "missing required field"),
        ({"LABSITE_LANG": "en"}, ["--lang", "fr"], "champ obligatoire manquant"),
    ],
)
def test_the_language_of_the_messages(tmp_path: Path, monkeypatch, env: dict, args: list, expected: str) -> None:
    files = dict(FIXTURE_FILES)
    files["projects/heart-ai/index.yml"] = str(files["projects/heart-ai/index.yml"]).replace("status: ongoing\n", "")
    config = write_site(tmp_path, files)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    result = run_labsite(config, *args, "check")
    assert result.returncode == 1
    assert f"projects/heart-ai/index.yml:1:1: error: status: {expected}" in result.stdout, result.stdout
    summary = "erreur(s)" if "manquant" in expected else "error(s)"
    assert summary in result.stderr


def test_an_annotation_is_in_the_language_asked(tmp_path: Path, monkeypatch) -> None:
    files = dict(FIXTURE_FILES)
    files["projects/heart-ai/index.yml"] = str(files["projects/heart-ai/index.yml"]).replace("status: ongoing\n", "")
    monkeypatch.setenv("LABSITE_LANG", "fr")
    result = run_labsite(write_site(tmp_path, files), "check", "--format", "github")
    assert "::error file=projects/heart-ai/index.yml,line=1,col=1::status: champ obligatoire manquant" in result.stdout
