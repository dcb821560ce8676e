"""Reads what a document prints from the database, as the builders' plain data.

Each function opens its own read-only ORM sessions through the services it reuses;
none may be called inside an open write transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from sqlalchemy import select

from app import config
from app.documents.document_data import (
    AccessReportData,
    AgreementData,
    ConfirmationData,
    ConsentData,
    DocumentKind,
    OfficeHeader,
    PrintedDocument,
    ProgressData,
    Release,
    SignedPlan,
    in_period,
    signed_plan,
)
from app.documents.document_records import local_day
from app.domain.case import GoalRecord, Rating
from app.errors import UsageError
from app.i18n import _
from app.services import cases, client_records, family
from app.services.session import OfficeSession
from app.services.settings import get_setting
from app.storage import models

# The version printed on the consent form; counsellors record it with the signed consent.
CONSENT_FORM_VERSION = "Lotse 2026-1"


def office_header(session: OfficeSession) -> OfficeHeader:
    """The letterhead; the place before the signature date is the town of the address."""
    from app.services.letterhead import office_logo

    office = session.office
    return OfficeHeader.of(office, place=town_of(office.address), logo_png=office_logo(session))


_POSTCODE_TOWN = re.compile(r"\b\d{5}\s+(?P<town>[^\d,]+?)\s*$")


def town_of(address: str) -> str:
    """``Musterstraße 1, 24103 Kiel`` (on one line or several) gives ``Kiel``."""
    match = _POSTCODE_TOWN.search(" ".join(address.split()))
    return match.group("town") if match else ""


def _retention_months(session: OfficeSession) -> int:
    return int(get_setting(session, config.RETENTION_MONTHS))


def plan_goals(goals: tuple[GoalRecord, ...]) -> tuple[GoalRecord, ...]:
    """The goals an agreement covers: all but those dropped."""
    return tuple(g for g in goals if g.rating is not Rating.DROPPED)


def agreement_data(session: OfficeSession, case_id: int, today: dt.date) -> AgreementData:
    details = cases.case_details(session, case_id, today, opened=False)
    if details.summary.closed_on is not None:
        raise UsageError(_("Für einen abgeschlossenen Fall wird keine Vereinbarung gedruckt."))
    goals = plan_goals(details.goals)
    if not goals:
        raise UsageError(
            _("Der Förderplan hat noch kein Ziel. Bitte zuerst Ziele mit der Person vereinbaren.")
        )
    client = family.client_details(session, details.summary.client_id, opened=False)
    reviews = (details.summary.next_review,) if details.summary.next_review else ()
    return AgreementData(
        office_header(session), client, replace(details, goals=goals), today, reviews
    )


def last_agreement(session: OfficeSession, case_id: int) -> SignedPlan | None:
    """The goals of the case's newest printed agreement, word for word."""
    with session.orm() as orm:
        row = orm.execute(
            select(models.Document.version, models.Document.created_at, models.Document.plan_json)
            .where(
                models.Document.case_id == case_id,
                models.Document.kind == DocumentKind.AGREEMENT.value,
                models.Document.plan_json != "",
            )
            .order_by(models.Document.version.desc())
            .limit(1)
        ).first()
    if row is None:
        return None
    return signed_plan(row.plan_json, int(row.version or 0), local_day(row.created_at))


def progress_data(
    session: OfficeSession, case_id: int, start: dt.date | None, end: dt.date, today: dt.date
) -> ProgressData:
    details = cases.case_details(session, case_id, today, opened=False)
    client = family.client_details(session, details.summary.client_id, opened=False)
    return ProgressData(
        office_header(session),
        client,
        details,
        today,
        start or details.summary.start,
        end,
        agreement=last_agreement(session, case_id),
    )


def consent_data(
    session: OfficeSession, client_id: int, releases: tuple[Release, ...], today: dt.date
) -> ConsentData:
    return ConsentData(
        office_header(session),
        family.client_details(session, client_id, opened=False),
        today,
        form_version=CONSENT_FORM_VERSION,
        retention_months=_retention_months(session),
        releases=releases,
    )


def printed_documents(session: OfficeSession, client_id: int) -> tuple[PrintedDocument, ...]:
    with session.orm() as orm:
        rows = orm.execute(
            select(
                models.Document.kind,
                models.Document.created_at,
                models.Document.language,
                models.Document.doc_ref,
                models.Document.version,
            )
            .where(models.Document.client_id == client_id)
            .order_by(models.Document.created_at, models.Document.id)
        ).all()
    return tuple(
        PrintedDocument(
            DocumentKind(r.kind), local_day(r.created_at), r.language, r.doc_ref, r.version
        )
        for r in rows
    )


def access_data(session: OfficeSession, client_id: int, today: dt.date) -> AccessReportData:
    consents = tuple(client_records.consents(session, client_id))
    recipients = sorted({c.third_party for c in consents if c.third_party})
    return AccessReportData(
        office_header(session),
        family.client_details(session, client_id, opened=False),
        today,
        status_history=tuple(client_records.status_history(session, client_id)),
        family=tuple(family.family_members(session, client_id)),
        languages=tuple(family.languages(session, client_id)),
        consents=consents,
        contacts=tuple(client_records.timeline(session, client_id)),
        cases=tuple(
            cases.case_details(session, c.id, today, opened=False)
            for c in cases.client_cases(session, client_id)
        ),
        documents=printed_documents(session, client_id),
        retention_months=_retention_months(session),
        recipients=tuple(recipients),
    )


def confirmation_data(
    session: OfficeSession, client_id: int, start: dt.date, end: dt.date, today: dt.date
) -> ConfirmationData:
    contacts = in_period(client_records.timeline(session, client_id), start, end)
    if not contacts:
        raise UsageError(_("In diesem Zeitraum gab es keine Beratungskontakte."))
    return ConfirmationData(
        office_header(session),
        family.client_details(session, client_id, opened=False),
        today,
        start,
        end,
        contacts,
        counsellor=session.user.display_name,
    )
