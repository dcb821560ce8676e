"""A QWizard sized from the font, growing (within the screen) when a page needs room."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWizard, QWizardPage


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
