"""The document frame a template declares in its front matter (type, number, signers ...)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

TYPE_CODES = {"BB": "biên bản", "TTr": "tờ trình", "BC": "báo cáo", "KH": "kế hoạch"}


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
    code: str | None = None
    number: str | None = None
    block_code: str | None = None
    place_date: str | None = None
    orientation: Literal["portrait", "landscape"] = "portrait"
    addressee: str | None = None
    grid: list[Signer] = []
    signers: list[Signer] = []
    recipients: list[str] = []

    @property
    def number_line(self) -> str | None:
        """ "Số: 05/BB-KANND", or "Số:      /TTr-KANND" left for the văn thư when no number is given."""
        if self.code is None:
            return None
        number = self.number.zfill(2) if self.number and self.number.isdigit() else (self.number or "     ")
        suffix = f"{self.code}-{self.block_code}" if self.block_code else self.code
        return f"Số: {number}/{suffix}"
