"""HAL's search API for ``labsite import hal``: what the contributor asked for (a collection
code or an idHal), the address of each page of results, and every page fetched (Solr's cursorMark).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from labsite.common.messages import Message, say

API = "https://api.archives-ouvertes.fr/search/"
# HAL's Solr fields; a document lacks those it has no value for. Unknown names are ignored by Solr.
FIELDS = (
    "halId_s",
    "version_i",
    "docType_s",
    "title_s",
    "authFirstName_s",
    "authLastName_s",
    "authIdHal_s",
    "authORCIDIdExt_s",
    "producedDate_s",
    "journalTitle_s",
    "volume_s",
    "issue_s",
    "page_s",
    "publisher_s",
    "conferenceTitle_s",
    "city_s",
    "bookTitle_s",
    "doiId_s",
    "fileMain_s",
    "uri_s",
    "language_s",
    "authorityInstitution_s",
    "number_s",
)
ROWS = 500
TIMEOUT = 30.0  # seconds, for each page
MAX_PAGES = 200  # 100,000 publications: a server that never stops paging cannot loop forever
MAX_BYTES = 64 * 2**20
USER_AGENT = "labsite-import-hal (a research lab's website generator)"

COLLECTION = re.compile(r"[A-Z0-9][A-Z0-9_-]*")
IDHAL = re.compile(r"[a-z0-9][a-z0-9._-]*")
EXPLICIT = {
    "collection": re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*"),
    "idhal": re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*"),
}
FILTER_FIELD = {"collection": "collCode_s", "idhal": "authIdHal_s"}


class HalError(Exception):
    """A problem told to the contributor as it is; nothing was written."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Query:
    kind: str  # "collection" or "idhal"
    value: str

    @property
    def filter(self) -> str:
        return f'{FILTER_FIELD[self.kind]}:"{self.value}"'


# The query


def parse_query(text: str) -> Query:
    """A collection code is in capitals, an idHal in lowercase; a prefix says it outright."""
    prefix, colon, value = text.partition(":")
    if colon and prefix.lower() in EXPLICIT:
        if EXPLICIT[prefix.lower()].fullmatch(value):
            return Query(prefix.lower(), value)
    elif COLLECTION.fullmatch(text) and any(c.isalpha() for c in text):
        return Query("collection", text)
    elif IDHAL.fullmatch(text) and any(c.isalpha() for c in text):
        return Query("idhal", text)
    raise HalError(say("hal.bad_query", query=text))


def api_base() -> str:
    base = os.environ.get("LABSITE_HAL_API") or API
    if urllib.parse.urlsplit(base).scheme not in ("http", "https"):  # urllib would also open file://
        raise HalError(say("hal.bad_api", url=base))
    return base


def page_url(base: str, query: Query, cursor: str) -> str:
    """A page of results; Solr's cursor needs a sort on the unique key (docid)."""
    params = {
        "q": "*:*",
        "fq": query.filter,
        "fl": ",".join(FIELDS),
        "wt": "json",
        "rows": ROWS,
        "sort": "docid asc",
        "cursorMark": cursor,
    }
    parts = urllib.parse.urlsplit(base)
    encoded = urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
    return urllib.parse.urlunsplit(parts._replace(query=f"{parts.query}&{encoded}" if parts.query else encoded))


# Fetching


def _reason(error: BaseException) -> Message | str:
    cause = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(cause, TimeoutError):
        return say("hal.reason_timeout", seconds=TIMEOUT)
    if isinstance(cause, socket.gaierror):
        return say("hal.reason_dns")
    if isinstance(cause, ConnectionRefusedError):
        return say("hal.reason_refused")
    return " ".join(str(getattr(cause, "strerror", None) or cause).split())


def fetch_json(url: str) -> dict[str, Any]:
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            status, body = answer.status, answer.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        error.close()
        raise HalError(say("hal.http_error", status=error.code)) from None
    except (OSError, http.client.HTTPException) as error:  # URLError, timeouts, TLS, cut connections
        raise HalError(say("hal.unreachable", reason=_reason(error))) from None
    try:
        data = json.loads(body) if len(body) <= MAX_BYTES else None
    except ValueError:
        raise HalError(say("hal.not_json", status=status)) from None
    response = data.get("response") if isinstance(data, dict) else None
    if not isinstance(response, dict) or not isinstance(response.get("docs"), list):
        raise HalError(say("hal.bad_answer", status=status))
    return data


def fetch_all(query: Query) -> list[dict[str, Any]]:
    """Every document, page after page, until HAL gives back the cursor it was sent."""
    base, cursor = api_base(), "*"
    docs: list[dict[str, Any]] = []
    for _ in range(MAX_PAGES):
        data = fetch_json(page_url(base, query, cursor))
        page = [doc for doc in data["response"]["docs"] if isinstance(doc, dict)]
        docs += page
        found, following = data["response"].get("numFound"), data.get("nextCursorMark")
        if not page or not isinstance(following, str) or following == cursor:
            break
        if isinstance(found, int) and len(docs) >= found:
            break
        cursor = following
    return docs
