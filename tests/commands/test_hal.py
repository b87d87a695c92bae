"""`labsite import hal`: HAL's answers, recorded (fictional, see tests/data/hal/README.md) and
served on 127.0.0.1, the command run as a contributor runs it, and the file it writes read back
with bibtexparser. No test reaches the network."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from hypothesis import given, settings
from hypothesis import strategies as st

from labsite.commands import bibtex_write, hal_api
from labsite.commands.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "hal"
LAB = 'collCode_s:"BERNOULLI-LAB"'
MARIE = 'authIdHal_s:"marie-dupont"'
PAGE2 = "AoIIP4AAACkwNDEwMDAwNg=="  # nextCursorMark of bernoulli-lab.page1.json


class FakeHal:
    """HAL's search API as the tests need it: each (filter query, cursor) answered with a recorded
    file; every request kept, to check what was asked."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], tuple[int, str]] = {}
        self.requests: list[dict[str, list[str]]] = []

    def answer(self, fq: str, name: str, cursor: str = "*", status: int = 200) -> None:
        self.routes[(fq, cursor)] = (status, name)

    def handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                fake.requests.append(query)
                route = (query.get("fq", [""])[0], query.get("cursorMark", [""])[0])
                status, name = fake.routes.get(route, (404, ""))
                body = (DATA / name).read_bytes() if name else b"no such route"
                kind = "application/json" if name.endswith(".json") else "text/html"
                self.send_response(status)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


@pytest.fixture
def fake_hal(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHal]:
    fake = FakeHal()
    server = ThreadingHTTPServer(("127.0.0.1", 0), fake.handler())
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    monkeypatch.setenv("LABSITE_HAL_API", f"http://127.0.0.1:{server.server_address[1]}/search/")
    for name in ("NO_PROXY", "no_proxy"):  # a proxy of the machine must not see the local server
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    yield fake
    server.shutdown()
    server.server_close()


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def labsite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """`labsite import hal ...` in the repository tmp_path, through the command's real entry."""

    def run(*args: str) -> Result:
        code = main(["import", "hal", *args, "--root", str(tmp_path)])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


def bib(root: Path, name: str = "hal.bib") -> Path:
    return root / "publications" / name


def read(path: Path) -> dict[str, bibtexparser.model.Entry]:
    """The entries as the site reads them: LaTeX decoded to text (pylatexenc)."""
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"), append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    return {entry.key: entry for entry in library.entries}


def fields(entry: bibtexparser.model.Entry) -> dict[str, str]:
    return {f.key: f.value for f in entry.fields}


def first_import(fake_hal: FakeHal, labsite: Callable[..., Result]) -> Result:
    fake_hal.answer(LAB, "bernoulli-lab.page1.json")
    fake_hal.answer(LAB, "bernoulli-lab.page2.json", cursor=PAGE2)
    return labsite("BERNOULLI-LAB")


# A first import


