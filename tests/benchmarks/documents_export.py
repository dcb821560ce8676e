"""Benchmarks for printed documents and the yearly export.

    .venv/bin/python tests/benchmarks/documents_export.py      (also part of ``make bench``)

Rows:
- an integration agreement, German and Arabic, three pages, built and sealed through
  ``make_document`` on a real office (the database read, the sealed PDF stored, the
  audit entry), and the same without the service (``build_agreement`` + ``sign_pdf``),
  against a baseline built in the same run: the same texts (the same goals, steps and
  sentences with their Arabic translations) laid out with bare reportlab
  (SimpleDocTemplate, Paragraph, Table, Helvetica, no shaping: Arabic prints as boxes)
  plus one pyHanko ``signers.sign_pdf`` with a SimpleSigner from the same seal. Target:
  <= 400 ms and <= 1.5 x the baseline (median).
- the yearly export of a demo office with 3,000 open cases and 50,000 contacts in the
  year (what the demo does not make is added with bulk inserts): ``export_year`` with
  counting, suppression, JSON, CSV, the summary PDF, the CMS seal and the encryption to
  the coordinator, and its parts. Target: <= 3 s.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _median, _p95, _print_table  # type: ignore[import-not-found]

Row = tuple[str, str, str, str, str]
TODAY = dt.date.today()
LANG = "ar"
ROUNDS = 15
EXPORT_ROUNDS = 3
CONTACTS_IN_YEAR = 50_000
OPEN_CASES = 3000


# -- the agreement on a real office ------------------------------------------------------
def _agreement_office(folder: Path) -> tuple[Any, int, int]:
    """A fresh office with one Arabic-speaking client whose case has the sample plan of the
    document tests (three life areas assessed, three goals with two steps each): a
    three-page agreement in German and Arabic. Returns the session, client and case."""
    import dataclasses
    from decimal import Decimal

    from app.domain.case import CaseDraft, GoalDraft, Responsible, StepDraft
    from app.domain.client import ClientDraft
    from app.domain.office import OfficeInfo
    from app.domain.residence import StatusEntry
    from app.paths import OfficePaths
    from app.services import case_plan, cases
    from app.services.client_records import add_status
    from app.services.clients import add_client
    from app.services.session import unlock
    from app.services.setup import SetupRequest, create_office
    from app.storage.keyring import KdfParams
    from tests.app.test_documents_samples import ASSESSMENT, CLIENT, GOALS

    paths = OfficePaths(folder / "agreement")
    info = OfficeInfo(
        "Migrationsberatung für Erwachsene Kiel-Gaarden",
        "Beispiel-Wohlfahrtsverband e. V.",
        "KI",
        Decimal("1.5"),
        "Elisabethstraße 12, 24143 Kiel",
    )
    passphrase = "Sonnenblume-27-Kiel"
    create_office(paths, SetupRequest(info, "anna", "Anna Alt", passphrase, kdf=KdfParams(8192, 1)))
    session = unlock(paths, "anna", passphrase)
    arrival = TODAY - dt.timedelta(days=200)
    draft = ClientDraft(CLIENT.family_name, CLIENT.given_name, CLIENT.birth_date, sex="f",
                        nationality="SYR")  # fmt: skip
    client = add_client(session, dataclasses.replace(draft, arrival_date=arrival, language=LANG))
    add_status(session, client.id, StatusEntry("h25_2", arrival), TODAY)
    start = TODAY - dt.timedelta(days=60)
    case = cases.open_case(session, client.id, CaseDraft(start, session.user.id), TODAY)
    for entry in ASSESSMENT:
        case_plan.save_assessment(session, case.id, entry, TODAY)
    for n, goal in enumerate(GOALS):
        target = TODAY + dt.timedelta(days=120 + 90 * n)
        goal_id = case_plan.add_goal(
            session, case.id, GoalDraft(goal.life_area, goal.text, target), TODAY
        )
        for step in goal.steps:  # partners named in the samples are not in this office
            partner = step.responsible is Responsible.PARTNER
            who = Responsible.CLIENT if partner else step.responsible
            due = TODAY + dt.timedelta(days=30 + 30 * step.position)
            case_plan.add_step(session, goal_id, StepDraft(step.text, who, due=due), TODAY)
    return session, client.id, case.id


def _bare_story(data: Any, t: Any) -> list[Any]:
    """The agreement's texts in bare reportlab: each sentence in German, then translated."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, Spacer, Table

    from app.documents import agreement as A
    from app.documents import doc_labels as L
    from app.documents import doc_texts as T
    from app.documents.bilingual import fmt_date

    ss = getSampleStyleSheet()
    body, head = ss["BodyText"], ss["Heading3"]

    def p(text: str, style: Any = body) -> Any:
        return Paragraph(escape(text), style)

    def both(msgid: str, style: Any = body, **fields: object) -> list[Any]:
        return [p(msgid.format(**fields), style), p(t(msgid).format(**fields), style)]

    def table(rows: list[list[Any]], widths: tuple[float, ...]) -> Any:
        grid = [("GRID", (0, 0), (-1, -1), 0.5, "grey"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        return Table(rows, colWidths=widths, style=grid)

    office, client = data.office, data.client
    story = [*both(A.TITLE, ss["Title"]), *both(A.VERSION_LINE, version=1, date=fmt_date(TODAY))]
    story += [*both(A.INTRO), *both(T.PARTIES, head)]
    name = f"{client.given_name} {client.family_name}, {fmt_date(client.birth_date)}"
    story.append(table([[both(T.CLIENT), p(name)],
                        [both(T.COUNSELLOR), p(data.case.summary.counsellor)],
                        [both(T.OFFICE), [p(office.name), p(office.provider), p(office.address)]]],
                       (140, 310)))  # fmt: skip
    story += both(A.SITUATION, head)
    rows = [[both(m) for m in (T.LIFE_AREA, A.SITUATION_NOW, A.RESOURCES, A.NEED)]]
    for e in (e for e in data.case.assessment if not e.empty):
        area = L.life_area(e.life_area)
        rows.append([both(area), p(e.situation), p(e.resources), p(e.need)])
    story += [table(rows, (90, 130, 115, 115)), *both(A.GOALS, head)]
    for number, goal in enumerate(data.case.goals, start=1):
        area = L.life_area(goal.life_area)
        story += [p(f"{T.GOAL_NUMBER.format(number=number)} – {area}", head)]
        story += [p(f"{t(T.GOAL_NUMBER).format(number=number)} – {t(area)}"), p(goal.text)]
        story += both(T.TARGET_DATE, date=fmt_date(goal.target_date))
        rows = [[both(T.STEP), both(T.WHO), both(T.UNTIL)]]
        rows += [[p(s.text), both(L.label(s.responsible)), p(fmt_date(s.due))]
                 for s in goal.steps]  # fmt: skip
        story.append(table(rows, (260, 110, 80)))
    story += [*both(A.REVIEWS, head), *both(A.REVIEWS_INTRO)]
    story += [p(", ".join(fmt_date(d) for d in data.review_dates)), *both(A.VOLUNTARY_HEAD, head)]
    for msgid in (A.NO_SANCTIONS, A.CONTINUES, A.CHANGES, A.VOLUNTARY, T.BINDING):
        story += both(msgid)
    signers = [[both(T.PLACE_DATE), [*both(T.SIGNATURE_CLIENT), p(name)]],
               [both(T.PLACE_DATE), [*both(T.SIGNATURE_COUNSELLOR)]]]  # fmt: skip
    return [*story, Spacer(1, 30), table(signers, (200, 250))]


def _bare_build(data: Any, t: Any) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(_bare_story(data, t))
    return buf.getvalue()


def _bare_sign(pdf: bytes, key_pem: bytes, cert_pem: bytes) -> bytes:
    """One invisible pyHanko signature with a SimpleSigner loaded from the seal's PEMs."""
    from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    (cert,) = load_certs_from_pemder_data(cert_pem)
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=load_private_key_from_pemder_data(key_pem, passphrase=None),
        cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]
    )
    meta = signers.PdfSignatureMetadata(field_name="Signature", md_algorithm="sha256")
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer)
    return bytes(out.getbuffer())


