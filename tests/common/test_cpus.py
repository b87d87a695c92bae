"""The processors a build uses: those it may run on, and of those the ones idle now; one process
when they are too few or busy, never worse than one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from labsite.common import cpus


@pytest.mark.parametrize(
    ("usable", "idle", "expected"),
    [
        (2, 2.0, 2),  # a quiet machine of two
        (2, 1.6, 2),  # the build's own start is not idle time: half a processor's grace
        (2, 1.2, 1),  # another job keeps one busy: forking gains nothing
        (2, None, 2),  # idle time unknown (no /proc): the usable processors decide
        (1, 1.0, 1),  # one processor allowed (affinity or quota)
        (8, 0.3, 1),  # many processors, all busy
        (8, 6.0, 2),
    ],
)
def test_processes(usable: int, idle: float | None, expected: int) -> None:
    assert cpus.processes(2, usable, idle) == expected


def test_usable_follows_affinity_and_the_cgroup_quota(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "sched_setaffinity"):
        pytest.skip("no CPU affinity on this system")
    code = "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); from labsite.common import cpus; print(cpus.usable())"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "1"
    )
    quota = tmp_path / "cpu.max"
    monkeypatch.setattr(cpus, "CGROUP_QUOTA", quota)
    quota.write_text("50000 100000\n")  # half a processor: one
    assert cpus.usable() == 1
    quota.write_text("max 100000\n")
    assert cpus.usable() == len(os.sched_getaffinity(0))


def test_idle_processors_from_two_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    readings = iter([(1000, 2000), (1050, 2200)])  # 50 of 200 jiffies idle: a quarter
    monkeypatch.setattr(cpus, "_times", lambda: next(readings))
    monkeypatch.setattr(cpus, "SAMPLE", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    assert cpus.idle() == 1.0
    monkeypatch.setattr(cpus, "_times", lambda: None)
    assert cpus.idle() is None
