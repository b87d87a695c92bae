"""Dates as a reader of each language expects them ("15 janvier 2027", "15 January 2027")."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date

from labsite.common.languages import LANGUAGES
from labsite.common.when import When


@lru_cache(maxsize=10_000)
def long_date(day: dt.date, lang: str) -> str:
    text = format_date(day, "long", locale=LANGUAGES[lang].date_locale)
    # French writes the first day of a month as an ordinal: "1er octobre 2024".
    return "1er" + text[1:] if lang == "fr" and day.day == 1 else text


def _clock(time: dt.time, lang: str) -> str:
    """14 h 30 in French (the typographic norm), 2:30 pm in English."""
    if lang == "fr":
        return f"{time.hour} h {time.minute:02d}"
    hour = time.hour % 12 or 12
    return f"{hour}:{time.minute:02d} {'am' if time.hour < 12 else 'pm'}"


def span(starts: When, ends: When, lang: str) -> str:
    """When an event takes place, as a reader says it: "12 mars 2027, 14 h 00 - 16 h 00", "12 March
    2027 - 13 March 2027" (whole days), "12 March 2027, 2:00 pm - 13 March 2027, 10:00 am" (with
    an en dash, not the hyphen written here)."""
    if starts.whole_day and ends.whole_day:
        if starts.day == ends.day:
            return long_date(starts.day, lang)
        return f"{long_date(starts.day, lang)} – {long_date(ends.day, lang)}"
    first = long_date(starts.day, lang) + ("" if starts.time is None else f", {_clock(starts.time, lang)}")
    if ends.day == starts.day and ends.time is not None:
        return f"{first} – {_clock(ends.time, lang)}"
    last = long_date(ends.day, lang) + ("" if ends.time is None else f", {_clock(ends.time, lang)}")
    return f"{first} – {last}"
