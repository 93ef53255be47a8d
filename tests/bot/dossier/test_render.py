"""LibreOffice renders both documents; page 1 is kept as a PNG for a person to look at."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bot.dossier import build_application, build_report, labels
from tests.bot.dossier.samples import entry

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
APT = "apt-get install -y libreoffice-writer-nogui poppler-utils fonts-liberation2"
DOCUMENTS = {"application": build_application, "report": build_report}


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"{name} is missing: {APT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, f"{command[0]} failed: {done.stderr or done.stdout}"
    return done.stdout


def _convert(work: Path) -> dict[str, Path]:
    """Both documents converted in one LibreOffice start, with a private profile."""
    soffice = _tool("soffice")
    sources = []
    for name, build in DOCUMENTS.items():
        sources.append(work / f"dossier-{name}.docx")
        sources[-1].write_bytes(build(entry()))
    profile = f"-env:UserInstallation=file://{work / 'profile'}"
    command = [soffice, profile, "--headless", "--norestore", "--convert-to", "pdf"]
    _run([*command, "--outdir", str(work), *map(str, sources)])
    return {name: work / f"dossier-{name}.pdf" for name in DOCUMENTS}


def _first_page_png(pdf: Path, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / f"dossier-{name}"
    page_one = ["-f", "1", "-l", "1", "-singlefile"]
    _run([_tool("pdftoppm"), "-png", "-r", "80", *page_one, str(pdf), str(stem)])
    return stem.with_suffix(".png")


# One test, not one per document: a LibreOffice start costs seconds, and pytest-xdist
# would start it again in every worker that ran a module-scoped fixture.
def test_both_documents_render_to_pdf_and_a_first_page_png(tmp_path: Path) -> None:
    for name, pdf in _convert(tmp_path).items():
        png = _first_page_png(pdf, name)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 10_000, name  # a blank A4 page at 80 dpi is far smaller
        page_one = _run([_tool("pdftotext"), "-l", "1", "-layout", str(pdf), "-"])
        title = labels.APPLICATION_TITLE if name == "application" else labels.REPORT_TITLE
        for expected in (labels.NATION, labels.MOTTO, title, "12/04/1988", "Mã hồ sơ: SK-"):
            assert expected in page_one, (name, expected)
        fonts = _run([_tool("pdffonts"), str(pdf)])
        # Times New Roman itself, or Liberation Serif: its metric twin on Debian, so lines
        # break where they would in Word.
        assert "TimesNewRoman" in fonts or "LiberationSerif" in fonts, fonts
