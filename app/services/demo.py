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

from app.domain.counselling import LIFE_AREAS, ContactForm, ContactKind
from app.domain.eligibility import Offer
from app.domain.office import OfficeInfo, Role
from app.paths import OfficePaths
from app.services.clients import reindex
from app.services.demo_cases import Staff, add_demo_cases
from app.services.session import unlock
from app.services.setup import SetupRequest, SetupResult, create_office
from app.storage import models
from app.storage.keyring import KdfParams, save_keyfile

DEMO_PASSPHRASE = "Lotse-Demo-2026!"
DEMO_LEAD = "leitung"
DEMO_COUNSELLOR = "beratung"
DEMO_PART_TIMER = "teilzeit"  # a part-time counsellor, over the staffing key

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
    case_persons: int = 0  # clients in integration support
    cases: int = 0
    open_cases: int = 0


def create_demo(
    paths: OfficePaths,
    clients: int = 50,
    seed: int = 1,
    kdf: KdfParams | None = None,
    contacts: int = 3,
    cases: int | None = None,
) -> DemoResult:
    """A demo office; ``contacts`` is the average number of counselling contacts per client,
    ``cases`` the number of clients in integration support (None: about half of those
    whose status allows it), in every phase of a case (``demo_cases``)."""
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
                post_share=Decimal("1.0"),
                created_by=session.user.id,
            )
            part_timer = models.User(
                login=DEMO_PART_TIMER,
                display_name="Cem Teilzeit",
                role=Role.COUNSELLOR.value,
                post_share=Decimal("0.5"),  # lowered below the persons carried (demo_cases)
                created_by=session.user.id,
            )
            orm.add_all((counsellor, part_timer))
            orm.flush()
            team = Staff(session.user.id, counsellor.id, part_timer.id)
            staff = [session.user.id, counsellor.id]
            weights = [w for *_, w in _ORIGINS]
            people = []
            for n in range(1, clients + 1):
                locale, nationality, language, _w = rng.choices(_ORIGINS, weights)[0]
                person = _client(fakers[locale], rng, n, nationality, language, rng.choice(staff))
                orm.add(person)
                people.append(person)
            orm.flush()
            for person in people:
                _history(orm, rng, person, contacts)
        counts = add_demo_cases(session, team, seed, cases, contacts, dt.date.today())
        reindex(session, force=True)
        for login in (DEMO_COUNSELLOR, DEMO_PART_TIMER):
            session.keyfile.set_user(login, DEMO_PASSPHRASE, session.data_key, kdf)
        save_keyfile(paths.keyfile, session.keyfile)
    finally:
        session.close()
    return DemoResult(result, clients, counts.persons, counts.cases, counts.open_cases)


# Plausible residence status by nationality: (status code, offer at intake)
_STATUS = {
    "SYR": (("h25_2", Offer.CASE), ("gest", Offer.CRISIS), ("h25_3", Offer.SHORT)),
    "AFG": (("gest", Offer.CRISIS), ("h25_3", Offer.CASE), ("dul", Offer.CRISIS)),
    "UKR": (("h24", Offer.CASE), ("h24", Offer.SHORT)),
    "RUS": (("erw", Offer.SHORT), ("fam", Offer.CASE), ("h22", Offer.REFERRAL)),
    "TUR": (("fam", Offer.CASE), ("erw", Offer.SHORT), ("ne", Offer.REFERRAL)),
    "DEU": (("de", Offer.SHORT),),
}
_FORMS = [f.value for f in ContactForm]
_AREAS = list(LIFE_AREAS)
_KIND_OF = {Offer.CRISIS: ContactKind.CRISIS, Offer.SHORT: ContactKind.SHORT}


def _history(orm: OrmSession, rng: random.Random, person: models.Client, contacts: int) -> None:
    """Arrival, one status and a few contacts, all in the past three years."""
    today = dt.date.today()
    arrival = today - dt.timedelta(days=rng.randrange(30, 365 * 6))
    person.arrival_date = max(arrival, person.birth_date or arrival)
    code, offer = rng.choice(_STATUS.get(person.nationality, _STATUS["DEU"]))
    orm.add(
        models.ResidenceStatus(
            client_id=person.id,
            code=code,
            valid_from=person.arrival_date,
            created_by=person.created_by,
        )
    )
    count = rng.randint(0, 2 * contacts) if contacts else 0
    start = today - dt.timedelta(days=rng.randrange(1, 365 * 2))
    for i in range(count):
        initial = i == 0
        kind = ContactKind.INITIAL if initial else _KIND_OF.get(offer, ContactKind.CONTACT)
        orm.add(
            models.Contact(
                client_id=person.id,
                kind=kind.value,
                date=min(start + dt.timedelta(days=14 * i), today),
                duration_min=rng.choice((15, 30, 45, 60, 90)),
                form=rng.choice(_FORMS),
                interpreter=rng.random() < 0.3,
                life_areas=",".join(rng.sample(_AREAS, 2)),
                family_present=rng.choice((0, 0, 0, 1, 2)),
                note="",
                need="",
                outcome=offer.value if initial else None,
                written_need="Förderbedarf festgestellt (Demo)"
                if initial and offer is Offer.CASE
                else "",
                counsellor_id=person.created_by,
                created_by=person.created_by,
            )
        )


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
