"""`giaouoc import YEAR F` for the counting board's tally sheet: the ballots into review.yaml, all or nothing."""

from __future__ import annotations

from pathlib import Path

from giaouoc.cli.commands.common import Settings, load_checked
from giaouoc.errors import DataError, UsageError
from giaouoc.report.terminal import err, out, print_problems


def import_tally(settings: Settings, year: str, files: list[Path], dry_run: bool) -> int:
    from giaouoc.edit.tally import plan_tally
    from giaouoc.files import year_lock

    if len(files) != 1:
        raise UsageError("phiếu kiểm phiếu nhập một tệp một lần (không kèm phiếu tự chấm)")
    with year_lock(settings.locate(year)[1]):
        _, data = load_checked(settings, year)
        plan = plan_tally(data, files[0])
        print_problems(plan.report)
        if plan.report.errors:
            raise DataError(f"phiếu kiểm phiếu {files[0].name} hoặc dữ liệu sau khi nhập có {len(plan.report.errors)} "
                            "lỗi: chưa ghi gì")
        for line in plan.changes:
            out(line)
        if dry_run:
            err(f"Chạy thử (--dry-run): chưa ghi gì; các phiếu sẽ ghi vào {plan.shown}.")
            return 0
        plan.write()
        err(f"Đã ghi {plan.shown} (phiếu kiểm phiếu).")
    return 0
