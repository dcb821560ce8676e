"""The client page's languages: each with its CEFR level; German first, as Deutschkenntnisse."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.family import (
    CEFR_LEVELS,
    GERMAN,
    LanguageSkill,
    level_label,
)
from app.i18n import _, babel_locale
from ui.operations import Operations, user_message
from ui.pages.client_master_data import local_time
from ui.widgets.common import fill_list, record_list, selected_record
from ui.widgets.field_error import FieldError, FieldForm, show_failure


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
        self.list = record_list(_("Sprachen"), 5)
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
        german = next((s for s in skills if s.language == GERMAN), None)
        self.german.setText(
            _("Deutschkenntnisse: {level}").format(level=level_label(german.level))
            if german is not None
            else _("Deutschkenntnisse: nicht erfasst")
        )
        fill_list(
            self.list,
            ((skill_text(s), s, _changed_by(s)) for s in skills),
            _("Keine Sprache erfasst."),
        )
        self._update_button()

    def selected(self) -> LanguageSkill | None:
        return selected_record(self.list, LanguageSkill)

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
            lambda exc: show_failure(self.form, self.general_error, exc),
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


def _changed_by(skill: LanguageSkill) -> str:
    if skill.updated_at is None:
        return ""
    return _("zuletzt geändert von {user} am {time}").format(
        user=skill.updated_by or _("unbekannt"), time=local_time(skill.updated_at)
    )