def test_a_first_import_pages_through_hal_and_writes_every_type(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path
) -> None:
    result = first_import(fake_hal, labsite)
    assert result.code == 0, result.err
    assert "asking HAL for the publications of the collection BERNOULLI-LAB" in result.err
    assert "11 publication(s) on HAL: 11 new, 0 updated, 0 unchanged; kept by hand: 0" in result.err
    assert result.out == "written: publications/hal.bib\n"

    # Two pages, the second asked with the cursor the first gave.
    assert [r["cursorMark"] for r in fake_hal.requests] == [["*"], [PAGE2]]
    asked = fake_hal.requests[0]
    assert asked["fq"] == [LAB] and asked["wt"] == ["json"] and asked["sort"] == ["docid asc"]
    assert asked["rows"] == ["500"] and set(asked["fl"][0].split(",")) == set(hal_api.FIELDS)

    entries = read(bib(tmp_path))
    # New entries newest first; each HAL type its BibTeX type.
    assert [(key, e.entry_type) for key, e in entries.items()] == [
        ("martin2024early", "inproceedings"),  # POSTER
        ("garcialopez2024benchmark", "unpublished"),  # UNDEFINED: a preprint
        ("dupont2024deep", "article"),
        ("lefevre2023modeles", "inproceedings"),  # COMM
        ("martin2023sepsiskit", "software"),
        ("lefevre2023rapport", "techreport"),
        ("martin2022apprentissage", "phdthesis"),
        ("garcialopez2022survival", "incollection"),
        ("dupont2021methodes", "phdthesis"),  # HDR
        ("dupont2020statistique", "book"),
        ("dupont2019introduction", "misc"),  # LECTURE: no BibTeX type of its own
    ]
    assert fields(entries["dupont2024deep"]) == {
        "title": "Deep learning for early sepsis detection in intensive care units",
        "author": "Dupont, Marie and Martin, Luc and García López, Ana",
        "year": "2024",
        "month": "mar",
        "journal": "Journal of Fictional Medical Informatics",
        "volume": "12",
        "number": "3",
        "pages": "101–115",  # 101--115 in the file: an en dash once decoded
        "publisher": "Éditions Bernoulli",
        "doi": "10.5555/jfmi.2024.0012",
        "hal_id": "hal-04100001",
        "hal_version": "v1",
        "url": "https://hal.science/hal-04100001",
        "pdf": "https://hal.science/hal-04100001/document",
        "language": "en",
        "idhal": "marie-dupont and luc-martin",
        "orcid": "0000-0002-1825-0097",
    }
    thesis = fields(entries["martin2022apprentissage"])
    assert thesis["school"] == "Université Fictive de Paris" and thesis["orcid"] == "0000-0001-5109-3700"
    assert thesis["title"] == "Apprentissage statistique et données de santé"  # the first title, not its translation
    assert fields(entries["dupont2021methodes"])["type"] == "HDR"
    assert fields(entries["garcialopez2024benchmark"])["note"] == "Preprint"
    conference = fields(entries["lefevre2023modeles"])
    assert conference["booktitle"] == "Journées francophones de statistique fictive"
    assert conference["address"] == "Lyon" and conference["month"] == "jun" and "pdf" not in conference
    assert fields(entries["martin2024early"])["address"] == "Genève"
    chapter = fields(entries["garcialopez2022survival"])
    assert chapter["booktitle"] == "Handbook of Fictional Biostatistics" and chapter["pages"] == "211–240"
    report = fields(entries["lefevre2023rapport"])
    assert report["institution"] == "Laboratoire Bernoulli" and report["number"] == "RR-2023-01"
    assert fields(entries["martin2023sepsiskit"])["hal_version"] == "v3"

    text = bib(tmp_path).read_text(encoding="utf-8")
    assert text.startswith("% Publications from HAL") and "García López" in text  # UTF-8, not LaTeX accents
    assert "  pages = {101--115},\n" in text and "  month = mar,\n" in text


def test_running_it_again_on_the_same_answers_changes_nothing(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path
) -> None:
    assert first_import(fake_hal, labsite).code == 0
    before = bib(tmp_path).read_bytes()
    result = labsite("BERNOULLI-LAB")
    assert result.code == 0
    assert "0 new, 0 updated, 11 unchanged; kept by hand: 0" in result.err
    assert "publications/hal.bib is already up to date: not rewritten" in result.err
    assert bib(tmp_path).read_bytes() == before


# Values that LaTeX or BibTeX would read as commands


def test_hostile_values_round_trip_as_text(fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path) -> None:
    fake_hal.answer('collCode_s:"HOSTILE"', "hostile.json")
    assert labsite("HOSTILE").code == 0
    [(key, entry)] = read(bib(tmp_path)).items()
    assert key == "obrienjr2021cases"  # ASCII, and the title's first word, not its number
    doc = json.loads((DATA / "hostile.json").read_text(encoding="utf-8"))["response"]["docs"][0]
    title = doc["title_s"][0].replace("\u0007", "").replace("\u202e", "")  # control and bidi characters dropped
    # pylatexenc shows \textasciicircum as U+02C6 (modifier letter circumflex), and drops the lone brace, written
    # \textbraceright{}: BibTeX counts braces, so only paired ones can be \{ \}.
    assert fields(entry)["title"] == title.replace("^", "\u02c6").replace(" d } e", " d  e")
    assert fields(entry)["author"] == "O'Brien, Jr., Jean-{Paul} and Team and Friends, R&D"
    assert fields(entry)["journal"] == "Journal of {Unbalanced \\textbf{Braces}".replace("{U", "U")

    raw = {
        f.key: f.value for f in bibtexparser.parse_string(bib(tmp_path).read_text(encoding="utf-8")).entries[0].fields
    }
    for name in ("title", "author", "journal"):
        assert balanced(raw[name]), raw[name]
    assert raw["title"].startswith(
        r"50\% of \{cases\} \& \textbackslash{}url\{javascript:alert(1)\}: \$x\textasciicircum{}2\$"
    )
    assert r"-{}- `{}`q'{}'" in raw["title"] and r"d \textbraceright{} e" in raw["title"]
    # Names BibTeX would split are braced whole.
    assert raw["author"] == r"{O'Brien, Jr.}, Jean-\{Paul\} and {Team and Friends}, R\&D"
    # No https address: no pdf, no url (javascript:); a DOI without its resolver, braces encoded.
    assert "pdf" not in raw and "url" not in raw
    assert raw["doi"] == "10.5555/x%7By%7D%5Cz"
    # An iD with a wrong check digit (...9265) is left out: the build would refuse the entry for it.
    assert raw["idhal"] == "jean-obrien" and raw["orcid"] == "0000-0003-1415-9269" and raw["language"] == "en"


