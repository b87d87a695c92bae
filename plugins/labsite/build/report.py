"""What a build did and how long each phase took, for `labsite bench` (one file per language pass)."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPORT_DIR = "LABSITE_REPORT_DIR"  # where each language pass writes <lang>.json, when set


@dataclass
class BuildReport:
    lang: str
    pages: int = 0
    pages_reused: int = 0  # kept from an earlier build (the page cache, a preview's folder)
    cards_rendered: int = 0
    cards_reused: int = 0
    images_made: int = 0  # the whole site's, in the default language's report
    images_reused: int = 0
    parallel: bool = False  # the languages' passes in processes of their own
    phases: dict[str, float] = field(default_factory=dict)  # seconds
    _mark: float = field(default_factory=time.perf_counter, repr=False)

    def lap(self, phase: str) -> None:
        """Time since the previous lap goes to ``phase``."""
        now = time.perf_counter()
        self.phases[phase] = self.phases.get(phase, 0.0) + now - self._mark
        self._mark = now

    def save(self) -> None:
        folder = os.environ.get(REPORT_DIR)
        if folder:
            data = {k: v for k, v in asdict(self).items() if not k.startswith("_")}
            (Path(folder) / f"{self.lang}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
