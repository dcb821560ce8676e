"""A demo office filled with synthetic people, deterministic for a seed.

Names come from Faker's German, Arabic, Persian, Russian, Ukrainian and Turkish
locales; no real person is involved. The passphrase is public (README).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session as OrmSession

from app.domain.office import OfficeInfo, Role
from app.paths import OfficePaths
from app.services.clients import reindex
from app.services.session import unlock
from app.services.setup import SetupRequest, SetupResult, create_office
from app.storage import models
from app.storage.keyring import KdfParams, save_keyfile

DEMO_PASSPHRASE = "Lotse-Demo-2026!"
DEMO_LEAD = "leitung"
DEMO_COUNSELLOR = "beratung"

# Faker locale, nationality (ISO 3166 alpha-3), language (ISO 639-1), weight
_ORIGINS: tuple[tuple[str, str, str, int], ...] = (
    ("ar_AA", "SYR", "ar", 30),
    ("fa_IR", "AFG", "fa", 20),
    ("uk_UA", "UKR", "uk", 25),
    ("ru_RU", "RUS", "ru", 8),
    ("tr_TR", "TUR", "tr", 12),
    ("de_DE", "DEU", "de", 5),
)


@dataclass(frozen=True)
class DemoResult:
    setup: SetupResult
    clients: int


def create_demo(
    paths: OfficePaths, clients: int = 50, seed: int = 1, kdf: KdfParams | None = None
) -> DemoResult:
    from faker import Faker  # heavy import, only for the demo

    office = OfficeInfo(
        "Migrationsberatung Demo-Stadt",
        "Demo-Träger e. V.",
        "KI",
        Decimal("2.5"),
        "Musterstraße 1, 24103 Kiel",
    )
    result = create_office(
        paths,
        SetupRequest(office, DEMO_LEAD, "Lea Leitung", DEMO_PASSPHRASE, kdf=kdf),
    )
    session = unlock(paths, DEMO_LEAD, DEMO_PASSPHRASE)
    try:
        rng = random.Random(seed)
        fakers = {loc: Faker(loc) for loc, *_ in _ORIGINS}
        for i, fk in enumerate(fakers.values()):
            fk.seed_instance(seed * 100 + i)
        with OrmSession(session.engine) as orm, orm.begin():
            counsellor = models.User(
                login=DEMO_COUNSELLOR,
                display_name="Bela Beratung",
                role=Role.COUNSELLOR.value,
                post_share=Decimal("1.5"),
                created_by=session.user.id,
            )
            orm.add(counsellor)
            orm.flush()
            staff = [session.user.id, counsellor.id]
            weights = [w for *_, w in _ORIGINS]
            for n in range(1, clients + 1):
                locale, nationality, language, _w = rng.choices(_ORIGINS, weights)[0]
                orm.add(_client(fakers[locale], rng, n, nationality, language, rng.choice(staff)))
        reindex(session, force=True)
        session.keyfile.set_user(DEMO_COUNSELLOR, DEMO_PASSPHRASE, session.data_key, kdf)
        save_keyfile(paths.keyfile, session.keyfile)
    finally:
        session.close()
    return DemoResult(result, clients)


def _client(
    fk: object, rng: random.Random, n: int, nationality: str, language: str, staff_id: int
) -> models.Client:
    female = rng.random() < 0.5
    given = fk.first_name_female() if female else fk.first_name_male()  # type: ignore[attr-defined]
    family = fk.last_name()  # type: ignore[attr-defined]
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 58))
    return models.Client(
        number=f"K-{n:05d}",
        family_name=family,
        given_name=given,
        birth_date=birth,
        sex="f" if female else "m",
        nationality=nationality,
        language=language,
        created_by=staff_id,
        updated_by=staff_id,
    )
