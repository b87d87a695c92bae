"""What a job or call page shows about the position: every value also in its JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass

import markdown
from babel import Locale
from markupsafe import Markup

from labsite.common.dates import long_date
from labsite.common.strings import count, translate
from labsite.common.urls import relative
from labsite.generators.jobs import JobRow
from labsite.model.content import Announcement
from labsite.model.page import Page
from labsite.render.obfuscation import email_html, escaped_markdown
from labsite.render.structured_data import EMPLOYMENT
from labsite.sources import sanitize


@dataclass(frozen=True)
class JobDetails:
    rows: tuple[tuple[str, Markup], ...]  # (label, HTML)
    apply_html: Markup
    is_open: bool
    closed_banner: str


def apply_html(text: str, lang: str) -> Markup:
    """How to apply: contributor Markdown without raw HTML, e-mail addresses hidden as everywhere else."""
    return Markup(sanitize.clean(markdown.markdown(escaped_markdown(text, lang))))


def addresses_html(announcement: Announcement, lang: str) -> Markup:
    """The position's postal addresses, one <address> each, as a letter would carry them."""
    found = Markup()
    for address in announcement.addresses:
        town = " ".join(part for part in (address.postcode, address.city) if part)
        lines = [address.street, town, address.region if not address.postcode else None]
        if address.country and address.country != "FR":
            lines.append(Locale.parse(lang).territories.get(address.country, address.country))
        found += Markup('<address class="ls-address">{}</address>').format(
            Markup("<br>").join(line for line in lines if line)
        )
    return found


def details(page: Page, row: JobRow, site_name: str) -> JobDetails:
    announcement = page.item
    assert isinstance(announcement, Announcement) and announcement.kind
    lang = page.lang
    rows: list[tuple[str, Markup]] = [(translate(lang, "jobs.kind"), Markup.escape(row.kind_label))]
    if row.projects:
        label = "jobs.project" if len(row.projects) == 1 else "jobs.projects"
        link = Markup('<a href="{}">{}</a>')
        rows.append(
            (translate(lang, label), Markup(", ").join(link.format(relative(page.url, u), t) for t, u in row.projects))
        )
    rows.append((translate(lang, "jobs.location"), Markup.escape(row.location) + addresses_html(announcement, lang)))
    if announcement.opens:
        rows.append((translate(lang, "jobs.opens"), Markup.escape(long_date(announcement.opens, lang))))
    deadline = Markup("<strong>{}</strong> ({})").format(row.deadline_text, row.hint)
    rows.append((translate(lang, "jobs.deadline"), deadline))
    if announcement.hearing:
        rows.append((translate(lang, "jobs.hearing"), Markup.escape(long_date(announcement.hearing, lang))))
    if row.start:
        rows.append((translate(lang, "jobs.start"), Markup.escape(row.start)))
    if announcement.duration_months:
        months = count(lang, "jobs.months", announcement.duration_months)
        rows.append((translate(lang, "jobs.duration"), Markup.escape(months)))
    contract = ", ".join(translate(lang, f"contract.{c}") for c in EMPLOYMENT[announcement.kind])
    rows.append((translate(lang, "jobs.contract"), Markup.escape(contract)))
    rows.append((translate(lang, "jobs.employer"), Markup.escape(site_name)))
    if contact := announcement.contact:
        role = Markup(", {}").format(contact.role[lang]) if contact.role else ""
        person = Markup("{}{} — {}").format(contact.name, role, email_html(contact.email, lang))
        rows.append((translate(lang, "jobs.contact"), person))
    rows.append((translate(lang, "jobs.posted"), Markup.escape(long_date(announcement.date, lang))))
    text = announcement.texts[lang]
    banner = "" if row.is_open else translate(lang, "jobs.closed_banner", date=row.deadline_text)
    return JobDetails(tuple(rows), apply_html(text.apply or "", lang), row.is_open, banner)
