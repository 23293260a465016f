"""The document frame a template declares in its front matter (type, number, signers ...)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Signer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    heading: list[str]
    name: str
    align: Literal["left", "right", "center"] | None = None


class Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    type: str
    title: str
    authority: str
    issuer: str
    issuer_lines: list[str] = []  # where the issuer breaks (block.header); empty: the writer decides
    header: bool = True  # False for an appendix: "Phụ lục" and the reference instead of the header table
    appendix: list[str] = []  # an appendix's lines above the title: "Phụ lục", then after it the reference
    reference: str | None = None  # "(Kèm theo Biên bản số … của …)"
    draft: bool = False  # not final: "DỰ THẢO" above the national motto
    code: str | None = None
    number: str | None = None
    block_code: str | None = None
    place_date: str | None = None
    orientation: Literal["portrait", "landscape"] = "portrait"
    addressee: list[str] = []  # Kính gửi
    grid: list[Signer] = []
    signers: list[Signer] = []
    recipients: list[str] = []  # Nơi nhận as the clerk wrote them
    as_above: bool = False  # "- Như trên;" first (the addressees)
    archive: list[str] = ["VT"]  # "- Lưu: VT, …."
    recipients_place: Literal["left", "below", "none"] = "left"  # beside the signer, under the signatures
    # (biên bản), or none at all (the ballot paper, the counting minutes)

    @property
    def number_line(self) -> str | None:
        """ "Số: 05/BB-KANND", or "Số:      /TTr-KANND" left for the văn thư when no number is given."""
        if self.code is None:
            return None
        number = self.number or "     "
        if number.isascii() and number.isdigit():
            number = number.zfill(2)
        suffix = "-".join(part for part in (self.code, self.block_code) if part)
        return f"Số: {number}/{suffix}"
