"""Both dossier documents, opened back with python-docx: content in the right place, layout."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from bot.dossier import DossierEntry, build_application, build_report, labels
from tests.bot.dossier.samples import (
    AUTHOR,
    CODE,
    KNOWN,
    STEPS,
    SUBMITTED_AT,
    TITLE,
    blocks,
    entry,
    fields,
    read,
    section,
)

Builder = Callable[[DossierEntry], bytes]
BUILDERS = [
    pytest.param(build_application, id="application"),
    pytest.param(build_report, id="report"),
]
F = fields()
ATTACHMENT = "1. Hình ảnh: bang-tinh-canh-bao.png (1,2 MB)"

# (section starts with, next section starts with, text that must lie between them)
APPLICATION_SECTIONS = [
    ("1. Tên sáng kiến", "2. Loại giải pháp", TITLE),
    ("2. Loại giải pháp", "3. Chủ đầu tư", "Giải pháp quản lý"),
    ("3. Chủ đầu tư", "4. Lĩnh vực", F["investor"]),
    ("4. Lĩnh vực", "Vấn đề mà sáng kiến", F["field"]),
    ("Vấn đề mà sáng kiến", "5. Ngày sáng kiến", F["problem"]),
    ("5. Ngày sáng kiến", "6. Mô tả bản chất", "15/09/2025"),
    *[("6.1. Tình trạng giải pháp đã biết", "6.2. Nội dung giải pháp", line) for line in KNOWN],
    *[("6.2. Nội dung giải pháp", "Tính mới", line) for line in STEPS],
    ("Tính mới", "6.3. Khả năng áp dụng", F["novelty"]),
    ("6.3. Khả năng áp dụng", "7. Những thông tin", F["applicability"]),
    ("7. Những thông tin cần được bảo mật", "8. Những điều kiện", F["confidential_info"]),
    ("8. Những điều kiện", "9. Đánh giá lợi ích", F["conditions"]),
    ("9. Đánh giá lợi ích", "10. Đánh giá lợi ích", F["benefits"]),
    ("10. Đánh giá lợi ích", "11. Danh sách", F["trial_unit_opinion"]),
    ("11. Danh sách", "12. Tài liệu kèm theo", F["trial_participants"]),
    ("12. Tài liệu kèm theo", "13. Phạm vi", ATTACHMENT),
    ("13. Phạm vi", "Tôi (chúng tôi) xin cam đoan", "Cấp cơ sở"),
]
REPORT_SECTIONS = [
    ("1. Tên sáng kiến", "2. Loại giải pháp", TITLE),
    ("2. Loại giải pháp", "3. Tác giả", "Giải pháp quản lý"),
    ("3. Tác giả", "4. Chủ đầu tư", "Trần Văn Minh"),
    ("4. Chủ đầu tư", "5. Lĩnh vực", F["investor"]),
    ("5. Lĩnh vực", "Vấn đề mà sáng kiến", F["field"]),
    ("Vấn đề mà sáng kiến", "6. Ngày sáng kiến", F["problem"]),
    ("6. Ngày sáng kiến", "II. MÔ TẢ BẢN CHẤT", "15/09/2025"),
    *[("1. Tình trạng giải pháp đã biết", "2. Nội dung giải pháp", line) for line in KNOWN],
    *[("a) Nội dung và các bước", "b) Tính mới", line) for line in STEPS],
    ("b) Tính mới", "3. Khả năng áp dụng", F["novelty"]),
    ("3. Khả năng áp dụng", "III. NHỮNG THÔNG TIN", F["applicability"]),
    ("III. NHỮNG THÔNG TIN CẦN ĐƯỢC BẢO MẬT", "IV. CÁC ĐIỀU KIỆN", F["confidential_info"]),
    ("IV. CÁC ĐIỀU KIỆN", "V. HIỆU QUẢ", F["conditions"]),
    ("V. HIỆU QUẢ", "VI. HIỆU QUẢ", F["benefits"]),
    ("VI. HIỆU QUẢ", "VII. DANH SÁCH", F["trial_unit_opinion"]),
    ("VII. DANH SÁCH", "VIII. TÀI LIỆU", F["trial_participants"]),
    ("VIII. TÀI LIỆU", "IX. PHẠM VI", ATTACHMENT),
    ("IX. PHẠM VI", "Tôi (chúng tôi) xin cam đoan", "Cấp cơ sở"),
]


@pytest.mark.parametrize(("start", "end", "expected"), APPLICATION_SECTIONS)
def test_application_puts_each_field_in_its_section(start: str, end: str, expected: str) -> None:
    assert any(expected in text for text in section(read(build_application(entry())), start, end))


@pytest.mark.parametrize(("start", "end", "expected"), REPORT_SECTIONS)
def test_report_puts_each_field_in_its_section(start: str, end: str, expected: str) -> None:
    assert any(expected in text for text in section(read(build_report(entry())), start, end))


@pytest.mark.parametrize("build", BUILDERS)
def test_national_heading_title_and_addressee(build: Builder) -> None:
    doc = read(build(entry()))
    nation, motto = doc.paragraphs[0], doc.paragraphs[1]
    assert (nation.text, motto.text) == (labels.NATION, labels.MOTTO)
    for para in (nation, motto):
        assert para.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.bold for run in para.runs)
    rule = motto._p.get_or_add_pPr().find(qn("w:pBdr"))
    assert rule is not None and rule.find(qn("w:bottom")).get(qn("w:val")) == "single"
    title = labels.APPLICATION_TITLE if build is build_application else labels.REPORT_TITLE
    assert doc.paragraphs[2].text == title
    if build is build_application:
        addressee = "Kính gửi: Hội đồng sáng kiến cơ sở Ủy ban nhân dân phường Cẩm Thành"
        assert addressee in blocks(doc)


def test_provincial_scope_goes_to_the_provincial_council() -> None:
    doc = read(build_application(entry(scope="cap_tinh")))
    assert "Kính gửi: Hội đồng sáng kiến cấp tỉnh Quảng Ngãi" in blocks(doc)
    assert any(text.startswith("13. Phạm vi") and text.endswith("Cấp tỉnh") for text in blocks(doc))


@pytest.mark.parametrize("build", BUILDERS)
def test_co_author_table_has_the_form_columns_rows_shares_and_borders(build: Builder) -> None:
    doc = read(build(entry()))
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Họ và tên")
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert tuple(rows[0]) == labels.AUTHOR_COLUMNS
    assert rows[1:] == [
        ["1", "Nguyễn Thị Thu Hà", "12/04/1988", "Ủy ban nhân dân phường Cẩm Thành",
         "Công chức Văn phòng - Thống kê", "Cử nhân Luật", "60"],
        ["2", "Trần Văn Minh", "03/11/1991", "Ủy ban nhân dân phường Cẩm Thành",
         "Công chức Tư pháp - Hộ tịch", "Kỹ sư Công nghệ thông tin", "40"],
    ]  # fmt: skip
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    edges = {child.tag.split("}")[1] for child in borders}
    assert edges == {"top", "left", "bottom", "right", "insideH", "insideV"}
    assert table.rows[0]._tr.get_or_add_trPr().find(qn("w:tblHeader")) is not None


@pytest.mark.parametrize("build", BUILDERS)
def test_date_line_is_local_right_aligned_italic_and_signers_named(build: Builder) -> None:
    doc = read(build(entry()))
    date = next(p for p in doc.paragraphs if p.text.startswith("Quảng Ngãi, ngày"))
    assert date.text == "Quảng Ngãi, ngày 05 tháng 3 năm 2026"
    assert date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert all(run.italic for run in date.runs)
    signing = [cell.text for cell in doc.tables[-1].rows[0].cells]
    sign_title = labels.APPLICANT if build is build_application else labels.REPORT_AUTHOR
    for text in (sign_title, labels.SIGN_HINT, "Nguyễn Thị Thu Hà", "Trần Văn Minh"):
        assert text in signing[1]
    pledge = labels.APPLICATION_PLEDGE if build is build_application else labels.REPORT_PLEDGE
    assert pledge in blocks(doc)


def test_application_pledge_is_the_official_sentence() -> None:
    official = (
        "Tôi (chúng tôi) xin cam đoan mọi thông tin nêu trong đơn là trung thực, đúng sự thật"
        " và hoàn toàn chịu trách nhiệm trước pháp luật."
    )
    assert official in blocks(read(build_application(entry())))


@pytest.mark.parametrize("build", BUILDERS)
def test_times_new_roman_13_to_14_pt_everywhere_on_a4(build: Builder) -> None:
    doc = read(build(entry()))
    normal = doc.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(13))
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{script}")) == "Times New Roman"
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert defaults.get(qn("w:eastAsia")) == "Times New Roman"
    assert defaults.get(qn("w:eastAsiaTheme")) is None
    for run in _body_runs(doc):
        assert run.font.name in (None, "Times New Roman")
        assert run.font.size is None or Pt(13) <= run.font.size <= Pt(14)
    page = doc.sections[0]
    lengths = (page.page_width, page.page_height, page.left_margin, page.right_margin)
    assert [round(length.mm) if length else 0 for length in lengths] == [210, 297, 30, 20]


def _body_runs(doc: Document) -> list:
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return [run for para in paragraphs for run in para.runs]


@pytest.mark.parametrize("build", BUILDERS)
def test_tracking_code_in_a_small_header_line(build: Builder) -> None:
    header = read(build(entry())).sections[0].header.paragraphs[0]
    assert header.text == f"Mã hồ sơ: {CODE}"
    assert header.runs[0].font.size < Pt(13)


@pytest.mark.parametrize("build", BUILDERS)
def test_empty_optional_fields_print_khong_co(build: Builder) -> None:
    empty = {"confidential_info": "", "trial_unit_opinion": "  ", "trial_participants": None}
    doc = read(build(entry(**empty, attachments=[])))
    if build is build_application:
        spans = [("7. Những", "8. Những"), ("10. Đánh", "11. Danh"), ("11. Danh", "12. Tài"),
                 ("12. Tài", "13. Phạm")]  # fmt: skip
    else:
        spans = [("III. NHỮNG", "IV. CÁC"), ("VI. HIỆU", "VII. DANH"), ("VII. DANH", "VIII."),
                 ("VIII.", "IX.")]  # fmt: skip
    for start, end in spans:
        assert any(text.endswith("Không có.") for text in section(doc, start, end)), start


@pytest.mark.parametrize("build", BUILDERS)
def test_older_drafts_with_missing_or_odd_keys_still_print(build: Builder) -> None:
    for data in ({}, {"authors": "Nguyễn Văn A", "attachments": [1, None], "declaration": "yes"}):
        doc = read(build(DossierEntry.from_submission(CODE, data, AUTHOR, SUBMITTED_AT)))
        table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Họ và tên")
        # With no co-author rows the submitter is printed as the sole author.
        assert [c.text for c in table.rows[1].cells][:2] == ["1", "Nguyễn Thị Thu Hà"]
        assert "Không có." in "".join(blocks(doc))
    read(build(DossierEntry.from_submission(CODE, None, None, SUBMITTED_AT)))


def test_trial_participants_given_as_rows_print_as_the_form_table() -> None:
    rows = [{"name": "Lê Văn Tâm", "birth_date": "1990-01-02", "workplace": "Phường Cẩm Thành",
             "position": "Công chức", "qualification": "Kỹ sư", "task": "Nhập hồ sơ đất đai"}]  # fmt: skip
    doc = read(build_report(entry(trial_participants=rows)))
    table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Nội dung công việc hỗ trợ")
    assert [c.text for c in table.rows[1].cells] == [
        "1", "Lê Văn Tâm", "02/01/1990", "Phường Cẩm Thành", "Công chức", "Kỹ sư",
        "Nhập hồ sơ đất đai",
    ]  # fmt: skip
