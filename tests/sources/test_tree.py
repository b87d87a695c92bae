"""A preview's rebuild takes the source tree as the last one made it while no file came, went
or changed kind: the same tree as walking the sources again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from labsite.build.preview import stamps
from labsite.sources import tree
from tests.conftest import FIXTURE_FILES, write_site


def test_the_tree_is_walked_again_only_when_a_file_comes_goes_or_changes_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_site(tmp_path, FIXTURE_FILES)
    monkeypatch.setattr(tree, "_LAST", None)
    walks: list[int] = []
    walk = tree._discover
    monkeypatch.setattr(tree, "_discover", lambda root: walks.append(1) or walk(root))

    def rebuild() -> tuple[tree.SourceTree, int]:
        walks.clear()
        found = tree.discover(tmp_path, stamps(tmp_path))
        assert found == walk(tmp_path)  # what walking the sources finds
        return found, len(walks)

    first, walked = rebuild()
    assert walked == 1 and not first.problems
    again, walked = rebuild()
    assert again is first and walked == 0
    text = tmp_path / "projects/lung-scan/index.fr.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    assert rebuild() == (first, 0)  # an edit changes no file's name or kind

    (tmp_path / "projects/lung-scan/scan.svg").write_text("<svg/>", encoding="utf-8")
    added, walked = rebuild()
    assert walked == 1 and "projects/lung-scan/scan.svg" in {a.path for a in added.assets}
    (tmp_path / "projects/lung-scan/scan.svg").unlink()
    assert rebuild()[1] == 1

    text.unlink()
    text.symlink_to("/etc/passwd")  # a link in a file's place: the same name, another kind
    linked, walked = rebuild()
    assert walked == 1 and [d.path for d in linked.problems] == ["projects/lung-scan/index.fr.md"]
    text.unlink()
    text.write_text("---\ntitle: T\nsummary: S\n---\n", encoding="utf-8")
    assert rebuild()[1] == 1

    shutil.move(tmp_path / "content", tmp_path / "elsewhere")
    (tmp_path / "content").symlink_to(tmp_path / "elsewhere")  # the same files through a linked folder
    section, walked = rebuild()
    assert walked == 1 and [d.path for d in section.problems] == ["content"]
