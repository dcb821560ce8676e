"""Print a document for a client: which one, for which case, in which second language.

Saving builds, seals and keeps the document; the caller shows it for printing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QWidget

from app.documents.document_data import DocumentKind, Release
from app.documents.document_records import DocumentRequest, MadeDocument
from app.domain.case import CaseSummary
from app.errors import FieldErrors
from app.i18n import N_, _, format_date
from ui.dialogs.signature_pad_dialog import SignaturePadDialog
from ui.operations import Operations
from ui.widgets.date_field import DateError, DateField
from ui.widgets.field_error import hint_label
from ui.widgets.form_dialog import FormDialog

KIND_LABELS = {
    DocumentKind.AGREEMENT: N_("Integrationsvereinbarung"),
    DocumentKind.PROGRESS: N_("Verlaufsbogen"),
    DocumentKind.CONSENT: N_("Einwilligungserklärung"),
    DocumentKind.ACCESS: N_("Auskunft nach Art. 15 DSGVO"),
    DocumentKind.CONFIRMATION: N_("Beratungsbescheinigung"),
}
# Second languages of client documents; German always comes first and is binding.
LANGUAGE_LABELS = {
    "de": N_("nur Deutsch"),
    "en": N_("Englisch"),
    "ar": N_("Arabisch"),
    "fa": N_("Persisch (Farsi)"),
    "ru": N_("Russisch"),
    "uk": N_("Ukrainisch"),
    "tr": N_("Türkisch"),
}
_WITH_CASE = (DocumentKind.AGREEMENT, DocumentKind.PROGRESS)
_WITH_PERIOD = (DocumentKind.PROGRESS, DocumentKind.CONFIRMATION)
_SIGNED_BY_CLIENT = (DocumentKind.AGREEMENT, DocumentKind.CONSENT)


def kind_label(kind: DocumentKind) -> str:
    return _(KIND_LABELS[kind])


class NewDocumentDialog(FormDialog):
    def __init__(
        self,
        make: Callable[[DocumentRequest], MadeDocument],
        client_id: int,
        client_language: str,
        cases: Sequence[CaseSummary],
        ops: Operations,
        parent: QWidget | None = None,
        kind: DocumentKind = DocumentKind.AGREEMENT,
        case_id: int | None = None,
    ) -> None:
        super().__init__(_("Dokument erstellen"), ops, parent, save_text=_("&Erstellen"))
        self._make = make
        self._client_id = client_id
        self.made: MadeDocument | None = None
        self.kind = QComboBox()
        for member, label in KIND_LABELS.items():
            self.kind.addItem(_(label), member)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.case = QComboBox()
        for case in cases:
            state = _("läuft") if case.closed_on is None else _("abgeschlossen")
            self.case.addItem(
                _("seit {start} ({state})").format(start=format_date(case.start), state=state),
                case.id,
            )
        if case_id is not None:
            self.case.setCurrentIndex(max(0, self.case.findData(case_id)))
        self.language = QComboBox()
        for code, label in LANGUAGE_LABELS.items():
            self.language.addItem(_(label), code)
        self.language.setCurrentIndex(max(0, self.language.findData(client_language)))
        self.start, self.end = DateField(), DateField()
        self.end.set_date(dt.date.today())
        self.sign_on_screen = QCheckBox(_("Klient:in unterschreibt am &Bildschirm"))
        self.sign_on_screen.setToolTip(
            _("Mit Maus, Stift oder Finger; die Unterschrift steht dann auf der Linie.")
        )
        self.signature: bytes | None = None
        self.pad: SignaturePadDialog | None = None
        self.releases = QPlainTextEdit()
        self.releases.setTabChangesFocus(True)
        self.releases.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.form.add("kind", _("&Dokument"), self.kind)
        self.form.add("case", _("&Fall"), self.case)
        self.form.add("language", _("&Sprache neben Deutsch"), self.language)
        self.form.add("start", _("Zeitraum &von"), self.start)
        self.form.add("end", _("Zeitraum &bis"), self.end)
        self.period_hint = hint_label("")
        self.form.layout.addRow(self.period_hint)
        self.form.add("sign_on_screen", "", self.sign_on_screen)
        self.form.add(
            "releases",
            _("Schweigepflichtentbindung &gegenüber"),
            self.releases,
            hint=_("eine Stelle je Zeile, z. B. Jobcenter Kiel"),
        )
        self.kind.currentIndexChanged.connect(lambda _i: self._show_rows())
        self._show_rows()
        self.finish_layout(
            self.kind, self.case, self.language, self.start, self.end, self.releases,
            self.sign_on_screen, width=60,
        )  # fmt: skip

    def chosen_kind(self) -> DocumentKind:
        kind = self.kind.currentData()
        assert isinstance(kind, DocumentKind)
        return kind

    def _show_rows(self) -> None:
        kind = self.chosen_kind()
        self.form.set_row_visible("case", kind in _WITH_CASE)
        self.form.set_row_visible("start", kind in _WITH_PERIOD)
        self.form.set_row_visible("end", kind in _WITH_PERIOD)
        self.form.set_row_visible("releases", kind is DocumentKind.CONSENT)
        self.form.set_row_visible("sign_on_screen", kind in _SIGNED_BY_CLIENT)
        self.period_hint.setVisible(kind in _WITH_PERIOD)
        self.period_hint.setText(
            _("Leeres „von“: seit Beginn des Falls.")
            if kind is DocumentKind.PROGRESS
            else _("Leeres „von“: seit dem 1. Januar; leeres „bis“: bis heute.")
        )

    def _dates(self, kind: DocumentKind) -> tuple[dt.date | None, dt.date | None]:
        if kind not in _WITH_PERIOD:
            return None, None
        errors: dict[str, str] = {}
        days: dict[str, dt.date | None] = {}
        for name, field in (("start", self.start), ("end", self.end)):
            try:
                days[name] = field.date()
            except DateError as exc:
                errors[name] = exc.message
        start, end = days.get("start"), days.get("end")
        if not errors and start and end and start > end:
            errors["end"] = _("Das Ende liegt vor dem Beginn.")
        if errors:
            raise FieldErrors(errors)
        return start, end

    def request(self) -> DocumentRequest:
        kind = self.chosen_kind()
        case_id = self.case.currentData() if kind in _WITH_CASE else None
        if kind in _WITH_CASE and case_id is None:
            raise FieldErrors({"case": _("Diese Person hat keine Integrationsbegleitung.")})
        start, end = self._dates(kind)
        names = [line.strip() for line in self.releases.toPlainText().splitlines()]
        releases = tuple(Release(name) for name in names if name)
        if kind is not DocumentKind.CONSENT:
            releases = ()
        signature = self.signature if kind in _SIGNED_BY_CLIENT else None
        return DocumentRequest(
            kind, self._client_id, case_id, str(self.language.currentData()), start, end,
            releases, signature,
        )  # fmt: skip

    def submit(self) -> None:
        """With "am Bildschirm": the client signs first, then the document is made."""
        wants = self.sign_on_screen.isChecked() and self.chosen_kind() in _SIGNED_BY_CLIENT
        if wants and self.signature is None:
            self.pad = SignaturePadDialog(_("Klient:in"), self)
            self.pad.accepted.connect(self._signed)
            self.pad.open()
            return
        super().submit()

    def _signed(self) -> None:
        if self.pad is not None and self.pad.signature:
            self.signature = self.pad.signature
            super().submit()

    def work(self) -> Callable[[], object]:
        make, request = self._make, self.request()
        return lambda: make(request)

    def succeeded(self, result: object) -> None:
        assert isinstance(result, MadeDocument)
        self.made = result
