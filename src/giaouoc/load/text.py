"""Bytes to text for data files: UTF-8 only (BOM tolerated), legacy encodings named, libyaml's
messages put into Vietnamese."""

from __future__ import annotations

import re
from pathlib import Path

from giaouoc.files import NotRegular, TooLarge, read_regular
from giaouoc.problems import Report

# C0 but tab and newline, DEL, C1, and U+FFFE/U+FFFF: a .docx or .xlsx cannot hold them
CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
BIDI_MESSAGE = ("văn bản chứa ký tự đổi chiều chữ (như U+202E): chữ hiện ra, kể cả trong tệp Word, khác với chữ "
                "thật: hãy xóa ký tự đó")
MAX_BYTES = 20 * 1024 * 1024  # far above any real data file
CONTROL_MESSAGE = "văn bản chứa ký tự điều khiển (không in được, Word không nhận): hãy xóa ký tự đó"

# libyaml's messages, put into Vietnamese by a phrase they contain.
_YAML_MESSAGES = [
    ("mapping values are not allowed", "dấu hai chấm không đúng chỗ: một giá trị có «: » phải đặt trong ngoặc kép"),
    ("could not find expected ':'", "thiếu dấu hai chấm «:» sau khóa"),
    ("did not find expected key", "thụt lề không thẳng hàng: không tìm thấy khóa như mong đợi"),
    ("did not find expected '-' indicator", "thụt lề không thẳng hàng trong danh sách (dòng bắt đầu bằng «-»)"),
    (
        "found character that cannot start any token",
        "gặp ký tự không thể mở đầu một giá trị (dấu tab, hoặc @ ` % ở đầu giá trị: hãy đặt giá trị trong ngoặc kép)",
    ),
    ("found unexpected end of stream", "tệp kết thúc khi dấu ngoặc hoặc dấu nháy chưa được đóng"),
    ("found unknown escape character", "chuỗi trong ngoặc kép có dấu «\\» không hợp lệ"),
    ("control characters are not allowed", "tệp chứa ký tự điều khiển không được phép"),
    ("expected <document start>", "tệp chỉ được chứa một tài liệu YAML"),
    ("did not find expected node content", "thiếu giá trị ở đây"),
    ("did not find expected ',' or ']'", "danh sách trong ngoặc vuông thiếu dấu phẩy hoặc dấu «]»"),
    ("did not find expected ',' or '}'", "bảng trong ngoặc nhọn thiếu dấu phẩy hoặc dấu «}»"),
    ("found a tab character", "dùng dấu tab để thụt lề: hãy dùng dấu cách"),
    ("found unexpected ':'", "dấu hai chấm không đúng chỗ"),
]


def read_text(path: Path, file: str, report: Report) -> str | None:
    """Decode a data file as UTF-8 (BOM tolerated); report any other encoding, and what cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            report.add(file, (1, 1), "file-too-large",
                       f"tệp lớn {size // (1024 * 1024)} MB, quá giới hạn {MAX_BYTES // (1024 * 1024)} MB "
                       "của một tệp dữ liệu")
            return None
        raw = read_regular(path, MAX_BYTES)
    except TooLarge:
        report.add(file, (1, 1), "file-too-large", f"tệp lớn quá giới hạn {MAX_BYTES // (1024 * 1024)} MB "
                   "của một tệp dữ liệu")
        return None
    except NotRegular:
        report.add(file, (1, 1), "unreadable", "không phải tệp thường (thiết bị, FIFO hay thư mục): không đọc")
        return None
    except OSError as exc:
        report.add(file, (1, 1), "unreadable", f"không đọc được tệp: {exc.strerror or exc}")
        return None
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        report.add(file, (1, 1), "encoding",
                   "tệp được lưu bằng UTF-32, không phải UTF-8: hãy lưu lại với bảng mã UTF-8")
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (raw[:2].count(b"\x00") == 1):
        report.add(file, (1, 1), "encoding",
                   "tệp được lưu bằng UTF-16, không phải UTF-8: hãy lưu lại với bảng mã UTF-8")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        report.add(file, (line, 1), "encoding", "tệp chứa byte NUL: đây không phải một tệp văn bản YAML")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        report.add(file, (line, column), "encoding", _encoding_message(raw, exc.start))
        return None


def _encoding_message(raw: bytes, start: int) -> str:
    byte = raw[start]
    message = f"tệp không phải UTF-8 (byte 0x{byte:02X} không hợp lệ)"
    high = sum(1 for b in raw if b >= 0x80)
    if high and high < len(raw) // 2:
        message += (
            "; có vẻ tệp dùng bảng mã tiếng Việt cũ (TCVN3/ABC, VNI hoặc Windows-1258): "
            "hãy chuyển mã sang Unicode (ví dụ bằng Unikey) và lưu lại với bảng mã UTF-8"
        )
    else:
        message += ": hãy lưu lại với bảng mã UTF-8"
    return message


def yaml_message(problem: str) -> str:
    for phrase, message in _YAML_MESSAGES:
        if phrase in problem:
            return f"cú pháp YAML không hợp lệ: {message}"
    return "cú pháp YAML không hợp lệ ở đây"
