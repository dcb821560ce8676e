"""Render every screen of the GUI to PNG, offscreen, to look at layouts.

    .venv/bin/python tools/screenshots.py [--out shots] [--pseudo]

Writes ``<out>/<lang>-<scale>/NN-name.png`` for German and English at 100 %
and 200 % font size: each setup wizard page (also with field errors), the
unlock dialog (plain, after a wrong passphrase, recovery-key mode), the new
passphrase dialog and the main window on the overview, clients and settings
pages of a demo office, the client list with a search, every intake wizard
page (duplicates found, the class explained, a refused Integrationsbegleitung),
the merge dialog with a planted duplicate, the backup, users, retention and audit
dialogs of the Extras menu, the import dialog with a checked list
that has errors and likely duplicates, and a client page with status history,
consents and contacts, a case of Integrationsbegleitung on each of its tabs (also
one past its three-year end) with the dialog that opens a case, then the locked
main window. ``--pseudo``
adds a third language, ``pseudo``, whose strings are a third longer than the
German ones, to find text that is cut off.
Everything happens in temporary folders; nothing is left behind but the PNGs.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# An offscreen screen the size of a small office laptop (the default is 800×800).
_SCREEN = Path(tempfile.gettempdir()) / "lotse-shots-screen.json"
_SCREEN.write_text(
    '{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800, '
    '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
    encoding="utf-8",
)
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QFileDialog,
    QScrollArea,
    QWidget,
    QWizard,
)

import app.i18n  # noqa: E402
from app.domain.case import (  # noqa: E402
    AssessmentEntry,
    CaseDraft,
    GoalDraft,
    GoalState,
    PartnerDraft,
    PartnerKind,
    Priority,
    ReferralDraft,
    Responsible,
    ReviewDraft,
    StepDraft,
)
from app.domain.client import ClientDraft  # noqa: E402
from app.domain.counselling import (  # noqa: E402
    ConsentDraft,
    ConsentKind,
    ContactDraft,
    ContactForm,
    ContactKind,
)
from app.domain.eligibility import Offer, add_years  # noqa: E402
from app.domain.residence import StatusEntry  # noqa: E402
from app.flows.intake_flow import IntakeStep  # noqa: E402
from app.paths import OfficePaths  # noqa: E402
from app.services import case_plan, cases  # noqa: E402
from app.services.client_records import add_consent  # noqa: E402
from app.services.clients import add_client  # noqa: E402
from app.services.demo import DEMO_LEAD, DEMO_PASSPHRASE, create_demo  # noqa: E402
from app.storage.keyring import KdfParams, KeyFileDamaged  # noqa: E402
from ui.dialogs.new_passphrase_dialog import NewPassphraseDialog  # noqa: E402
from ui.dialogs.unlock_dialog import RECOVERY_MODE, UnlockDialog  # noqa: E402
from ui.main import AppContext  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.operations import MainThreadGarbageCollector  # noqa: E402
from ui.pages.case_page import CasePage  # noqa: E402
from ui.pages.case_sections import CaseSection  # noqa: E402
from ui.pages.clients_page import ClientsPage  # noqa: E402
from ui.pages.reminders_page import RemindersPage  # noqa: E402
from ui.pages.settings_page import SettingsPage  # noqa: E402
from ui.services import OfficeServices  # noqa: E402
from ui.setup_wizard import SetupWizard  # noqa: E402
from ui.widgets.common import grow_to_fit  # noqa: E402

FAST_KDF = KdfParams(memory_kib=8 * 1024, time_cost=1)
PASSPHRASE = "Sonnenblume-27-Kiel"
WINDOW_SIZE = (1280, 800)


class Shooter:
    def __init__(self, app: QApplication, folder: Path) -> None:
        self.app = app
        self.folder = folder
        self.count = 0
        folder.mkdir(parents=True, exist_ok=True)

    def settle(self, ctx: AppContext | None = None, seconds: float = 20.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.app.processEvents()
            if ctx is None or ctx.ops.pending == 0:
                break
            time.sleep(0.01)
        for _round in range(3):
            self.app.processEvents()

    def shoot(self, widget: QWidget, name: str, ctx: AppContext | None = None) -> Path:
        self.settle(ctx)
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        widget.grab().save(str(path))
        return path


def wait_until(app: QApplication, condition: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        app.processEvents()
        time.sleep(0.01)


def wizard_shots(shot: Shooter, home: Path) -> None:
    ctx = AppContext(OfficePaths(home), kdf=FAST_KDF)
    wizard = SetupWizard(ctx.wizard_services(), ctx.ops)
    wizard.show()
    office, user, seal = (wizard.page(i) for i in range(3))
    shot.shoot(wizard, "wizard-office")
    office.posts.setText("abc")  # type: ignore[attr-defined]
    wizard.next()
    shot.shoot(wizard, "wizard-office-errors")
    office.name.setText("Migrationsberatung Kiel-Nord im Haus der Diakonie")  # type: ignore[attr-defined]
    office.provider.setText("Diakonisches Werk Altholstein gGmbH")  # type: ignore[attr-defined]
    office.district.setCurrentIndex(office.district.findData("RD"))  # type: ignore[attr-defined]
    office.posts.setText("1,5")  # type: ignore[attr-defined]
    wizard.next()
    user.passphrase.setText("kurz")  # type: ignore[attr-defined]
    wizard.next()
    shot.shoot(wizard, "wizard-user-errors")
    user.display_name.setText("Anna Berger")  # type: ignore[attr-defined]
    user.login.setText("anna")  # type: ignore[attr-defined]
    user.passphrase.setText(PASSPHRASE)  # type: ignore[attr-defined]
    user.repeat.setText(PASSPHRASE)  # type: ignore[attr-defined]
    user.form.clear()  # typing would have cleared them; setText() does not
    shot.shoot(wizard, "wizard-user")
    wizard.next()
    seal.imported.click()  # type: ignore[attr-defined]
    shot.shoot(wizard, "wizard-seal-import")
    seal.self_signed.click()  # type: ignore[attr-defined]
    wizard.next()
    shot.shoot(wizard, "wizard-confirm")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    wait_until(shot.app, lambda: wizard.currentId() == 4)
    shot.shoot(wizard, "wizard-recovery", ctx)
    wizard.page(4).confirmed.click()  # type: ignore[attr-defined]
    shot.shoot(wizard, "wizard-recovery-confirmed")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    ctx.ops.wait()


def unlock_shots(shot: Shooter, ctx: AppContext) -> None:
    dialog = UnlockDialog(
        "Migrationsberatung Demo-Stadt", DEMO_LEAD, ctx.unlock, ctx.unlock_with_recovery, ctx.ops
    )
    dialog.show()
    shot.shoot(dialog, "unlock")
    dialog.passphrase.setText("falsch")
    dialog.unlock_button.click()
    shot.shoot(dialog, "unlock-wrong-passphrase", ctx)
    dialog.mode.setCurrentIndex(RECOVERY_MODE)
    dialog.general_error.set_message(KeyFileDamaged().message)  # in the shot's language
    grow_to_fit(dialog)
    shot.shoot(dialog, "unlock-recovery-key")
    dialog.close()
    forced = NewPassphraseDialog(lambda new, repeated: None, ctx.ops, 10, forced=True)
    forced.show()
    forced.new.setText("Leuchtturm 42")
    shot.shoot(forced, "new-passphrase-forced")
    forced.close()


def main_window_shots(shot: Shooter, ctx: AppContext) -> None:
    session = ctx.unlock(DEMO_LEAD, DEMO_PASSPHRASE)
    try:
        services = ctx.bind(session)
        window = MainWindow(services, ctx.ops, ctx.apply_language)
        window.resize(*WINDOW_SIZE)
        window.show()
        for key in ("overview", "clients", "cases", "follow_ups", "settings"):
            window.show_page(key)
            shot.shoot(window, f"main-{key}", ctx)
        reminders = window.pages["follow_ups"]
        assert isinstance(reminders, RemindersPage)
        window.show_page("follow_ups")
        reminders.filter.setCurrentIndex(0)  # everyone's reminders, not only the lead's
        shot.shoot(window, "main-follow-ups-all", ctx)
        window.open_partners()
        settings = window.pages["settings"]
        assert isinstance(settings, SettingsPage) and settings.partners_dialog is not None
        shot.shoot(settings.partners_dialog, "partners-dialog", ctx)
        settings.partners_dialog.close()
        for name, opener in (
            ("backup-dialog", window.extras.open_backup),
            ("users-dialog", window.extras.open_users),
            ("retention-dialog", window.extras.open_retention),
            ("audit-dialog", window.extras.open_audit),
        ):
            opener()
            assert window.extras.dialog is not None
            ctx.ops.wait()
            shot.shoot(window.extras.dialog, name, ctx)
            window.extras.dialog.close()
        window.show_page("clients")
        clients = window.pages["clients"]
        assert isinstance(clients, ClientsPage)
        clients.filter.setText("sch")
        clients.reload()
        shot.shoot(window, "clients-search", ctx)
        merge_import_shots(shot, ctx, clients, services, session)
        intake_shots(shot, ctx, window)
        client_page_shots(shot, ctx, window, services, session)
        case_page_shots(shot, ctx, services, session)
        from tools.screenshots_records import coordinator_shot, document_shots, statistics_shots

        statistics_shots(shot, ctx, window)
        document_shots(shot, ctx, window, services)
        coordinator_shot(shot, ctx)
        hint = window.minimumSizeHint()
        window.resize(hint)
        window.show_page("settings")
        shot.shoot(window, "main-settings-smallest", ctx)
        window.resize(*WINDOW_SIZE)
        window.lock()  # closes the session; nothing listens for the unlock here
        shot.shoot(window, "main-locked", ctx)
        window.close()
        ctx.ops.wait()
    finally:
        session.close()


def merge_import_shots(
    shot: Shooter, ctx: AppContext, clients: ClientsPage, services: OfficeServices, session: object
) -> None:
    """The merge dialog on a planted duplicate; the import dialog after checking a list."""
    original = services.list_clients()[1]
    values = services.merge_preview(original.id, original.id + 1).keep.values
    twin = dataclasses.replace(values, nationality="DEU", language="de", counsellor_id=None)
    add_client(session, twin)  # type: ignore[arg-type]
    merge = clients.open_merge()
    shot.settle(ctx)
    merge.choose_pair(0)
    shot.shoot(merge, "merge-dialog", ctx)
    merge.close()
    with tempfile.TemporaryDirectory(prefix="lotse-shots-list-") as folder:
        path = Path(folder) / "Klientenliste 2025.csv"
        rows = [
            "Nachname;Vorname;Geburtsdatum;Geschlecht;Staatsangehörigkeit;Sprache;Bemerkung",
            f"{original.family_name};{original.given_name};;w;SYR;ar;",
            "Nowak;Piotr;31.02.1975;m;POL;pl;Termin am Dienstag",
            "Haddad;Rania;1992;x;SYR;ara;",
            "Yılmaz;Ayşe;12.03.1980;w;TUR;tr;",
        ]
        path.write_bytes("\r\n".join(rows).encode("utf-8-sig"))
        chooser = QFileDialog.getOpenFileName
        QFileDialog.getOpenFileName = lambda *_args, **_kwargs: ("", "")  # type: ignore[method-assign]
        try:
            dialog = clients.open_import()
        finally:
            QFileDialog.getOpenFileName = chooser  # type: ignore[method-assign]
        dialog.read(str(path))
        shot.settle(ctx)
        dialog.check()
        shot.shoot(dialog, "import-dialog-errors", ctx)
        dialog.close()


def intake_shots(shot: Shooter, ctx: AppContext, window: MainWindow) -> None:
    """Every intake page: duplicates while typing, the class explained, a refusal."""
    window.start_intake()
    shot.settle(ctx)
    clients = window.pages["clients"]
    assert isinstance(clients, ClientsPage) and clients.wizard is not None
    wizard = clients.wizard
    names = wizard.page_for(IntakeStep.NAMES)
    names.family.setText("Schaefer")  # type: ignore[attr-defined]
    names.given.setText("Susanne")  # type: ignore[attr-defined]
    names.birth.setText("27.02.1974")  # type: ignore[attr-defined]
    names.check_duplicates()  # type: ignore[attr-defined]
    shot.shoot(wizard, "intake-duplicates", ctx)
    names.family.setText("Haddad")  # type: ignore[attr-defined]
    names.given.setText("Rania")  # type: ignore[attr-defined]
    names.birth.setText("1992")  # type: ignore[attr-defined]
    wizard.next()
    shot.settle(ctx)
    personal = wizard.page_for(IntakeStep.PERSONAL)
    personal.sex.setCurrentIndex(1)  # type: ignore[attr-defined]
    personal.nationality.setText("SYR")  # type: ignore[attr-defined]
    personal.language.setText("ar")  # type: ignore[attr-defined]
    personal.arrival.setText("01.09.2025")  # type: ignore[attr-defined]
    shot.shoot(wizard, "intake-personal", ctx)
    wizard.next()
    shot.settle(ctx)
    residence = wizard.page_for(IntakeStep.RESIDENCE)
    residence.status.setCurrentIndex(residence.status.findData("dul"))  # type: ignore[attr-defined]
    residence.valid_from.setText("01.10.2025")  # type: ignore[attr-defined]
    residence.preview()  # type: ignore[attr-defined]
    shot.shoot(wizard, "intake-residence", ctx)
    wizard.next()
    shot.settle(ctx)
    consent = wizard.page_for(IntakeStep.CONSENT)
    consent.third_parties[0].setText("Jobcenter Kiel")  # type: ignore[attr-defined]
    shot.shoot(wizard, "intake-consent", ctx)
    wizard.next()
    shot.settle(ctx)
    initial = wizard.page_for(IntakeStep.INITIAL)
    initial.outcome_buttons[Offer.CRISIS].setChecked(True)  # type: ignore[attr-defined]
    shot.shoot(wizard, "intake-initial-refusal", ctx)
    wizard.next()  # Fertig without a duration: the error under the field
    shot.shoot(wizard, "intake-initial-error", ctx)
    wizard.reject()
    shot.settle(ctx)


def client_page_shots(
    shot: Shooter, ctx: AppContext, window: MainWindow, services: OfficeServices, session: object
) -> None:
    """A client with a status change, consents and a few contacts."""
    today = dt.date.today()
    client = services.list_clients()[0]
    services.add_status(client.id, StatusEntry("h25_2", today - dt.timedelta(days=700)))
    services.add_status(client.id, StatusEntry("ne", today - dt.timedelta(days=20)))
    add_consent(
        session,  # type: ignore[arg-type]
        client.id,
        ConsentDraft(
            ConsentKind.PROCESSING, today - dt.timedelta(days=700), "MSB-SH 2026-01", "ar"
        ),
    )
    add_consent(
        session,  # type: ignore[arg-type]
        client.id,
        ConsentDraft(
            ConsentKind.RELEASE, today - dt.timedelta(days=90), "MSB-SH 2026-01", "ar", "Jobcenter"
        ),
    )
    for days, kind, minutes, note in (
        (60, ContactKind.SHORT, 30, "Antrag auf Wohngeld gemeinsam ausgefüllt"),
        (12, ContactKind.CONTACT, 10, "Rückruf wegen fehlender Unterlagen\nZweite Zeile"),
    ):
        services.record_contact(
            client.id,
            ContactDraft(
                kind,
                today - dt.timedelta(days=days),
                minutes,
                ContactForm.PHONE,
                life_areas=("housing", "finance"),
                note=note,
            ),
        )
    window.open_client(client)
    shot.shoot(window, "client-page", ctx)
    page = window.client_page
    assert page is not None
    page.status.code.setCurrentIndex(page.status.code.findData("dul"))
    page.status.valid_from.setText(today.strftime("%d.%m.%Y"))
    page.status.add()
    shot.settle(ctx)
    page.contact.note.setPlainText("Kurze Notiz")
    page.contact.save()  # no duration: the error under the field
    page.consents.list.setCurrentRow(0)
    page.consents.ask_date()
    shot.shoot(window, "client-page-changes", ctx)
    window.close_client()
    shot.settle(ctx)


def demo_case(services: OfficeServices, session: object) -> int:
    """A new client's case, seven months in: assessment, two goals with steps, a review,
    a referral. Returns the case id."""
    today = dt.date.today()
    start = today - dt.timedelta(days=210)
    client = add_client(
        session,  # type: ignore[arg-type]
        ClientDraft("Ahmadi", "Laila", dt.date(1991, 3, 8), arrival_date=start, language="fa"),
        start,
    )
    services.add_status(client.id, StatusEntry("h25_2", start))
    case = services.cases.open_case(client.id, CaseDraft(start, services.user.id))
    demo_plan(services, case.id)
    for days, note in ((60, "Kursanmeldung besprochen"), (18, "Zeugnisse mitgebracht")):
        services.record_contact(
            client.id,
            ContactDraft(
                ContactKind.CONTACT,
                today - dt.timedelta(days=days),
                45,
                ContactForm.IN_PERSON,
                life_areas=("language", "work"),
                note=note,
            ),
        )
    return case.id


def demo_plan(services: OfficeServices, case_id: int) -> None:
    today = dt.date.today()
    c = services.cases
    partner = next((p for p in c.partners(False) if p.kind is PartnerKind.JOBCENTER), None)
    partner = partner or c.add_partner(PartnerDraft("Jobcenter Kiel", PartnerKind.JOBCENTER))
    c.save_assessment(
        case_id,
        AssessmentEntry(
            "language",
            "Deutsch A2, versteht Briefe kaum",
            "lernt schnell",
            "B1-Kurs",
            Priority.HIGH,
        ),
    )
    first = c.add_goal(
        case_id, GoalDraft("language", "B1-Prüfung bestehen", today + dt.timedelta(days=120))
    )
    second = c.add_goal(
        case_id,
        GoalDraft(
            "work",
            "Den Abschluss als Pflegefachkraft anerkennen lassen und eine Stelle finden",
            state=GoalState.IN_PROGRESS,
        ),
    )
    c.add_step(first, StepDraft("Anmeldung beim Kursträger", due=today + dt.timedelta(days=10)))
    c.add_step(
        second,
        StepDraft(
            "Beratung zur Anerkennung",
            Responsible.PARTNER,
            partner.id,
            done_on=today - dt.timedelta(days=20),
        ),
    )
    c.add_step(second, StepDraft("Zeugnisse übersetzen lassen", Responsible.COUNSELLOR))
    c.add_review(
        case_id,
        ReviewDraft(
            today - dt.timedelta(days=30),
            "Kurs läuft, Anerkennung beantragt",
            {first: GoalState.IN_PROGRESS},
            today + dt.timedelta(days=60),
        ),
    )
    c.add_referral(case_id, ReferralDraft(partner.id, today - dt.timedelta(days=25), "work"))


def expired_case(services: OfficeServices, session: object) -> int:
    """A case that ran past its three years (opened by the service on an earlier day)."""
    today = dt.date.today()
    start = add_years(today, -3) - dt.timedelta(days=12)
    client = add_client(
        session,  # type: ignore[arg-type]
        ClientDraft("Kowalczyk", "Marek", dt.date(1979, 11, 2), arrival_date=start),
        start,
    )
    services.add_status(client.id, StatusEntry("eu", start))
    then = start + dt.timedelta(days=5)
    draft = CaseDraft(start, services.user.id, "Schulden und drohender Wohnungsverlust")
    case = cases.open_case(session, client.id, draft, today=then)  # type: ignore[arg-type]
    goal = GoalDraft("finance", "Schuldenregulierung beginnen")
    case_plan.add_goal(session, case.id, goal, today=then)  # type: ignore[arg-type]
    return case.id


def case_page_shots(
    shot: Shooter, ctx: AppContext, services: OfficeServices, session: object
) -> None:
    """The case page on each tab, an expired case, and the dialog opening a case."""
    page = CasePage(services, ctx.ops, demo_case(services, session))
    page.resize(*WINDOW_SIZE)
    page.show()
    shot.settle(ctx)
    for index, name in enumerate(
        ("assessment", "plan", "reviews", "referrals", "closing", "history")
    ):
        page.tabs.setCurrentIndex(index)
        if name == "plan":
            page.plan.tree.setCurrentItem(page.plan.tree.topLevelItem(1).child(0))
        shot.shoot(page, f"case-{name}", ctx)
        if name == "reviews":
            page.reviews.open_dialog()
            dialog = page.reviews.dialog
            assert dialog is not None
            shot.shoot(dialog, "case-review-dialog", ctx)
            dialog.reject()
    page.tabs.setCurrentIndex(4)
    page.closing.reason.setCurrentIndex(1)
    page.closing.close_case()  # goals not rated: the refusal under the form
    shot.settle(ctx)
    scroll = page.tabs.currentWidget()
    assert isinstance(scroll, QScrollArea)
    scroll.ensureWidgetVisible(page.closing.general_error)
    shot.shoot(page, "case-closing-refused", ctx)
    page.close()
    page.deleteLater()
    expired = CasePage(services, ctx.ops, expired_case(services, session))
    expired.resize(*WINDOW_SIZE)
    expired.show()
    shot.shoot(expired, "case-expired", ctx)
    expired.close()
    expired.deleteLater()
    open_case_shot(shot, ctx, services, session)


def open_case_shot(
    shot: Shooter, ctx: AppContext, services: OfficeServices, session: object
) -> None:
    """The dialog opening a case, refused for a client with a Duldung."""
    client = add_client(
        session,  # type: ignore[arg-type]
        ClientDraft("Haddad", "Omar", dt.date(1988, 6, 1), arrival_date=dt.date.today()),
    )
    services.add_status(client.id, StatusEntry("dul", dt.date.today()))
    section = CaseSection(services, ctx.ops, client)
    section.start_new()
    shot.settle(ctx)
    dialog = section.dialog
    assert dialog is not None
    dialog.submit()  # Duldung: the refusal as a sentence
    shot.settle(ctx)
    grow_to_fit(dialog)
    shot.shoot(dialog, "open-case-refused", ctx)
    dialog.close()
    section.deleteLater()
    shot.settle(ctx)


@contextmanager
def pseudo_catalogue(folder: Path) -> Iterator[None]:
    """Point the English catalogue at made-up strings a third longer than the German ones."""
    sys.path.insert(0, str(ROOT / "tools"))
    from check_catalogues import extracted

    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for msgid in extracted():
        escaped = msgid.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        padding = "~" * max(2, len(msgid) // 3)
        lines += [f'msgid "{escaped}"', f'msgstr "[{escaped} {padding}]"', ""]
    po = folder / "pseudo.po"
    po.write_text("\n".join(lines), encoding="utf-8")
    original = app.i18n.catalogue_path
    app.i18n.catalogue_path = lambda language: po
    try:
        yield
    finally:
        app.i18n.catalogue_path = original


def render(qapp: QApplication, out: Path, language: str, scale: int, temp: Path) -> list[Path]:
    home = temp / f"{language}-{scale}"
    demo = OfficePaths(home / "demo")
    create_demo(demo, clients=40, kdf=FAST_KDF)
    ctx = AppContext(demo, kdf=FAST_KDF)
    ctx.apply_language("en" if language == "pseudo" else language, save=False)
    shot = Shooter(qapp, out / f"{language}-{scale * 100}")
    wizard_shots(shot, home / "new")
    unlock_shots(shot, ctx)
    main_window_shots(shot, ctx)
    return sorted(shot.folder.glob("*.png"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "shots")
    parser.add_argument("--pseudo", action="store_true", help="also render long pseudo strings")
    args = parser.parse_args()
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    collector = MainThreadGarbageCollector(qapp)
    base_font = qapp.font()
    languages = ["de", "en"] + (["pseudo"] if args.pseudo else [])
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="lotse-shots-") as temp:
        for language in languages:
            for scale in (1, 2):
                font = qapp.font()
                font.setPointSizeF(base_font.pointSizeF() * scale)
                qapp.setFont(font)
                if language == "pseudo":
                    with pseudo_catalogue(Path(temp)):
                        written += render(qapp, args.out, language, scale, Path(temp))
                else:
                    written += render(qapp, args.out, language, scale, Path(temp))
    app.i18n.set_language("de")
    collector.stop()
    for path in written:
        print(path.relative_to(args.out))
    print(f"{len(written)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
