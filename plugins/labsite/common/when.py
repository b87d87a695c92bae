"""When an event starts or ends: a whole day, or a day and a time on the clock of Paris.

Contributors write what they would say ("2027-03-12", "2027-03-12 14:00"); the offset to UTC
comes from the date, so an event on either side of a daylight-saving change keeps its local time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labsite.common.clock import PARIS


@dataclass(frozen=True)  # equal when day and time are: 00:00 is not the whole day
class When:
    day: dt.date
    time: dt.time | None = None  # None: the whole day

    @property
    def whole_day(self) -> bool:
        return self.time is None

    def local(self) -> dt.datetime:
        """The moment in Paris, with its offset (a whole day: its start)."""
        return dt.datetime.combine(self.day, self.time or dt.time(0, 0), PARIS)

    def exists(self) -> bool:
        """False for a time the clocks skip (02:30 on the last Sunday of March)."""
        moment = self.local()
        return moment.astimezone(dt.UTC).astimezone(PARIS).replace(tzinfo=None) == moment.replace(tzinfo=None)

    def text(self) -> str:
        """As a contributor writes it: 2027-03-12, or 2027-03-12 14:00."""
        return self.day.isoformat() if self.time is None else f"{self.day.isoformat()} {self.time:%H:%M}"

    def isoformat(self) -> str:
        """As schema.org and the guides write it: 2027-03-12, or 2027-03-12T14:00:00+01:00."""
        return self.day.isoformat() if self.time is None else self.local().isoformat()