def _pages(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Count"])


def _timed(samples: dict[str, list[float]], key: str, fn: Any, *args: Any) -> Any:
    t0 = time.perf_counter()
    out = fn(*args)
    samples.setdefault(key, []).append(time.perf_counter() - t0)
    return out


def _agreement_samples(
    session: Any, client_id: int, case_id: int, rounds: int
) -> tuple[dict[str, list[float]], int, int]:
    """All four ways in turn each round (load from elsewhere hits each alike); the first
    two rounds warm up and are dropped."""
    from app.documents.agreement import build_agreement
    from app.documents.doc_texts import translator
    from app.documents.document_data import DocumentKind
    from app.documents.document_records import DocumentRequest
    from app.documents.signing import SealStamp, sign_pdf
    from app.services import document_inputs, documents
    from app.services.seal_public import office_seal

    request = DocumentRequest(DocumentKind.AGREEMENT, client_id, case_id, LANG)
    data = document_inputs.agreement_data(session, case_id, TODAY)
    with session.orm() as orm:
        seal = office_seal(orm)  # what make_document seals with
    t = translator(LANG)
    samples: dict[str, list[float]] = {}
    for n in range(rounds + 2):
        made = _timed(samples, "service", documents.make_document, session, request)
        stamp = SealStamp(session.office.name, "LT-BNCH-0001", dt.datetime.now(dt.UTC))
        built = _timed(samples, "build", build_agreement, data, LANG, stamp.doc_ref, n + 1)
        _timed(samples, "sign", sign_pdf, built.data, seal, stamp, built.seal_box)
        bare = _timed(samples, "bare_build", _bare_build, data, t)
        _timed(samples, "bare_sign", _bare_sign, bare, seal.key_pem, seal.cert_pem)
    timed = {key: values[2:] for key, values in samples.items()}
    return timed, _pages(made.pdf), _pages(bare)


def agreement_rows(rounds: int = ROUNDS) -> list[Row]:
    def ms(samples: list[float]) -> str:
        return f"{_median(samples) * 1000:.0f} / {_p95(samples) * 1000:.0f} ms"

    with tempfile.TemporaryDirectory() as tmp:
        session, client_id, case_id = _agreement_office(Path(tmp))
        try:
            s, ours_pages, bare_pages = _agreement_samples(session, client_id, case_id, rounds)
        finally:
            session.close()
    pair = [a + b for a, b in zip(s["build"], s["sign"], strict=True)]
    base = [a + b for a, b in zip(s["bare_build"], s["bare_sign"], strict=True)]
    what = f"bare reportlab + pyHanko, {bare_pages} pages"

    def row(label: str, ours: list[float], theirs: list[float], note: str, target: str) -> Row:
        ratio = f"{_median(ours) / _median(theirs):.2f}"
        return (f"{label}: median / p95", ms(ours), f"{ms(theirs)} ({note})", ratio, target)

    return [
        row(f"agreement de+ar ({ours_pages} pages) via make_document, {rounds} runs",
            s["service"], base, what, "<= 400 ms, <= 1.50"),
        row("  build_agreement + sign_pdf (no service)", pair, base, what, "<= 1.50"),
        row("  of which build_agreement", s["build"], s["bare_build"], "bare reportlab", ""),
        row("  of which sign_pdf (visible seal)", s["sign"], s["bare_sign"], "pyHanko", ""),
    ]  # fmt: skip


# -- the yearly export ---------------------------------------------------------------------
def _bulk_contacts(session: Any, year: int, wanted: int) -> tuple[int, int]:
    """Top the year up to ``wanted`` contacts with core inserts, spread over the office's
    clients and the year's days up to today. Returns (contacts in the year, added)."""
    from sqlalchemy import func, insert, select

    from app.domain.counselling import LIFE_AREAS, ContactForm, ContactKind
    from app.storage import models

    n = models.Contact
    first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), TODAY)
    with session.engine.begin() as conn:
        had = conn.scalar(select(func.count(n.id)).where(n.date.between(first, last)))
        clients = list(conn.scalars(select(models.Client.id)))
        staff = list(conn.scalars(select(models.User.id)))
        rng = random.Random(50)
        kinds = [ContactKind.CONTACT.value] * 6 + [ContactKind.SHORT.value,
                                                   ContactKind.CRISIS.value]  # fmt: skip
        forms, areas = [f.value for f in ContactForm], list(LIFE_AREAS)
        days = (last - first).days
        rows = [
            {
                "client_id": rng.choice(clients),
                "kind": rng.choice(kinds),
                "date": first + dt.timedelta(days=rng.randint(0, days)),
                "duration_min": rng.choice((15, 30, 45, 60, 90)),
                "form": rng.choice(forms),
                "interpreter": rng.random() < 0.3,
                "life_areas": ",".join(rng.sample(areas, rng.randint(0, 3))),
                "family_present": rng.choice((0, 0, 0, 1, 2)),
                "counsellor_id": rng.choice(staff),
                "created_by": rng.choice(staff),
            }
            for _ in range(max(0, wanted - had))
        ]
        if rows:
            conn.execute(insert(n), rows)
        total = conn.scalar(select(func.count(n.id)).where(n.date.between(first, last)))
    return int(total), len(rows)


