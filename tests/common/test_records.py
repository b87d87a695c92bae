"""A record this process last read or wrote is not parsed again while its file keeps its stamp
(a preview's rebuilds); any change to the file, or one too recent to tell, is read anew."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from labsite.common import records


def _valid(value: Any) -> bool:
    return isinstance(value, list)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The texts records.read parsed."""
    seen: list[bytes] = []
    real = json.loads

    def loads(data: bytes) -> Any:
        seen.append(data)
        return real(data)

    monkeypatch.setattr(records.json, "loads", loads)
    return seen


def test_an_unchanged_record_is_parsed_once(
    tmp_path: Path, parsed: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records, "RACY_NS", 0)
    path = tmp_path / "record.json"
    path.write_text('{"a": [1, 2], "../out": [3]}')
    assert records.read(path, _valid) == {"a": (1, 2)}
    mine = records.read(path, _valid)
    assert mine == {"a": (1, 2)} and len(parsed) == 1
    mine["b"] = (4,)  # the caller's own dictionary
    assert records.read(path, _valid) == {"a": (1, 2)}

    path.write_text('{"b": [5]}')  # changed by another process
    assert records.read(path, _valid) == {"b": (5,)} and len(parsed) == 2
    records.write(path, {"c": [6]})  # written by this one: known as written
    assert records.read(path, _valid) == {"c": (6,)} and len(parsed) == 2
    path.unlink()
    assert records.read(path, _valid) == {} and len(parsed) == 2  # no file: nothing to parse


def test_a_record_changed_too_recently_to_trust_its_stamp_is_parsed_again(tmp_path: Path, parsed: list[bytes]) -> None:
    path = tmp_path / "record.json"
    records.write(path, {"a": [1]})
    assert records.read(path, _valid) == {"a": (1,)}
    assert records.read(path, _valid) == {"a": (1,)}
    assert len(parsed) == 2
