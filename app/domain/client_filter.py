"""What the client list can be narrowed to, besides the search text."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.eligibility import Offer
from app.domain.residence import TargetGroupClass


@dataclass(frozen=True)
class ClientFilter:
    target_class: TargetGroupClass | None = None  # by the status held today
    counsellor_id: int | None = None
    offer: Offer | None = None  # outcome of an initial consultation
    language: str = ""  # ISO 639-1

    @property
    def empty(self) -> bool:
        return self == ClientFilter()
