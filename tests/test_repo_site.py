"""The lab's own site: every page in both languages, built strictly from the repository."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from labsite.model.content import DATA_SOURCES, STATUSES
from tests.conftest import REPO, build_catalog

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


def test_example_content_covers_the_model() -> None:
    catalog = build_catalog(REPO, today=dt.date(2026, 11, 29))
    assert catalog.errors == []
    projects = catalog.projects.values()
    assert len(projects) >= 8
    assert {p.status for p in projects} == set(STATUSES)
    assert {s for p in projects for s in p.data_sources} == set(DATA_SOURCES)
    assert {t for p in projects for t in p.themes} == set(catalog.taxonomy.themes)
    institutions = {catalog.partners[i].institution for p in projects for i in p.partners}
    assert institutions == {"AP-HP", "Inria", "other"}
    by_type = {kind: [a for a in catalog.announcements.values() if a.type == kind] for kind in ("news", "job", "call")}
    assert len(by_type["news"]) >= 6 and len(by_type["job"]) >= 3
    assert any(catalog.standing(job).closed for job in by_type["job"])
    assert any(call.kind == "hosting-position" and call.start_date.month == 11 for call in by_type["call"])


def test_workflows_check_pull_requests_safely_and_deploy_daily() -> None:
    pr = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text())
    triggers = pr[True]  # YAML 1.1 reads the key `on` as true
    assert list(triggers) == ["pull_request"] and pr["permissions"] == {}
    assert pr["jobs"]["check"]["permissions"] == {"contents": "read"}
    steps = " ".join(step.get("run", "") for step in pr["jobs"]["check"]["steps"])
    for command in ("labsite check --format github", "labsite build --strict", "pytest"):
        assert command in steps
    # The tools the tests need in CI, installed as .ci/run installs them.
    assert "scripts/test-tools.sh" in steps and "scripts/test-tools.sh" in (REPO / ".ci/run").read_text()
    deploy = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text())
    assert "schedule" in deploy[True] and "push" in deploy[True]
    # Only the job that runs no repository code may publish.
    assert deploy["permissions"] == {} and deploy["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    # The build cache: the deploy restores and saves it, from main only; a pull request only reads it.
    uses = {
        name: [s.get("uses", "") for s in flow["jobs"][job]["steps"]]
        for name, flow, job in (("pr", pr, "check"), ("deploy", deploy, "build"))
    }
    assert [u.split("@")[0] for u in uses["pr"] if "cache" in u] == ["actions/cache/restore"]
    saves = [s for s in deploy["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/cache/save@")]
    assert len(saves) == 1 and saves[0]["if"] == "github.ref == 'refs/heads/main'"
    assert saves[0]["with"]["key"].startswith("labsite-deploy-")


@pytest.mark.parametrize(
    "command",
    [["actionlint"], ["zizmor", "--offline", "--no-progress", ".github/workflows"]],
    ids=["actionlint", "zizmor"],
)
def test_workflows_have_no_finding(command: list[str]) -> None:
    """actionlint (syntax, expressions, script injection) and zizmor (pinned actions, least
    permissions, template injection, cache poisoning, pull_request_target) find nothing."""
    tool = Path(sys.executable).parent / command[0]
    result = subprocess.run([str(tool), *command[1:]], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    for workflow in (REPO / ".github/workflows").glob("*.yml"):
        for line in workflow.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"@[0-9a-f]{40}\b", line), f"{workflow.name}: not pinned to a commit: {line.strip()}"


def test_hosting_positions_call_shows_its_calendar(repo_site: Path) -> None:
    calls = [
        p
        for p in (repo_site / "recrutement").glob("*/index.html")
        if "Appel à candidatures" in p.read_text(encoding="utf-8")
    ]
    assert calls, "no call for applications on the board"
    text = html.unescape(calls[0].read_text(encoding="utf-8"))
    for label in ("Ouverture des candidatures", "Date limite", "Auditions", "Prise de fonctions", "1er novembre"):
        assert label in text, label


def test_no_e_mail_address_in_clear_in_any_html_feed_or_json(repo_site: Path) -> None:
    address = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.I)
    checked = 0
    for path in repo_site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json"}:
            text = html.unescape(path.read_text(encoding="utf-8"))
            assert not address.search(text), (path, address.search(text))
            checked += 1
    assert checked > 100


def test_the_home_page_shows_the_featured_projects(repo_site: Path) -> None:
    for path, titles in (("index.html", ("VIGISEPSIS", "EMUL-FA", "PHENORARE")), ("en/index.html", ("VIGISEPSIS",))):
        home = (repo_site / path).read_text(encoding="utf-8")
        section = home.split('id="ls-home-featured"', 1)[1].split("</section>", 1)[0]
        assert section.count('class="ls-project"') == 3
        assert all(title in section for title in titles), path
