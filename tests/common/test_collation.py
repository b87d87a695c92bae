"""Lists sort as a French reader expects: accents and case do not push a name to the end."""

from __future__ import annotations

from labsite.common.collation import folded


def test_accents_and_case_do_not_change_the_order() -> None:
    names = ["Zoé Zimmer", "Élodie Écuyer", "emma Eyraud", "Éric Dupont", "Anne Abel"]
    assert sorted(names, key=folded) == ["Anne Abel", "Élodie Écuyer", "emma Eyraud", "Éric Dupont", "Zoé Zimmer"]
    assert sorted(names)[-2:] == ["Élodie Écuyer", "Éric Dupont"]  # what a plain sort did
    assert folded("Lévêque ÇA ß") == "leveque ca ss"
