"""The composition root: ``lotse`` with a command runs the command line, without one the GUI.

This is the only ``ui`` module that reaches ``app.services``/``app.storage``;
it binds them to the office folder and hands plain callables to the windows.
Heavy modules (SQLAlchemy, Alembic, reportlab, cryptography) are imported
inside the functions that need them, so the unlock dialog appears quickly.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import NAME, config
from app.cli import build_parser, choose_language
from app.config import OFFICE_NAME, Preferences
from app.domain.office import OfficeInfo
from app.domain.seal import SealMaterial
from app.errors import AccessDenied, UsageError, trace_for_log
from app.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    _,
    babel_locale,
    current_language,
    set_language,
)
from app.paths import OfficePaths, office_exists, office_paths, resource_dir
from ui.case_services import CaseServices
from ui.operations import MainThreadGarbageCollector, Operations
from ui.service_binding import document_services, statistics_services
from ui.services import OfficeServices, UnlockedSession
from ui.setup_wizard import WizardServices
from ui.startup import Startup

if TYPE_CHECKING:
    from app.storage.keyring import KdfParams

log = logging.getLogger(__name__)


QT_TRANSLATOR_NAME = "lotse-qtbase-translator"


def install_qt_translator(app: QApplication, language: str, old: QTranslator | None) -> QTranslator:
    """Qt's own strings (standard buttons, context menus) from the shipped qtbase_<lang>.qm."""
    # One Qt translator per application, whoever installed it (tests and the screenshot
    # tool make several contexts in one QApplication).
    for previous in (old, app.findChild(QTranslator, QT_TRANSLATOR_NAME)):
        if previous is not None:
            app.removeTranslator(previous)
            previous.setObjectName("")
    translator = QTranslator(app)
    translator.setObjectName(QT_TRANSLATOR_NAME)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
    else:
        log.info("no Qt translation qtbase_%s in %s", language, folder)
    QLocale.setDefault(QLocale(babel_locale()))
    return translator


