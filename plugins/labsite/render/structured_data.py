"""schema.org JSON-LD of the pages: the lab on the home page (ResearchOrganization), news
(NewsArticle), events (Event), projects (ResearchProject) and open positions (JobPosting)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from labsite.common.clock import PARIS
from labsite.common.languages import LANGUAGES
from labsite.common.strings import translate
from labsite.generators.people import PersonView
from labsite.generators.publications import PublicationList
from labsite.model.catalog import HOME, Catalog
from labsite.model.content import Address, Announcement, Project
from labsite.model.page import Page
from labsite.model.site import Site
from labsite.render import jsonld, scholarly
from labsite.render.share import LOGO, LOGO_SIZE, card_url
from labsite.render.standalone import standalone_html

# schema.org employmentType of each kind of position (all are fixed-term posts).
EMPLOYMENT = {
    "phd": ("FULL_TIME", "TEMPORARY"),
    "postdoc": ("FULL_TIME", "TEMPORARY"),
    "engineer": ("FULL_TIME", "TEMPORARY"),
    "internship": ("INTERN",),
    "hosting-position": ("FULL_TIME", "TEMPORARY"),
    "other": ("OTHER",),
}


def script(catalog: Catalog, site: Site, page: Page, content_html: str) -> Markup:
    """The page's JSON-LD as a complete script element, or nothing."""
    item = page.item
    if page.key == HOME:
        return jsonld.script(organization(site, page.lang))
    if isinstance(item, Announcement) and item.type == "news":
        return jsonld.script(news_article(site, page, item))
    if isinstance(item, Announcement) and item.type == "event":
        return jsonld.script(event(catalog, site, page, item))
    if isinstance(item, Project):
        return jsonld.script(research_project(catalog, site, page, item))
    if isinstance(page.view, PersonView):
        card = page.view.card
        renditions = catalog.renditions(card.photo) if card.photo else None
        image = site.url(renditions.largest.url) if renditions is not None else None
        return jsonld.script(scholarly.person(catalog, site, page.view.person, page.lang, page.url, image))
    if isinstance(page.view, PublicationList) and page.view.described and page.view.count:
        works = [w for _, found in page.view.years for w in found]
        return jsonld.script({"@graph": [scholarly.publication(catalog, site, w, page.lang, page.url) for w in works]})
    if isinstance(item, Announcement) and catalog.standing(item).is_open:
        url = site.url(page.url)
        # Clean HTML for job boards: no "¶", absolute links, no address-hiding markup (how to
        # apply is said on the page, which the description links to).
        description = (
            Markup("<p>{}</p>").format(page.description)
            + Markup(standalone_html(content_html, url, addresses=False))
            + Markup('<p>{} <a href="{}">{}</a></p>').format(translate(page.lang, "jobs.apply_on_page"), url, url)
        )
        return jsonld.script(job_posting(site, page, item, description))
    return Markup("")


def organization(site: Site, lang: str) -> dict[str, Any]:
    """The lab, for the home page: a research organisation of AP-HP and Inria."""
    return {
        "@type": "ResearchOrganization",
        "name": site.name(lang),
        "url": site.url(LANGUAGES[lang].prefix),
        "logo": site.url(LOGO),
        "parentOrganization": [
            {"@type": "Hospital", "name": translate(lang, "org.aphp"), "url": "https://www.aphp.fr/"},
            {"@type": "ResearchOrganization", "name": "Inria", "url": "https://www.inria.fr/"},
        ],
    }


def _lab(site: Site, lang: str) -> dict[str, Any]:
    """The lab as the author or publisher of what the site publishes, with its logo."""
    return {
        "@type": "ResearchOrganization",
        "name": site.name(lang),
        "url": site.url(LANGUAGES[lang].prefix),
        "logo": {"@type": "ImageObject", "url": site.url(LOGO), "width": LOGO_SIZE, "height": LOGO_SIZE},
    }


def news_article(site: Site, page: Page, item: Announcement) -> dict[str, Any]:
    return {
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.description,
        "datePublished": item.date.isoformat(),
        "dateModified": (item.updated or item.date).isoformat(),
        "inLanguage": page.lang,
        "mainEntityOfPage": site.url(page.url),
        "image": [site.url(card_url(page))],
        "author": _lab(site, page.lang),
        "publisher": _lab(site, page.lang),
    }