def balanced(value: str) -> bool:
    """Braces as BibTeX counts them: every one, escaped or not."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


TEXT = st.text(
    alphabet=st.sampled_from(list("{}%&$#_\\~^-`'<>,!? aZé漢\u00a0\n\t\x07\u202e@\"=")), min_size=0, max_size=40
)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_is_written_as_text(text: str) -> None:
    written = bibtex_write.latex_text(text)
    assert balanced(written)
    library = bibtexparser.parse_string(
        f"@misc{{k,\n  title = {{{written}}},\n}}\n", append_middleware=[LatexDecodingMiddleware()]
    )
    assert library.failed_blocks == []
    expected = bibtex_write.clean(text).replace("^", "\u02c6")
    if all(i in bibtex_write._paired_braces(expected) for i, c in enumerate(expected) if c in "{}"):
        assert library.entries[0]["title"] == expected
    else:  # a lone brace is written \textbraceleft{} or \textbraceright{}, which pylatexenc drops
        assert library.entries[0]["title"] == "".join(
            c for i, c in enumerate(expected) if c not in "{}" or i in bibtex_write._paired_braces(expected)
        )


# Updating a file


HAND_WRITTEN = """\
% Our publications. Edit by hand freely: labsite import hal keeps what it does not know.
@string{jfmi = "Journal of Fictional Medical Informatics"}
@preamble{"\\newcommand{\\noop}[1]{}"}

