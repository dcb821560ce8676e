"""Reprint the recovery sheet: only the office lead, only after unlock.

The recovery key is the data key; anyone unlocked already holds it in memory,
but handing it out on paper is the lead's decision alone.
"""

from __future__ import annotations

import datetime as dt

from app.documents.recovery_sheet import RecoverySheet, build_recovery_sheet
from app.domain.office import Role
from app.domain.recovery_key import format_recovery_key
from app.errors import AccessDenied
from app.i18n import _
from app.services.session import OfficeSession


def recovery_sheet_pdf(session: OfficeSession, today: dt.date | None = None) -> bytes:
    if session.user.role is not Role.LEAD:
        raise AccessDenied(_("Nur die Leitung kann das Notfallblatt drucken."))
    office = session.office
    return build_recovery_sheet(
        RecoverySheet(
            office_name=office.name,
            provider=office.provider,
            district=office.district,
            created=today or dt.date.today(),
            recovery_key=format_recovery_key(session.data_key),
            keyfile_id=session.keyfile.db_id,
        )
    )
