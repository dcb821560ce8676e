"""A form dialog whose saving runs in the background: the one pattern of the small editors.

A subclass adds its fields to ``form`` (and any other widget to ``layout_``), calls
``finish_layout`` and implements ``work()``: the service call for what was typed, or
``FieldErrors`` for what cannot be read. ``submit()`` (Save, Enter) runs that call
through ``Operations``; on success ``succeeded(result)`` runs (emit a signal, keep the
result) and the dialog is accepted. Field errors appear under their fields, anything
else as a sentence under the form. While it saves, Save and Cancel are disabled and
Escape does not close the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QScrollArea, QVBoxLayout, QWidget

from app.errors import FieldErrors
from app.i18n import _
from ui.operations import Operations
from ui.widgets.common import chain_tab_order, grow_to_fit, heading_label, resize_to_text
from ui.widgets.field_error import FieldError, FieldForm, show_failure


class FormDialog(QDialog):
    """Title (optionally also as a heading), a form, a line for refusals, Save and Cancel."""

    def __init__(
        self,
        title: str,
        ops: Operations,
        parent: QWidget | None = None,
        *,
        save_text: str = "",
        heading: bool = False,
        wrap_rows: bool = True,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._busy = False
        self.setWindowTitle(title)
        self.form = FieldForm(wrap_rows=wrap_rows)
        self.general_error = FieldError()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            save_text or _("Speichern"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(
            _("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        if heading:
            self.layout_.addWidget(heading_label(title, 1.2))

    def finish_layout(
        self, *fields: QWidget, width: int | None = 56, focus: QWidget | None = None
    ) -> None:
        """The form, the error line and the buttons below what ``layout_`` holds; Tab goes
        through ``fields``, then Save and Cancel; ``focus`` (or the first field) starts with
        the focus. ``width``: the least width in average characters (None: no minimum)."""
        self.layout_.addLayout(self.form.layout)
        self.layout_.addWidget(self.general_error)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)
        if width is not None:
            self.setMinimumWidth(self.fontMetrics().averageCharWidth() * width)
        chain_tab_order(*fields, self.save_button, self.cancel_button)
        first = focus or (fields[0] if fields else None)
        if first is not None:
            first.setFocus()

    def finish_scrolling_layout(self, *fields: QWidget, chars: int, lines: int) -> None:
        """Like ``finish_layout``, for forms that can outgrow a small screen at a large
        font (one row per criterion or per user): the form scrolls, the error line and the
        buttons stay visible. The window is sized to ``chars`` × ``lines`` of its font."""
        inner = QWidget()
        inner.setLayout(self.form.layout)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.layout_.addWidget(scroll, 1)
        self.layout_.addWidget(self.general_error)
        self.layout_.addWidget(self.buttons)
        chain_tab_order(*fields, self.save_button, self.cancel_button)
        resize_to_text(self, chars, lines)
        if fields:
            fields[0].setFocus()

    def work(self) -> Callable[[], object]:
        """The service call for what was typed; FieldErrors for what cannot be read.

        The call runs on the worker thread: it must not hold ``self`` or any widget.
        """
        raise NotImplementedError

    def succeeded(self, result: object) -> None:
        """After the service call succeeded, before the dialog is accepted."""

    def submit(self) -> None:
        if self._busy:
            return
        self.form.clear()
        self.general_error.clear_message()
        try:
            work = self.work()
        except FieldErrors as exc:
            self._failed(exc)
            return
        self._busy = True
        self._ops.run(
            work,
            self._saved,
            self._failed,
            context=self,
            busy=(self.save_button, self.cancel_button),
        )

    def _saved(self, result: object) -> None:
        self._busy = False
        self.succeeded(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.save_button.setDefault(True)  # a disabled button loses its default role
        show_failure(self.form, self.general_error, exc)
        grow_to_fit(self)

    def reject(self) -> None:
        if not self._busy:
            super().reject()
