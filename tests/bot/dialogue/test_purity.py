"""Import directions (STYLE.md 2 and 3): the dialogue engine and the features' pure cores import
no web, SDK or database module; nothing in bot/ imports webhook/ or cli/."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

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


# The pure cores of the features (STYLE.md 2): rules, rendering and texts, importable without
# any web, SDK or database module. Each is loaded alone, in a fresh interpreter.
PURE = (
    "bot.messages",
    "bot.dialogue.catalogues",
    "bot.quality",
    "bot.similar",
    "bot.similar.importer",
    "bot.review.catalogue",
    "bot.review.catalogue_digest",
    "bot.review.commands",
    "bot.review.digest_render",
    "bot.review.effects",
    "bot.review.notices",
    "bot.review.step",
    "bot.review.transitions",
    "bot.broadcast.catalogue",
    "bot.broadcast.compose",
    "bot.broadcast.effects",
    "bot.broadcast.render",
    "bot.broadcast.rules",
    "bot.dossier",
    "bot.dossier.minutes",
    "bot.dossier.score_sheet",
    "bot.desk.catalogue",
    "bot.desk.scoring",
    "bot.reminders.catalogue",
    "bot.reminders.rules",
)


@pytest.mark.parametrize("module", PURE)
def test_a_pure_core_loads_no_web_sdk_or_database_module(module: str) -> None:
    code = f"import json, sys\nimport {module}\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    bad = [m for m in json.loads(out.stdout) if m.split(".")[0] in FORBIDDEN]
    assert bad == []


def _imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_nothing_in_bot_imports_the_http_side_or_the_command_line() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / "bot").rglob("*.py"))
        for name in sorted(_imported(path))
        if name.split(".")[0] in ("webhook", "cli")
    ]
    assert offenders == []


DIALOGUE = ROOT / "bot" / "dialogue"
FLOWS_DIR = DIALOGUE / "flows"


def _core() -> list[Path]:
    """Every module of the dialogue but its flows and the package's __init__, the one place
    that loads flows/ (which fills registry.py's flow table)."""
    return [
        path
        for path in sorted(DIALOGUE.rglob("*.py"))
        if FLOWS_DIR not in path.parents and path != DIALOGUE / "__init__.py"
    ]


def test_the_engine_imports_no_flow() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _core()
        for name in sorted(_imported(path))  # TYPE_CHECKING imports count too
        if name == "bot.dialogue.flows" or name.startswith("bot.dialogue.flows.")
    ]
    assert len(_core()) > 20  # the walk found the core
    assert offenders == []


def test_no_flow_imports_the_engine_back() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted(FLOWS_DIR.rglob("*.py"))
        for name in sorted(_imported(path))
        if name in ("bot.dialogue.engine", "bot.dialogue.Dialogue")
        or name.startswith("bot.dialogue.engine.")
    ]
    assert offenders == []


def test_the_dialogue_uses_no_relative_imports() -> None:
    """The two checks above read absolute imports; a relative one would slip past them."""
    relative = [
        str(path.relative_to(ROOT))
        for path in sorted(DIALOGUE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level > 0
    ]
    assert relative == []
