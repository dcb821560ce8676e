"""Pieces of the main window that need no window: navigation entries, the idle watcher,
the locked panel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.client import ClientDetails, ClientRow
from app.i18n import N_, _
from ui.widgets.common import heading_label
from ui.widgets.field_error import hint_label


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str  # N_()-marked, translated at display
    available: bool


NAV: tuple[NavEntry, ...] = (
    NavEntry("overview", N_("Übersicht"), True),
    NavEntry("clients", N_("Klient:innen"), True),
    NavEntry("cases", N_("Integrationsbegleitung"), True),
    NavEntry("follow_ups", N_("Wiedervorlagen"), True),
    NavEntry("statistics", N_("Statistik & Export"), True),
    NavEntry("settings", N_("Einstellungen"), True),
)

# Pages whose contents change with work done elsewhere: loaded again each time they are shown.
REFRESHED_ON_SHOW = frozenset({"overview", "cases", "follow_ups", "statistics"})

LanguageChanger = Callable[[str], None]  # raises LotseError if the language cannot be used

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


def client_row(details: ClientDetails) -> ClientRow:
    """The list row of a client, from their details (to open their page)."""
    return ClientRow(
        details.id,
        details.number,
        details.family_name,
        details.given_name,
        details.birth_date,
        details.nationality,
        details.language,
    )


class IdleWatcher(QObject):
    """Application-wide event filter: every keyboard or mouse input restarts ``timer``."""

    def __init__(self, timer: QTimer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = timer
        self.active = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in INPUT_EVENTS:
            self.timer.start()
        return False


def locked_panel() -> QWidget:
    """What a locked window shows instead of its contents."""
    panel = QWidget()
    column = QVBoxLayout(panel)
    column.addStretch(1)
    heading = heading_label(_("Lotse ist gesperrt"), 1.4)
    heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
    column.addWidget(heading)
    hint = hint_label(_("Zum Weiterarbeiten bitte mit der Passphrase entsperren."))
    hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
    column.addWidget(hint)
    column.addStretch(1)
    return panel