def research_project(catalog: Catalog, site: Site, page: Page, project: Project) -> dict[str, Any]:
    """schema.org ResearchProject: the project, its partners as members, its funders."""
    lang = page.lang
    data: dict[str, Any] = {
        "@type": "ResearchProject",
        "name": page.title,
        "description": page.description,
        "url": site.url(page.url),
        "parentOrganization": {"@type": "ResearchOrganization", "name": site.name(lang), "url": site.url("")},
        "member": [
            {
                "@type": "Organization",
                "name": catalog.partners[p].name[lang],
                **({"url": catalog.partners[p].url} if catalog.partners[p].url else {}),
            }
            for p in project.partners
        ],
        "keywords": [catalog.taxonomy.themes[t][lang] for t in project.themes],
    }
    if project.acronym:
        data["alternateName"] = project.acronym
    # A ResearchProject is an Organization: its dates are a founding and a dissolution.
    if project.start:
        data["foundingDate"] = project.start.isoformat()
    if project.end:
        data["dissolutionDate"] = project.end.isoformat()
    if project.funding:
        data["funder"] = [{"@type": "Organization", "name": f[lang]} for f in project.funding]
    if project.image:
        renditions = catalog.renditions(f"{page.key}/{project.image}")
        data["image"] = site.url(renditions.largest.url if renditions else page.url + project.image)
    return data


def job_places(announcement: Announcement, location: str) -> list[dict[str, Any]]:
    """The position's places: its addresses, else the location text as the town."""
    if not announcement.addresses:
        return [
            {
                "@type": "Place",
                "address": {"@type": "PostalAddress", "addressLocality": location, "addressCountry": "FR"},
            }
        ]
    return [{"@type": "Place", "address": postal_address(address)} for address in announcement.addresses]


def postal_address(address: Address) -> dict[str, Any]:
    fields = {
        "streetAddress": address.street,
        "postalCode": address.postcode,
        "addressLocality": address.city,
        "addressRegion": address.region,
        "addressCountry": address.country or "FR",
    }
    return {"@type": "PostalAddress", **{name: value for name, value in fields.items() if value}}


EVENT_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed"}


def event(catalog: Catalog, site: Site, page: Page, item: Announcement) -> dict[str, Any]:
    """schema.org Event: when (with Paris's offset of each date), its state, where or how to attend,
    who speaks, organised by the lab."""
    assert item.starts is not None and item.ends is not None
    lang = page.lang
    places: list[dict[str, Any]] = []
    if item.place or item.address:
        place: dict[str, Any] = {"@type": "Place"}
        if item.place:
            place["name"] = item.place[lang]
        if item.address:
            place["address"] = postal_address(item.address)
        places.append(place)
    if item.online:
        places.append({"@type": "VirtualLocation", "url": item.online})
    mode = "Mixed" if len(places) == 2 else "Online" if item.online else "Offline"
    data: dict[str, Any] = {
        "@type": "Event",
        "name": page.title,
        "description": page.description,
        "url": site.url(page.url),
        "startDate": item.starts.isoformat(),
        "endDate": item.ends.isoformat(),
        "eventStatus": f"https://schema.org/{EVENT_STATUS[item.status]}",
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "location": places[0] if len(places) == 1 else places,
        "organizer": _lab(site, lang),
        "image": [site.url(card_url(page))],
    }
    if item.talk_language:
        data["inLanguage"] = item.talk_language
    performers = []
    for speaker in item.speakers:
        person = catalog.people.get(speaker) if isinstance(speaker, str) else None
        name = person.name if person is not None else getattr(speaker, "name", None)
        if name:
            entry: dict[str, Any] = {"@type": "Person", "name": name}
            if person is not None and (own := catalog.page(f"people/{person.slug}", lang)) is not None:
                entry["url"] = site.url(own.url)
            performers.append(entry)
    if performers:
        data["performer"] = performers
    if item.registration:
        data["offers"] = {"@type": "Offer", "url": item.registration}  # the price is not ours to say
    return data


def job_posting(site: Site, page: Page, announcement: Announcement, description_html: str) -> dict[str, Any]:
    """schema.org JobPosting (Google for Jobs): only for an open position, on its own page."""
    assert announcement.deadline and announcement.kind
    lang = page.lang
    closes = dt.datetime.combine(announcement.deadline, dt.time(23, 59, 59), PARIS)
    location = announcement.location[lang] if announcement.location else ""
    return {
        "@type": "JobPosting",
        "title": page.title,
        "description": str(description_html),
        "datePosted": announcement.date.isoformat(),
        "validThrough": closes.isoformat(),
        "employmentType": list(EMPLOYMENT[announcement.kind]),
        "hiringOrganization": {"@type": "Organization", "name": site.name(lang), "sameAs": site.url("")},
        "jobLocation": places if len(places := job_places(announcement, location)) > 1 else places[0],
        "identifier": {"@type": "PropertyValue", "name": site.name(lang), "value": announcement.slug},
        "url": site.url(page.url),
        "directApply": False,  # candidates apply to the contact the page gives, not on the site
    }