@misc{hand2018talk,
  title = {A talk {HAL} never had},
  author = {Dupont, Marie},
  howpublished = jfmi,
  year = 2018,
}
"""


def test_a_second_import_updates_what_changed_and_keeps_what_was_added_by_hand(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path
) -> None:
    assert first_import(fake_hal, labsite).code == 0
    path = bib(tmp_path)
    text = path.read_text(encoding="utf-8")
    # A person adds an entry and a comment, keywords to an article, a pdf to a conference paper.
    text = text.replace("@inproceedings{lefevre2023modeles,", HAND_WRITTEN + "\n@inproceedings{lefevre2023modeles,")
    text = text.replace(
        "  title = {Modèles de survie",
        "  pdf = {https://lab.example.org/lefevre2023.pdf},\n  title = {Modèles de survie",
    )
    text = text.replace("@article{dupont2024deep,\n", "@article{dupont2024deep,\n  keywords = {sepsis, ICU},\n")
    path.write_text(text, encoding="utf-8")
    untouched = text.split("@unpublished{garcialopez2024benchmark,")[0]  # the blocks before the preprint

    fake_hal.answer(LAB, "bernoulli-lab.updated.json")
    result = labsite("BERNOULLI-LAB")
    assert result.code == 0, result.err
    assert "12 publication(s) on HAL: 1 new, 2 updated, 9 unchanged; kept by hand: 1" in result.err

    after = path.read_text(encoding="utf-8")
    assert after.startswith(untouched)  # nothing before the first updated entry moved
    assert HAND_WRITTEN in after  # hand-added entry, comment, @string and @preamble, byte for byte
    entries = read(path)
    assert list(entries)[-1] == "dupont2025calibration"  # the new one, appended
    assert list(entries)[:-1] == [k for k in entries if k != "dupont2025calibration"]
    assert "hand2018talk" in entries and list(entries).index("hand2018talk") < list(entries).index("lefevre2023modeles")

    conference = fields(entries["lefevre2023modeles"])  # its title corrected on HAL
    assert conference["title"] == "Modèles de survie en réanimation" and conference["hal_version"] == "v2"
    assert conference["pdf"] == "https://lab.example.org/lefevre2023.pdf"  # HAL has none: the person's stays
    article = entries["garcialopez2024benchmark"]  # the preprint, now published: same key, new type
    assert article.entry_type == "article"
    assert fields(article)["journal"] == "Fictional Journal of Federated Learning" and "note" not in fields(article)
    assert fields(article)["doi"] == "10.5555/fjfl.2025.3"
    assert fields(entries["dupont2024deep"])["keywords"] == "sepsis, ICU"


def test_an_entry_written_by_hand_is_found_by_its_doi(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path
) -> None:
    bib(tmp_path).parent.mkdir()
    bib(tmp_path).write_text(
        "@Article{dupont-sepsis,\n"
        "  title = {Deep learning for sepsis},\n"
        "  author = {Dupont, Marie and others},\n"
        "  DOI = {https://doi.org/10.5555/JFMI.2024.0012},\n"
        '  note = "Best paper award",\n'
        "}\n",
        encoding="utf-8",
    )
    fake_hal.answer(MARIE, "marie-dupont.json")
    result = labsite("marie-dupont")
    assert result.code == 0, result.err
    assert "asking HAL for the publications of the author whose idHal is marie-dupont" in result.err
    assert "2 publication(s) on HAL: 1 new, 1 updated, 0 unchanged; kept by hand: 0" in result.err
    entries = read(bib(tmp_path))
    assert list(entries) == ["dupont-sepsis", "garcialopez2024benchmark"]
    found = fields(entries["dupont-sepsis"])
    assert found["title"] == "Deep learning for early sepsis detection in intensive care units"
    assert found["DOI"] == "10.5555/jfmi.2024.0012" and "doi" not in found  # updated in place, its name as written
    assert found["hal_id"] == "hal-04100001" and found["note"] == "Best paper award"
    assert entries["dupont-sepsis"].entry_type == "article"


def test_a_file_with_windows_line_endings_keeps_them(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path
) -> None:
    bib(tmp_path).parent.mkdir()
    bib(tmp_path).write_bytes(b"% Ours\r\n@misc{mine,\r\n  title = {Mine},\r\n}\r\n")
    fake_hal.answer(MARIE, "marie-dupont.json")
    assert labsite("marie-dupont").code == 0
    data = bib(tmp_path).read_bytes()
    assert data.startswith(b"% Ours\r\n@misc{mine,\r\n  title = {Mine},\r\n}\r\n\r\n@unpublished{")
    assert data.count(b"\n") == data.count(b"\r\n")


def test_a_new_key_does_not_take_one_already_in_the_file(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path
) -> None:
    bib(tmp_path).parent.mkdir()
    bib(tmp_path).write_text("@misc{Dupont2024deep,\n  title = {Deep thoughts},\n}\n", encoding="utf-8")
    fake_hal.answer(MARIE, "marie-dupont.json")
    assert labsite("idhal:marie-dupont").code == 0
    assert list(read(bib(tmp_path))) == ["Dupont2024deep", "garcialopez2024benchmark", "dupont2024deepa"]


def test_a_publication_already_in_another_file_stays_there(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path
) -> None:
    bib(tmp_path).parent.mkdir()
    zotero = (
        "@article{fromzotero,\n  title = {Mine},\n  author = {Doe, Jo},\n  journal = {J},\n  year = {2024},\n"
        "  doi = {https://doi.org/10.5555/JFMI.2024.0012},\n}\n\n"
        "@phdthesis{chen2023,\n  title = {T},\n  author = {Chen, Bo},\n  school = {U},\n  year = {2023},\n"
        "  hal_id = {tel-04100003v2},\n}\n"
    )
    bib(tmp_path, "zotero.bib").write_text(zotero, encoding="utf-8")
    fake_hal.answer(LAB, "bernoulli-lab.updated.json")
    result = labsite("BERNOULLI-LAB")
    assert result.code == 0, result.err
    assert "2 of them already in another file of publications/ (same HAL id or DOI): left there" in result.err
    written = read(bib(tmp_path))
    assert not {"10.5555/jfmi.2024.0012"} & {
        e.fields_dict["doi"].value.lower() for e in written.values() if "doi" in e.fields_dict
    }
    assert "tel-04100003" not in {e.fields_dict["hal_id"].value for e in written.values()}
    assert "chen2023" not in written and bib(tmp_path, "zotero.bib").read_text(encoding="utf-8") == zotero
    assert "is written, but the check" not in result.err


def test_what_the_build_would_refuse_in_the_file_is_said_at_once(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path
) -> None:
    bib(tmp_path).parent.mkdir()
    bib(tmp_path).write_text("@misc{mine,\n  title = {Notes},\n  year = {0000},\n}\n", encoding="utf-8")
    fake_hal.answer(MARIE, "marie-dupont.json")
    result = labsite("idhal:marie-dupont")
    assert result.code == 0 and "written: publications/hal.bib" in result.out
    assert "publications/hal.bib:1:1: error: author: entry 'mine': 'author' is missing (a @misc needs it)" in result.err
    assert "publications/hal.bib:3:1: error: year: entry 'mine': '0000' is not a date" in result.err
    assert "publications/hal.bib is written, but the check refuses 2 thing(s) in it (above)" in result.err


# Refusals: nothing written, and HAL not asked when the file is the problem


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "@article{a,\n  title = {fine},\n}\n\n@article{b,\n  title = {unclosed,\n  year = 2020\n}\n",
            "line 5: this block",
        ),
        ("@misc{a, title={x}}\n% a comment\n@misc{a, title={y}}\n", "line 3: the key a is used twice"),
        ("\n@misc{a, title={x}, title={y}}\n", "line 2: the entry a has the field title twice"),
    ],
)
def test_an_unreadable_file_is_refused_and_left_alone(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path, text: str, problem: str
) -> None:
    bib(tmp_path).parent.mkdir()
    bib(tmp_path).write_text(text, encoding="utf-8")
    fake_hal.answer(LAB, "bernoulli-lab.updated.json")
    result = labsite("BERNOULLI-LAB")
    assert result.code == 1
    assert result.err.startswith(f"labsite import hal: publications/hal.bib, {problem}")
    assert "nothing was changed; fix the file, then run the command again" in result.err
    assert bib(tmp_path).read_text(encoding="utf-8") == text
    assert fake_hal.requests == []


def test_a_file_not_in_utf8_is_refused_and_left_alone(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path
) -> None:
    bib(tmp_path).parent.mkdir()
    bib(tmp_path).write_bytes(b"@misc{a,\n  title = {Caf\xe9},\n}\n")  # Latin-1
    result = labsite("BERNOULLI-LAB")
    assert result.code == 1
    assert "publications/hal.bib, line 2: not UTF-8 text: nothing was changed" in result.err
    assert bib(tmp_path).read_bytes() == b"@misc{a,\n  title = {Caf\xe9},\n}\n" and fake_hal.requests == []


@pytest.mark.parametrize(
    "output",
    [
        "../hal.bib",
        "hal.bib",
        "data/hal.bib",
        "publications/../hal.bib",
        "/tmp/hal.bib",
        "publications/hal.txt",
        "publications/2024/hal.bib",  # the build reads publications/*.bib only
        "publications/.hal.bib",
    ],
)
def test_an_output_outside_publications_is_refused(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path, output: str
) -> None:
    fake_hal.answer(LAB, "bernoulli-lab.updated.json")
    result = labsite("BERNOULLI-LAB", "--output", output)
    assert result.code == 1
    assert f"labsite import hal: {output} is not a .bib file in the repository's publications/ folder" in result.err
    assert fake_hal.requests == [] and not (tmp_path / "publications").exists()


def test_a_publications_folder_linking_elsewhere_is_refused(fake_hal: FakeHal, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "publications").symlink_to(elsewhere)
    fake_hal.answer(LAB, "bernoulli-lab.updated.json")
    code = main(["import", "hal", "BERNOULLI-LAB", "--root", str(tmp_path / "repo")])
    assert code == 1 and list(elsewhere.iterdir()) == [] and fake_hal.requests == []


@pytest.mark.parametrize("query", ["Marie-Dupont", "marie dupont", "orcid:0000-0002-1825-0097", "2024", "LAB;rm"])
def test_a_query_of_neither_shape_is_refused(labsite: Callable[..., Result], query: str) -> None:
    result = labsite(query)
    assert result.code == 1
    assert "is neither a HAL collection code (capitals, e.g. BERNOULLI-LAB) nor an idHal" in result.err


@pytest.mark.parametrize(
    ("text", "fq"),
    [
        ("BERNOULLI-LAB", LAB),
        ("LAB_2", 'collCode_s:"LAB_2"'),
        ("collection:tel-lab", 'collCode_s:"tel-lab"'),
        ("marie-dupont", MARIE),
        ("idhal:Marie-Dupont", 'authIdHal_s:"Marie-Dupont"'),
    ],
)
def test_the_query_is_read_by_its_shape_or_its_prefix(text: str, fq: str) -> None:
    assert hal_api.parse_query(text).filter == fq


# HAL unreachable or answering badly: a clear line, exit 1, the file as it was


def existing(root: Path) -> bytes:
    bib(root).parent.mkdir(exist_ok=True)
    bib(root).write_text("@misc{mine,\n  title = {Mine},\n}\n", encoding="utf-8")
    return bib(root).read_bytes()


def test_no_network_is_one_clear_line_and_no_change(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    before = existing(tmp_path)
    env = {**os.environ, "LABSITE_HAL_API": f"http://127.0.0.1:{port}/search/", "NO_PROXY": "127.0.0.1"}
    result = subprocess.run(
        [sys.executable, "-m", "labsite", "import", "hal", "BERNOULLI-LAB"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "labsite import hal: HAL could not be reached (connection refused): nothing was changed"
    )
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert bib(tmp_path).read_bytes() == before


def test_a_hal_that_never_answers_times_out(
    labsite: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        monkeypatch.setenv("LABSITE_HAL_API", f"http://127.0.0.1:{silent.getsockname()[1]}/search/")
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        monkeypatch.setattr(hal_api, "TIMEOUT", 0.5)
        before = existing(tmp_path)
        result = labsite("BERNOULLI-LAB")
    assert result.code == 1
    assert "HAL could not be reached (no answer within 0.5 s): nothing was changed" in result.err
    assert bib(tmp_path).read_bytes() == before


def test_a_name_that_cannot_be_looked_up(
    labsite: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_dns(*args: object, **kwargs: object) -> None:
        raise urllib.error.URLError(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))

    monkeypatch.setattr(urllib.request, "urlopen", no_dns)
    result = labsite("BERNOULLI-LAB")
    assert result.code == 1
    assert result.err.splitlines()[-1] == (
        "labsite import hal: HAL could not be reached (its name could not be looked up: no network?): nothing was changed"
    )
    assert not bib(tmp_path).exists()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (503, "labsite import hal: HAL answered with the HTTP status 503: nothing was changed; try again later"),
        (200, "labsite import hal: HAL's answer (HTTP status 200) is not JSON: nothing was changed; try again later"),
    ],
)
def test_an_error_page_instead_of_json(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path, status: int, message: str
) -> None:
    fake_hal.answer(LAB, "maintenance.html", status=status)
    before = existing(tmp_path)
    result = labsite("BERNOULLI-LAB")
    assert (result.code, result.err.splitlines()[-1]) == (1, message)
    assert bib(tmp_path).read_bytes() == before


def test_a_query_that_matches_nothing(fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path) -> None:
    fake_hal.answer('collCode_s:"NO-SUCH-LAB"', "empty.json")
    result = labsite("NO-SUCH-LAB")
    assert result.code == 1
    assert result.err.splitlines()[-1] == (
        "labsite import hal: NO-SUCH-LAB matched no publication on HAL: nothing was changed"
        " (check the collection code or the idHal)"
    )
    assert not (tmp_path / "publications").exists()


def test_messages_in_french(
    fake_hal: FakeHal, labsite: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LABSITE_LANG", "fr")
    fake_hal.answer('collCode_s:"NO-SUCH-LAB"', "empty.json")
    result = labsite("NO-SUCH-LAB")
    assert "labsite import hal : demande à HAL des publications de la collection NO-SUCH-LAB" in result.err
    assert "NO-SUCH-LAB ne correspond à aucune publication dans HAL : rien n’a été modifié" in result.err
    result = first_import(fake_hal, labsite)
    assert "11 nouvelle(s), 0 mise(s) à jour, 0 inchangée(s) ; gardée(s) à la main : 0" in result.err
    assert result.out == "écrit : publications/hal.bib\n"
