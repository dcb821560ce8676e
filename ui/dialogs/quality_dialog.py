"""Qualitätskriterien: the lead's yearly self-assessment, one field per criterion.

Numbers are typed (an empty field means "not answered yet"), yes/no and fixed answers
are chosen; the caseload against the staffing key is computed and only shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from app.domain.quality import AREAS, CRITERIA, Answer, Criterion, Kind
from app.errors import FieldErrors
from app.i18n import _, format_datetime
from ui.operations import Operations
from ui.widgets.field_error import hint_label
from ui.widgets.form_dialog import FormDialog

SaveQuality = Callable[[int, Mapping[str, object]], object]


def _computed_text(value: Answer | None) -> str:
    if value is None:
        return _("– (keine Stellenanteile eingetragen)")
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    return str(value)


class QualityDialog(FormDialog):
    def __init__(
        self,
        save: SaveQuality,
        year: int,
        form: object,
        ops: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Qualitätskriterien {year}").format(year=year), ops, parent, heading=True
        )
        self._save, self._year = save, year
        answers: Mapping[str, Answer] = getattr(form, "answers", {})
        prefills: Mapping[str, Answer] = getattr(form, "prefills", {})
        computed: Mapping[str, Answer] = getattr(form, "computed", {})
        by, at = getattr(form, "updated_by", ""), getattr(form, "updated_at", None)
        if at is not None:
            self.layout_.addWidget(
                hint_label(
                    _("Zuletzt gespeichert am {when} von {name}.").format(
                        when=format_datetime(at), name=by or _("unbekannt")
                    )
                )
            )
        self.fields: dict[str, QWidget] = {}
        area = ""
        for criterion in CRITERIA:
            if criterion.area != area:
                area = criterion.area
                self.form.layout.addRow(QLabel(f"<b>{_(AREAS[area])}</b>"))
            value = answers.get(criterion.key, prefills.get(criterion.key))
            if criterion.kind is Kind.COMPUTED:
                self.form.add(
                    criterion.key,
                    _(criterion.label),
                    QLabel(_computed_text(computed.get(criterion.key))),
                )
                continue
            field = self._field(criterion, value)
            self.fields[criterion.key] = field
            self.form.add(criterion.key, _(criterion.label), field)
        self.finish_scrolling_layout(*self.fields.values(), chars=80, lines=34)

    @staticmethod
    def _field(criterion: Criterion, value: Answer | None) -> QWidget:
        if criterion.kind is Kind.COUNT:
            line = QLineEdit("" if value is None else str(value))
            line.setPlaceholderText(_("{low} bis {high}").format(
                low=criterion.minimum, high=criterion.maximum))  # fmt: skip
            return line
        combo = QComboBox()
        combo.addItem(_("– noch offen –"), None)
        if criterion.kind is Kind.YES_NO:
            combo.addItem(_("ja"), True)
            combo.addItem(_("nein"), False)
        else:
            for code, label in criterion.choices:
                combo.addItem(_(label), code)
        combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        return combo

    def answers(self) -> dict[str, object]:
        """What was typed, as the service takes it; FieldErrors for what is no number."""
        result: dict[str, object] = {}
        errors: dict[str, str] = {}
        for key, field in self.fields.items():
            if isinstance(field, QComboBox):
                result[key] = field.currentData()
                continue
            assert isinstance(field, QLineEdit)
            text = field.text().strip()
            if not text:
                result[key] = None
            elif text.isdecimal() and text.isascii():
                result[key] = int(text)
            else:
                errors[key] = _("Bitte eine ganze Zahl eingeben.")
        if errors:
            raise FieldErrors(errors)
        return result

    def work(self) -> Callable[[], object]:
        save, year, answers = self._save, self._year, self.answers()
        return lambda: save(year, answers)
