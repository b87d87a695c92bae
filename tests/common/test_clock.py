from __future__ import annotations

import datetime as dt

import pytest

from labsite.common import clock


def test_source_date_epoch_is_read_in_paris(monkeypatch: pytest.MonkeyPatch) -> None:
    # 2026-12-31 23:30 UTC is already 1 January in Paris.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC).timestamp())))
    assert clock.today() == dt.date(2027, 1, 1)
    assert clock.now().utcoffset() == dt.timedelta(hours=1)


def test_a_bad_epoch_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        clock.today()


def test_without_epoch_the_clock_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert abs(clock.now() - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