class AppContext:
    """Binds the services to one office folder; what ``Startup`` and the windows get."""

    def __init__(
        self, paths: OfficePaths, prefs: Preferences | None = None, kdf: KdfParams | None = None
    ) -> None:
        self.paths = paths
        self.prefs = prefs or Preferences(paths.preferences)
        self.kdf = kdf  # None: the production default; tests pass a cheap one
        self.ops = Operations()
        self._translator: QTranslator | None = None

    # -- before unlock ----------------------------------------------------
    def office_exists(self) -> bool:
        return office_exists(self.paths)

    def office_name(self) -> str:
        return self.prefs.get(OFFICE_NAME)

    def last_user(self) -> str:
        return self.prefs.get(config.LAST_USER)

    def remember(self, login: str, office_name: str) -> None:
        try:
            self.prefs.set(config.LAST_USER, login)
            self.prefs.set(OFFICE_NAME, office_name)
        except OSError:
            log.warning("could not write %s", self.paths.preferences)

    def prefetch(self) -> None:
        """Import the database modules on the worker while the user types."""
        self.ops.run(_import_services)

    def wizard_services(self) -> WizardServices:
        return WizardServices(
            home=self.paths.home,
            creator=self._create_office,
            pkcs12_reader=_read_pkcs12,
            recovery_sheet=_recovery_sheet,
            min_passphrase_length=config.MIN_PASSPHRASE_LENGTH.default,
        )

    def _create_office(
        self,
        office: OfficeInfo,
        login: str,
        display_name: str,
        passphrase: str,
        seal: SealMaterial | None,
    ) -> tuple[str, str]:
        from app.services.setup import SetupRequest, create_office

        request = SetupRequest(office, login, display_name, passphrase, seal, self.kdf)
        result = create_office(self.paths, request)
        return result.recovery_key, result.keyfile_id

    def unlock(self, login: str, passphrase: str) -> UnlockedSession:
        from app.services.session import unlock

        return unlock(self.paths, login, passphrase)

    def backup_info(self, folder: Path) -> Any:
        from app.services.backup import read_info

        return read_info(folder)

    def restore_backup(self, folder: Path, login: str, passphrase: str) -> Path:
        from app.services.backup import restore_backup

        return restore_backup(self.paths, folder, login, passphrase)

    def unlock_with_recovery(self, login: str, recovery_key: str) -> UnlockedSession:
        from app.services.session import unlock_with_recovery

        return unlock_with_recovery(self.paths, login, recovery_key)

    # -- after unlock -----------------------------------------------------
    def bind(self, session: UnlockedSession) -> OfficeServices:
        from app.services import (
            client_import,
            client_records,
            clients,
            family,
            intake,
            merge,
            overview,
            settings,
        )
        from app.services import session as session_service

        live = _LiveSession(session)
        s: Any = live  # every call, even from an open intake flow, reaches the current session
        kdf = self.kdf
        return OfficeServices(
            user=session.user,
            office=session.office,
            overview=lambda: overview.overview(s),
            list_clients=lambda: overview.list_clients(s),
            get_setting=lambda setting: settings.get_setting(s, setting),
            set_setting=lambda setting, value: settings.set_setting(s, setting, value),
            change_passphrase=lambda current, new, repeated: session_service.change_passphrase(
                s, current, new, repeated, kdf
            ),
            search_clients=lambda text, filters=None: clients.search_clients(
                s, text, limit=clients.SEARCH_LIMIT if text else FILTERED_LIMIT, filters=filters
            ),
            intake_flow=lambda: intake.intake_flow(s),
            status_history=lambda cid: client_records.status_history(s, cid),
            add_status=lambda cid, entry: client_records.add_status(s, cid, entry),
            eligibility=lambda cid: client_records.eligibility(s, cid),
            timeline=lambda cid: client_records.timeline(s, cid),
            record_contact=lambda cid, draft: client_records.record_contact(s, cid, draft),
            consents=lambda cid: client_records.consents(s, cid),
            withdraw_consent=lambda consent_id, on: client_records.withdraw_consent(
                s, consent_id, on
            ),
            add_consent=lambda cid, draft: client_records.add_consent(s, cid, draft),
            client_details=lambda cid: family.client_details(s, cid),
            client_by_number=lambda number: family.client_by_number(s, number),
            family_members=lambda cid: family.family_members(s, cid),
            add_family_member=lambda cid, draft: family.add_family_member(s, cid, draft),
            remove_family_member=lambda member_id: family.remove_family_member(s, member_id),
            languages=lambda cid: family.languages(s, cid),
            set_language=lambda cid, skill: family.set_language(s, cid, skill),
            remove_language=lambda cid, code: family.remove_language(s, cid, code),
            scan_duplicates=lambda min_score: clients.scan_duplicates(s, min_score),
            merge_preview=lambda keep_id, remove_id: merge.merge_preview(s, keep_id, remove_id),
            merge_clients=lambda request: merge.merge_clients(s, request),
            read_table=client_import.read_table,
            import_clients=lambda table, mapping, dry_run, skip: client_import.import_clients(
                s, table, mapping, dry_run=dry_run, skip_duplicates=skip
            ),
            lock=live.lock,
            resume=live.resume,
            is_locked=live.is_locked,
            cases=_bind_cases(s),
            documents=document_services(s),
            statistics=statistics_services(s),
            **self._backup_services(s),
            **_user_services(s, kdf),
        )

    def _backup_services(self, s: Any) -> dict[str, Any]:
        from app.domain.backup_rules import location_warning
        from app.services import backup

        def remember(folder: str) -> None:
            self.prefs.set(config.BACKUP_FOLDER, folder)

        def make(folder: Path) -> Any:
            result = backup.make_backup(s, folder)
            self.prefs.set(config.LAST_BACKUP, result.info.created_at.isoformat())
            return result

        return {
            "make_backup": make,
            "list_backups": backup.list_backups,
            "backup_folder": lambda: self.prefs.get(config.BACKUP_FOLDER),
            "last_backup": lambda: self.prefs.get(config.LAST_BACKUP),
            "set_backup_folder": remember,
            "location_warning": lambda: location_warning(self.paths.home, _mounts()),
        }

    def apply_language(self, code: str, *, save: bool = True) -> None:
        """Switch app and Qt strings to ``code``; UsageError if its catalogue is missing."""
        try:
            set_language(code)
        except (OSError, ValueError):
            log.exception("cannot load the %s catalogue", code)
            raise UsageError(
                _("Die Übersetzung „{language}“ fehlt oder ist beschädigt.").format(
                    language=LANGUAGES.get(code, code)
                )
            ) from None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self._translator = install_qt_translator(app, current_language(), self._translator)
        if save:
            try:
                self.prefs.set(config.UI_LANGUAGE, code)
            except OSError:
                log.warning("could not write %s", self.paths.preferences)


