"""Every decision that depends on the date, in one place: whether an item is out yet, whether
a job ad or a call is open, how many days it has left.

"Today" is the build's: SOURCE_DATE_EPOCH when set, else the clock, in Europe/Paris, read
once per build (labsite.build.site). The site is rebuilt every morning, so an ad leaves the
open list the day after its deadline and a news item dated later appears on its day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from labsite.model.content import Announcement, Item


@dataclass(frozen=True)
class Standing:
    scheduled: bool  # dated later than today: published on its day
    is_open: bool  # a job ad or call whose deadline day has not ended
    closed: bool  # a job ad or call past its deadline (still online, out of the open lists)
    days_left: int | None  # to the deadline, negative once past; None without one
    past: bool = False  # an event whose last day has ended: in the agenda's past, out of the calendars' "next"
    registering: bool = False  # an event still taking registrations (to the end of their last day)


def standing(item: Item, today: dt.date) -> Standing:
    """Where ``item`` stands on ``today``."""
    deadline = item.deadline if isinstance(item, Announcement) and item.is_job else None
    days_left = (deadline - today).days if deadline else None
    is_open = days_left is not None and days_left >= 0
    scheduled = isinstance(item, Announcement) and item.date > today
    past = registering = False
    if isinstance(item, Announcement) and item.type == "event" and item.ends is not None:
        # An event is upcoming to the end of its last day, as an ad is open to the end of its deadline's.
        past = item.ends.day < today
        closes = item.registration_deadline or (item.starts.day if item.starts else item.ends.day)
        registering = bool(item.registration) and not past and today <= closes and item.status != "cancelled"
    return Standing(scheduled, is_open, deadline is not None and not is_open, days_left, past, registering)


def last_changed_before(item: Announcement, today: dt.date) -> bool:
    """Whether the item says it last changed before today (its ``updated``, else its date)."""
    return (item.updated or item.date) < today
