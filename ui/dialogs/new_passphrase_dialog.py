"""Set a new passphrase: forced after a recovery-key unlock, or from the settings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldErrors
from app.i18n import _
from ui.operations import Operations, user_message
from ui.widgets.common import chain_tab_order, grow_to_fit
from ui.widgets.field_error import FieldError, FieldForm
from ui.widgets.passphrase_strength import StrengthMeter

# (current or None when forced, new, repeated); FieldErrors if unacceptable
ChangePassphrase = Callable[[str | None, str, str], None]


class NewPassphraseDialog(QDialog):
    def __init__(
        self,
        change: ChangePassphrase,
        ops: Operations,
        min_length: int,
        *,
        forced: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._change = change
        self._ops = ops
        self.forced = forced
        self._busy = False
        self.setWindowTitle(_("Neue Passphrase festlegen") if forced else _("Passphrase ändern"))
        intro = QLabel(
            _(
                "Sie haben Lotse mit dem Wiederherstellungsschlüssel geöffnet. Bitte legen Sie "
                "jetzt eine neue Passphrase fest; erst danach geht es weiter."
            )
            if forced
            else _(
                "Die neue Passphrase gilt ab der nächsten Anmeldung. "
                "Die Daten bleiben, wie sie sind."
            )
        )
        intro.setWordWrap(True)

        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.new = QLineEdit()
        self.new.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = StrengthMeter()
        self.form = FieldForm(wrap_rows=True)
        if not forced:
            self.form.add("current", _("Bisherige Passphrase"), self.current)
        self.form.add(
            "passphrase",
            _("Neue Passphrase"),
            self.new,
            hint=_(
                "Mindestens {count} Zeichen. Mehrere Wörter mit Ziffern oder Sonderzeichen "
                "sind leicht zu merken und schwer zu erraten."
            ).format(count=min_length),
        )
        self.form.layout.addRow(self.meter)
        self.form.add("repeat", _("Passphrase wiederholen"), self.repeat)
        self.new.textChanged.connect(self.meter.update_for)
        self.general_error = FieldError()

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            _("Passphrase speichern"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(
            _("Beenden") if forced else _("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        first = self.new if forced else self.current
        fields = (self.new,) if forced else (self.current, self.new)
        chain_tab_order(*fields, self.repeat, self.save_button, self.cancel_button)
        first.setFocus()

    def _submit(self) -> None:
        if self._busy:
            return
        current = None if self.forced else self.current.text()
        new, repeated = self.new.text(), self.repeat.text()
        self.form.clear()
        self.general_error.clear_message()
        self._busy = True
        change = self._change  # not self: the worker must hold no reference to a widget
        self._ops.run(
            lambda: change(current, new, repeated),
            self._changed,
            self._failed,
            context=self,
            busy=(self.save_button, self.cancel_button, self.current, self.new, self.repeat),
        )

    def _changed(self, _result: object) -> None:
        self._busy = False
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.save_button.setDefault(True)  # a disabled button loses its default role
        if isinstance(exc, FieldErrors):
            leftover = self.form.show_errors(exc.errors)
            if leftover:
                self.general_error.set_message(" ".join(leftover.values()))
        else:
            self.general_error.set_message(user_message(exc))
        grow_to_fit(self)

    def reject(self) -> None:
        if not self._busy:  # the key file is being written: let it finish
            super().reject()
