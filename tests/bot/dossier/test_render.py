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


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both documents converted in one LibreOffice start, with a private profile."""
    soffice = _tool("soffice")
    work = tmp_path_factory.mktemp("dossier-render")
    sources = []
    for name, build in DOCUMENTS.items():
        sources.append(work / f"dossier-{name}.docx")
        sources[-1].write_bytes(build(entry()))
    profile = f"-env:UserInstallation=file://{work / 'profile'}"
    command = [soffice, profile, "--headless", "--norestore", "--convert-to", "pdf"]
    _run([*command, "--outdir", str(work), *map(str, sources)])
    return {name: work / f"dossier-{name}.pdf" for name in DOCUMENTS}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_first_page_renders_to_png(pdfs: dict[str, Path], name: str) -> None:
    pdftoppm = _tool("pdftoppm")
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / f"dossier-{name}"
    _run(
        [
            pdftoppm,
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdfs[name]),
            str(stem),
        ]
    )
    png = stem.with_suffix(".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000  # a blank A4 page at 80 dpi is far smaller


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_pdf_has_real_vietnamese_text_in_times_metrics(pdfs: dict[str, Path], name: str) -> None:
    page_one = _run([_tool("pdftotext"), "-l", "1", "-layout", str(pdfs[name]), "-"])
    title = labels.APPLICATION_TITLE if name == "application" else labels.REPORT_TITLE
    for expected in (labels.NATION, labels.MOTTO, title, "12/04/1988", "Mã hồ sơ: SK-2026-00012"):
        assert expected in page_one
    fonts = _run([_tool("pdffonts"), str(pdfs[name])])
    # Times New Roman itself, or Liberation Serif: its metric twin on Debian, so lines break
    # exactly where they would in Word.
    assert "TimesNewRoman" in fonts or "LiberationSerif" in fonts, fonts
