"""What the quality checklist says, in Vietnamese: one confirmation and the suggestions per rule."""

from __future__ import annotations

EXAMPLE_TITLE = "«Niêm yết mã QR tra cứu thủ tục hành chính tại trụ sở Ủy ban nhân dân xã»"

# Shown when a rule passes.
PASSED: dict[str, str] = {
    "title_states_solution": "Tên sáng kiến nêu rõ giải pháp.",
    "known_solution_described": "Đã mô tả giải pháp đã biết và hạn chế của nó.",
    "solution_described": "Đã mô tả nội dung giải pháp.",
    "novelty_described": "Đã nêu điểm mới của giải pháp.",
    "new_differs_from_known": "Giải pháp mới được mô tả khác với giải pháp đã biết.",
    "first_applied_on_valid": "Ngày áp dụng lần đầu: {date}.",
    "benefits_measurable": "Hiệu quả có số liệu đo được ({figure}).",
    "conditions_described": "Đã nêu các điều kiện cần thiết để áp dụng.",
    "applicability_described": "Đã nêu khả năng áp dụng.",
    "shares_total_100": "Tỷ lệ đóng góp của các tác giả cộng lại đủ 100%.",
    "problem_described": "Đã nêu vấn đề hiện nay.",
    "proposal_described": "Đã nêu đề xuất.",
    "benefit_concrete": "Lợi ích được nêu cụ thể.",
    "proposal_differs_from_problem": "Đề xuất khác với phần mô tả vấn đề.",
}

