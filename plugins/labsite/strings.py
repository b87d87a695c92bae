"""The site's own interface strings (Material translates its own), one table per language."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "nav.home": "Accueil",
        "switch.label": "English",
        "switch.title": "Read this page in English",
        "skip.content": "Aller au contenu",
        "home.kicker": "Laboratoire commun AP-HP · Inria",
        "home.entries": "Par où commencer",
        "home.projects.title": "Les projets",
        "home.projects.text": "Découvrir les projets de recherche en santé numérique menés ensemble par les équipes de l’AP-HP et d’Inria.",
        "home.jobs.title": "Recrutement",
        "home.jobs.text": "Thèses, post-doctorats, postes d’ingénieur, stages et appel « Postes d’accueil ».",
        "home.data.title": "Accéder aux données",
        "home.data.text": "L’entrepôt de données de santé de l’AP-HP, l’imagerie et le monitoring haute fréquence : comment y accéder.",
        "home.institutions": "Deux institutions",
        "home.aphp": "Premier centre hospitalier universitaire d’Europe : 39 hôpitaux, 8,3 millions de patients par an et un entrepôt de données de santé de plus de 11 millions de patients.",
        "home.inria": "L’institut national de recherche en sciences et technologies du numérique : 3 500 chercheurs et ingénieurs dans 200 équipes-projets.",
        "home.about": "Le laboratoire",
        "a11y.notice": "Accessibilité : non conforme (aucun audit RGAA n’a encore été réalisé).",
        "a11y.link": "Lire la déclaration d’accessibilité",
        "footer.lab": "Laboratoire commun AP-HP · Inria pour la recherche en santé numérique",
        "footer.links": "Informations légales",
        "footer.notracker": "Ce site ne dépose aucun cookie et ne fait appel à aucun service tiers.",
    },
    "en": {
        "nav.home": "Home",
        "switch.label": "Français",
        "switch.title": "Lire cette page en français",
        "skip.content": "Skip to content",
        "home.kicker": "Joint AP-HP · Inria lab",
        "home.entries": "Where to start",
        "home.projects.title": "Projects",
        "home.projects.text": "Discover the digital-health research projects carried out jointly by AP-HP and Inria teams.",
        "home.jobs.title": "Jobs",
        "home.jobs.text": "PhD, postdoc, engineer and internship positions, and the yearly hosting-positions call.",
        "home.data.title": "Data access",
        "home.data.text": "AP-HP’s health data warehouse, imaging and high-frequency monitoring: how to access them.",
        "home.institutions": "Two institutions",
        "home.aphp": "Europe’s leading university hospital: 39 hospitals, 8.3 million patients a year and a health data warehouse of over 11 million patients.",
        "home.inria": "The French national institute for research in digital science and technology: 3,500 researchers and engineers in 200 project-teams.",
        "home.about": "The lab",
        "a11y.notice": "Accessibility: non-compliant (no RGAA audit has been carried out yet).",
        "a11y.link": "Read the accessibility statement",
        "footer.lab": "Joint AP-HP · Inria lab for digital-health research",
        "footer.links": "Legal information",
        "footer.notracker": "This site sets no cookie and calls no third-party service.",
    },
}


def translate(lang: str, key: str) -> str:
    """The string for ``key`` in ``lang``; a missing key is a bug, so it raises."""
    return STRINGS[lang][key]
