"""The `labsite` command as contributors and CI use it: check, new, schema."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from labsite.commands import schema as schemas_command
from tests.conftest import FIXTURE_FILES, NEWS_YML, PROJECT_YML, REPO, run_labsite, write_site
from tests.conftest import page as page_md


def broken_site(tmp_path: Path) -> Path:
    files = dict(FIXTURE_FILES)
    files["projects/heart-ai/index.yml"] = PROJECT_YML.replace("status: ongoing", "status: paused")
    files["news/first-news/index.fr.md"] = '---\ntitle: "Première\nsummary: x\n---\n'
    return write_site(tmp_path, files)


def test_check_prints_every_error_at_once_and_fails(tmp_path: Path) -> None:
    result = run_labsite(broken_site(tmp_path), "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "news/first-news/index.fr.md:2:8: error: YAML syntax error: a quoted text starts here and is never closed: add the closing quote",
        "projects/heart-ai/index.yml:2:9: error: status: 'paused' is not allowed; allowed: idea, ongoing, completed",
    ]
    assert "2 error(s), 0 warning(s) in 2 file(s)" in result.stderr


def test_check_github_annotations(tmp_path: Path) -> None:
    result = run_labsite(broken_site(tmp_path), "check", "--format", "github")
    assert result.returncode == 1
    assert (
        "::error file=projects/heart-ai/index.yml,line=2,col=9::status%3A 'paused' is not allowed; allowed%3A idea, ongoing, completed"
        not in result.stdout
    )
    assert (
        "::error file=projects/heart-ai/index.yml,line=2,col=9::status: 'paused' is not allowed; allowed: idea, ongoing, completed"
        in result.stdout
    )


def test_check_given_paths_reports_only_those(tmp_path: Path) -> None:
    config = broken_site(tmp_path)
    result = run_labsite(config, "check", "projects/heart-ai")
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["projects/heart-ai/index.yml"]
    clean = run_labsite(config, "check", "content/about.fr.md")
    assert clean.returncode == 0 and clean.stdout == ""


def test_check_passes_on_a_valid_site_and_names_scheduled_items(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["news/first-news/index.yml"] = NEWS_YML.replace("date: 2026-05-04", "date: 2099-01-01")
    result = run_labsite(write_site(tmp_path, files), "check")
    assert result.returncode == 0, result.stdout
    assert "news/first-news/: published from 2099-01-01 on" in result.stderr
    assert "no problem" in result.stderr


def test_new_writes_both_languages_and_refuses_to_overwrite(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    result = run_labsite(config, "new", "job", "data-engineer")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "news/data-engineer"
    assert sorted(p.name for p in folder.iterdir()) == ["index.en.md", "index.fr.md", "index.yml"]
    facts = (folder / "index.yml").read_text(encoding="utf-8")
    assert facts.startswith("# yaml-language-server: $schema=../../schemas/announcement.schema.json")
    assert "type: job" in facts and "draft: true" in facts and "deadline:" in facts
    assert "# Application deadline, YYYY-MM-DD (included) (obligatoire / required)" in facts
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    again = run_labsite(config, "new", "job", "data-engineer")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert run_labsite(config, "check").returncode == 0


@pytest.mark.parametrize("slug", ["Data_Engineer", "../escape", "a--b", ""])
def test_new_rejects_bad_slugs(tmp_path: Path, slug: str) -> None:
    config = write_site(tmp_path)
    result = run_labsite(config, "new", "project", slug)
    assert result.returncode == 1 and "not a valid slug" in result.stderr
    assert not (tmp_path / "escape").exists()


def test_every_field_of_the_template_is_present(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    assert run_labsite(config, "new", "project", "x").returncode == 0
    facts = yaml.safe_load((tmp_path / "projects/x/index.yml").read_text(encoding="utf-8"))
    assert list(facts) == [
        "acronym",
        "date",
        "updated",
        "status",
        "start",
        "end",
        "themes",
        "partners",
        "data_sources",
        "contacts",
        "funding",
        "authorisation",
        "publications",
        "links",
        "image",
        "draft",
        "featured",
    ]
    page = (tmp_path / "projects/x/index.en.md").read_text(encoding="utf-8")
    assert "title: Project title" in page and "summary:" in page and "image_alt:" in page


def test_schema_command_writes_and_checks(tmp_path: Path) -> None:
    config = write_site(tmp_path)
    stale = run_labsite(config, "schema", "--check")
    assert stale.returncode == 1 and "out of date" in stale.stderr
    assert run_labsite(config, "schema").returncode == 0
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(schemas_command.render())
    assert run_labsite(config, "schema", "--check").returncode == 0


def test_committed_schemas_are_up_to_date() -> None:
    assert schemas_command.write(REPO, check_only=True) == []


def _as_json(value: object) -> object:
    """YAML dates become the strings the JSON Schema describes."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_schemas_accept_the_repository_content() -> None:
    schema = {
        name: json.loads((REPO / "schemas" / f"{name}.schema.json").read_text()) for name in schemas_command.SCHEMAS
    }
    checked = 0
    for section, kind in (("projects", "project"), ("news", "announcement")):
        for facts in sorted((REPO / section).glob("*/index.yml")):
            jsonschema.validate(_as_json(yaml.safe_load(facts.read_text(encoding="utf-8"))), schema[kind])
            for page in sorted(facts.parent.glob("index.*.md")):
                jsonschema.validate(_front(page), schema[f"{kind}-page"])
            checked += 1
    for page in sorted((REPO / "content").glob("*.md")):
        jsonschema.validate(_front(page), schema["content-page"])
    jsonschema.validate(_as_json(yaml.safe_load((REPO / "data/partners.yml").read_text())), schema["partners"])
    jsonschema.validate(yaml.safe_load((REPO / "data/taxonomy.yml").read_text()), schema["taxonomy"])
    assert checked >= 18


