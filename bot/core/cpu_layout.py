"""Which processor cores the app and Rasa run on (the CPU_LAYOUT setting). Standard library only:
Rasa's launcher (scripts/rasa_server.py, Python 3.10) imports it as well as the app.

Rasa's server does its work in one Python thread, so it can use about one core however many
the machine has, and every message waits for it. Measured on the 2-core machine under load
(scripts/bench_chat.py, 10 concurrent conversations): when the operating system placed the
app's threads on whichever core was free, the app's work kept landing on the core Rasa was
using, and Rasa, the bottleneck, lost time to it. With CPU_LAYOUT=split (the default) Rasa is
bound to the last core it may use and the app to all the others, so the app never takes time
from Rasa and Rasa never from the app.

CPU_LAYOUT=none leaves placement to the operating system: use it when several Rasa instances
share one machine (they would otherwise all be bound to the same core), or when an orchestrator
already assigns cores. On a machine with one core, or where the OS cannot bind (not Linux),
nothing is changed.
"""

from __future__ import annotations

import os

ROLES = ("app", "rasa")


def cores_for(
    role: str, layout: str | None = None, available: set[int] | None = None
) -> set[int] | None:
    """The cores `role` should run on, or None to leave placement to the operating system.
    `available` defaults to the cores this process may use."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: expected one of {', '.join(ROLES)}")
    if layout is None:
        layout = os.environ.get("CPU_LAYOUT", "split")
    layout = layout.strip().lower()
    if layout in ("", "none"):
        return None
    if layout != "split":
        raise ValueError(f"CPU_LAYOUT must be 'split' or 'none', not {layout!r}")
    if available is None:
        if not hasattr(os, "sched_getaffinity"):
            return None
        available = os.sched_getaffinity(0)
    cores = sorted(available)
    if len(cores) < 2:
        return None
    return {cores[-1]} if role == "rasa" else set(cores[:-1])


def apply(role: str, layout: str | None = None) -> set[int] | None:
    """Bind every thread of this process (and so the threads it starts later) to the role's
    cores. Returns the cores, or None when nothing was changed."""
    cores = cores_for(role, layout)
    if cores is None:
        return None
    try:
        threads = [int(t) for t in os.listdir("/proc/self/task")]
    except OSError:
        threads = [0]
    for thread in threads:
        try:
            os.sched_setaffinity(thread, cores)
        except OSError:  # a thread that has just ended
            continue
    return cores
