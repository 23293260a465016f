"""Every problem code, declared once: its severity and what it means, in one Vietnamese line.

`Report.add` takes the severity from here, so a call site names only the code. The code table of
docs/dinh-dang.md is generated from this registry (`python -m giaouoc.codes`), and the tests check
that the table is current and that every code has an input that produces it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """A problem code: its severity, meaning and usual fix."""

    code: str
    severity: Severity
    meaning: str  # one line, Vietnamese: what is wrong
    fix: str = ""  # how a clerk usually fixes it


def _error(code: str, meaning: str, fix: str = "") -> Code:
    return Code(code, "error", meaning, fix)


def _warning(code: str, meaning: str, fix: str = "") -> Code:
    return Code(code, "warning", meaning, fix)


_ALL = [
    # reading a file
    _error("encoding", "tệp không phải UTF-8 (hoặc là UTF-16, có byte NUL)", "lưu lại với bảng mã UTF-8"),
    _error("yaml-syntax", "sai cú pháp YAML (thụt lề, dấu hai chấm, ngoặc)", "xem dòng, cột được báo"),
    _error("yaml-alias", "dùng neo «&» hay tham chiếu «*»", "viết đầy đủ giá trị"),
    _error("yaml-tag", "dùng thẻ kiểu «!!…»", "bỏ thẻ kiểu"),
    _error("yaml-too-deep", "dữ liệu lồng nhau quá sâu", "viết theo định dạng"),
    _error("duplicate-key", "một khóa viết hai lần trong cùng một bảng", "xóa một lần"),
    _error("control-char", "văn bản có ký tự điều khiển (Word không nhận)", "xóa ký tự đó"),
    _error("empty-file", "tệp rỗng", "viết nội dung theo mẫu"),
    _error("unreadable", "không đọc được tệp hay thư mục (quyền truy cập, liên kết hỏng, vòng liên kết)"),
    _error("file-too-large", "tệp quá lớn so với một tệp dữ liệu"),
    _error("outside-root", "tệp là liên kết trỏ ra ngoài thư mục dữ liệu", "chép nội dung vào tệp thật"),
    _error("missing-file", "thiếu tệp bắt buộc của năm", "tạo tệp theo mẫu"),
    _error("placeholder", "còn giá trị <...> chưa điền", "điền giá trị thật"),
    # shape and values of one field
    _error("unknown-key", "khóa không có trong định dạng", "theo gợi ý trong thông báo"),
    _error("missing-key", "thiếu khóa bắt buộc", "thêm khóa"),
    _error("wrong-type", "sai kiểu giá trị (cần văn bản, số nguyên, danh sách hay bảng)", "viết đúng kiểu"),
    _error("empty-text", "văn bản để trống", "điền nội dung"),
    _error("invalid-id", "mã không hợp lệ", "chữ thường không dấu, chữ số, «-»"),
    _error("invalid-number", "không phải là số (ví dụ 9,5)", "viết 9.5"),
    _error("too-many-decimals", "số có quá 2 chữ số thập phân", "làm tròn đến 2 chữ số"),
    _error("invalid-date", "ngày sai hoặc không có trên lịch", "viết 2023-03-09"),
    _error("invalid-time", "giờ sai, hoặc giờ kết thúc không sau giờ bắt đầu", "viết \"08:00\""),
    # rules across a year's files
    _error("year-mismatch", "«year» khác tên thư mục năm"),
    _error("date-outside-year", "ngày không thuộc năm giao ước"),
    _error("leader-is-deputy", "Trưởng khối trùng Phó khối"),
    _error("duplicate-id", "trùng mã (đơn vị, nội dung, danh hiệu)"),
    _error("duplicate-name", "trùng tên đơn vị (không kể hoa thường, cách đặt dấu)"),
    _error("unknown-unit", "mã đơn vị không có trong units.yaml"),
    _error("unknown-title", "mã danh hiệu không có trong compact.yaml"),
    _error("unknown-item", "nội dung không có trong items.yaml"),
    _error("unknown-tie-break", "tiêu chí phụ không hợp lệ", "penalty, bonus, item:N, votes:T"),
    _error("total-mismatch", "tổng điểm chuẩn các nội dung khác «scoring.total»"),
    _error("unit-mismatch", "«unit» khác tên tệp điểm"),
    _error("score-over-max", "điểm vượt điểm chuẩn của nội dung"),
    _error("score-negative", "điểm âm"),
    _error("points-not-positive", "điểm thưởng hoặc điểm trừ không lớn hơn 0"),
    _error("requires-cycle", "các danh hiệu yêu cầu lẫn nhau thành vòng", "bỏ bớt một yêu cầu"),
    _error("invalid-max", "«max», «min», «total» hay «bonus_cap» ngoài giới hạn cho phép"),
    _error("invalid-vote-share", "tỷ lệ phiếu không hợp lệ (ngoài (0, 1], sai cách viết phân số)",
           "0.8, 0.6667 hoặc \"2/3\""),
    _error("vote-share-conflict", "danh hiệu ghi cả «min_vote_share» và «over_vote_share»", "giữ một trong hai"),
    _error("missing-members", "«vote_base: members» cần «ballot.members» trong review.yaml",
           "ghi số thành viên có quyền bỏ phiếu"),
    _error("invalid-voters", "số phiếu hợp lệ hoặc số thành viên không hợp lệ (nhỏ hơn 1, ít hơn số phiếu)"),
    _error("invalid-votes", "số phiếu của một đơn vị âm"),
    _error("votes-over-voters", "số phiếu của một đơn vị vượt số phiếu hợp lệ"),
    _error("votes-over-max", "tổng phiếu cho danh hiệu có «max» vượt «voters × max»"),
    _error("quorum-needs-attendance", "«ballot.quorum» cần «members» và «present»",
           "ghi số thành viên và số thành viên có mặt"),
    _warning("copies-mismatch", "số bản biên bản «copies» khác số nơi nhận (gửi và lưu) của biên bản",
             "sửa «copies» hoặc Nơi nhận của bien-ban"),
    _warning("no-quorum", "hội nghị không đủ số thành viên theo «quorum»: không bỏ phiếu, các danh hiệu cần phiếu chờ"),
    _warning("invalid-ballot", "một phiếu bầu không hợp lệ (ban kiểm phiếu ghi, chọn quá số, ngoài danh sách, "
             "chọn một đơn vị hai lần): không được đếm"),
    _warning("candidates-changed", "danh sách bầu đã in khác danh sách tính lại theo kết quả hiện tại (không kiểm "
             "phiếu lại)", "xem lại điểm đã sửa sau hội nghị"),
    # criteria, targets and cross-grading (docs/cham-diem.md)
    _error("criteria-sum", "điểm chuẩn các tiêu chí cộng lại khác điểm chuẩn của nội dung"),
    _error("invalid-per", "«per» thiếu hoặc không lớn hơn 0 ở tiêu chí count, deduct; hoặc ghi ở tiêu chí khác",
           "chỉ count và deduct có «per»"),
    _error("invalid-choice", "giá trị không thuộc các lựa chọn (kind, better, method)", "theo gợi ý trong thông báo"),
    _error("invalid-at-target", "«at_target» không lớn hơn 0 và không quá 1", "\"1/2\" hoặc 0.6"),
    _error("invalid-pass", "tiêu chí định tính nhận một giá trị không phải đạt hay không đạt",
           "viết đạt hoặc không đạt"),
    _error("not-whole", "số lần (tiêu chí count, deduct) không phải số nguyên", "viết số nguyên"),
    _error("points-with-criteria", "ghi điểm trực tiếp cho nội dung chấm theo tiêu chí",
           "ghi kết quả từng tiêu chí dưới «criteria»"),
    _error("unknown-criterion", "mã tiêu chí không có (hoặc không thuộc nội dung, không phải tiêu chí định lượng)"),
    _error("target-zero", "chỉ tiêu bằng 0 (hay âm)", "ghi null nếu không giao chỉ tiêu cụ thể"),
    _error("grade-mismatch", "tệp chấm chéo không khớp phân công, tên thư mục hay tên tệp; đơn vị tự chấm mình"),
    _warning("missing-target", "thiếu chỉ tiêu giao cho một đơn vị (đơn vị chưa được xếp hạng)",
             "ghi chỉ tiêu, hoặc null nếu không giao chỉ tiêu cụ thể"),
    _warning("content-not-applicable", "không tiêu chí nào của nội dung áp dụng cho đơn vị: điểm được quy đổi"),
    _warning("ungraded-unit", "chưa có đơn vị nào được phân công chấm chéo đơn vị này"),
    _warning("open-dispute", "điểm tự chấm và điểm chấm chéo chênh nhau, Khối chưa quyết định",
             "Khối ghi «block» cho nội dung (mọi tiêu chí)"),
    # across years (docs/lich-su.md)
    _error("unknown-band", "xếp loại không có trong «scoring.bands» của năm"),
    _error("duplicate-band", "hai xếp loại cùng tên hoặc cùng mức «min»"),
    _error("invalid-history", "điều kiện nhiều năm không hợp lệ (cần đúng một trong band, title, without; years ≥ 1)"),
    _error("history-year", "năm trong history.yaml không phải năm bốn chữ số, hoặc sau năm cuối có thư mục",
           "viết năm như 2021; năm đã có thư mục thì ghi trong thư mục đó"),
    _warning("bidi-char", "văn bản có ký tự đổi chiều chữ (U+202E …): chữ hiện ra, kể cả trong tệp Word, khác chữ thật",
             "xóa ký tự đó"),
    _error("more-problems", "tệp có quá nhiều vấn đề: chỉ hiện 200 vấn đề đầu", "sửa các vấn đề đã hiện rồi chạy lại"),
    _error("duplicate-award", "một đơn vị được ghi hai lần cùng một danh hiệu"),
    _error("year-in-both", "đơn vị vừa có trong thư mục năm vừa có trong history.yaml của cùng năm"),
    _error("unknown-predecessor", "«formerly» nêu một mã không phải đơn vị của năm nào trước đó"),
    _error("predecessor-exists", "«formerly» nêu một đơn vị vẫn còn trong năm này hoặc năm sau"),
    _error("closed-year-changed", "năm đã khóa sổ nhưng tệp bị sửa, thêm hoặc xóa",
           "hoàn lại tệp, hoặc «giaouoc reopen NĂM --reason …»"),
    _warning("award-not-proposed", "đơn vị được khen một danh hiệu Khối không đề nghị"),
    _warning("unknown-past-unit", "mã đơn vị trong history.yaml không thuộc năm nào và không nằm trong «formerly»"),
    _warning("year-has-errors", "một năm trước còn lỗi dữ liệu nên không dùng được làm kết quả"),
    # documents (docs/van-ban.md)
    _error("header-mismatch", "«block.header» (hay «header» của đơn vị) ghép lại khác tên"),
    _error("ballot-mismatch", "số phiếu phát ra, thu về, không hợp lệ và hợp lệ không khớp nhau"),
    _warning("bonus-over-cap", "một mục điểm thưởng lớn hơn mức điểm thưởng tối đa (scoring.bonus_cap)",
             "kiểm tra số đã ghi (ví dụ 15 thay cho 1.5)"),
    _warning("date-mismatch", "ngày tháng viết trong đoạn văn hay căn cứ trái với dữ liệu của năm (ngày ký, ngày "
             "hội nghị, chính năm đó): thường do chép từ năm trước", "sửa ngày, năm theo dữ liệu của năm"),
    _warning("text-not-in-force", "căn cứ dẫn văn bản đã hết hiệu lực (đã bị thay thế) hoặc chưa có hiệu lực vào ngày "
             "của văn bản", "dẫn văn bản đang có hiệu lực được nêu trong thông báo"),
    _warning("anniversary-copied", "số năm kỷ niệm giống năm trước (chép sang mà chưa cộng thêm)",
             "sửa số năm kỷ niệm"),
    _warning("base-punctuation", "căn cứ ghi thừa chữ «Căn cứ» hoặc dấu «;», «.» ở cuối (giaouoc tự thêm)"),
    _error("template-error", "mẫu văn bản của thư mục dữ liệu sai cú pháp Jinja", "sửa mẫu theo dòng được báo"),
    # a returned Excel form
    _error("form-mismatch", "phiếu tự chấm không khớp năm, đơn vị hay các nội dung hiện tại",
           "lập phiếu mới bằng «giaouoc form»"),
    _error("import-conflict", "đơn vị sửa trong phiếu một giá trị mà tệp điểm cũng đã sửa sau khi lập phiếu",
           "chọn bên thắng: «giaouoc import … --prefer form» hoặc «--prefer file»"),
    _warning("form-without-base", "phiếu lập bằng phiên bản cũ, không có giá trị lúc lập phiếu: nhập như trước",
             "gửi đơn vị phiếu mới lập bằng «giaouoc form»"),
    # warnings: the year is still under way
    _warning("incomplete-scores", "đơn vị chưa có điểm cho mọi nội dung"),
    _warning("missing-scores", "đơn vị chưa có tệp điểm"),
    _warning("stray-file", "tệp lạ trong scores/ bị bỏ qua", "đặt tên <mã đơn vị>.yaml"),
]

CODES: dict[str, Code] = {c.code: c for c in _ALL}


def severity(code: str) -> Severity:
    """The severity of a declared code; an undeclared code is a bug in giaouoc, never in the data."""
    return CODES[code].severity


def markdown_table() -> str:
    """The code table of docs/dinh-dang.md."""
    lines = ["| mã | mức | nghĩa | cách sửa |", "|----|-----|-------|----------|"]
    for c in _ALL:
        level = "lỗi" if c.severity == "error" else "cảnh báo"
        lines.append(f"| `{c.code}` | {level} | {c.meaning} | {c.fix} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
