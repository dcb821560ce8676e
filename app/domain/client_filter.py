"""What the client list can be narrowed to, besides the search text."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.eligibility import Offer
from app.domain.residence import TargetGroupClass


@dataclass(frozen=True)
class ClientFilter:
    target_class: TargetGroupClass | None = None  # by the status held today
    counsellor_id: int | None = None  # the client's counsellor or that of an open case
    offer: Offer | None = None  # outcome of an initial consultation
    language: str = ""  # ISO 639-1
    open_case: bool | None = None  # True: a running integration support; False: none running

    @property
    def empty(self) -> bool:
        return self == ClientFilter()
