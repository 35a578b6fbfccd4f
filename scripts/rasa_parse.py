"""Parse texts with a trained Rasa model. Runs in the Rasa environment (.venv-rasa, Python 3.10),
called by scripts/nlu_eval.py: reads a JSON list of texts on stdin, writes a JSON list of parse
results (intent, intent_ranking, entities) on stdout. Imports nothing of the project."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys


async def _parse_all(model: str, texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    results = []
    for text in texts:
        parsed = await agent.parse_message(text)
        results.append(
            {
                "text": text,
                "intent": (parsed.get("intent") or {}).get("name"),
                "confidence": (parsed.get("intent") or {}).get("confidence"),
                "intent_ranking": [
                    {"name": r.get("name"), "confidence": r.get("confidence")}
                    for r in parsed.get("intent_ranking") or []
                ][:5],
                "entities": [
                    {
                        "entity": e.get("entity"),
                        "value": e.get("value"),
                        "start": e.get("start"),
                        "end": e.get("end"),
                        "extractor": e.get("extractor"),
                    }
                    for e in parsed.get("entities") or []
                ],
            }
        )
    return results


def main() -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    logging.disable(logging.WARNING)
    model = sys.argv[1]
    texts = json.load(sys.stdin)
    results = asyncio.run(_parse_all(model, texts))
    sys.stdout.write("\n@@RESULTS@@\n" + json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
