"""Netzwerkpartner: the offices and services clients are referred to.

Partners are deactivated, never deleted, so earlier referrals keep their
partner. Adding and editing happen in a small form dialog; errors appear under
the field they concern.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import Partner, PartnerDraft, PartnerKind
from app.i18n import _, ngettext
from ui.case_services import CaseServices
from ui.models.row_table_model import collation_key
from ui.operations import Operations, user_message
from ui.widgets.common import chain_tab_order, resize_to_text
from ui.widgets.field_error import FieldError, hint_label
from ui.widgets.form_dialog import FormDialog
from ui.widgets.report_table import fill_table, report_table


def contact_line(contact: str) -> str:
    """A contact of several lines on one line of the table."""
    return " · ".join(line.strip() for line in contact.splitlines() if line.strip())


class PartnerEditDialog(FormDialog):
    """A new partner (``partner`` None) or one to change."""

    saved = Signal(object)  # Partner

    def __init__(
        self,
        cases: CaseServices,
        ops: Operations,
        partner: Partner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Netzwerkpartner bearbeiten") if partner else _("Neuer Netzwerkpartner"),
            ops,
            parent,
        )
        self._cases = cases
        self.partner = partner
        self.name = QLineEdit(partner.name if partner else "")
        self.kind = QComboBox()
        for kind in PartnerKind:
            self.kind.addItem(kind.label, kind)
        if partner is not None:
            self.kind.setCurrentIndex(self.kind.findData(partner.kind))
        self.contact = QPlainTextEdit(partner.contact if partner else "")
        self.contact.setTabChangesFocus(True)
        self.contact.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.active = QCheckBox(_("aktiv (wird bei Verweisen zur Auswahl angeboten)"))
        self.active.setChecked(partner.active if partner else True)
        self.form.add("name", _("&Name"), self.name)
        self.form.add("kind", _("&Art der Stelle"), self.kind)
        self.form.add(
            "contact",
            _("&Kontakt"),
            self.contact,
            hint=_("Ansprechperson, Telefon, E-Mail, Anschrift: was bei Verweisen hilft."),
        )
        self.form.add("active", _("&Status"), self.active)
        self.finish_layout(self.name, self.kind, self.contact, self.active)

    def draft(self) -> PartnerDraft:
        return PartnerDraft(
            name=self.name.text(),
            kind=self.kind.currentData(),
            contact=self.contact.toPlainText(),
            active=self.active.isChecked(),
        )

    def work(self) -> Callable[[], object]:
        draft = self.draft()
        cases = self._cases  # not self: the worker holds no widget
        if self.partner is None:
            return lambda: cases.add_partner(draft)
        pid = self.partner.id
        return lambda: cases.update_partner(pid, draft)

    def succeeded(self, result: object) -> None:
        self.saved.emit(result)


class PartnersDialog(QDialog):
    """The office's partners, inactive ones included; add, edit, deactivate."""

    NAME, KIND, STATE, CONTACT = range(4)

    def __init__(self, cases: CaseServices, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cases = cases
        self._ops = ops
        self.partners: list[Partner] = []
        self.editor: PartnerEditDialog | None = None
        self.setWindowTitle(_("Netzwerkpartner"))
        intro = hint_label(
            _(
                "Stellen, an die Klient:innen verwiesen werden. Nicht mehr genutzte Partner "
                "werden deaktiviert, nicht gelöscht: frühere Verweise behalten sie."
            )
        )
        self.table = report_table(
            (_("Name"), _("Art"), _("Status"), _("Kontakt")), _("Netzwerkpartner")
        )
        self.table.itemActivated.connect(lambda _item: self.edit_selected())
        self.table.currentCellChanged.connect(lambda *_args: self._update_buttons())
        label = QLabel(_("&Netzwerkpartner der Beratungsstelle"))
        label.setBuddy(self.table)
        self.new_button = QPushButton(_("N&eu …"))
        self.new_button.clicked.connect(self.add_partner)
        self.edit_button = QPushButton(_("&Bearbeiten …"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.toggle_button = QPushButton(_("&Deaktivieren"))
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.count = hint_label(_("Wird geladen …"))
        self.error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.toggle_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        layout.addWidget(self.buttons)
        resize_to_text(self, 100, 24)
        chain_tab_order(
            self.table,
            self.new_button,
            self.edit_button,
            self.toggle_button,
            self.buttons.button(QDialogButtonBox.StandardButton.Close),
        )
        self._update_buttons()

    @classmethod
    def start(
        cls, cases: CaseServices, ops: Operations, parent: QWidget | None = None
    ) -> PartnersDialog:
        """Open the dialog (window-modal) and load the partners."""
        dialog = cls(cases, ops, parent)
        dialog.open()
        dialog.load()
        return dialog

    def load(self, select: int | None = None) -> None:
        cases = self._cases
        self._ops.run(
            lambda: cases.partners(True),
            lambda rows: self._show(rows, select),
            lambda exc: self.error.set_message(user_message(exc)),
            context=self,
        )

    def _show(self, partners: list[Partner], select: int | None) -> None:
        chosen = self.selected_partner()
        wanted = select if select is not None else (chosen.id if chosen else None)
        self.partners = sorted(partners, key=lambda p: (not p.active, collation_key(p.name)))
        partners = self.partners
        fill_table(
            self.table,
            [
                (
                    p.name,
                    p.kind.label,
                    _("aktiv") if p.active else _("deaktiviert"),
                    contact_line(p.contact),
                )
                for p in partners
            ],
        )
        grey = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for r, partner in enumerate(partners):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None and not partner.active:
                    item.setForeground(grey)
        row = next((r for r, p in enumerate(partners) if p.id == wanted), 0)
        if partners:
            self.table.selectRow(row)
        active = sum(1 for p in partners if p.active)
        self.count.setText(
            ngettext("{count} aktiver Partner", "{count} aktive Partner", active).format(
                count=active
            )
            if partners
            else _("Noch keine Netzwerkpartner erfasst.")
        )
        self.error.clear_message()
        self._update_buttons()

    def selected_partner(self) -> Partner | None:
        row = self.table.currentRow()
        return self.partners[row] if 0 <= row < len(self.partners) else None

    def _update_buttons(self) -> None:
        partner = self.selected_partner()
        self.edit_button.setEnabled(partner is not None)
        self.toggle_button.setEnabled(partner is not None)
        self.toggle_button.setText(
            _("&Aktivieren") if partner is not None and not partner.active else _("&Deaktivieren")
        )

    def _open_editor(self, partner: Partner | None) -> PartnerEditDialog:
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = PartnerEditDialog(self._cases, self._ops, partner, self)
        self.editor.saved.connect(lambda saved: self.load(saved.id))
        self.editor.open()
        return self.editor

    def add_partner(self) -> PartnerEditDialog:
        return self._open_editor(None)

    def edit_selected(self) -> PartnerEditDialog | None:
        partner = self.selected_partner()
        return self._open_editor(partner) if partner is not None else None

    def toggle_selected(self) -> None:
        partner = self.selected_partner()
        if partner is None:
            return
        draft = PartnerDraft(partner.name, partner.kind, partner.contact, not partner.active)
        cases, pid = self._cases, partner.id
        self.error.clear_message()
        self._ops.run(
            lambda: cases.update_partner(pid, draft),
            lambda saved: self.load(saved.id),
            lambda exc: self.error.set_message(user_message(exc)),
            context=self,
            busy=[self.toggle_button],
        )