def _export_office(folder: Path) -> tuple[Any, int, str]:
    """The demo office of ``cases.py`` (3,000 open cases), with the coordinator's
    certificate set and the year topped up to 50,000 contacts."""
    from sqlalchemy import func, select

    from app.export.coordinator_keys import create_keys
    from app.paths import OfficePaths
    from app.services.demo import DEMO_LEAD, DEMO_PASSPHRASE, create_demo
    from app.services.demo_phases import persons_for_open
    from app.services.session import unlock
    from app.services.yearly_facts import running_cases
    from app.services.yearly_file_service import set_coordinator_certificate
    from app.storage.keyring import KdfParams

    year = TODAY.year
    paths = OfficePaths(folder / "export")
    persons = persons_for_open(OPEN_CASES)
    t0 = time.perf_counter()
    made = create_demo(paths, clients=2 * persons, seed=3, kdf=KdfParams(8192, 1), cases=persons)
    session = unlock(paths, DEMO_LEAD, DEMO_PASSPHRASE)
    contacts, added = _bulk_contacts(session, year, CONTACTS_IN_YEAR)
    set_coordinator_certificate(session, create_keys().cert_pem)
    with session.orm() as orm:
        running = orm.scalar(select(func.count()).select_from(running_cases(year).subquery()))
    label = (
        f"demo office built: {made.clients} clients, {running} cases running in {year} "
        f"({made.open_cases} open), {contacts} contacts in {year} ({added} added in bulk)"
    )
    return session, year, f"{label}|{time.perf_counter() - t0:.0f} s"


