"""Whatever a user typed, the .docx opens and shows it as plain text."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Callable

import pytest
from lxml import etree

from bot.dossier import DossierEntry, build_application, build_report
from tests.bot.dossier.samples import SUBMITTED_AT, blocks, entry, read, section

Builder = Callable[[DossierEntry], bytes]
BUILDERS = [
    pytest.param(build_application, id="application"),
    pytest.param(build_report, id="report"),
]

# Characters XML 1.0 cannot hold (line separators such as \x0b are tested as breaks below).
CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c") + "\x7f\x9b"
MARKUP = '<w:p><w:r><w:t>giả</w:t></w:r></w:p> & &amp; "quote" ]]> <?xml?> <!-- x -->'
HOSTILE = f"Đầu{CONTROL}giữa {MARKUP}\ud800\ufffe cuối"


def _hostile_fields() -> dict[str, object]:
    long_text = ("Cải cách thủ tục hành chính " * 400)[:10_000]
    return {
        "title": HOSTILE,
        "known_solution": long_text,
        "solution": "Dòng một\r\nDòng hai\rDòng ba\u2028Dòng bốn\x0bDòng năm\n\n\nDòng sáu",
        "novelty": MARKUP,
        "authors": [{"name": HOSTILE, "workplace": MARKUP, "share": "100%"}],
        "attachments": [{"kind": "<script>", "file_name": HOSTILE, "size": -5}],
        "trial_participants": [{"name": MARKUP, "task": CONTROL}],
    }


@pytest.mark.parametrize("build", BUILDERS)
def test_control_characters_markup_and_long_text_do_not_break_the_file(build: Builder) -> None:
    data = build(entry(**_hostile_fields()))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        for name in package.namelist():
            if name.endswith(".xml"):
                etree.fromstring(package.read(name))  # every part is well-formed XML
        document = package.read("word/document.xml").decode()
    assert "<w:t>giả</w:t>" not in document  # the markup was escaped, not injected
    text = "\n".join(blocks(read(data)))
    assert MARKUP in text
    assert "Đầugiữa" in text  # control characters dropped, the words around them kept
    controls = {ch for ch in text if unicodedata.category(ch) in ("Cc", "Cs")}
    assert controls <= {"\n", "\t"}
    assert ("Cải cách thủ tục hành chính " * 400)[:10_000].strip() in text


def test_line_breaks_in_user_text_become_paragraphs() -> None:
    doc = read(build_application(entry(**_hostile_fields())))
    steps = section(doc, "Nội dung giải pháp", "Tính mới")[1:]
    assert steps == ["Dòng một", "Dòng hai", "Dòng ba", "Dòng bốn", "Dòng năm", "Dòng sáu"]


def test_header_and_properties_accept_a_hostile_code() -> None:
    doc = read(build_report(DossierEntry.from_submission("SK-1\x00<w:p>", {}, {}, SUBMITTED_AT)))
    assert doc.sections[0].header.paragraphs[0].text == "Mã hồ sơ: SK-1<w:p>"
    assert "<w:p>" in doc.core_properties.title
