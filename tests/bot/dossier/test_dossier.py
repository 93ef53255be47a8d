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
BENEFITS_AUTHOR = "- Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến theo ý kiến của tác giả"
BENEFITS_TRIAL = "- Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến theo ý kiến của tổ chức"
# The printed form (Phụ lục I, TT 18/2013/TT-BKHCN): "- " items in its own order.
APPLICATION_SECTIONS = [
    ("- Chủ đầu tư tạo ra sáng kiến", "- Lĩnh vực áp dụng", F["investor"]),
    ("- Lĩnh vực áp dụng sáng kiến", "- Ngày sáng kiến", F["field"]),
    ("- Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử, (ghi ngày nào sớm hơn)",
     "- Mô tả bản chất", "15/09/2025"),
    ("- Mô tả bản chất của sáng kiến", "Vấn đề mà sáng kiến", "Giải pháp quản lý"),
    ("Vấn đề mà sáng kiến", "Tình trạng giải pháp", F["problem"]),
    *[("Tình trạng giải pháp đã biết", "Nội dung giải pháp", line) for line in KNOWN],
    *[("Nội dung giải pháp", "Tính mới", line) for line in STEPS],
    ("Tính mới", "Khả năng áp dụng", F["novelty"]),
    ("Khả năng áp dụng", "- Những thông tin", F["applicability"]),
    ("- Những thông tin cần được bảo mật", "- Những điều kiện", F["confidential_info"]),
    ("- Những điều kiện", BENEFITS_AUTHOR, F["conditions"]),
    (BENEFITS_AUTHOR, BENEFITS_TRIAL, F["benefits"]),
    (BENEFITS_TRIAL, "- Danh sách", F["trial_unit_opinion"]),
    ("- Danh sách những người", "Tôi (chúng tôi) xin cam đoan", F["trial_participants"]),
]  # fmt: skip
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
        assert "Kính gửi: Ủy ban nhân dân phường Cẩm Thành" in blocks(doc)


def test_the_application_opens_as_the_printed_form() -> None:
    found = blocks(read(build_application(entry())))
    start = found.index("Kính gửi: Ủy ban nhân dân phường Cẩm Thành")
    assert found[start + 1] == "Tôi (chúng tôi) ghi tên dưới đây:"
    assert found[start + 2] == "Số TT"  # the authors' table follows at once
    assert labels.AUTHOR_COLUMNS[-1].endswith("(ghi rõ đối với từng đồng tác giả, nếu có)")
    applying = f"Là tác giả (nhóm tác giả) đề nghị xét công nhận sáng kiến: {TITLE}"
    assert applying in found and found.index(applying) < found.index(
        "- Chủ đầu tư tạo ra sáng kiến (trường hợp tác giả không đồng thời là chủ đầu tư tạo ra"
        " sáng kiến): " + F["investor"]
    )
    assert not any(text[:3] in ("1. ", "13.") and "Phạm vi" in text for text in found)


def test_provincial_scope_still_goes_to_the_authors_unit_first() -> None:
    doc = read(build_application(entry(scope="cap_tinh")))
    assert "Kính gửi: Ủy ban nhân dân phường Cẩm Thành" in blocks(doc)
    assert not any("Hội đồng sáng kiến" in text for text in blocks(doc))


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
    date = next(p for p in doc.paragraphs if p.text.startswith("Cẩm Thành, ngày"))
    assert date.text == "Cẩm Thành, ngày 05 tháng 3 năm 2026"  # the place follows the unit
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
        spans = [("- Những thông tin", "- Những điều kiện"), (BENEFITS_TRIAL, "- Danh sách"),
                 ("- Danh sách", "Tôi (chúng tôi) xin cam đoan")]  # fmt: skip
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
