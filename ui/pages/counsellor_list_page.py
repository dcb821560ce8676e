"""A page listing what one counsellor has, or everyone's, chosen in a counsellor filter.

``reload()`` fetches the list in the background; an answer for an earlier choice is
dropped. When the chosen counsellor is no longer among those the answer names, the
filter falls back to everyone and the page loads again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.i18n import _
from ui.operations import Operations, user_message
from ui.services import OfficeServices
from ui.widgets.counsellor_filter import CounsellorFilter
from ui.widgets.field_error import FieldError, hint_label


class CounsellorListing(Protocol):
    """What a load returns: at least the counsellors the filter offers (id → name)."""

    @property
    def counsellors(self) -> Mapping[int, str]: ...


class CounsellorListPage(QWidget):
    """The filter with its label, a count line and an error line; subclasses lay them out.

    ``counsellors`` holds the names of the last answer (at first only the one chosen).
    """

    def __init__(
        self,
        services: OfficeServices,
        ops: Operations,
        filter_label: str,
        filter_name: str,
        selected: int | None = None,
        selected_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ops = ops
        self._sequence = 0  # answers for an earlier filter are dropped
        self.counsellors: Mapping[int, str] = (
            {selected: selected_name} if selected is not None else {}
        )
        self.filter = CounsellorFilter(selected, selected_name)
        self.filter.setAccessibleName(filter_name)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.filter_label = QLabel(filter_label)
        self.filter_label.setBuddy(self.filter)
        self.count = hint_label(_("Wird geladen …"))
        self.error = FieldError()

    def filter_row(self, *trailing: QWidget) -> QHBoxLayout:
        """The filter and its label on the left, ``trailing`` on the right."""
        row = QHBoxLayout()
        row.addWidget(self.filter_label)
        row.addWidget(self.filter)
        row.addStretch(1)
        for widget in trailing:
            row.addWidget(widget)
        return row

    def fetch(self, counsellor_id: int | None) -> Callable[[], CounsellorListing]:
        """The background call loading the list for ``counsellor_id`` (None: everyone's);
        it must not hold ``self`` or any widget."""
        raise NotImplementedError

    def show_listing(self, data: Any) -> None:
        """Show what ``fetch`` returned (the filter already offers its counsellors)."""
        raise NotImplementedError

    def reload(self) -> None:
        fetch = self.fetch(self.filter.selected())
        self._sequence += 1
        sequence = self._sequence
        self._ops.run(
            fetch,
            lambda data: self._loaded(sequence, data),
            lambda exc: self._failed(sequence, exc),
            context=self,
        )

    def _loaded(self, sequence: int, data: CounsellorListing) -> None:
        if sequence != self._sequence:
            return
        self.counsellors = data.counsellors
        if self.filter.set_counsellors(data.counsellors):
            self.reload()  # the chosen counsellor is gone: show everyone's
            return
        self.show_listing(data)

    def _failed(self, sequence: int, exc: BaseException) -> None:
        if sequence != self._sequence:
            return
        self.count.setText("")
        self.error.set_message(user_message(exc))
