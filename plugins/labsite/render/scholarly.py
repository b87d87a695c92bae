"""schema.org JSON-LD of people (Person) and publications (ScholarlyArticle and its kin), as
search engines and scholarly indexers read them. E-mail addresses are never given."""

from __future__ import annotations

from typing import Any

from labsite.model.catalog import Catalog
from labsite.model.people import Person
from labsite.model.publications import Publication, lab_authors
from labsite.model.site import Site

# The schema.org type of each kind of publication.
TYPES = {
    "article": "ScholarlyArticle",
    "conference": "ScholarlyArticle",
    "thesis": "Thesis",
    "preprint": "ScholarlyArticle",
    "software": "SoftwareSourceCode",
    "dataset": "Dataset",
    "book": "Book",
    "report": "Report",
    "other": "CreativeWork",
}


def orcid_url(orcid: str) -> str:
    return f"https://orcid.org/{orcid}"


def hal_author_url(idhal: str) -> str:
    return f"https://cv.hal.science/{idhal}"


def person(catalog: Catalog, site: Site, who: Person, lang: str, url: str | None, image: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": who.name, "jobTitle": who.role[lang]}
    if url:
        data["url"] = site.url(url)
    if image:
        data["image"] = image
    if who.affiliation and who.affiliation in catalog.partners:
        partner = catalog.partners[who.affiliation]
        organization = {"@type": "Organization", "name": partner.name[lang]}
        if partner.url:
            organization["url"] = partner.url
        data["alumniOf" if who.status == "alumni" else "affiliation"] = organization
    same = [orcid_url(who.orcid)] if who.orcid else []
    same += [hal_author_url(who.hal)] if who.hal else []
    if same:
        data["sameAs"] = same
    if who.orcid:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "ORCID", "value": who.orcid}
    return data


def publication(catalog: Catalog, site: Site, work: Publication, lang: str, page_url: str) -> dict[str, Any]:
    """One publication; its lab authors linked to their pages when they have one."""
    lab = catalog.authors(work.key)
    lab_at = lab_authors(work.authors, tuple(person.name for person in lab))
    authors = []
    for at, author in enumerate(work.authors):
        entry: dict[str, Any] = {"@type": "Person", "name": f"{author.given} {author.family}".strip()}
        entry["familyName"] = author.family
        if author.given:
            entry["givenName"] = author.given
        if at in lab_at:
            who = lab[lab_at[at]]
            if (own := catalog.page(f"people/{who.slug}", lang)) is not None:
                entry["url"] = site.url(own.url)
            if who.orcid:
                entry["sameAs"] = orcid_url(who.orcid)
        authors.append(entry)
    data: dict[str, Any] = {
        "@type": TYPES[work.kind],
        "@id": site.url(f"{page_url}#pub-{work.slug}"),
        "name": work.title,
        "author": authors,
        "datePublished": work.date.isoformat()[: 4 if not work.month else 7 if not work.day else 10],
    }
    if TYPES[work.kind] in ("ScholarlyArticle", "Report", "Thesis", "CreativeWork"):
        data["headline"] = work.title[:110]
    if work.container:
        data["isPartOf"] = {"@type": "Periodical" if work.kind == "article" else "CreativeWork", "name": work.container}
    if work.publisher:
        data["publisher"] = {"@type": "Organization", "name": work.publisher}
    if work.language:
        data["inLanguage"] = work.language
    links = [u for u in (work.doi_url, work.hal_url, work.url) if u]
    if links:
        data["url"] = links[0]
        if len(links) > 1:
            data["sameAs"] = links[1:]
    if work.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": work.doi}
    return data
