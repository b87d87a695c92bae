"""Which authors of an entry are the lab's people: each person one author at most, the surest first."""

from __future__ import annotations

import pytest

from labsite.model.publications import Author, lab_authors


@pytest.mark.parametrize(
    ("author", "name", "likeness"),
    [
        (Author("Dupont", "Marie"), "Marie Dupont", 2),
        (Author("Lévêque", "Jean-Pierre"), "jean-pierre leveque", 2),
        (Author("Dupont", "M."), "Marie Dupont", 1),
        (Author("Dupont"), "Marie Dupont", 1),
        (Author("Dupont", "Martin"), "Marie Dupont", 0),  # another first name written out
        (Author("Dupont", "J."), "Marie Dupont", 0),
        (Author("Durand", "Marie"), "Marie Dupont", 0),
        (Author("de la Tour", "Anne"), "Anne de la Tour", 2),
    ],
)
def test_likeness(author: Author, name: str, likeness: int) -> None:
    assert author.likeness(name) == likeness


def test_two_authors_of_one_family_are_not_both_the_lab_person() -> None:
    authors = (Author("Dupont", "M."), Author("Dupont", "Marie"), Author("Dupont", "Michel"))
    assert lab_authors(authors, ("Marie Dupont",)) == {1: 0}  # the full name wins over the initial
    assert lab_authors(authors[:1] + authors[2:], ("Marie Dupont",)) == {0: 0}  # only the initial fits
    # Two lab people of one family: each their own author.
    assert lab_authors(authors, ("Michel Dupont", "Marie Dupont")) == {2: 0, 1: 1}
    assert lab_authors(authors, ()) == {}
