"""What "now" means for a build: SOURCE_DATE_EPOCH when set, else the clock, in Paris."""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def now() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), PARIS)
        except ValueError:
            raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from None
    return datetime.now(PARIS)


def today() -> date:
    return now().date()
