"""How many processors a build can use: those the process may run on (its affinity, a
container's CPU quota), and of those, how many other work leaves idle right now.

CI runners and shared servers often give fewer processors than ``os.cpu_count()`` says, or keep
them busy: forking a language pass then costs memory and gains nothing (two processes took 126 s
against 121 s for one on a busy machine). The build forks only when enough of them are free.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

CGROUP_QUOTA = Path("/sys/fs/cgroup/cpu.max")  # cgroup v2: "<quota> <period>", or "max <period>"
PROC_STAT = Path("/proc/stat")
SAMPLE = 0.1  # seconds between two readings of /proc/stat (10 ticks a processor)
# "1": a build in one process (the sources read, then the languages one after the other); "2": a
# process a language, however busy the machine; unset: a process each when the processors are free.
JOBS_VARIABLE = "LABSITE_JOBS"


def usable() -> int:
    """Processors this process may run on: its affinity, capped by its cgroup's CPU quota."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        quota, period = CGROUP_QUOTA.read_text().split()[:2]
        if quota != "max":
            count = min(count, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass  # no cgroup v2 (macOS, an older system): the affinity alone
    return max(1, count)


def _times() -> tuple[int, int] | None:
    """(idle, total) jiffies of the whole machine, or None where /proc/stat is not."""
    try:
        fields = [int(n) for n in PROC_STAT.read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return None
    return fields[3] + fields[4], sum(fields)  # idle and iowait; user...steal


def idle() -> float | None:
    """Processors idle right now, over a tenth of a second (None where it can't be measured)."""
    before = _times()
    time.sleep(SAMPLE)
    after = _times()
    if before is None or after is None or after[1] <= before[1]:
        return None
    share = (after[0] - before[0]) / (after[1] - before[1])
    return share * (os.cpu_count() or 1)


def processes(wanted: int, usable_count: int, idle_count: float | None) -> int:
    """``wanted`` processes when as many processors are usable and idle (within half of one:
    a build's own start is not idle time), else one: never worse than one process."""
    free = usable_count if idle_count is None else min(usable_count, idle_count)
    return wanted if usable_count >= wanted and free >= wanted - 0.5 else 1
