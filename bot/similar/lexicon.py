"""Vietnamese search vocabulary as data: abbreviations to expand and stop-words to drop."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    # Word lists read best as running text; this keeps them that way.
    return frozenset(text.split())


# Written as people write them; keys are matched accent- and case-insensitively, so
# "HĐND", "HDND" and "hđnd" all expand. Only unambiguous abbreviations belong here:
# "HS" (hồ sơ or học sinh?) and "TT" (trung tâm, thông tư, thị trấn) are left out.
ABBREVIATIONS: dict[str, str] = {
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "UBMTTQ": "ủy ban mặt trận tổ quốc",
    "MTTQ": "mặt trận tổ quốc",
    "KH&CN": "khoa học và công nghệ",
    "KHCN": "khoa học và công nghệ",
    "GD&ĐT": "giáo dục và đào tạo",
    "GDĐT": "giáo dục và đào tạo",
    "NN&PTNT": "nông nghiệp và phát triển nông thôn",
    "NN&MT": "nông nghiệp và môi trường",
    "TN&MT": "tài nguyên và môi trường",
    "LĐTB&XH": "lao động thương binh và xã hội",
    "VHTTDL": "văn hóa thể thao và du lịch",
    "CCHC": "cải cách hành chính",
    "CĐS": "chuyển đổi số",
    "TTHC": "thủ tục hành chính",
    "DVC": "dịch vụ công",
    "DVCTT": "dịch vụ công trực tuyến",
    "CNTT": "công nghệ thông tin",
    "CSDL": "cơ sở dữ liệu",
    "CBCCVC": "cán bộ công chức viên chức",
    "CBCC": "cán bộ công chức",
    "CCVC": "công chức viên chức",
    "TĐKT": "thi đua khen thưởng",
    "CSTĐ": "chiến sĩ thi đua",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "TYT": "trạm y tế",
    "TTYT": "trung tâm y tế",
    "BVĐK": "bệnh viện đa khoa",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "ATTP": "an toàn thực phẩm",
    "ATGT": "an toàn giao thông",
    "PCCC": "phòng cháy chữa cháy",
    "BVTV": "bảo vệ thực vật",
    "HTX": "hợp tác xã",
    "CCCD": "căn cước công dân",
    "KT-XH": "kinh tế xã hội",
    "KTXH": "kinh tế xã hội",
    "NTM": "nông thôn mới",
    "GPMB": "giải phóng mặt bằng",
}

# Function words that carry no idea of their own. Matched on the NFC lower-case word,
# accents included: "tại" is dropped but "tài" (tài chính) and "tái" (tái chế) are kept.
STOP_WORDS: frozenset[str] = _words(
    """
    của và các những cho để tại trong được là với một này đó kia thì mà ở khi theo từ về
    nhằm bằng có đã sẽ đang rất cũng như nên vào ra lại trên dưới qua hoặc hay nhưng
    nếu vì do bởi đến tới mỗi mọi từng cùng đều chỉ thêm nữa việc sự cái chiếc
    """
)

# For text typed without any accent, only the words no content word folds onto: "tai"
# could be tài/tái, "de" could be đê, "trong" could be trồng, so they stay.
ACCENTLESS_STOP_WORDS: frozenset[str] = _words(
    "cua va cac nhung duoc voi mot nay thi nham bang cung nhu hoac viec"
)
