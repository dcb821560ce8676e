"""Parts of the client page for relatives and languages.

Like the other sections they get service callables already bound to the client,
run them through ``Operations`` and emit ``changed`` after saving. A relative is
either another client (found by number; opens that client's page) or a companion
known by first name and birth year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.client import ClientRow
from app.domain.family import (
    CEFR_LEVELS,
    EARLIEST_BIRTH_YEAR,
    GERMAN,
    FamilyMember,
    FamilyMemberDraft,
    LanguageSkill,
    Relation,
    level_label,
)
from app.errors import FieldErrors
from app.i18n import _, babel_locale
from ui.operations import Operations, user_message
from ui.pages.client_master_data import local_time
from ui.widgets.field_error import FieldError, FieldForm

LINKED, COMPANION = "linked", "companion"


def _show_failure(form: FieldForm, general: FieldError, exc: BaseException) -> None:
    if isinstance(exc, FieldErrors):
        leftover = form.show_errors(exc.errors)
        general.set_message(" ".join(leftover.values()))
    else:
        general.set_message(user_message(exc))


def _list(name: str, rows: int) -> QListWidget:
    widget = QListWidget()
    widget.setWordWrap(True)
    widget.setAccessibleName(name)
    widget.setMaximumHeight(widget.fontMetrics().lineSpacing() * rows)
    return widget


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
        self.list = _list(_("Angehörige"), 6)
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
        self.list.clear()
        for member in members:
            item = QListWidgetItem(member_text(member))
            item.setData(Qt.ItemDataRole.UserRole, member)
            item.setToolTip(
                _("eingetragen von {user} am {time}").format(
                    user=member.created_by or _("unbekannt"), time=local_time(member.created_at)
                )
            )
            self.list.addItem(item)
        if not members:
            item = QListWidgetItem(_("Keine Angehörigen erfasst."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        self.confirm_box.setVisible(False)
        self._update_buttons()

    def selected(self) -> FamilyMember | None:
        item = self.list.currentItem()
        member = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return member if isinstance(member, FamilyMember) else None

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
            lambda exc: _show_failure(self.form, self.general_error, exc),
            context=self,
            busy=[self.add_button],
        )

    def _added(self, _member: FamilyMember) -> None:
        self.number.clear()
        self.given_name.clear()
        self.birth_year.setValue(self.birth_year.minimum())
        self.changed.emit()


@cache
def _language_names(locale: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of every ISO 639-1 language, in the UI language, German first."""
    from babel import Locale

    names = Locale.parse(locale).languages
    found = [(c, n) for c, n in names.items() if len(c) == 2 and c.isalpha() and c.islower()]
    found.sort(key=lambda pair: (pair[0] != GERMAN, pair[1].casefold()))
    return tuple(found)


def language_name(code: str) -> str:
    names = dict(_language_names(babel_locale()))
    return _("{name} ({code})").format(name=names.get(code, code), code=code)


def skill_text(skill: LanguageSkill) -> str:
    return _("{language}: {level}").format(
        language=language_name(skill.language), level=level_label(skill.level)
    )


class LanguageSection(QGroupBox):
    """Languages with a CEFR level each; the German row is the Deutschkenntnisse."""

    changed = Signal()

    def __init__(
        self,
        ops: Operations,
        set_language: Callable[[LanguageSkill], LanguageSkill],
        remove: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Sprachen"), parent)
        self._ops, self._set, self._remove = ops, set_language, remove
        self.german = QLabel(_("Deutschkenntnisse: nicht erfasst"))
        self.german.setWordWrap(True)
        self.list = _list(_("Sprachen"), 5)
        self.list.currentItemChanged.connect(lambda *_args: self._update_button())
        list_label = QLabel(_("Sprachen und Kenntnisstand (GER)"))
        list_label.setBuddy(self.list)
        self.remove_button = QPushButton(_("Sprache entfernen"))
        self.remove_button.clicked.connect(self.remove)
        self.language = QComboBox()
        for code, name in _language_names(babel_locale()):
            self.language.addItem(_("{name} ({code})").format(name=name, code=code), code)
        self.level = QComboBox()
        for level in CEFR_LEVELS:
            self.level.addItem(level_label(level), level)
        self.form = FieldForm()
        self.form.add("language", _("Sprache"), self.language)
        self.form.add("level", _("Kenntnisse (GER)"), self.level)
        self.save_button = QPushButton(_("Sprache speichern"))
        self.save_button.setToolTip(_("Eine schon erfasste Sprache bekommt die neue Stufe."))
        self.save_button.clicked.connect(self.save)
        self.general_error = FieldError()
        layout = QVBoxLayout(self)
        layout.addWidget(self.german)
        layout.addWidget(list_label)
        layout.addWidget(self.list)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.general_error)
        self._update_button()

    def focus_chain(self) -> list[QWidget]:
        return [self.list, self.remove_button, self.language, self.level, self.save_button]

    def show_languages(self, skills: list[LanguageSkill]) -> None:
        self.list.clear()
        german = next((s for s in skills if s.language == GERMAN), None)
        self.german.setText(
            _("Deutschkenntnisse: {level}").format(level=level_label(german.level))
            if german is not None
            else _("Deutschkenntnisse: nicht erfasst")
        )
        for skill in skills:
            item = QListWidgetItem(skill_text(skill))
            item.setData(Qt.ItemDataRole.UserRole, skill)
            if skill.updated_at is not None:
                item.setToolTip(
                    _("zuletzt geändert von {user} am {time}").format(
                        user=skill.updated_by or _("unbekannt"), time=local_time(skill.updated_at)
                    )
                )
            self.list.addItem(item)
        if not skills:
            item = QListWidgetItem(_("Keine Sprache erfasst."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        self._update_button()

    def selected(self) -> LanguageSkill | None:
        item = self.list.currentItem()
        skill = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return skill if isinstance(skill, LanguageSkill) else None

    def _update_button(self) -> None:
        self.remove_button.setEnabled(self.selected() is not None)

    def save(self) -> None:
        self.form.clear()
        self.general_error.clear_message()
        skill = LanguageSkill(str(self.language.currentData()), str(self.level.currentData()))
        set_language = self._set
        self._ops.run(
            lambda: set_language(skill),
            lambda _skill: self.changed.emit(),
            lambda exc: _show_failure(self.form, self.general_error, exc),
            context=self,
            busy=[self.save_button],
        )

    def remove(self) -> None:
        skill = self.selected()
        if skill is None:
            return
        self.general_error.clear_message()
        remove, code = self._remove, skill.language
        self._ops.run(
            lambda: remove(code),
            lambda _none: self.changed.emit(),
            lambda exc: self.general_error.set_message(user_message(exc)),
            context=self,
            busy=[self.remove_button],
        )