# Suggestions by rule and reason; "thin" also serves an empty field.
SUGGESTIONS: dict[str, dict[str, str]] = {
    "title_states_solution": {
        "thin": f"Anh/chị nhập tên sáng kiến, nêu cách làm và nơi áp dụng, ví dụ {EXAMPLE_TITLE}.",
        "too_short": "Tên sáng kiến còn quá ngắn. Anh/chị nêu rõ làm gì, bằng cách nào và ở "
        f"đâu, ví dụ {EXAMPLE_TITLE}.",
        "too_long": "Tên sáng kiến dài hơn {limit} từ. Anh/chị rút gọn thành một câu nêu giải "
        "pháp; phần giải thích xin đưa vào mục mô tả.",
        "all_caps": "Tên đang viết toàn chữ in hoa. Anh/chị viết lại như câu thường, chỉ viết "
        "hoa chữ đầu và tên riêng, để dễ đọc.",
        "slogan": "Tên đang giống một khẩu hiệu. Anh/chị nêu cụ thể giải pháp: làm gì, bằng "
        "công cụ hay cách nào, cho ai; ví dụ «Phân luồng và hẹn giờ khám bệnh qua tổng đài, "
        "tin nhắn» thay cho «Nâng cao hiệu quả công tác khám chữa bệnh».",
    },
    "known_solution_described": {
        "thin": "Anh/chị mô tả cách làm trước đây và hạn chế của nó, ví dụ: người dân phải đến "
        "trụ sở mấy lần, mỗi hồ sơ mất bao lâu, hay sai sót ở khâu nào.",
    },
    "solution_described": {
        "thin": "Anh/chị mô tả nội dung giải pháp theo từng bước: làm gì, ai làm, dùng công cụ "
        "gì, áp dụng từ khi nào.",
    },
    "novelty_described": {
        "thin": "Anh/chị nêu rõ điểm mới so với cách làm trước đây: bước nào được bỏ, rút gọn "
        "hay thay thế, công cụ nào lần đầu được dùng tại đơn vị.",
    },
    "new_differs_from_known": {
        "copy": "Phần giải pháp mới đang gần như trùng với phần giải pháp đã biết ({percent}% "
        "từ ngữ giống nhau). Anh/chị viết riêng hai phần: trước đây làm thế nào, nay làm khác "
        "đi ở điểm nào.",
        "incomplete": "Cần mô tả cả giải pháp đã biết và giải pháp mới thì mới so sánh được "
        "điểm khác nhau; anh/chị bổ sung phần còn thiếu.",
    },
    "first_applied_on_valid": {
        "thin": "Anh/chị nhập ngày áp dụng lần đầu hoặc áp dụng thử, ví dụ 15/3/2025. Đây là "
        "điều kiện bắt buộc để sáng kiến được xem xét công nhận.",
        "invalid": "Chưa đọc được ngày áp dụng lần đầu «{value}». Anh/chị nhập lại theo dạng "
        "ngày/tháng/năm, ví dụ 15/3/2025.",
        "future": "Ngày áp dụng lần đầu ({date}) còn ở phía trước. Sáng kiến chỉ được xem xét "
        "khi đã áp dụng hoặc áp dụng thử; anh/chị kiểm tra lại ngày.",
        "too_old": "Ngày áp dụng lần đầu ({date}) có vẻ chưa đúng; anh/chị kiểm tra lại năm.",
    },
    "benefits_measurable": {
        "thin": "Anh/chị nêu hiệu quả, lợi ích sáng kiến mang lại, kèm ít nhất một con số: "
        "thời gian xử lý một hồ sơ trước và sau khi áp dụng, số hồ sơ mỗi tháng, số tiền "
        "tiết kiệm được…",
        "no_figure": "Nêu ít nhất một con số: thời gian xử lý một hồ sơ trước và sau khi áp "
        "dụng, số hồ sơ mỗi tháng, số tiền hay tỷ lệ sai sót giảm được, ví dụ «giảm từ 30 "
        "phút xuống 10 phút mỗi hồ sơ».",
    },
    "conditions_described": {
        "thin": "Anh/chị nêu các điều kiện cần để nơi khác áp dụng được: trang thiết bị, phần "
        "mềm, kinh phí, nhân lực, văn bản hướng dẫn…",
    },
    "applicability_described": {
        "thin": "Anh/chị nêu sáng kiến đã áp dụng ở đâu, từ khi nào, và những đơn vị, lĩnh vực "
        "nào khác có thể áp dụng.",
    },
    "shares_total_100": {
        "thin": "Anh/chị nhập tác giả, đồng tác giả và tỷ lệ % đóng góp của từng người.",
        "unreadable": "Chưa đọc được tỷ lệ đóng góp của {name}. Anh/chị nhập một số phần trăm "
        "lớn hơn 0 và không quá 100, ví dụ 40.",
        "wrong_total": "Tỷ lệ đóng góp hiện cộng lại là {total}%, cần đủ 100%. Anh/chị điều "
        "chỉnh lại phần của từng tác giả.",
    },
    "problem_described": {
        "thin": "Anh/chị nêu rõ vấn đề đang gặp: việc gì, ở đâu, gây khó khăn gì cho ai.",
    },
    "proposal_described": {
        "thin": "Anh/chị nêu cụ thể đề xuất: làm gì, ai làm, làm bằng cách nào.",
    },
    "benefit_concrete": {
        "thin": "Anh/chị nêu lợi ích cụ thể thay cho «hiệu quả cao»: tiết kiệm bao nhiêu thời "
        "gian, giấy tờ, chi phí, hoặc ai được lợi và được lợi thế nào.",
    },
    "proposal_differs_from_problem": {
        "copy": "Phần đề xuất đang gần như lặp lại phần vấn đề ({percent}% từ ngữ giống "
        "nhau). Anh/chị nêu cách giải quyết, không chỉ nhắc lại vấn đề.",
        "incomplete": "Cần nêu cả vấn đề và đề xuất thì mới so sánh được; anh/chị bổ sung phần "
        "còn thiếu.",
    },
}

# Said before the suggestion when the text is filler rather than merely short.
FILLER: dict[str, str] = {
    "noise": "Phần này chủ yếu là ký hiệu, biểu tượng hoặc một ký tự lặp lại.",
    "foreign": "Phần này có vẻ là chữ điền tạm (như «Lorem ipsum») hoặc không phải tiếng Việt.",
    "repetition": "Phần này đang lặp lại nhiều từ giống nhau.",
    "copy_of_title": "Phần này đang nhắc lại tên sáng kiến.",
}


def message(rule: str, reason: str | None = None, /, **values: object) -> str:
    """The sentence for a rule: its confirmation (reason None) or the suggestion for reason.

    A filler reason ("noise", "repetition"…) prefixes the rule's "thin" suggestion.
    """
    if reason is None:
        return PASSED[rule].format(**values)
    if reason in FILLER:
        return f"{FILLER[reason]} {SUGGESTIONS[rule]['thin'].format(**values)}"
    return SUGGESTIONS[rule][reason].format(**values)
