"""Small helpers shared by pages and dialogs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from itertools import pairwise
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from app.i18n import _, format_decimal

T = TypeVar("T")

_UNESCAPED_COMMA = re.compile(r"(?<!\\),")


def heading_label(text: str, scale: float = 1.5) -> QLabel:
    """A bold, larger, wrapping heading that scales with the application font."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab moves through ``widgets`` in this order."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def format_posts(value: Decimal) -> str:
    """Full-time posts as people write them: 2 or 1,5 (not 2,00 or 1,50)."""
    exponent = value.normalize().as_tuple().exponent
    digits = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_decimal(value, digits)


def seal_name(subject: str) -> str:
    """A certificate subject (RFC 4514) as people read it: "name (organisation)"."""
    parts: dict[str, str] = {}
    for part in _UNESCAPED_COMMA.split(subject):
        key, _sep, value = part.partition("=")
        parts.setdefault(key.strip().upper(), value.replace("\\", ""))
    name = parts.get("CN", "")
    organisation = parts.get("O", "")
    if not name:
        return subject
    if organisation and organisation not in name:
        return _("{name} ({organisation})").format(name=name, organisation=organisation)
    return name


def grow_to_fit(window: QWidget) -> None:
    """Enlarge a shown window so new content (an error, another field) is not squeezed.

    Qt does not do this by itself for layouts with wrapping labels.
    """
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    width = max(window.width(), window.minimumSizeHint().width())
    height = window.heightForWidth(width)
    if height < 0:
        height = window.sizeHint().height()
    window.resize(width, max(window.height(), height))


def notice_label() -> QLabel:
    """A framed, bold sentence that must not be overlooked (what changed for the client)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setFrameShape(QFrame.Shape.StyledPanel)
    label.setMargin(label.fontMetrics().averageCharWidth())
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setVisible(False)
    return label


def fill_list(
    widget: QListWidget, entries: Iterable[tuple[str, object, str]], empty_text: str
) -> None:
    """Show (text, record, tooltip) entries; an empty list says ``empty_text`` instead,
    as a line that cannot be selected."""
    widget.clear()
    for text, record, tooltip in entries:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, record)
        if tooltip:
            item.setToolTip(tooltip)
        widget.addItem(item)
    if widget.count() == 0:
        item = QListWidgetItem(empty_text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        widget.addItem(item)


def selected_record(widget: QListWidget, kind: type[T]) -> T | None:
    """The record behind the current line, if it is a ``kind``."""
    item = widget.currentItem()
    record = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
    return record if isinstance(record, kind) else None


def record_list(name: str, rows: int) -> QListWidget:
    """A compact, wrapping list of records, ``rows`` lines high."""
    widget = QListWidget()
    widget.setWordWrap(True)
    widget.setAccessibleName(name)
    widget.setMaximumHeight(widget.fontMetrics().lineSpacing() * rows)
    return widget


def resize_to_text(window: QWidget, chars: int, lines: int) -> None:
    """A size measured in the window's own font (so 200 % font grows it), never past the
    screen."""
    metrics = window.fontMetrics()
    screen = window.screen().availableGeometry()
    window.resize(
        min(metrics.averageCharWidth() * chars, screen.width() * 9 // 10),
        min(metrics.lineSpacing() * lines, screen.height() * 9 // 10),
    )


def confirmed(parent: QWidget, title: str, question: str) -> bool:
    """Ask before something that cannot be undone; No is the default answer."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
