"""What the windows may do with cases, reminders and the dashboard, as plain callables.

Bound to the open session in ``ui.main`` like ``OfficeServices``; run every call
through ``ui.operations.Operations``. Dates default to today inside the services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.domain.case import (
    AssessmentEntry,
    CaseDetails,
    CaseDraft,
    CaseSummary,
    CloseDraft,
    GoalDraft,
    Partner,
    PartnerDraft,
    RatingDraft,
    ReferralDraft,
    ReviewDraft,
    StepDraft,
)
from app.domain.caseload import Caseload
from app.domain.reminders import Reminder


class DashboardData(Protocol):
    """``app.services.dashboard.Dashboard``."""

    @property
    def today(self) -> dt.date: ...
    @property
    def reminders(self) -> tuple[Reminder, ...]: ...  # the user's, due this week or earlier
    @property
    def open_cases(self) -> tuple[CaseSummary, ...]: ...  # the user's
    @property
    def caseload(self) -> Caseload: ...
    @property
    def counsellors(self) -> dict[int, str]: ...  # id -> name


class ReminderRequest(Protocol):
    """``app.services.reminders.ReminderDraft`` (build it with ``new_reminder``)."""

    @property
    def due(self) -> dt.date: ...
    @property
    def text(self) -> str: ...
    @property
    def counsellor_id(self) -> int | None: ...
    @property
    def client_id(self) -> int | None: ...
    @property
    def case_id(self) -> int | None: ...


@dataclass(frozen=True)
class CaseServices:
    # cases of one client, newest first; open a case (FieldErrors by field, UsageError
    # when refused: no class, a second open case)
    client_cases: Callable[[int], list[CaseSummary]]
    open_case: Callable[[int, CaseDraft], CaseSummary]  # client id, draft
    open_cases: Callable[[int | None], list[CaseSummary]]  # counsellor id or None: all
    case_details: Callable[[int], CaseDetails]
    close_case: Callable[[int, CloseDraft], CaseSummary]  # FieldErrors incl. "ratings"
    reopen_case: Callable[[int, str], CaseSummary]  # lead only (AccessDenied), with a reason
    # assessment and plan (UsageError when the case is closed or past its end)
    save_assessment: Callable[[int, AssessmentEntry], None]  # case id; empty entry removes
    add_goal: Callable[[int, GoalDraft], int]  # case id -> goal id
    update_goal: Callable[[int, GoalDraft], None]  # goal id
    delete_goal: Callable[[int], None]
    move_goal: Callable[[int, int], None]  # goal id, -1 up / +1 down
    add_step: Callable[[int, StepDraft], int]  # goal id -> step id
    update_step: Callable[[int, StepDraft], None]  # step id
    delete_step: Callable[[int], None]
    move_step: Callable[[int, int], None]
    add_review: Callable[[int, ReviewDraft], int]  # case id; goal states update the goals
    rate_goal: Callable[[int, RatingDraft], None]  # goal id
    default_next_review: Callable[[int, dt.date], dt.date | None]  # case id, review date
    # network partners and referrals
    partners: Callable[[bool], list[Partner]]  # include inactive
    add_partner: Callable[[PartnerDraft], Partner]
    update_partner: Callable[[int, PartnerDraft], Partner]
    add_referral: Callable[[int, ReferralDraft], int]  # case id
    # reminders and the dashboard
    reminders: Callable[[int | None], list[Reminder]]  # counsellor id or None: everyone's
    new_reminder: Callable[..., ReminderRequest]  # due, text, counsellor_id, client_id, case_id
    add_reminder: Callable[[ReminderRequest], int]
    complete_reminder: Callable[[int], None]  # manual reminder id
    dashboard: Callable[[], DashboardData]
    counsellors: Callable[[], dict[int, str]]  # active users who can be responsible