def test_schemas_reject_what_check_rejects() -> None:
    schema = json.loads((REPO / "schemas/project.schema.json").read_text())
    facts = _as_json(yaml.safe_load(PROJECT_YML))
    jsonschema.validate(facts, schema)
    for broken in ({**facts, "status": "paused"}, {**facts, "stauts": "idea"}, {**facts, "themes": []}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def test_check_refuses_a_path_that_does_not_exist(tmp_path: Path) -> None:
    result = run_labsite(write_site(tmp_path), "check", "projects/does-not-exist")
    assert result.returncode == 1
    assert "projects/does-not-exist:1:1: error: no such file or folder: projects/does-not-exist" in result.stdout


def test_check_lists_what_is_not_published_and_why(tmp_path: Path) -> None:
    files = dict(FIXTURE_FILES)
    files["projects/lung-scan/index.yml"] = str(files["projects/lung-scan/index.yml"]).replace(
        "draft: false", "draft: true"
    )
    result = run_labsite(write_site(tmp_path, files), "check")
    assert result.returncode == 0
    notice = result.stderr[result.stderr.index("not published") :]
    assert "projects/lung-scan/: draft (draft: true)" in notice
    assert "news/old-internship/: deadline 2026-10-15 passed: shown as closed" in notice


def test_a_content_page_in_no_menu_is_a_warning_naming_the_line(tmp_path: Path) -> None:
    files = {
        **FIXTURE_FILES,
        "content/team.fr.md": page_md("Équipe", "equipe"),
        "content/team.en.md": page_md("Team", "team"),
    }
    config = write_site(tmp_path, files)
    line = next(n for n, text in enumerate(config.read_text().splitlines(), start=1) if text.strip().startswith("nav:"))
    result = run_labsite(config, "check")
    assert result.returncode == 0
    assert (
        f"content/team.fr.md:1:1: warning: this page is in no menu: add 'team' to nav: or footer: in mkdocs.yml (line {line})"
        in result.stdout
    )
    assert "1 warning(s), no error" in result.stderr


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=root, check=True, capture_output=True
    )


def test_a_job_ad_added_with_its_deadline_past_is_warned_about(tmp_path: Path) -> None:
    """Committed ads that have closed are normal; one being added (or edited) already closed
    would never be shown open: a warning at its deadline."""
    config = write_site(tmp_path)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "site")
    assert "warning" not in run_labsite(config, "check").stdout  # old-internship closed, committed
    (tmp_path / "news/late-offer").mkdir()
    for name in ("index.yml", "index.fr.md", "index.en.md"):
        text = (tmp_path / "news/old-internship" / name).read_text(encoding="utf-8")
        (tmp_path / "news/late-offer" / name).write_text(text, encoding="utf-8")
    result = run_labsite(config, "check")
    assert result.returncode == 0
    assert (
        "news/late-offer/index.yml:4:1: warning: deadline: the deadline 2026-10-15 has already passed" in result.stdout
    )
    assert "old-internship/index.yml" not in result.stdout


# A stand-in for the command: an exit function, an object whose teardown says so, a given code.
_RUN = """
import atexit, sys, threading
from labsite.commands import cli

class Held:
    def __del__(self):
        print("torn down", flush=True)

held = Held()
atexit.register(lambda: print("exit functions ran", flush=True))
if sys.argv[1] == "thread":
    threading.Thread(target=threading.Event().wait, args=(0.5,)).start()
cli.main = lambda: 3
cli.run()
"""


@pytest.mark.parametrize("case", ["alone", "thread"])
def test_the_command_ends_without_tearing_its_objects_down(case: str) -> None:
    """The exit functions run and the exit code is kept; the objects are not freed one by one,
    unless a thread still runs (then the usual exit waits for it)."""
    result = subprocess.run([sys.executable, "-c", _RUN, case], capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    assert "exit functions ran" in result.stdout
    assert ("torn down" in result.stdout) == (case == "thread")
