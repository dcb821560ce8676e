"""Open an Integrationsbegleitung for one client.

``load_defaults`` (run through ``Operations``) fetches what the dialog shows; the
dialog hands a ``CaseDraft`` to the bound ``open_case`` service and shows its field
errors under the fields, a refusal (no class, a case already open) as a sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.domain.case import CaseDraft, CaseSummary
from app.domain.case_clock import limit_end
from app.domain.eligibility import Eligibility
from app.i18n import _, format_date
from ui.operations import Operations
from ui.services import OfficeServices
from ui.widgets.case_inputs import choice_combo, read_dates, select_data, text_box
from ui.widgets.date_field import DateError, DateField
from ui.widgets.field_error import hint_label
from ui.widgets.form_dialog import FormDialog
from ui.widgets.residence import AssessmentBox


@dataclass(frozen=True)
class OpenCaseDefaults:
    client_id: int
    user_id: int  # the counsellor proposed: the person at the keyboard
    counsellors: dict[int, str]
    eligibility: Eligibility
    today: dt.date


def load_defaults(services: OfficeServices, client_id: int) -> OpenCaseDefaults:
    """What the dialog needs; touches the database, so run it through ``Operations``."""
    return OpenCaseDefaults(
        client_id=client_id,
        user_id=services.user.id,
        counsellors=services.cases.counsellors(),
        eligibility=services.eligibility(client_id),
        today=dt.date.today(),
    )


class OpenCaseDialog(FormDialog):
    """Start, responsible counsellor, planned end (at most three years), written need."""

    def __init__(
        self,
        defaults: OpenCaseDefaults,
        open_case: Callable[[CaseDraft], CaseSummary],
        ops: Operations,
        client_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        title = _("Integrationsbegleitung eröffnen")
        super().__init__(title, ops, parent, save_text=_("Fall eröffnen"), heading=True)
        self._open_case = open_case
        self._end_edited = False
        self.opened: CaseSummary | None = None
        self.eligibility = AssessmentBox()
        self.eligibility.show_eligibility(defaults.eligibility)
        self.start = DateField(defaults.today)
        self.counsellor = choice_combo((name, uid) for uid, name in defaults.counsellors.items())
        select_data(self.counsellor, defaults.user_id)
        self.planned_end = DateField(limit_end(defaults.today))
        self.planned_end.textEdited.connect(self._end_typed)
        self.start.textChanged.connect(self._start_changed)
        self.written_need = text_box(4)
        self.form.add("start", _("Beginn"), self.start)
        self.form.add("counsellor_id", _("Zuständige Berater:in"), self.counsellor)
        self.end_hint = hint_label("")
        end_box = QWidget()
        end_column = QVBoxLayout(end_box)
        end_column.setContentsMargins(0, 0, 0, 0)
        end_column.setSpacing(2)
        end_column.addWidget(self.planned_end)
        end_column.addWidget(self.end_hint)
        self.form.add("planned_end", _("Geplantes Ende"), end_box, buddy=self.planned_end)
        self._show_limit(defaults.today)
        need_hint = (
            _("Für diese Person erforderlich: bitte den festgestellten Förderbedarf beschreiben.")
            if defaults.eligibility.case_needs_written_need
            else _("Freiwillig: was die Begleitung nötig macht.")
        )
        self.form.add(
            "written_need",
            _("Schriftlich festgestellter Förderbedarf"),
            self.written_need,
            hint=need_hint,
        )
        if client_name:
            self.layout_.addWidget(QLabel(client_name))
        self.layout_.addWidget(self.eligibility)
        self.finish_layout(
            self.start, self.counsellor, self.planned_end, self.written_need, width=70
        )

    def _end_typed(self, _text: str) -> None:
        self._end_edited = True

    def _start_changed(self, _text: str) -> None:
        """A new start moves the proposed end along, unless an end was typed."""
        try:
            start = self.start.date()
        except DateError:
            return
        if start is None:
            return
        self._show_limit(start)
        if not self._end_edited:
            self.planned_end.set_date(limit_end(start))

    def _show_limit(self, start: dt.date) -> None:
        self.end_hint.setText(
            _("Höchstens drei Jahre, also bis {limit}; ein früheres Ende ist möglich.").format(
                limit=format_date(limit_end(start))
            )
        )

    def draft(self) -> CaseDraft:
        """The typed values; FieldErrors for dates that cannot be read."""
        dates = read_dates({"start": self.start, "planned_end": self.planned_end}, ["start"])
        start = dates["start"]
        assert start is not None
        return CaseDraft(
            start=start,
            counsellor_id=int(self.counsellor.currentData()),
            written_need=self.written_need.toPlainText(),
            planned_end=dates["planned_end"],
        )

    def work(self) -> Callable[[], object]:
        draft = self.draft()
        open_case = self._open_case  # not self: the worker holds no widget
        return lambda: open_case(draft)

    def succeeded(self, result: object) -> None:
        assert isinstance(result, CaseSummary)
        self.opened = result
