"""A QWizard sized from the font, growing (within the screen) when a page needs room."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget, QWizard, QWizardPage

from ui.widgets.field_error import FieldError, FieldForm, hint_label


class FlowWizard(QWizard):
    def install_pages(self, pages: Iterable[QWizardPage], chars: int, lines: int) -> None:
        """Pages in flow order, and a first size of ``chars`` × ``lines`` of the font."""
        for index, page in enumerate(pages):
            self.setPage(index, page)
        self.setStartId(0)
        metrics = self.fontMetrics()
        self.resize(
            self._bounded(QSize(metrics.averageCharWidth() * chars, metrics.lineSpacing() * lines))
        )

    def _bounded(self, size: QSize) -> QSize:
        screen = self.screen()
        if screen is None:
            return size
        available = screen.availableGeometry().size()
        return size.boundedTo(QSize(available.width() * 95 // 100, available.height() * 9 // 10))

    def fit_to_contents(self) -> None:
        """Grow (never shrink) to show what a page now holds, as far as the screen allows."""
        wanted = self.size().expandedTo(self.sizeHint())
        self.resize(self._bounded(wanted).expandedTo(self.size()))


class FormPage(QWizardPage):
    """A wizard page: introduction, a form with errors under its fields, a general error;
    it scrolls rather than squeezing its fields when the window cannot grow."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.form = FieldForm(wrap_rows=True)
        self.general_error = FieldError()
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, 0, self.fontMetrics().averageCharWidth(), 0)
        if intro:
            self.body.addWidget(hint_label(intro))
        self._above_form = self.body.count()
        self.body.addLayout(self.form.layout)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def add_above_form(self, widget: QWidget, align_left: bool = False) -> None:
        """Put ``widget`` between the introduction and the form."""
        alignment = Qt.AlignmentFlag.AlignLeft if align_left else Qt.AlignmentFlag(0)
        self.body.insertWidget(self._above_form, widget, 0, alignment)
        self._above_form += 1

    def finish_layout(self) -> None:
        self.body.addWidget(self.general_error)
        self.body.addStretch(1)
