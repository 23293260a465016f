"""Where a heading may break: between words, but not inside a Vietnamese word of two syllables.

Vietnamese writes every syllable apart ("an ninh", "công nghệ"), so a break "between words" by spaces can still
split one word in two: "PHÒNG AN / NINH NỘI ĐỊA". The words of unit names and posts that a police block's
documents print are listed here; a break inside one of them is avoided when another break fits.
"""

from __future__ import annotations

_WORDS = """
an ninh, bảo vệ, cán bộ, cảnh sát, chính trị, chữa cháy, cơ động, công an, công nghệ, cứu hộ, cứu nạn, đặc nhiệm,
đào tạo, điều tra, đối ngoại, giám đốc, giao thông, hành chính, hậu cần, hình sự, hồ sơ, kinh tế, kiểm phiếu,
khen thưởng, khoa học, kỹ thuật, lực lượng, ma túy, môi trường, nghiệp vụ, nhân dân, nhập cảnh, nội bộ, nội địa,
pháp chế, phòng cháy, quản lý, quốc phòng, sử dụng, tài chính, tạm giam, tạm giữ, tham mưu, thanh tra, thi đua,
thi hành, thông tin, tổ chức, tổng hợp, tội phạm, trật tự, trinh sát, trưởng ban, trưởng khối, trưởng phòng,
xã hội, xây dựng, xuất nhập, chủ trì, hội nghị, chủ tọa, thư ký, phó giám đốc, công tác, chỉ huy, phụ trách,
báo cáo, thực hiện, đồng chí, đơn vị, thành viên, xuất sắc, thành tích, phong trào, tập thể, đề nghị, tổng kết,
bình xét, suy tôn, kết quả, chấm điểm, giao ước, tổ quốc, nhiệm vụ, hoàn thành, danh hiệu, quyết thắng, tiên tiến,
bằng khen, bộ trưởng, tổng hợp, biên bản, tờ trình, khẩu hiệu, hành động
"""
JOINED = frozenset(
    tuple(pair[i:i + 2]) for pair in (w.split() for w in _WORDS.replace("\n", " ").split(",") if w.strip())
    for i in range(len(pair) - 1)
)


def splits_word(before: str, after: str) -> bool:
    """Whether a line break between these two syllables would cut a two-syllable word ("AN" | "NINH")."""
    return (before.strip(",;.").lower(), after.lower()) in JOINED
