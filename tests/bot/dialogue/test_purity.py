"""The dialogue engine imports no web, SDK or database module (STYLE.md 2 and 3)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FORBIDDEN = ("fastapi", "starlette", "telegram", "httpx", "sqlalchemy", "sqlmodel", "storage",
             "webhook", "cli", "requests", "aiohttp", "apscheduler", "psycopg")
ROOT = Path(__file__).resolve().parents[3]


def test_importing_the_engine_loads_no_forbidden_module() -> None:
    code = (
        "import json, sys\n"
        "import bot.dialogue\n"
        "from bot.dialogue import Dialogue, load_units\n"
        "Dialogue(units=load_units())\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    loaded = json.loads(out.stdout)
    bad = [m for m in loaded if m.split(".")[0] in FORBIDDEN]
    assert bad == []


def test_engine_source_reads_no_clock_and_no_randomness() -> None:
    sources = (ROOT / "bot" / "dialogue").rglob("*.py")
    for source in sources:
        body = source.read_text(encoding="utf-8")
        for banned in ("datetime.now", "date.today", "time.time", "import random", "uuid",
                       "open(", "os.environ"):
            if banned == "open(" and source.name == "units.py":
                continue  # load_units reads the CSV once at start-up, outside step()
            assert banned not in body, f"{source.name} uses {banned}"
