"""Raw WordprocessingML pieces python-docx lacks, and text made safe for XML runs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

FONT = "Times New Roman"

# Line separators users paste from phones and Word become paragraph breaks; any other
# character that XML 1.0 forbids (and C1 controls, which print as boxes) is dropped,
# because lxml refuses them and a broken .docx would reach a council.
_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Word rejects a file whose property children are out of schema order, so each element
# is inserted before the first of the elements that the schema puts after it.
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBLCELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", *_AFTER_TBLCELLMAR)
_AFTER_CANTSPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")
_AFTER_TBLHEADER = ("w:tblCellSpacing", "w:jc", "w:hidden")


def clean(text: str) -> str:
    """Text safe for one run: no line breaks and no character XML cannot hold."""
    return _ILLEGAL.sub("", _BREAKS.sub(" ", text))


def lines(text: str) -> list[str]:
    """The non-blank lines of user text, each cleaned, to print one paragraph per line."""
    parts = (_ILLEGAL.sub("", part).strip() for part in _BREAKS.split(text))
    return [part for part in parts if part]


def _edges(tag: str, sides: Sequence[str], size: int, space: int) -> BaseOxmlElement:
    box = OxmlElement(tag)
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        attributes = {"val": "single", "sz": size, "space": space, "color": "000000"}
        for name, value in attributes.items():
            edge.set(qn(f"w:{name}"), str(value))
        box.append(edge)
    return box


def bottom_rule(ppr: BaseOxmlElement, size: int = 6) -> None:
    """A single line under a paragraph (size in eighths of a point)."""
    ppr.insert_element_before(_edges("w:pBdr", ("bottom",), size, 1), *_AFTER_PBDR)


def table_borders(tblpr: BaseOxmlElement) -> None:
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    tblpr.insert_element_before(_edges("w:tblBorders", sides, 4, 0), *_AFTER_TBLBORDERS)


def cell_padding(tblpr: BaseOxmlElement, sides: int, top_bottom: int) -> None:
    """Padding of every cell in the table, in twips (1/20 pt)."""
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (
        ("top", top_bottom),
        ("left", sides),
        ("bottom", top_bottom),
        ("right", sides),
    ):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tblpr.insert_element_before(margins, *_AFTER_TBLCELLMAR)


def repeat_as_header(trpr: BaseOxmlElement) -> None:
    trpr.insert_element_before(OxmlElement("w:tblHeader"), *_AFTER_TBLHEADER)


def keep_row_whole(trpr: BaseOxmlElement) -> None:
    trpr.insert_element_before(OxmlElement("w:cantSplit"), *_AFTER_CANTSPLIT)


def times_new_roman(rpr: BaseOxmlElement) -> None:
    """Name the font for every script (w:eastAsia included) and drop theme fonts."""
    fonts = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def page_number_field() -> BaseOxmlElement:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    return field
