"""Content blocks both documents print the same way: people tables, files, scope, signing."""

from __future__ import annotations

import re

from docx.document import Document
from docx.shared import Cm

from bot.dossier import labels
from bot.dossier.docx_helpers import Align, body, national_heading, new_document, paragraph, title
from bot.dossier.docx_tables import grid, signatures
from bot.dossier.formatting import date_line, format_day, format_share, format_size
from bot.dossier.model import Attachment, DossierEntry, Person

# Widths add up to the 16 cm text column; the narrow numeric columns leave room for names.
AUTHOR_WIDTHS = (1.1, 3.0, 2.5, 2.8, 2.2, 2.2, 2.2)
PARTICIPANT_WIDTHS = (1.1, 3.0, 2.5, 2.6, 2.2, 2.2, 2.4)
# Number, birth date and share read best centred; names and places left-aligned.
AUTHOR_CENTERED = (0, 2, 6)
PARTICIPANT_CENTERED = (0, 2)


def solution_type(entry: DossierEntry) -> str:
    """The form's wording for the stored key; an unknown key prints as stored."""
    return labels.SOLUTION_TYPES.get(entry.solution_type, entry.solution_type)


def scope(entry: DossierEntry) -> str:
    return labels.SCOPES.get(entry.scope, entry.scope)


def addressee(entry: DossierEntry) -> str:
    """"Kính gửi": the author's cơ sở, by its own name (capitals kept), or a blank to fill."""
    return entry.submitter.agency or labels.ADDRESSEE_BLANK


_LOCALITY = re.compile(r"\b(?:xã|phường|đặc khu)\s+(?P<place>[^,;()]+)", re.IGNORECASE)


def place(entry: DossierEntry) -> str:
    """The place of the date line follows the unit: "Lý Sơn, ngày …" for a commune's paper."""
    found = _LOCALITY.search(entry.submitter.agency or "")
    return found.group("place").strip() if found else labels.PROVINCE


def start(entry: DossierEntry, document_title: str) -> Document:
    """A new document with the tracking code on top, the national heading and the title."""
    doc = new_document(labels.CODE_PREFIX + entry.code, f"{document_title} – {entry.code}")
    national_heading(doc, labels.NATION, labels.MOTTO)
    title(doc, document_title)
    return doc


def author_table(doc: Document, entry: DossierEntry) -> None:
    rows = [
        (
            str(number),
            person.name,
            format_day(person.birth_date),
            person.workplace,
            person.position,
            person.qualification,
            format_share(person.share),
        )
        for number, person in enumerate(entry.authors, start=1)
    ]
    if not rows:
        rows = [("1", labels.NONE, "", "", "", "", "")]
    grid(doc, labels.AUTHOR_COLUMNS, rows, AUTHOR_WIDTHS, AUTHOR_CENTERED)
    paragraph(doc, space_after=0)


def participants(doc: Document, entry: DossierEntry) -> None:
    """The trial participants as the form's table when given as rows, else as prose."""
    if not entry.trial_participants:
        body(doc, entry.trial_participants_text, labels.NONE)
        return
    rows = [
        _participant_row(number, person)
        for number, person in enumerate(entry.trial_participants, start=1)
    ]
    grid(doc, labels.PARTICIPANT_COLUMNS, rows, PARTICIPANT_WIDTHS, PARTICIPANT_CENTERED)
    paragraph(doc, space_after=0)


def _participant_row(number: int, person: Person) -> tuple[str, ...]:
    return (
        str(number),
        person.name,
        format_day(person.birth_date),
        person.workplace,
        person.position,
        person.qualification,
        person.task,
    )


def attachments(doc: Document, entry: DossierEntry) -> None:
    """One numbered line per file sent through the bot (the files go with the dossier)."""
    if not entry.attachments:
        body(doc, "", labels.NONE)
        return
    for number, item in enumerate(entry.attachments, start=1):
        body(doc, f"{number}. {describe(item)}", labels.NONE)


def describe(item: Attachment) -> str:
    kind = labels.ATTACHMENT_KINDS.get(item.kind.lower(), labels.ATTACHMENT_OTHER)
    size = format_size(item.size)
    name = item.file_name or labels.NONE.rstrip(".")
    return f"{kind}: {name} ({size})" if size else f"{kind}: {name}"


def signer_names(entry: DossierEntry) -> list[str]:
    """Everyone who signs as author: the co-authors, or the submitter of an older draft."""
    names = [person.name for person in entry.authors if person.name]
    return names or [entry.submitter.name]


def closing(
    doc: Document, entry: DossierEntry, pledge: str, left: list[tuple[str, str]], right_title: str
) -> None:
    """The pledge, the date line and the signing columns with room for each signature."""
    promise = paragraph(doc, pledge, align=Align.JUSTIFY, indent=Cm(1), space_after=10)
    when = paragraph(
        doc, date_line(entry.submitted_at, place(entry)), align=Align.RIGHT, italic=True
    )
    # Pledge, date and signatures travel together to the next page if they must.
    promise.paragraph_format.keep_with_next = when.paragraph_format.keep_with_next = True
    right = [(right_title, "bold"), (labels.SIGN_HINT, "italic")]
    for name in signer_names(entry):
        right += [("", ""), ("", ""), ("", ""), (name, "bold")]
    signatures(doc, left, right)
