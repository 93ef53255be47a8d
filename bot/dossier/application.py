"""The "Đơn yêu cầu công nhận sáng kiến" in the layout of Thông tư 18/2013/TT-BKHCN."""

from __future__ import annotations

from docx.document import Document
from docx.shared import Cm

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


def build_application(entry: DossierEntry) -> bytes:
    """The filled application as .docx bytes, ready to print and sign."""
    doc = blocks.start(entry, labels.APPLICATION_TITLE)
    _addressee(doc, entry)
    paragraph(doc, labels.WE_ARE, indent=Cm(1))
    blocks.author_table(doc, entry)
    paragraph(doc, labels.APPLYING_FOR, align=Align.JUSTIFY, indent=Cm(1))
    _general_items(doc, entry)
    _description(doc, entry)
    _closing_items(doc, entry)
    blocks.closing(doc, entry, labels.APPLICATION_PLEDGE, [], labels.APPLICANT)
    return to_bytes(doc)


def _addressee(doc: Document, entry: DossierEntry) -> None:
    para = paragraph(doc, align=Align.CENTER, space_after=10)
    text_run(para, labels.ADDRESSEE)
    text_run(para, blocks.council(entry))


def _general_items(doc: Document, entry: DossierEntry) -> None:
    labelled(doc, labels.TITLE, entry.title, NONE, number="1.")
    labelled(doc, labels.SOLUTION_TYPE, blocks.solution_type(entry), NONE, number="2.")
    labelled(doc, labels.INVESTOR, entry.investor, NONE, number="3.")
    labelled(doc, labels.FIELD, entry.field, NONE, number="4.")
    labelled(doc, labels.PROBLEM, entry.problem, NONE)
    labelled(doc, labels.FIRST_APPLIED, format_day(entry.first_applied_on), NONE, number="5.")


def _description(doc: Document, entry: DossierEntry) -> None:
    heading(doc, f"6. {labels.DESCRIPTION}:")
    heading(doc, f"6.1. {labels.KNOWN_SOLUTION}:")
    body(doc, entry.known_solution, NONE)
    heading(doc, f"6.2. {labels.SOLUTION}:")
    body(doc, entry.solution, NONE)
    heading(doc, f"{labels.NOVELTY}:", italic=True)
    body(doc, entry.novelty, NONE)
    heading(doc, f"6.3. {labels.APPLICABILITY}:")
    body(doc, entry.applicability, NONE)


def _closing_items(doc: Document, entry: DossierEntry) -> None:
    labelled(doc, labels.CONFIDENTIAL, entry.confidential_info, NONE, number="7.")
    labelled(doc, labels.CONDITIONS, entry.conditions, NONE, number="8.")
    labelled(doc, labels.BENEFITS, entry.benefits, NONE, number="9.")
    labelled(doc, labels.TRIAL_OPINION, entry.trial_unit_opinion, NONE, number="10.")
    heading(doc, f"11. {labels.PARTICIPANTS}:")
    blocks.participants(doc, entry)
    heading(doc, f"12. {labels.ATTACHMENTS}:")
    blocks.attachments(doc, entry)
    labelled(doc, labels.SCOPE, blocks.scope(entry), NONE, number="13.")
