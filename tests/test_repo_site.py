"""The lab's own site: every page in both languages, built strictly from the repository."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

PAGES = {
    "": "en/",
    "innover-ensemble/": "en/innovating-together/",
    "exploiter-les-donnees/": "en/exploiting-data-from-care/",
    "valoriser-vos-travaux/": "en/disseminating-your-work/",
    "postes-d-accueil/": "en/hosting-positions/",
    "contact/": "en/contact/",
    "mentions-legales/": "en/legal-notice/",
    "accessibilite/": "en/accessibility/",
    "confidentialite/": "en/privacy/",
    "projets/": "en/projects/",
    "actualites/": "en/news/",
    "recrutement/": "en/jobs/",
}


@pytest.mark.parametrize(("french", "english"), PAGES.items())
def test_every_page_exists_in_both_languages(repo_site: Path, french: str, english: str) -> None:
    fr = (repo_site / french / "index.html").read_text(encoding="utf-8")
    en = (repo_site / english / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in fr and '<html lang="en"' in en
    assert f'hreflang="en" href="https://bernoulli-lab.fr/{english}"' in fr
    assert f'hreflang="fr" href="https://bernoulli-lab.fr/{french}"' in en


def test_data_page_names_the_cnil_authorisation(repo_site: Path) -> None:
    for url in ("exploiter-les-donnees", "en/exploiting-data-from-care"):
        text = html.unescape((repo_site / url / "index.html").read_text(encoding="utf-8"))
        assert "1980120" in text and "PACS" in text and "EDS" in text


def test_home_is_a_landing_page_with_the_compliance_status(repo_site: Path) -> None:
    home = (repo_site / "index.html").read_text(encoding="utf-8")
    assert 'class="ls-hero' in home and "Accessibilité : non conforme" in home
    assert 'href="accessibilite/"' in home and 'href="projets/"' in home and 'href="recrutement/"' in home
    assert "md-sidebar--primary" in home and 'data-md-type="navigation" hidden' in home
    english = (repo_site / "en/index.html").read_text(encoding="utf-8")
    assert "Accessibility: non-compliant" in english


def test_no_third_party_resource_in_any_page(repo_site: Path) -> None:
    for path in repo_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        assert "contact@bernoulli-lab.fr" not in html.unescape(text), path
