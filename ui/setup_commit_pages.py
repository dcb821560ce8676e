"""The last two wizard pages: confirm and create the office, then the recovery key.

Creating the office is the commit point: afterwards there is no way back,
and the wizard only finishes once the recovery key is acknowledged.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QFontDatabase, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
    QWizard,
)

from app.domain.office import district_label
from app.flows.setup_flow import Step
from app.i18n import _
from ui.operations import user_message
from ui.setup_pages import FlowPage
from ui.widgets.common import format_posts, seal_name
from ui.widgets.field_error import FieldError, hint_label
from ui.widgets.wrapping_choice import WrappingChoice

GROUPS_PER_LINE = 4
SHEET_FILE_NAME = "Lotse-Notfallblatt.pdf"


def key_lines(recovery_key: str) -> str:
    """The key in lines of four groups, as on the emergency sheet."""
    groups = recovery_key.split("-")
    return "\n".join(
        "-".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)
    )


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ConfirmPage(FlowPage):
    step = Step.CONFIRM

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Zusammenfassung"),
            _("Bitte prüfen Sie die Angaben. „Einrichten“ legt die verschlüsselte Datenbank an."),
            parent,
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Einrichten"))
        self.busy = False
        self.values: dict[str, QLabel] = {}
        summary = QFormLayout()
        summary.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        rows = (
            ("name", _("Beratungsstelle")),
            ("provider", _("Träger")),
            ("district", _("Kreis/kreisfreie Stadt")),
            ("posts", _("Vollzeitstellen (VZÄ)")),
            ("display_name", _("Ihr Name")),
            ("login", _("Benutzername")),
            ("seal", _("Dienstsiegel")),
            ("folder", _("Ordner")),
        )
        for key, text in rows:
            self.values[key] = _value_label()
            summary.addRow(QLabel(text), self.values[key])
        self.body.insertLayout(self._above_form, summary)
        self.body.addWidget(
            hint_label(_("Das Einrichten dauert einige Sekunden. Danach gibt es kein Zurück."))
        )
        self.progress = hint_label(_("Die Beratungsstelle wird eingerichtet …"))
        self.progress.setVisible(False)
        self.body.addWidget(self.progress)
        self.finish_layout()

    def initializePage(self) -> None:
        data = self.flow.data
        office = data.office
        assert office is not None
        seal = data.seal
        values = {
            "name": office.name,
            "provider": office.provider or "–",
            "district": district_label(office.district),
            "posts": format_posts(office.full_time_posts),
            "display_name": data.display_name,
            "login": data.login,
            "seal": _("Selbst erstelltes Dienstsiegel")
            if seal is None
            else _("Zertifikat des Trägers: {subject}").format(subject=seal_name(seal.subject)),
            "folder": str(self.setup.services.home),
        }
        for key, text in values.items():
            self.values[key].setText(text)
        self.general_error.clear_message()

    def isComplete(self) -> bool:
        return not self.busy

    def validatePage(self) -> bool:
        if self.flow.step is Step.RECOVERY:
            return True  # created: let the wizard move on
        if self.busy:
            return False
        self._set_busy(True)
        creator = self.setup.services.creator
        flow = self.flow
        self.setup.ops.run(
            lambda: flow.create(creator),
            self._created,
            self._failed,
            context=self,
            busy=self.setup.navigation_buttons(),
        )
        return False

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.setup.busy = busy
        self.progress.setVisible(busy)
        self.completeChanged.emit()

    def _created(self, _result: object) -> None:
        self._set_busy(False)
        self.setup.next()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.general_error.set_message(
            _("Die Beratungsstelle wurde nicht eingerichtet. {reason}").format(
                reason=user_message(exc)
            )
        )
        self.setup.fit_to_contents()

    def cleanupPage(self) -> None:
        if not self.busy:
            super().cleanupPage()


class RecoveryPage(FlowPage):
    step = Step.RECOVERY

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Wiederherstellungsschlüssel"),
            _(
                "Mit diesem Schlüssel öffnen Sie die Daten, wenn eine Passphrase vergessen ist "
                "oder die Schlüsseldatei fehlt. Er wird nur jetzt angezeigt."
            ),
            parent,
        )
        self.key = QPlainTextEdit()
        self.key.setReadOnly(True)
        self.key.setAccessibleName(_("Wiederherstellungsschlüssel"))
        self.key.setWordWrapMode(QTextOption.WrapMode.NoWrap)
        self.key.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF() * 1.5)
        mono.setBold(True)
        self.key.setFont(mono)
        metrics = self.key.fontMetrics()
        self.key.setFixedHeight(metrics.lineSpacing() * GROUPS_PER_LINE + metrics.height())
        self.key.setFixedWidth(metrics.horizontalAdvance("0000-" * GROUPS_PER_LINE) + 32)
        self.save = QPushButton(_("Als PDF speichern …"))
        self.saved = hint_label("")
        self.save_error = FieldError()
        self.confirmed = QCheckBox()
        confirmed_row = WrappingChoice(
            self.confirmed,
            _(
                "Ich habe den Wiederherstellungsschlüssel notiert oder ausgedruckt und sicher "
                "verwahrt."
            ),
        )
        self.confirmed.toggled.connect(self.completeChanged)
        self.save.clicked.connect(self._save_pdf)

        warning = hint_label(
            _(
                "Wer diesen Schlüssel hat, kann alle Daten der Beratungsstelle lesen. Drucken "
                "Sie das Notfallblatt aus und bewahren Sie es im Tresor auf."
            )
        )
        for widget in (self.key, warning, self.save, self.saved, self.save_error):
            self.add_above_form(widget, align_left=widget in (self.key, self.save))
        self.form.add("confirmed", "", confirmed_row, buddy=self.confirmed)
        self.finish_layout()
        self._recovery_key = ""
        self._keyfile_id = ""

    def initializePage(self) -> None:
        self._recovery_key = self.flow.data.recovery_key
        self._keyfile_id = self.flow.data.keyfile_id
        self.key.setPlainText(key_lines(self._recovery_key))

    def isComplete(self) -> bool:
        return self.confirmed.isChecked()

    def validatePage(self) -> bool:
        ok = self.submit(lambda: self.flow.acknowledge_recovery(self.confirmed.isChecked()))
        if ok:
            self._recovery_key = ""
        return ok

    def cleanupPage(self) -> None:
        """There is no way back from here."""

    # -- the emergency sheet --------------------------------------------------
    def _save_pdf(self) -> None:
        start = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            _("Notfallblatt speichern"),
            str(start / SHEET_FILE_NAME),
            _("PDF-Dateien (*.pdf)"),
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        office = self.flow.data.office
        assert office is not None
        build = self.setup.services.recovery_sheet
        key, keyfile_id = self._recovery_key, self._keyfile_id
        self.saved.setText("")
        self.save_error.clear_message()

        def write() -> Path:
            target.write_bytes(build(office, key, keyfile_id))
            return target

        self.setup.ops.run(write, self._saved, self._save_failed, context=self, busy=[self.save])

    def _saved(self, target: Path) -> None:
        self.saved.setText(_("Gespeichert: {path}").format(path=target))

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            message = _("Das Notfallblatt konnte nicht gespeichert werden ({reason}).").format(
                reason=exc.strerror or type(exc).__name__
            )
        else:
            message = user_message(exc)
        self.save_error.set_message(message)
        self.setup.fit_to_contents()
