"""A client's records: residence-status history, eligibility, contacts, consents."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.domain.audit import AuditAction, AuditEntity
from app.domain.counselling import (
    ConsentDraft,
    ConsentKind,
    ConsentRecord,
    ContactDraft,
    ContactForm,
    ContactKind,
    ContactRecord,
    validate_consent,
    validate_contact,
)
from app.domain.eligibility import (
    Eligibility,
    Offer,
    assess_eligibility,
    check_case_allowed,
    recheck,
)
from app.domain.residence import StatusEntry, StatusTable, validate_status_entry
from app.errors import FieldErrors, LotseError, UsageError
from app.i18n import _
from app.services.audit import log
from app.services.session import OfficeSession
from app.storage import models

STATUS_TABLE_KEY = "status_table"


def status_table(session: OfficeSession) -> StatusTable:
    """The office's status → class table (defaults unless the lead changed them)."""
    with session.orm() as orm:
        return read_status_table(orm)


def read_status_table(orm: OrmSession) -> StatusTable:
    row = orm.get(models.SettingRow, STATUS_TABLE_KEY)
    return StatusTable.from_json(row.value) if row is not None else StatusTable()


def client_row(orm: OrmSession, client_id: int) -> models.Client:
    client = orm.get(models.Client, client_id)
    if client is None:
        raise UsageError(_("Diese Person ist nicht (mehr) gespeichert."))
    return client


def _history(orm: OrmSession, client_id: int) -> list[StatusEntry]:
    rows = orm.scalars(
        select(models.ResidenceStatus)
        .where(models.ResidenceStatus.client_id == client_id)
        .order_by(models.ResidenceStatus.valid_from, models.ResidenceStatus.id)
    )
    return [StatusEntry(r.code, r.valid_from) for r in rows]


def status_history(session: OfficeSession, client_id: int) -> list[StatusEntry]:
    with session.orm() as orm:
        return _history(orm, client_id)


def assess_client(
    orm: OrmSession,
    client: models.Client,
    table: StatusTable,
    today: dt.date,
    history: list[StatusEntry] | None = None,
) -> Eligibility:
    return assess_eligibility(
        _history(orm, client.id) if history is None else history,
        client.arrival_date,
        client.permanent_since,
        today,
        table,
    )


def eligibility(
    session: OfficeSession, client_id: int, today: dt.date | None = None
) -> Eligibility:
    table = status_table(session)
    with session.orm() as orm:
        return assess_client(orm, client_row(orm, client_id), table, today or dt.date.today())


def add_status(
    session: OfficeSession, client_id: int, entry: StatusEntry, today: dt.date | None = None
) -> str | None:
    """Record a status; returns a sentence saying what changed for the client, if anything."""
    table = status_table(session)
    with session.orm() as orm, orm.begin():
        return insert_status(orm, session, table, client_id, entry, today or dt.date.today())


def insert_status(
    orm: OrmSession,
    session: OfficeSession,
    table: StatusTable,
    client_id: int,
    entry: StatusEntry,
    today: dt.date,
) -> str | None:
    client = client_row(orm, client_id)
    validate_status_entry(entry, client.birth_date, today)
    before = assess_client(orm, client, table, today)
    orm.add(
        models.ResidenceStatus(
            client_id=client_id,
            code=entry.code,
            valid_from=entry.valid_from,
            created_by=session.user.id,
        )
    )
    orm.flush()
    after = assess_client(orm, client, table, today)
    log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CLIENT, client_id)
    sentence = recheck(before, after) if before.status_code is not None else None
    if not after.case_allowed and _has_open_case(orm, client_id):
        warning = _(
            "Die laufende Integrationsbegleitung passt nicht mehr zum Aufenthaltsstatus; "
            "eine Wiedervorlage erinnert daran, den Fall zu prüfen."
        )
        sentence = f"{sentence} {warning}" if sentence else warning
    return sentence


def _has_open_case(orm: OrmSession, client_id: int) -> bool:
    case = models.Case
    query = select(case.id).where(case.client_id == client_id, case.closed_on.is_(None))
    return orm.scalar(query.limit(1)) is not None


# Contacts that are an offer of their own must be allowed by the client's class
# (a Duldung holder gets crisis counselling, not short counselling).
_KIND_OFFER = {ContactKind.SHORT: Offer.SHORT, ContactKind.CRISIS: Offer.CRISIS}


def _contact_record(row: models.Contact, names: dict[int, str]) -> ContactRecord:
    return ContactRecord(
        id=row.id,
        client_id=row.client_id,
        kind=ContactKind(row.kind),
        date=row.date,
        duration_min=row.duration_min,
        form=ContactForm(row.form),
        interpreter=row.interpreter,
        life_areas=tuple(a for a in row.life_areas.split(",") if a),
        family_present=row.family_present,
        note=row.note,
        need=row.need,
        outcome=Offer(row.outcome) if row.outcome else None,
        counsellor=names.get(row.counsellor_id or 0, ""),
    )


def record_contact(
    session: OfficeSession, client_id: int, draft: ContactDraft, today: dt.date | None = None
) -> ContactRecord:
    """Save a contact. An initial consultation's outcome must be an offer the client may get."""
    table = status_table(session)
    with session.orm() as orm, orm.begin():
        row = insert_contact(orm, session, table, client_id, draft, today or dt.date.today())
        return _contact_record(row, {session.user.id: session.user.display_name})


