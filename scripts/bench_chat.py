"""Chat load benchmark: starts the real system, drives concurrent multi-turn conversations
through the app's chat API, then sends the same load straight to Rasa's REST channel, and
prints throughput, latency percentiles, errors, memory and start-up times.

    .venv/bin/python -m scripts.bench_chat [--concurrency 10] [--conversations 200] [--rounds 4]

Figures are for this machine; quote them with its size (e.g. 2 cores, 24 GiB).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from bot.core import cpu_layout
from scripts.live_system import MODEL, LiveSystem, rss_mib

# All simulated people share one address here: the per-address limits are lifted for the
# benchmark (the per-conversation limit stays on).
os.environ.setdefault("RATE_LIMIT_PER_ADDRESS", "0")
os.environ.setdefault("RATE_LIMIT_SESSIONS_PER_ADDRESS", "0")

# Realistic conversations: typed words and button presses, as carers use the assistant.
SCRIPTS: list[list[dict[str, str]]] = [
    [
        {"text": "hello"},
        {"text": "can I get any money for looking after my grandson"},
        {"payload": '/inform_arrangement{"arrangement": "sgo"}'},
        {"text": "thank you"},
    ],
    [
        {"text": "we haven't got enough bedrooms since the kids moved in"},
        {"payload": "/not_sure_arrangement"},
        {"text": "can I talk to a real person"},
    ],
    [
        {"text": "what is the virtual school"},
        {"text": "we have a child arrangements order"},
        {"text": "is there a support group for grandparents"},
        {"text": "bye"},
    ],
    [
        {"text": "my granddaughter has nightmares about what happened"},
        {"payload": '/inform_arrangement{"arrangement": "kinship_fostering"}'},
        {"payload": "/need_legal_support"},
    ],
]


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


class Run:
    def __init__(self, name: str):
        self.name = name
        self.latencies: list[float] = []
        self.errors = 0
        self.elapsed = 0.0

    def line(self) -> str:
        ms = [x * 1000 for x in self.latencies]
        rate = len(ms) / self.elapsed if self.elapsed else 0
        return (
            f"{self.name:<22} {len(ms):>6} msgs  {rate:7.1f} msg/s  "
            f"p50 {percentile(ms, 50):6.1f} ms  p95 {percentile(ms, 95):6.1f} ms  "
            f"p99 {percentile(ms, 99):6.1f} ms  errors {self.errors}"
        )


async def via_app(client: httpx.AsyncClient, base: str, script, run: Run) -> None:
    response = await client.post(f"{base}/api/chat/sessions")
    if response.status_code != 201:
        run.errors += 1
        return
    session = response.json()["session_id"]
    for turn in script:
        started = time.perf_counter()
        try:
            r = await client.post(f"{base}/api/chat/sessions/{session}/messages", json=turn)
            ok = r.status_code == 200 and r.json()["messages"]
        except httpx.HTTPError:
            ok = False
        run.latencies.append(time.perf_counter() - started)
        run.errors += 0 if ok else 1


async def via_rasa(client: httpx.AsyncClient, base: str, script, run: Run) -> None:
    sender = uuid.uuid4().hex
    for turn in script:
        message = turn.get("payload") or turn["text"]
        started = time.perf_counter()
        try:
            r = await client.post(
                f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": message}
            )
            ok = r.status_code == 200 and r.json()
        except httpx.HTTPError:
            ok = False
        run.latencies.append(time.perf_counter() - started)
        run.errors += 0 if ok else 1


async def drive(kind, base: str, conversations: int, concurrency: int, run: Run) -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(conversations):
        queue.put_nowait(i)
    limits = httpx.Limits(max_connections=concurrency * 2)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:

        async def worker() -> None:
            while True:
                try:
                    i = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                await kind(client, base, SCRIPTS[i % len(SCRIPTS)], run)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        run.elapsed = time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds per path")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("APP_WORKERS", "1")))
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kinship-bench-"))
    system = LiveSystem(workdir, app_workers=args.workers)
    from bot.db.migrate import upgrade

    upgrade(system.database_url)
    try:
        app_start = system.start_app()
        rasa_start = system.start_rasa()
        # The simulated people run beside the app (never on Rasa's core): their own work then
        # counts against the app's figures, not against Rasa's.
        client_cores = cpu_layout.cores_for("app", system.env()["CPU_LAYOUT"])
        rasa_cores = cpu_layout.cores_for("rasa", system.env()["CPU_LAYOUT"])
        if client_cores:
            os.sched_setaffinity(0, client_cores)
        # Warm up both paths (model graphs, connection pools, caches).
        asyncio.run(drive(via_app, system.app_url, 8, 4, Run("warm-up")))
        asyncio.run(drive(via_rasa, system.rasa_url, 8, 4, Run("warm-up")))

        # The two paths take turns in rounds (app first, then Rasa first, ...), so neither
        # always runs on a fresher or a fuller tracker store, and a burst of other work on the
        # machine falls on both. Figures are pooled over the rounds.
        ours = Run("app chat API")
        theirs = Run("Rasa REST directly")
        per_round = max(1, args.conversations // args.rounds)
        ratios: list[float] = []
        for number in range(args.rounds):
            pair = [(via_app, system.app_url, "app"), (via_rasa, system.rasa_url, "rasa")]
            if number % 2:
                pair.reverse()
            rates: dict[str, float] = {}
            for kind, url, name in pair:
                part = Run(name)
                asyncio.run(drive(kind, url, per_round, args.concurrency, part))
                rates[name] = len(part.latencies) / part.elapsed
                total = ours if name == "app" else theirs
                total.latencies += part.latencies
                total.errors += part.errors
                total.elapsed += part.elapsed
            ratios.append(rates["app"] / rates["rasa"])

        cores = os.cpu_count()
        print(
            f"machine: {cores} cores; CPU_LAYOUT={system.env()['CPU_LAYOUT']} "
            f"(Rasa on cores {sorted(rasa_cores) if rasa_cores else 'any'}, app and this "
            f"client on {sorted(client_cores) if client_cores else 'any'}); "
            f"concurrency {args.concurrency}; "
            f"{per_round * args.rounds} conversations of 3-4 turns per path in {args.rounds} "
            f"alternating rounds; app workers {args.workers}"
        )
        print(ours.line())
        print(theirs.line())
        p50_overhead = (percentile(ours.latencies, 50) - percentile(theirs.latencies, 50)) * 1000
        throughput_ratio = (len(ours.latencies) / ours.elapsed) / (
            len(theirs.latencies) / theirs.elapsed
        )
        print(f"app overhead over Rasa at p50: {p50_overhead:.1f} ms")
        print(
            f"throughput, app / Rasa: {throughput_ratio:.2f} "
            f"(per round: {', '.join(f'{r:.2f}' for r in ratios)})"
        )
        print(
            f"memory: app {rss_mib(system.app.pid):.0f} MiB, Rasa {rss_mib(system.rasa.pid):.0f} MiB"
        )
        print(f"cold start: app {app_start:.1f} s, Rasa (model loaded) {rasa_start:.1f} s")
        train = MODEL.parent / ".train_seconds"
        if train.exists():
            print(f"Rasa training time (last `make train`): {train.read_text().strip()} s")
    finally:
        system.stop()


if __name__ == "__main__":
    main()
