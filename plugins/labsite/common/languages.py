"""The site's languages: codes, names, locales and where each one lives."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as in <html lang> and in source file names (NAME.fr.md)
    name: str  # the language's own name, shown in the language switch
    locale: str  # Open Graph locale
    prefix: str  # URL path of its root, relative to the site root ("" or "en/")
    date_locale: str  # Babel locale for dates and plurals


FRENCH = Language("fr", "Français", "fr_FR", "", "fr_FR")
ENGLISH = Language("en", "English", "en_US", "en/", "en_GB")  # dates as "15 January 2027"

LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (FRENCH, ENGLISH)}
DEFAULT_LANGUAGE = FRENCH


def others(code: str) -> list[Language]:
    return [lang for lang in LANGUAGES.values() if lang.code != code]
