"""Tables of an administrative form: bordered data grids and the borderless signing row."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from copy import deepcopy
from typing import Any, TypeAlias

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table, _Cell

from bot.dossier.docx_helpers import TEXT_WIDTH_CM, Align, paragraph
from bot.dossier.docx_xml import (
    cell_padding,
    keep_row_whole,
    lines,
    repeat_as_header,
    table_borders,
)

# Narrow side padding (1 mm): at 13 pt a date needs nearly all of a 2,5 cm column; a
# little above and below keeps text off the rules.
SIDE_PADDING_TWIPS = 57
TOP_PADDING_TWIPS = 30

Signing: TypeAlias = Sequence[tuple[str, str]]


def grid(
    doc: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float],
    centered: Collection[int] = (0,),
) -> Table:
    """A bordered table with a bold header row repeated on every page.

    The data rows are copies of one prototype row built through python-docx, with only
    their text put in: building every cell through python-docx costs about a millisecond
    each, which a council's minutes with thousands of cells would feel.
    """
    table = doc.add_table(rows=2, cols=len(header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    table_borders(table._tbl.tblPr)
    cell_padding(table._tbl.tblPr, SIDE_PADDING_TWIPS, TOP_PADDING_TWIPS)
    for index, width in enumerate(widths_cm):
        table.columns[index].width = Cm(width)
    prototype = ["x"] * len(header)  # one paragraph holding one run in every cell
    for row_index, values in enumerate([header, prototype]):
        for index, cell in enumerate(table.rows[row_index].cells):
            cell.width = Cm(widths_cm[index])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            center = row_index == 0 or index in centered
            _cell_text(cell, values[index], bold=row_index == 0, center=center)
    repeat_as_header(table.rows[0]._tr.get_or_add_trPr())
    model = table.rows[1]._tr
    for values in rows:
        model.addprevious(_row_like(model, values))
    table._tbl.remove(model)
    return table


def _row_like(model: Any, values: Sequence[str]) -> Any:
    """A copy of the prototype row holding `values`, one paragraph per line of each."""
    row = deepcopy(model)
    for cell, value in zip(row.iterchildren(qn("w:tc")), values, strict=True):
        first = cell.find(qn("w:p"))
        cell.remove(first)
        for line in lines(value) or [""]:
            para = deepcopy(first)
            run = para.find(qn("w:r"))
            if line:  # stripped, so no xml:space="preserve" is needed (as python-docx does)
                run.find(qn("w:t")).text = line
            else:
                para.remove(run)
            cell.append(para)
    return row


def _cell_text(cell: _Cell, text: str, *, bold: bool, center: bool) -> None:
    for line in lines(text) or [""]:
        align = Align.CENTER if center else Align.LEFT
        para = paragraph(cell, line, bold=bold, space_after=0, align=align)
        para.paragraph_format.line_spacing = 1.0


def signatures(doc: Document, left: Signing, right: Signing) -> None:
    """Two borderless signing columns; each line is (text, "bold" | "italic" | "").

    The row may not split and its lines keep together, so a signature never lands alone
    on a page away from the text it signs.
    """
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    keep_row_whole(table.rows[0]._tr.get_or_add_trPr())
    for cell, block in zip(table.rows[0].cells, (left, right), strict=True):
        cell.width = Cm(TEXT_WIDTH_CM / 2)
        for text, style in block:
            bold, italic = style == "bold", style == "italic"
            para = paragraph(cell, text, align=Align.CENTER, bold=bold, italic=italic)
            para.paragraph_format.space_after = 0
            para.paragraph_format.keep_with_next = True
