"""The "Báo cáo mô tả sáng kiến": the same content as the application, in report sections."""

from __future__ import annotations

from docx.document import Document

from bot.dossier import blocks, labels
from bot.dossier.docx_helpers import (
    Align,
    body,
    heading,
    labelled,
    paragraph,
    text_run,
    to_bytes,
)
from bot.dossier.formatting import format_day
from bot.dossier.model import DossierEntry

NONE = labels.NONE


def build_report(entry: DossierEntry) -> bytes:
    """The filled description report as .docx bytes, ready to print and sign."""
    doc = blocks.start(entry, labels.REPORT_TITLE)
    name = paragraph(doc, align=Align.CENTER, space_after=10)
    text_run(name, f"“{entry.title or NONE.rstrip('.')}”", bold=True)
    _general(doc, entry)
    _description(doc, entry)
    _remaining(doc, entry)
    unit_head = [(labels.UNIT_HEAD, "bold"), (labels.UNIT_HEAD_HINT, "italic")]
    blocks.closing(doc, entry, labels.REPORT_PLEDGE, unit_head, labels.REPORT_AUTHOR)
    return to_bytes(doc)


def _general(doc: Document, entry: DossierEntry) -> None:
    heading(doc, f"I. {labels.REPORT_GENERAL}")
    labelled(doc, labels.TITLE, entry.title, NONE, number="1.")
    labelled(doc, labels.SOLUTION_TYPE, blocks.solution_type(entry), NONE, number="2.")
    heading(doc, f"3. {labels.AUTHORS}:")
    blocks.author_table(doc, entry)
    labelled(doc, labels.INVESTOR, entry.investor, NONE, number="4.")
    labelled(doc, labels.FIELD, entry.field, NONE, number="5.")
    labelled(doc, labels.PROBLEM, entry.problem, NONE)
    labelled(doc, labels.FIRST_APPLIED, format_day(entry.first_applied_on), NONE, number="6.")


def _description(doc: Document, entry: DossierEntry) -> None:
    heading(doc, f"II. {labels.REPORT_DESCRIPTION}")
    heading(doc, f"1. {labels.KNOWN_SOLUTION}")
    body(doc, entry.known_solution, NONE)
    heading(doc, f"2. {labels.SOLUTION}")
    heading(doc, f"a) {labels.SOLUTION_STEPS}", italic=True)
    body(doc, entry.solution, NONE)
    heading(doc, f"b) {labels.NOVELTY}", italic=True)
    body(doc, entry.novelty, NONE)
    heading(doc, f"3. {labels.APPLICABILITY}")
    body(doc, entry.applicability, NONE)


# Sections III to IX of the report; each is a heading and the author's own text.
def _remaining(doc: Document, entry: DossierEntry) -> None:
    sections = (
        ("III", labels.REPORT_CONFIDENTIAL, entry.confidential_info),
        ("IV", labels.REPORT_CONDITIONS, entry.conditions),
        ("V", labels.REPORT_BENEFITS, entry.benefits),
        ("VI", labels.REPORT_TRIAL_OPINION, entry.trial_unit_opinion),
    )
    for numeral, label, text in sections:
        heading(doc, f"{numeral}. {label}")
        body(doc, text, NONE)
    heading(doc, f"VII. {labels.REPORT_PARTICIPANTS}")
    blocks.participants(doc, entry)
    heading(doc, f"VIII. {labels.REPORT_ATTACHMENTS}")
    blocks.attachments(doc, entry)
    heading(doc, f"IX. {labels.REPORT_SCOPE}")
    body(doc, blocks.scope(entry), NONE)