def _export_parts(session: Any, year: int) -> dict[str, float]:
    """The steps of ``export_year`` one by one, as it calls them; ``build_report`` also
    split into its database reads and its counting."""
    from app.domain.yearly_case_tables import count_tables
    from app.domain.yearly_labels import label, table_title
    from app.domain.yearly_suppression import suppress_report
    from app.export.summary_pdf import summary_pdf
    from app.export.yearly_file import write_export
    from app.services.seal_public import office_seal
    from app.services.yearly_export import build_report
    from app.services.yearly_facts import read_facts
    from app.services.yearly_file_service import coordinator_certificate

    with session.orm() as orm:
        seal, recipient = office_seal(orm), coordinator_certificate(orm)
    times: dict[str, list[float]] = {}
    for _ in range(EXPORT_ROUNDS):
        with session.orm() as orm:
            facts = _timed(times, "read_facts", read_facts, orm, year)
        t0 = time.perf_counter()
        suppress_report(count_tables(facts), 5)
        times.setdefault("count", []).append(time.perf_counter() - t0)
        report = _timed(times, "build_report", build_report, session, year)
        pdf = _timed(times, "summary_pdf", summary_pdf, report, table_title, label)
        t0 = time.perf_counter()
        write_export(report, seal_key_pem=seal.key_pem, seal_cert_pem=seal.cert_pem,
                     seal_chain_pem=seal.chain_pem, coordinator_cert_pem=recipient,
                     summary=pdf, title_of=table_title, label_of=label)  # fmt: skip
        times.setdefault("write_export", []).append(time.perf_counter() - t0)
    return {key: _median(values) for key, values in times.items()}


def export_rows(rounds: int = EXPORT_ROUNDS) -> list[Row]:
    from app.services.yearly_file_service import export_year

    with tempfile.TemporaryDirectory() as tmp:
        session, year, built = _export_office(Path(tmp))
        try:
            export_year(session, year, TODAY)  # warm-up: imports, fonts, first reads
            samples, size = [], 0
            for _ in range(rounds):
                t0 = time.perf_counter()
                size = len(export_year(session, year, TODAY).data)
                samples.append(time.perf_counter() - t0)
            parts = _export_parts(session, year)
        finally:
            session.close()
    label, built_s = built.split("|")
    rows: list[Row] = [
        (label, built_s, "", "", ""),
        (
            f"yearly export {year} (count, suppress, JSON, CSV, PDF, CMS seal, encrypt): "
            f"median of {rounds}",
            f"{_median(samples):.2f} s ({size // 1024} KiB)",
            "",
            "",
            "<= 3 s",
        ),
    ]
    for part, what in (
        ("build_report", "read, count, suppress"),
        ("  read_facts", "the year's rows from the database"),
        ("  count_tables + suppress_report", "in memory, same facts"),
        ("summary_pdf", "the summary PDF"),
        ("write_export", "check, JSON, CSV, CMS seal, zip, encrypt"),
    ):
        key = "count" if "count_tables" in part else part.strip()
        ms = f"{parts[key] * 1000:.0f} ms (median of {EXPORT_ROUNDS})"
        name = f"    {part.strip()}" if part.startswith(" ") else f"  of which {part}"
        rows.append((f"{name} ({what})", ms, "", "", ""))
    return rows


def document_export_rows() -> list[Row]:
    return agreement_rows() + export_rows()


if __name__ == "__main__":
    _print_table(document_export_rows())
