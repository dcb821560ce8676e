"""The client signs on screen (mouse, pen tablet or touch); the drawing is placed on the
client's signature line before the office's seal is applied.

The signature stays in memory as a PNG and goes into the sealed document only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.i18n import _
from ui.widgets.common import resize_to_text

INK = QColor("#10245a")
PEN_WIDTH = 2.6
MARGIN = 6  # pixels kept around the drawing when it is cut out


class SignaturePad(QWidget):
    """A white area to draw on; strokes are kept as paths."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Unterschriftsfeld"))
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setMinimumSize(QSize(420, 160))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[QPainterPath] = []
        self._drawing = False
        self.on_change: list[Callable[[], None]] = []

    def is_empty(self) -> bool:
        return not self.strokes

    def clear(self) -> None:
        self.strokes.clear()
        self.update()
        self._changed()

    def _changed(self) -> None:
        for callback in self.on_change:
            callback()

    # -- input: mouse, pen and touch (Qt turns touch into mouse events) -------------
    def _begin(self, at: QPointF) -> None:
        path = QPainterPath(at)
        path.lineTo(at + QPointF(0.1, 0.1))  # a dot is a stroke too
        self.strokes.append(path)
        self._drawing = True
        self.update()

    def _extend(self, at: QPointF) -> None:
        if self._drawing and self.strokes:
            self.strokes[-1].lineTo(at)
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self._changed()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    # -- drawing and export ---------------------------------------------------------------
    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(INK, PEN_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for path in self.strokes:
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(QColor("#9aa3ad"), 1, Qt.PenStyle.DashLine))
        base = self.height() * 3 // 4
        painter.drawLine(12, base, self.width() - 12, base)  # where to sign
        self._paint(painter)
        painter.end()

    def png(self) -> bytes:
        """The drawing cut to its strokes, on a transparent background, as PNG."""
        bounds = QRect()
        for path in self.strokes:
            bounds = bounds.united(path.boundingRect().toAlignedRect())
        bounds = bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        scale = 3  # sharp on paper at the size of a signature line
        image = QImage(bounds.size() * scale, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.scale(scale, scale)
        painter.translate(-bounds.topLeft())
        self._paint(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())


class SignaturePadDialog(QDialog):
    def __init__(self, signer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Unterschrift am Bildschirm"))
        self.signature = b""
        self.pad = SignaturePad(self)
        buttons = QDialogButtonBox()
        self.clear_button = buttons.addButton(_("&Löschen"), QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_button.setShortcut(QKeySequence.StandardKey.Delete)
        self.clear_button.clicked.connect(self.pad.clear)
        self.take_button = buttons.addButton(
            _("&Übernehmen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(_("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.take)
        buttons.rejected.connect(self.reject)
        self.pad.on_change.append(self._update)
        layout = QVBoxLayout(self)
        hint = QLabel(
            # The name last: an Arabic name first would turn the whole line right to left.
            _("Bitte mit Maus, Stift oder Finger auf der Linie unterschreiben – {name}").format(
                name=signer
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.pad, 1)
        layout.addWidget(buttons)
        resize_to_text(self, 70, 16)
        self._update()

    def _update(self) -> None:
        self.take_button.setEnabled(not self.pad.is_empty())

    def take(self) -> None:
        if self.pad.is_empty():
            return
        self.signature = self.pad.png()
        self.accept()
