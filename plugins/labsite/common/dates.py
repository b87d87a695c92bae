"""Dates as a reader of each language expects them ("15 janvier 2027", "15 January 2027")."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date

from labsite.common.languages import LANGUAGES


@lru_cache(maxsize=10_000)
def long_date(day: dt.date, lang: str) -> str:
    text = format_date(day, "long", locale=LANGUAGES[lang].date_locale)
    # French writes the first day of a month as an ordinal: "1er octobre 2024".
    return "1er" + text[1:] if lang == "fr" and day.day == 1 else text