class _LiveSession:
    """Stands in for the open session; after ``lock()`` every use raises AccessDenied.

    Locking closes the session (database engine and data key) and drops it, so
    nothing the windows still hold can reach the data; ``resume`` puts in the
    session of a new unlock by the same user.
    """

    def __init__(self, session: UnlockedSession) -> None:
        object.__setattr__(self, "_session", session)
        object.__setattr__(self, "_user_id", session.user.id)

    def _current(self) -> Any:
        session = object.__getattribute__(self, "_session")
        if session is None:
            raise AccessDenied(_("Lotse ist gesperrt."))
        return session

    def __getattr__(self, name: str) -> Any:
        return getattr(self._current(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._current(), name, value)

    def lock(self) -> None:
        session = object.__getattribute__(self, "_session")
        object.__setattr__(self, "_session", None)
        if session is not None:
            session.close()

    def resume(self, session: UnlockedSession) -> None:
        old = object.__getattribute__(self, "_session")
        if old is not None:
            raise RuntimeError("resume() on a session that is not locked")
        if session.user.id != self._user_id:
            raise ValueError("resume() needs the same user")
        object.__setattr__(self, "_session", session)

    def is_locked(self) -> bool:
        return object.__getattribute__(self, "_session") is None


def _import_services() -> None:
    import app.services.client_records
    import app.services.intake
    import app.services.overview
    import app.services.session  # noqa: F401


def _read_pkcs12(data: bytes, password: str | None) -> SealMaterial:
    from app.documents.certificates import import_pkcs12

    return import_pkcs12(data, password)


def _recovery_sheet(office: OfficeInfo, recovery_key: str, keyfile_id: str) -> bytes:
    from app.documents.recovery_sheet import (  # reportlab: 0.3 s
        RecoverySheet,
        build_recovery_sheet,
    )

    sheet = RecoverySheet(
        office.name, office.provider, office.district, dt.date.today(), recovery_key, keyfile_id
    )
    return build_recovery_sheet(sheet)


FILTERED_LIMIT = 100_000  # a filter without search text lists everyone who fits


def main(argv: Sequence[str] | None = None) -> int:
    choose_language(argv)  # help and usage errors speak the office's language too
    args = build_parser().parse_args(argv)
    if args.command == "coordinator" and args.coordinator_command == "window":
        return run_coordinator(args.lang)
    if args.command:
        from app import cli

        return cli.main(argv)
    return run_gui(office_paths(args.home), args.lang)


def run_coordinator(language: str | None) -> int:
    """The coordinator's window: no office, no session, only the files to aggregate."""
    from ui.coordinator_window import CoordinatorWindow
    from ui.service_binding import coordinator_aggregate

    app = _application()
    ctx = AppContext(office_paths(None))
    try:
        ctx.apply_language(language or DEFAULT_LANGUAGE, save=False)
    except UsageError:
        ctx.apply_language(DEFAULT_LANGUAGE, save=False)
    collector = MainThreadGarbageCollector(app)
    window = CoordinatorWindow(coordinator_aggregate, ctx.ops)
    window.show()
    code = app.exec()
    collector.stop()
    return int(code)


def _application() -> QApplication:
    """The Qt application with Lotse's name, icon and error log (no traceback dialogs)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    sys.excepthook = _log_unexpected
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(NAME)
    app.setWindowIcon(QIcon(str(resource_dir() / "resources" / "icons" / "lotse.svg")))
    return app


def run_gui(paths: OfficePaths, language: str | None = None) -> int:
    app = _application()
    app.setQuitOnLastWindowClosed(False)  # Startup decides when the program ends
    ctx = AppContext(paths)
    chosen = language or ctx.prefs.get(config.UI_LANGUAGE)
    try:
        ctx.apply_language(chosen, save=False)
    except UsageError:
        ctx.apply_language(DEFAULT_LANGUAGE, save=False)
    collector = MainThreadGarbageCollector(app)
    startup = Startup(ctx)
    startup.exit_requested.connect(app.exit)
    startup.start()
    code = app.exec()
    startup.close_session()
    collector.stop()
    return int(code)


def _bind_cases(s: Any) -> CaseServices:
    from app.services import case_plan, cases, dashboard, partners, reminders

    return CaseServices(
        client_cases=lambda cid: cases.client_cases(s, cid),
        open_case=lambda cid, draft: cases.open_case(s, cid, draft),
        open_cases=lambda uid: cases.open_cases(s, uid),
        case_details=lambda case_id: cases.case_details(s, case_id),
        close_case=lambda case_id, draft: cases.close_case(s, case_id, draft),
        reopen_case=lambda case_id, note: cases.reopen_case(s, case_id, note),
        save_assessment=lambda case_id, entry: case_plan.save_assessment(s, case_id, entry),
        add_goal=lambda case_id, draft: case_plan.add_goal(s, case_id, draft),
        update_goal=lambda goal_id, draft: case_plan.update_goal(s, goal_id, draft),
        delete_goal=lambda goal_id: case_plan.delete_goal(s, goal_id),
        move_goal=lambda goal_id, offset: case_plan.move_goal(s, goal_id, offset),
        add_step=lambda goal_id, draft: case_plan.add_step(s, goal_id, draft),
        update_step=lambda step_id, draft: case_plan.update_step(s, step_id, draft),
        delete_step=lambda step_id: case_plan.delete_step(s, step_id),
        move_step=lambda step_id, offset: case_plan.move_step(s, step_id, offset),
        add_review=lambda case_id, draft: case_plan.add_review(s, case_id, draft),
        rate_goal=lambda goal_id, draft: case_plan.rate_goal(s, goal_id, draft),
        default_next_review=lambda case_id, day: cases.next_review_default(s, case_id, day),
        partners=lambda inactive: partners.partners(s, inactive),
        add_partner=lambda draft: partners.add_partner(s, draft),
        update_partner=lambda pid, draft: partners.update_partner(s, pid, draft),
        add_referral=lambda case_id, draft: partners.add_referral(s, case_id, draft),
        reminders=lambda uid: reminders.reminders(s, uid),
        new_reminder=reminders.ReminderDraft,
        add_reminder=lambda draft: reminders.add_reminder(s, draft),  # type: ignore[arg-type]
        complete_reminder=lambda rid: reminders.complete_reminder(s, rid),
        dashboard=lambda: dashboard.dashboard(s),
        counsellors=lambda: cases.counsellors(s),
    )


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file-system type) of this machine; empty where /proc is missing."""
    try:
        lines = Path("/proc/mounts").read_text("utf-8").splitlines()
    except OSError:
        return []
    return [(f[1], f[2]) for f in (line.split() for line in lines) if len(f) > 2]


def _user_services(s: Any, kdf: Any) -> dict[str, Any]:
    from app.services import audit, rekey, retention, users

    return {
        "retention_due": lambda: retention.due(s),
        "anonymise": lambda ids: retention.anonymise(s, ids),
        "audit_lines": lambda query: audit.audit_lines(s, query),
        "audit_csv": lambda query: audit.audit_csv(s, query),
        "users": lambda: users.users(s),
        "add_user": lambda draft, new, repeated: users.add_user(s, draft, new, repeated, kdf),
        "update_user": lambda uid, draft: users.update_user(s, uid, draft),
        "deactivate_user": lambda uid: users.deactivate_user(s, uid),
        "reset_passphrase": lambda uid, key, new, repeated: users.reset_passphrase(
            s, uid, key, new, repeated, kdf
        ),
        "rekey": lambda current, others: rekey.rekey(s, current, others, kdf),
        "rekey_sheet": lambda key: _recovery_sheet(s.office, key, s.keyfile.db_id),
    }


def _log_unexpected(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
    """Errors no one caught (in a Qt slot): logged without their message, which may quote
    personal data; the program goes on."""
    log.error("unexpected error: %s", trace_for_log(exc.with_traceback(tb)))


if __name__ == "__main__":
    raise SystemExit(main())
