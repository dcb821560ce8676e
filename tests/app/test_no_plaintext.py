"""No plaintext anywhere: a whole working session under a private HOME and TMPDIR, then
every file there, in the office folder and in the program's output is searched for a
client's name and date of birth. They may appear only in files the user saved on purpose
(the audit trail names ids only; a printed document goes to the printer from memory and
the PDF saved on purpose lies in its own folder)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAMILY, GIVEN = "Zyxwarovska", "Quennelia"
SECRETS = (FAMILY, GIVEN, "14.03.1987", "1987-03-14", "Schimmelbefall in der Wohnung")

SESSION = f"""
import datetime as dt, sys
from pathlib import Path
from decimal import Decimal
from PySide6.QtWidgets import QApplication
from app.domain.case import CaseDraft, GoalDraft, StepDraft
from app.domain.client import ClientDraft
from app.domain.counselling import (ConsentDraft, ConsentKind, ContactDraft, ContactForm,
    ContactKind)
from app.domain.eligibility import Offer
from app.domain.office import OfficeInfo
from app.domain.residence import StatusEntry
from app.paths import OfficePaths
from app.services import audit, backup, case_plan, cases, intake, recovery
from app.services.setup import SetupRequest, create_office
from app.storage.keyring import KdfParams
from ui.main import AppContext
from ui.main_window import MainWindow

home, out = Path(sys.argv[1]), Path(sys.argv[2])
paths = OfficePaths(home)
kdf = KdfParams(8192, 1)
create_office(paths, SetupRequest(OfficeInfo("MBE Test", "", "KI", Decimal(1)), "anna", "Anna",
                                  "Sonnenblume-27-Kiel", kdf=kdf))
app = QApplication([])
ctx = AppContext(paths, kdf=kdf)
session = ctx.unlock("anna", "Sonnenblume-27-Kiel")
today = dt.date.today()
row = intake.intake(session, intake.IntakeRequest(
    ClientDraft("{FAMILY}", "{GIVEN}", dt.date(1987, 3, 14), arrival_date=today),
    StatusEntry("ne", today),
    (ConsentDraft(ConsentKind.PROCESSING, today, "MSB-SH 2026-01", "de"),),
    ContactDraft(ContactKind.INITIAL, today, 45, ContactForm.IN_PERSON, life_areas=("housing",),
                 need="{SECRETS[4]}", outcome=Offer.CASE)))
case = cases.client_cases(session, row.id)[0]
goal = case_plan.add_goal(session, case.id, GoalDraft("housing", "{SECRETS[4]} beheben"))
case_plan.add_step(session, goal, StepDraft("Vermieter anschreiben"))
services = ctx.bind(session)
window = MainWindow(services, ctx.ops, ctx.apply_language)
window.show()
window.open_client(row)
for _ in range(50):
    app.processEvents()
ctx.ops.wait()
backup.make_backup(session, out / "stick")
(out / "protokoll.csv").write_bytes(audit.audit_csv(session, audit.AuditQuery()))
(out / "notfallblatt.pdf").write_bytes(recovery.recovery_sheet_pdf(session))
from PySide6.QtPrintSupport import QPrinter
from app.documents.document_data import DocumentKind
from app.documents.document_records import DocumentRequest
from ui.printing import new_printer, print_to
agreement = DocumentRequest(DocumentKind.AGREEMENT, row.id, case.id, "ar")
made = services.documents.make_document(agreement)
services.documents.document_pdf(made.info.id)
chosen = out / "explicit"
chosen.mkdir()
printer = new_printer()
printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
printer.setOutputFileName(str(chosen / "gedruckt.pdf"))
print_to(printer, made.pdf)
(chosen / "vereinbarung.pdf").write_bytes(made.pdf)
import io, zipfile
from app.services.yearly_file_service import export_year
yearly = export_year(session, today.year, today)
(out / yearly.name).write_bytes(yearly.data)
with zipfile.ZipFile(io.BytesIO(yearly.data)) as archive:  # searched unpacked, too
    archive.extractall(out / "jahresmeldung")
window.close()
ctx.ops.wait()
session.close()
print("session done")
"""


def _files(*roots: Path) -> list[Path]:
    return [p for root in roots for p in root.rglob("*") if p.is_file() and not p.is_symlink()]


def test_no_personal_data_outside_the_encrypted_files(tmp_path: Path) -> None:
    home, tmp, office, out = (tmp_path / n for n in ("home", "tmp", "office", "saved"))
    for folder in (home, tmp, out):
        folder.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("LOTSE_")},
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", SESSION, str(office), str(out)],
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    log = result.stdout + result.stderr
    files = _files(home, tmp, office, out)
    assert any(p.name == "office.lotse" for p in files)
    explicit = out / "explicit"  # what the user printed to a file or saved as PDF
    assert {p.name for p in explicit.iterdir()} == {"gedruckt.pdf", "vereinbarung.pdf"}
    files = [p for p in files if explicit not in p.parents]
    assert any(p.parent.parent == out / "stick" for p in files)  # the backup was written
    assert any(p.name == "report.json" for p in files)  # the yearly export was written
    for secret in SECRETS:
        needles = {
            secret.encode("utf-8"),
            secret.lower().encode("utf-8"),
            secret.encode("utf-16-le"),
        }
        assert not any(n in log for n in needles), f"{secret!r} in the program's output"
        leaks = [str(p) for p in files if any(n in p.read_bytes() for n in needles)]
        assert not leaks, f"{secret!r} in plaintext: {leaks}"
