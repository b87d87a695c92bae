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
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from PIL import Image

from labsite.build import static_host
from labsite.build.report import REPORT_DIR
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


def make_corpus(target: Path, site_root: Path, projects: int, news: int, jobs: int, seed: int = 1) -> None:
    """A copy of the site at ``site_root`` with synthetic items instead of its own."""
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    for name in ("content", "data", "theme_overrides"):
        shutil.copytree(site_root / name, target / name)
    shutil.copy(site_root / "mkdocs.yml", target / "mkdocs.yml")
    partners = [p["id"] for p in yaml.safe_load((target / "data/partners.yml").read_text(encoding="utf-8"))]
    taxonomy = yaml.safe_load((target / "data/taxonomy.yml").read_text(encoding="utf-8"))
    themes, tags = list(taxonomy["themes"]), list(taxonomy["tags"])
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
            _body(rng, WORDS, "fr"),
            **alts[0],
        )
        en = _page(
            f"Project {i}: {_sentence(rng, WORDS_EN, 6)[:-1]}",
            _sentence(rng, WORDS_EN, 18),
            _body(rng, WORDS_EN, "en"),
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
            f"Actualité {i} : {_sentence(rng, WORDS, 5)[:-1]}", _sentence(rng, WORDS, 16), _body(rng, WORDS, "fr")
        )
        en = _page(
            f"News {i}: {_sentence(rng, WORDS_EN, 5)[:-1]}", _sentence(rng, WORDS_EN, 16), _body(rng, WORDS_EN, "en")
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
        fr = _page(
            f"Offre {i} : {_sentence(rng, WORDS, 5)[:-1]}",
            _sentence(rng, WORDS, 14),
            _body(rng, WORDS, "fr"),
            apply="Écrire au contact avant la date limite.",
        )
        en = _page(
            f"Position {i}: {_sentence(rng, WORDS_EN, 5)[:-1]}",
            _sentence(rng, WORDS_EN, 14),
            _body(rng, WORDS_EN, "en"),
            apply="Write to the contact before the deadline.",
        )
        _write(target / "news" / f"offre-{i:05d}", facts, fr, en)


def make_plain(corpus: Path, target: Path) -> None:
    """The same Markdown for plain Material: no labsite plugin, sections only in the nav, search on."""
    docs = target / "docs"
    for name in ("content", "projects", "news"):
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


@dataclass
class Run:
    name: str
    wall: float
    peak_rss: int  # bytes, summed over the build's processes at the worst moment
    pages: int
    reports: dict[str, dict] = field(default_factory=dict)  # per language pass

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall if self.wall else 0.0


def _tree_rss(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry.name}/statm") as statm:
                rss[int(entry.name)] = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def measure(name: str, command: list[str], cwd: Path, env: dict[str, str], pages: int) -> Run:
    reports = Path(tempfile.mkdtemp(prefix="labsite-report-"))
    env = {**env, REPORT_DIR: str(reports), "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode:
        raise RuntimeError(f"{name} failed:\n{stderr[-3000:]}")
    found = {path.stem: json.loads(path.read_text()) for path in reports.glob("*.json")}
    shutil.rmtree(reports, ignore_errors=True)
    return Run(name, wall, peak, pages, found)


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
        f"{'build':34} {'wall':>9} {'pages':>7} {'pages/s':>8} {'peak RSS':>10} {'cards rendered/reused':>22}"
        f" {'images made/reused':>19}",
        file=out,
    )
    for run in runs:
        rendered = sum(r["cards_rendered"] for r in run.reports.values())
        reused = sum(r["cards_reused"] for r in run.reports.values())
        cards = f"{rendered}/{reused}" if run.reports else "-"
        made, kept = (sum(r.get(k, 0) for r in run.reports.values()) for k in ("images_made", "images_reused"))
        pictures = f"{made}/{kept}" if run.reports else "-"
        print(
            f"{run.name:34} {run.wall:8.2f}s {run.pages:7d} {run.pages_per_second:8.1f} {_mib(run.peak_rss):>10}"
            f" {cards:>22} {pictures:>19}",
            file=out,
        )
    plain = next((r for r in runs if r.name.startswith("plain")), None)
    if plain:
        for run in runs:
            if run is not plain:
                print(f"ratio {run.name} / plain Material: {run.wall / plain.wall:.2f}", file=out)
    for run in runs:
        if not run.reports:
            continue
        langs = sorted(run.reports)
        print(f"phases of '{run.name}' (seconds, {' | '.join(langs)}):", file=out)
        for phase in PHASES:
            values = " | ".join(f"{run.reports[lang]['phases'].get(phase, 0.0):7.2f}" for lang in langs)
            print(f"  {phase:34} {values}", file=out)


def bench(
    site_root: Path, projects: int, news: int, jobs: int, baseline: bool, keep: Path | None = None, out=sys.stdout
) -> list[Run]:
    work = keep or Path(tempfile.mkdtemp(prefix="labsite-bench-"))
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    make_corpus(corpus, site_root, projects, news, jobs)
    epoch = int(dt.datetime.combine(TODAY, dt.time(12), dt.timezone(dt.timedelta(hours=1))).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    build = [sys.executable, "-m", "labsite", "build"]

    def ours(name: str, **extra: str) -> Run:
        run = measure(name, build, corpus, {**env, **extra}, 0)
        run.pages = sum(r["pages"] for r in run.reports.values())
        return run

    runs = [
        ours("labsite, cold caches"),
        ours("labsite, warm"),
        ours("labsite, warm, one process", LABSITE_JOBS="1"),
    ]
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
    report(runs, f"{projects} projects, {news} news, {jobs} job ads", out)
    directory(corpus / "site", out)
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return runs


# In the directory page: when its filters work, and which card images the browser fetched.
_READY = "() => { const f = document.querySelector('form[data-ls-filters]'); return f && !f.hidden; }"
_LOADED = "() => performance.getEntriesByType('resource').filter(e => e.name.includes('/media/')).length"


def directory(site: Path, out=sys.stdout) -> None:
    """How the project directory fares in Chromium, on a phone and a laptop, served with gzip:
    its HTML's weight, the card images fetched at first, and when its filters respond."""
    page = site / "projets" / "index.html"
    html = page.read_bytes()
    cards, pictured = html.count(b'class="ls-project"'), html.count(b"<picture>")
    gzipped = len(static_host.compressed(str(page), page.stat().st_mtime_ns))
    print(
        f"project directory: {cards} cards, {pictured} with an image; HTML {len(html) / 1e6:.2f} MB"
        f" ({gzipped / 1e3:.0f} kB with gzip)",
        file=out,
    )
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
    project's page serves the new value."""
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
        times = []
        for n in range(edits):
            marker = f"RELOAD{n}X"
            lines = [line for line in original.splitlines() if not line.startswith("acronym:")]
            time.sleep(1.1)  # a new modification time, whatever the file system's resolution
            saved = time.perf_counter()
            facts.write_text("\n".join([f"acronym: {marker}", *lines]) + "\n", encoding="utf-8")
            while marker not in page_text(url):
                if time.perf_counter() - saved > timeout:
                    raise RuntimeError(f"the edit never showed on {url}")
                time.sleep(0.02)
            times.append(time.perf_counter() - saved)
        return first, times
    finally:
        facts.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=60)


def bench_serve(site_root: Path, projects: int, news: int, jobs: int, out=sys.stdout) -> None:
    """Reload time of `labsite serve` after a one-file edit, on the example site and on a corpus."""
    work = Path(tempfile.mkdtemp(prefix="labsite-bench-serve-"))
    try:
        example = work / "example"
        for name in ("content", "projects", "news", "data", "theme_overrides"):
            shutil.copytree(site_root / name, example / name)
        shutil.copy(site_root / "mkdocs.yml", example / "mkdocs.yml")
        make_corpus(work / "corpus", site_root, projects, news, jobs)
        print(f"{'preview (labsite serve)':34} {'first build':>12} {'reload after an edit (3 edits)':>34}", file=out)
        for name, site in (("example site", example), (f"corpus ({projects}/{news}/{jobs})", work / "corpus")):
            first, times = reload_times(site)
            shown = ", ".join(f"{t:.2f}" for t in times)
            print(f"{name:34} {first:11.2f}s {sorted(times)[len(times) // 2]:12.2f}s median ({shown})", file=out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
