"""The client page's relatives.

Like the other sections they get service callables already bound to the client,
run them through ``Operations`` and emit ``changed`` after saving. A relative is
either another client (found by number; opens that client's page) or a companion
known by first name and birth year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.client import ClientRow
from app.domain.family import (
    EARLIEST_BIRTH_YEAR,
    FamilyMember,
    FamilyMemberDraft,
    Relation,
)
from app.errors import FieldErrors
from app.i18n import _
from ui.operations import Operations, user_message
from ui.pages.client_master_data import local_time
from ui.widgets.common import fill_list, record_list, selected_record
from ui.widgets.field_error import FieldError, FieldForm, show_failure

LINKED, COMPANION = "linked", "companion"


def member_text(member: FamilyMember) -> str:
    """``Kind: Omar Haddad (K-00012), geb. 2015`` or ``Partner:in: Karim, geb. 1988``."""
    text = _("{relation}: {name}").format(relation=member.relation.label, name=member.name)
    if member.linked is not None:
        text = _("{text} ({number})").format(text=text, number=member.linked.number)
    if member.year is not None:
        text = _("{text}, geb. {year}").format(text=text, year=member.year)
    return text


class FamilySection(QGroupBox):
    """The relatives; a linked one opens with Enter or a double click."""

    changed = Signal()
    open_client = Signal(object)  # ClientRow

    def __init__(
        self,
        ops: Operations,
        find: Callable[[str], ClientRow | None],
        add: Callable[[FamilyMemberDraft], FamilyMember],
        remove: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Familie"), parent)
        self._ops, self._find, self._add, self._remove = ops, find, add, remove
        self.list = record_list(_("Angehörige"), 6)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentItemChanged.connect(lambda *_args: self._update_buttons())
        list_label = QLabel(_("Angehörige"))
        list_label.setBuddy(self.list)
        self.open_button = QPushButton(_("Öffnen"))
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton(_("Entfernen …"))
        self.remove_button.clicked.connect(self.ask_remove)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.open_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        self.confirm_box = self._confirm_box()
        self.relation = QComboBox()
        for relation in Relation:
            self.relation.addItem(relation.label, relation)
        self.mode = QComboBox()
        self.mode.addItem(_("Person aus der Kartei (Nummer)"), LINKED)
        self.mode.addItem(_("nicht erfasste Person"), COMPANION)
        self.mode.currentIndexChanged.connect(lambda _index: self._show_mode())
        self.number = QLineEdit()
        self.number.setMaxLength(20)
        self.number.setPlaceholderText(_("z. B. K-00012"))
        self.given_name = QLineEdit()
        self.given_name.setMaxLength(200)
        self.birth_year = QSpinBox()
        self.birth_year.setRange(EARLIEST_BIRTH_YEAR - 1, dt.date.today().year)
        self.birth_year.setSpecialValueText(_("unbekannt"))
        self.birth_year.setValue(self.birth_year.minimum())
        self.form = FieldForm()
        self.form.add("relation", _("Beziehung"), self.relation)
        self.form.add("mode", _("Wer?"), self.mode)
        self.form.add("linked_client_id", _("Nummer"), self.number)
        self.form.add("given_name", _("Vorname"), self.given_name)
        self.form.add("birth_year", _("Geburtsjahr"), self.birth_year)
        self.add_button = QPushButton(_("Angehörige:n hinzufügen"))
        self.add_button.clicked.connect(self.add)
        self.general_error = FieldError()
        layout = QVBoxLayout(self)
        layout.addWidget(list_label)
        layout.addWidget(self.list)
        layout.addLayout(row_buttons)
        layout.addWidget(self.confirm_box)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.general_error)
        self._show_mode()
        self._update_buttons()

    def _confirm_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.confirm_button = QPushButton(_("Ja, entfernen"))
        self.confirm_button.clicked.connect(self.confirm_remove)
        self.cancel_button = QPushButton(_("Abbrechen"))
        self.cancel_button.clicked.connect(self.cancel_remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        column.addWidget(self.question)
        column.addLayout(buttons)
        box.setVisible(False)
        return box

    def focus_chain(self) -> list[QWidget]:
        return [
            self.list,
            self.open_button,
            self.remove_button,
            self.confirm_button,
            self.cancel_button,
            self.relation,
            self.mode,
            self.number,
            self.given_name,
            self.birth_year,
            self.add_button,
        ]

    def _show_mode(self) -> None:
        linked = self.mode.currentData() == LINKED
        self.form.set_row_visible("linked_client_id", linked)
        self.form.set_row_visible("given_name", not linked)
        self.form.set_row_visible("birth_year", not linked)

    def show_members(self, members: list[FamilyMember]) -> None:
        fill_list(
            self.list,
            (
                (
                    member_text(m),
                    m,
                    _("eingetragen von {user} am {time}").format(
                        user=m.created_by or _("unbekannt"), time=local_time(m.created_at)
                    ),
                )
                for m in members
            ),
            _("Keine Angehörigen erfasst."),
        )
        self.confirm_box.setVisible(False)
        self._update_buttons()

    def selected(self) -> FamilyMember | None:
        return selected_record(self.list, FamilyMember)

    def _update_buttons(self) -> None:
        member = self.selected()
        self.open_button.setEnabled(member is not None and member.linked is not None)
        self.remove_button.setEnabled(member is not None)

    def open_selected(self) -> None:
        member = self.selected()
        if member is not None and member.linked is not None:
            self.open_client.emit(member.linked)

    def ask_remove(self) -> None:
        member = self.selected()
        if member is None:
            return
        self.question.setText(
            _("„{member}“ aus der Familie entfernen? Der Eintrag der Person selbst bleibt.").format(
                member=member_text(member)
            )
            if member.linked is not None
            else _("„{member}“ aus der Familie entfernen?").format(member=member_text(member))
        )
        self.confirm_box.setVisible(True)
        self.cancel_button.setFocus()

    def cancel_remove(self) -> None:
        self.confirm_box.setVisible(False)
        self.remove_button.setFocus()

    def confirm_remove(self) -> None:
        member = self.selected()
        if member is None:
            return
        self.general_error.clear_message()
        remove, member_id = self._remove, member.id
        self._ops.run(
            lambda: remove(member_id),
            lambda _none: self.changed.emit(),
            lambda exc: self.general_error.set_message(user_message(exc)),
            context=self,
            busy=[self.confirm_button],
        )

    def add(self) -> None:
        self.form.clear()
        self.general_error.clear_message()
        relation: Relation = self.relation.currentData()
        if self.mode.currentData() == LINKED:
            number = self.number.text().strip()
            if not number:
                self.form.set_error("linked_client_id", _("Bitte die Nummer angeben."))
                return
            find, add = self._find, self._add

            def work() -> FamilyMember:
                found = find(number)
                if found is None:
                    message = _("Unter der Nummer {number} ist niemand gespeichert.")
                    raise FieldErrors({"linked_client_id": message.format(number=number)})
                return add(FamilyMemberDraft(relation, linked_client_id=found.id))

        else:
            year = self.birth_year.value()
            draft = FamilyMemberDraft(
                relation,
                given_name=self.given_name.text(),
                birth_year=None if year == self.birth_year.minimum() else year,
            )
            add = self._add

            def work() -> FamilyMember:
                return add(draft)

        self._ops.run(
            work,
            self._added,
            lambda exc: show_failure(self.form, self.general_error, exc),
            context=self,
            busy=[self.add_button],
        )

    def _added(self, _member: FamilyMember) -> None:
        self.number.clear()
        self.given_name.clear()
        self.birth_year.setValue(self.birth_year.minimum())
        self.changed.emit()
