"""Page set-up and paragraph primitives for Vietnamese administrative documents."""

from __future__ import annotations

import io
from typing import TypeAlias

from docx import Document as new_docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from bot.dossier.docx_xml import FONT, bottom_rule, clean, lines, page_number_field, times_new_roman

BODY_PT = 13
TITLE_PT = 14
SMALL_PT = 10
TEXT_WIDTH_CM = 16.0  # A4 210 mm less the 3 cm left and 2 cm right margins
MOTTO_WIDTH_CM = 6.6  # "Độc lập - Tự do - Hạnh phúc" in 14 pt bold, plus a little

Container: TypeAlias = Document | _Cell
Align = WD_ALIGN_PARAGRAPH


def new_document(header: str, title: str) -> Document:
    """A4 page, official margins, Times New Roman 13 pt, `header` as a small top line."""
    doc = new_docx()
    _set_fonts(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    top = section.header.paragraphs[0]
    top.alignment = Align.RIGHT
    text_run(top, header, size=SMALL_PT, italic=True)
    bottom = section.footer.paragraphs[0]
    bottom.alignment = Align.CENTER
    bottom._p.append(page_number_field())
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = clean(title), "Trợ lý Sáng kiến", ""
    props.language = "vi-VN"
    return doc


def _set_fonts(doc: Document) -> None:
    """Times New Roman in the defaults and in Normal, so no text falls back to a theme font."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None, "python-docx's template always has w:docDefaults"
    for rpr in defaults.iter(qn("w:rPr")):
        times_new_roman(rpr)
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), "vi-VN")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    times_new_roman(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(4), 1.1


def text_run(
    para: Paragraph,
    text: str,
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
) -> Run:
    """The only way text enters a document: cleaned, as one plain run; size if not body."""
    run = para.add_run(clean(text))
    run.bold = bold or None
    run.italic = italic or None
    if size is not None:
        run.font.size = Pt(size)
    return run


def paragraph(
    where: Container,
    text: str = "",
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    indent: Length | None = None,
    space_after: float | None = None,
) -> Paragraph:
    """One paragraph holding `text` as a single plain run (line breaks become spaces)."""
    para = _fresh_paragraph(where)
    if align is not None:
        para.alignment = align
    if indent is not None:
        para.paragraph_format.first_line_indent = indent
    if space_after is not None:
        para.paragraph_format.space_after = Pt(space_after)
    if text:
        text_run(para, text, size=size, bold=bold, italic=italic)
    return para


def _fresh_paragraph(where: Container) -> Paragraph:
    """A new cell already holds one empty paragraph: fill that one before adding more."""
    if isinstance(where, _Cell) and len(where.paragraphs) == 1 and not where.paragraphs[0].text:
        return where.paragraphs[0]
    return where.add_paragraph()


def body(where: Container, text: str, empty: str) -> None:
    """User prose, one justified, indented paragraph per line; `empty` when nothing was given."""
    for line in lines(text) or [empty]:
        paragraph(where, line, align=Align.JUSTIFY, indent=Cm(1))


def labelled(where: Container, label: str, value: str, empty: str, *, number: str = "") -> None:
    """Print "1. Label: value" on one line, or the label followed by the value's paragraphs."""
    para = paragraph(where, align=Align.JUSTIFY, indent=Cm(1))
    text_run(para, f"{number} {label}:" if number else f"{label}:", bold=True)
    values = lines(value)
    if len(values) > 1 or (values and len(values[0]) > 300):
        para.paragraph_format.keep_with_next = True
        body(where, value, empty)
    else:
        text_run(para, " " + (values[0] if values else empty))


def heading(where: Container, text: str, *, italic: bool = False) -> Paragraph:
    """A bold section heading, kept on the same page as the paragraph that follows it."""
    para = paragraph(where, text, align=Align.JUSTIFY, bold=True, italic=italic, indent=Cm(1))
    para.paragraph_format.space_before = Pt(6)
    para.paragraph_format.keep_with_next = True
    return para


def national_heading(doc: Document, nation: str, motto: str) -> None:
    """The state heading with the short rule under the motto, as on every official paper."""
    paragraph(doc, nation, align=Align.CENTER, bold=True, space_after=0)
    under = paragraph(doc, motto, align=Align.CENTER, bold=True, size=TITLE_PT, space_after=18)
    # The rule is the motto paragraph's own bottom border, narrowed by indents to the
    # width of the words, so it stays centred under them in Word and LibreOffice alike.
    side = Cm((TEXT_WIDTH_CM - MOTTO_WIDTH_CM) / 2)
    under.paragraph_format.left_indent = under.paragraph_format.right_indent = side
    bottom_rule(under._p.get_or_add_pPr())


def title(doc: Document, text: str) -> None:
    paragraph(doc, text, align=Align.CENTER, bold=True, size=TITLE_PT, space_after=12)


def to_bytes(doc: Document) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