def insert_contact(
    orm: OrmSession,
    session: OfficeSession,
    table: StatusTable,
    client_id: int,
    draft: ContactDraft,
    today: dt.date,
) -> models.Contact:
    client = client_row(orm, client_id)
    validate_contact(draft, today, client.birth_date)
    offer = _KIND_OFFER.get(draft.kind)
    if offer is not None:
        elig = assess_client(orm, client, table, draft.date)
        if offer not in elig.allowed:
            raise FieldErrors({"kind": elig.explanation})
    if draft.outcome is not None:
        elig = assess_client(orm, client, table, draft.date)
        if draft.outcome not in elig.allowed:
            raise FieldErrors({"outcome": elig.explanation})
        if draft.outcome is Offer.CASE:
            try:
                check_case_allowed(elig, draft.written_need)
            except LotseError as exc:
                raise FieldErrors({"written_need": exc.message}) from None
    row = models.Contact(
        client_id=client_id,
        kind=draft.kind.value,
        date=draft.date,
        duration_min=draft.duration_min,
        form=draft.form.value,
        interpreter=draft.interpreter,
        life_areas=",".join(draft.life_areas),
        family_present=draft.family_present,
        note=draft.note.strip(),
        need=draft.need.strip(),
        outcome=draft.outcome.value if draft.outcome else None,
        written_need=draft.written_need.strip(),
        counsellor_id=session.user.id,
        created_by=session.user.id,
    )
    orm.add(row)
    orm.flush()
    log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CLIENT, client_id)
    return row


def user_names(orm: OrmSession) -> dict[int, str]:
    rows = orm.execute(select(models.User.id, models.User.display_name))
    return {uid: name for uid, name in rows}


def timeline(session: OfficeSession, client_id: int) -> list[ContactRecord]:
    """All counselling of a client, newest first."""
    with session.orm() as orm:
        return timeline_rows(orm, client_id)


def timeline_rows(
    orm: OrmSession,
    client_id: int,
    since: dt.date | None = None,
    names: dict[int, str] | None = None,
) -> list[ContactRecord]:
    if names is None:
        names = user_names(orm)
    query = select(models.Contact).where(models.Contact.client_id == client_id)
    if since is not None:
        query = query.where(models.Contact.date >= since)
    rows = orm.scalars(query.order_by(models.Contact.date.desc(), models.Contact.id.desc()))
    return [_contact_record(r, names) for r in rows]


def _consent_record(row: models.Consent) -> ConsentRecord:
    return ConsentRecord(
        id=row.id,
        client_id=row.client_id,
        kind=ConsentKind(row.kind),
        given_on=row.given_on,
        form_version=row.form_version,
        language=row.language,
        third_party=row.third_party,
        paper_ref=row.paper_ref,
        withdrawn_on=row.withdrawn_on,
    )


def add_consent(
    session: OfficeSession, client_id: int, draft: ConsentDraft, today: dt.date | None = None
) -> ConsentRecord:
    with session.orm() as orm, orm.begin():
        row = insert_consent(orm, session, client_id, draft, today or dt.date.today())
        return _consent_record(row)


def insert_consent(
    orm: OrmSession, session: OfficeSession, client_id: int, draft: ConsentDraft, today: dt.date
) -> models.Consent:
    validate_consent(draft, today)
    client_row(orm, client_id)
    row = models.Consent(
        client_id=client_id,
        kind=draft.kind.value,
        given_on=draft.given_on,
        form_version=draft.form_version.strip(),
        language=draft.language.strip(),
        third_party=draft.third_party.strip(),
        paper_ref=draft.paper_ref.strip(),
        created_by=session.user.id,
    )
    orm.add(row)
    orm.flush()
    log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CLIENT, client_id)
    return row


def withdraw_consent(
    session: OfficeSession, consent_id: int, on: dt.date, today: dt.date | None = None
) -> ConsentRecord:
    with session.orm() as orm, orm.begin():
        row = orm.get(models.Consent, consent_id)
        if row is None:
            raise UsageError(_("Diese Einwilligung ist nicht (mehr) gespeichert."))
        if on > (today or dt.date.today()):
            raise FieldErrors({"withdrawn_on": _("Das Datum liegt in der Zukunft.")})
        if on < row.given_on:
            raise FieldErrors({"withdrawn_on": _("Der Widerruf liegt vor der Einwilligung.")})
        if row.withdrawn_on is not None:
            raise FieldErrors({"withdrawn_on": _("Diese Einwilligung ist bereits widerrufen.")})
        row.withdrawn_on = on
        log(orm, session.user.id, AuditAction.CHANGE, AuditEntity.CLIENT, row.client_id)
        return _consent_record(row)


def consents(session: OfficeSession, client_id: int) -> list[ConsentRecord]:
    with session.orm() as orm:
        rows = orm.scalars(
            select(models.Consent)
            .where(models.Consent.client_id == client_id)
            .order_by(models.Consent.given_on.desc(), models.Consent.id.desc())
        )
        return [_consent_record(r) for r in rows]
