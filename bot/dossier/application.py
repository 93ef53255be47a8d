"""The "Đơn yêu cầu công nhận sáng kiến" in the layout of Thông tư 18/2013/TT-BKHCN."""

from __future__ import annotations

from docx.document import Document
from docx.shared import Cm

from bot.dossier import blocks, labels
from bot.dossier.docx_helpers import (
    Align,
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
    """The filled application as .docx bytes, ready to print and sign.

    Items in the order and style of the printed form (Phụ lục I, Thông tư 18/2013/TT-BKHCN):
    the authors' table, the title right after "…đề nghị xét công nhận sáng kiến:", then
    "- " items; the solution type and the problem open the description.
    """
    doc = blocks.start(entry, labels.APPLICATION_TITLE)
    _addressee(doc, entry)
    paragraph(doc, labels.WE_ARE, indent=Cm(1))
    blocks.author_table(doc, entry)
    applying = paragraph(doc, align=Align.JUSTIFY, indent=Cm(1))
    text_run(applying, labels.APPLYING_FOR + " ")
    text_run(applying, entry.title or NONE, bold=True)
    _items(doc, entry)
    blocks.closing(doc, entry, labels.APPLICATION_PLEDGE, [], labels.APPLICANT)
    return to_bytes(doc)


def _addressee(doc: Document, entry: DossierEntry) -> None:
    para = paragraph(doc, align=Align.CENTER, space_after=10)
    text_run(para, labels.ADDRESSEE)
    text_run(para, blocks.addressee(entry))


def _items(doc: Document, entry: DossierEntry) -> None:
    item = labels.ITEM
    labelled(doc, item + labels.INVESTOR, entry.investor, NONE)
    labelled(doc, item + labels.FIELD, entry.field, NONE)
    labelled(doc, item + labels.FIRST_APPLIED_FORM, format_day(entry.first_applied_on), NONE)
    heading(doc, f"{item}{labels.DESCRIPTION}:")
    labelled(doc, labels.SOLUTION_TYPE, blocks.solution_type(entry), NONE)
    labelled(doc, labels.PROBLEM, entry.problem, NONE)
    labelled(doc, labels.KNOWN_SOLUTION, entry.known_solution, NONE)
    labelled(doc, labels.SOLUTION, entry.solution, NONE)
    labelled(doc, labels.NOVELTY, entry.novelty, NONE)
    labelled(doc, labels.APPLICABILITY, entry.applicability, NONE)
    labelled(doc, item + labels.CONFIDENTIAL, entry.confidential_info, NONE)
    labelled(doc, item + labels.CONDITIONS, entry.conditions, NONE)
    labelled(doc, item + labels.BENEFITS, entry.benefits, NONE)
    labelled(doc, item + labels.TRIAL_OPINION, entry.trial_unit_opinion, NONE)
    heading(doc, f"{item}{labels.PARTICIPANTS}:")
    blocks.participants(doc, entry)
