"""The client page's printed documents: make one, show and print it again, attach the
signed paper, and check a PDF someone brings back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.documents.document_data import DocumentKind
from app.documents.document_records import (
    MAX_SCAN_BYTES,
    DocumentInfo,
    MadeDocument,
    ScanInfo,
    file_name,
    local_day,
)
from app.domain.case import CaseSummary
from app.errors import LotseError
from app.i18n import _, format_date, ngettext
from ui.dialogs.new_document_dialog import LANGUAGE_LABELS, NewDocumentDialog, kind_label
from ui.dialogs.pdf_view_dialog import PdfViewDialog
from ui.dialogs.verify_dialog import VerifyDialog
from ui.document_services import DocumentServices
from ui.operations import Operations, user_message
from ui.services import OfficeServices
from ui.widgets.common import fill_list, record_list, resize_to_text, selected_record
from ui.widgets.field_error import FieldError


def document_text(doc: DocumentInfo) -> str:
    title = kind_label(doc.kind)
    if doc.version:
        title = _("{title}, Version {n}").format(title=title, n=doc.version)
    parts = [title, format_date(local_day(doc.created_at))]
    if doc.language != "de":
        parts.append(_(LANGUAGE_LABELS.get(doc.language, doc.language)))
    if doc.created_by:
        parts.append(doc.created_by)
    if doc.scans:
        parts.append(ngettext("{n} Scan", "{n} Scans", doc.scans).format(n=doc.scans))
    return " · ".join(parts)


def show_document(
    parent: QWidget,
    docs: DocumentServices,
    ops: Operations,
    doc: DocumentInfo,
    pdf: bytes,
    name: str,
) -> PdfViewDialog:
    """The sealed PDF in a viewer; printing or saving it again is logged in the trail."""
    log = docs.log_output
    title = _("{title} · Dokument-ID {ref}").format(title=kind_label(doc.kind), ref=doc.doc_ref)
    viewer = PdfViewDialog(
        title, pdf, name, parent,
        on_output=lambda how: ops.run(lambda: log(doc.id, how == "print")),
    )  # fmt: skip
    viewer.open()
    return viewer


def ask_for_document(
    parent: QWidget,
    services: OfficeServices,
    ops: Operations,
    client_id: int,
    kind: DocumentKind,
    case_id: int | None,
    on_made: Callable[[MadeDocument], None],
) -> None:
    """Reads the client's language and cases, then asks what to print."""
    language, cases = services.documents.client_language, services.cases.client_cases

    def ask(found: tuple[str, list[CaseSummary]]) -> None:
        dialog = NewDocumentDialog(
            services.documents.make_document, client_id, found[0], found[1], ops,
            parent, kind=kind, case_id=case_id,
        )  # fmt: skip
        dialog.accepted.connect(lambda: on_made(dialog.made) if dialog.made else None)
        parent.setProperty("documentDialog", dialog)
        dialog.open()

    ops.run(lambda: (language(client_id), cases(client_id)), ask, context=parent)


class DocumentSection(QGroupBox):
    def __init__(
        self,
        services: OfficeServices,
        ops: Operations,
        client_id: int,
        case_id: int | None = None,
    ) -> None:
        """The client's documents; with ``case_id`` only that case's (on the case page)."""
        super().__init__(_("Dokumente"))
        self._services = services
        self._docs = services.documents
        self._ops = ops
        self._client_id, self._case_id = client_id, case_id
        self.dialog: QDialog | None = None
        self.list = record_list(_("Gedruckte Dokumente"), 5)
        self.list.itemActivated.connect(lambda _item: self.show_selected())
        self.list.currentItemChanged.connect(lambda *_args: self._update_buttons())
        label = QLabel(_("Gedruckte Dokumente, neueste zuerst"))
        label.setBuddy(self.list)
        self.new_button = QPushButton(_("Dokument &erstellen …"))
        self.new_button.clicked.connect(lambda _checked=False: self.start_new())
        self.show_button = QPushButton(_("Anzeigen / drucken"))
        self.show_button.clicked.connect(self.show_selected)
        self.scan_button = QPushButton(_("Unterschriebenes Papier anhängen …"))
        self.scan_button.clicked.connect(self.attach_scan)
        self.open_scan_button = QPushButton(_("Papier anzeigen"))
        self.open_scan_button.clicked.connect(self.show_scan)
        self.verify_button = QPushButton(_("Dokument prüfen …"))
        self.verify_button.clicked.connect(self.verify_file)
        self.error = FieldError()
        self.status = QLabel()
        self.status.setWordWrap(True)
        first, second = QHBoxLayout(), QHBoxLayout()
        for button in (self.new_button, self.show_button, self.verify_button):
            first.addWidget(button)
        for button in (self.scan_button, self.open_scan_button):
            second.addWidget(button)
        first.addStretch(1)
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        self._update_buttons()

    def focus_chain(self) -> list[QWidget]:
        return [self.list, self.new_button, self.show_button, self.verify_button,
                self.scan_button, self.open_scan_button]  # fmt: skip

    def reload(self) -> None:
        cid, case_id, listed = self._client_id, self._case_id, self._docs.client_documents

        def documents() -> list[DocumentInfo]:
            found = listed(cid)
            return found if case_id is None else [d for d in found if d.case_id == case_id]

        self._ops.run(documents, self._show, self._failed, context=self)

    def _show(self, documents: Sequence[DocumentInfo]) -> None:
        entries = [(document_text(d), d, _("Dokument-ID {ref}").format(ref=d.doc_ref))
                   for d in documents]  # fmt: skip
        fill_list(self.list, entries, _("Noch nichts gedruckt."))
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.error.set_message(user_message(exc))

    def selected(self) -> DocumentInfo | None:
        return selected_record(self.list, DocumentInfo)

    def _update_buttons(self) -> None:
        doc = self.selected()
        self.show_button.setEnabled(doc is not None)
        self.scan_button.setEnabled(doc is not None)
        self.open_scan_button.setEnabled(doc is not None and doc.scans > 0)

    # -- making and showing ---------------------------------------------------------
    def start_new(self, kind: DocumentKind = DocumentKind.AGREEMENT) -> None:
        self.error.clear_message()
        ask_for_document(
            self, self._services, self._ops, self._client_id, kind, self._case_id, self._made
        )

    def _made(self, made: MadeDocument) -> None:
        self.reload()
        self.view(made.info, made.pdf, made.file_name)

    def view(self, doc: DocumentInfo, pdf: bytes, name: str) -> None:
        self.dialog = show_document(self, self._docs, self._ops, doc, pdf, name)

    def show_selected(self) -> None:
        doc = self.selected()
        if doc is None:
            return
        pdf_of = self._docs.document_pdf
        self._ops.run(lambda: pdf_of(doc.id), lambda pdf: self.view(doc, pdf, file_name(doc)),
                      self._failed, context=self)  # fmt: skip

    # -- the signed paper -------------------------------------------------------------
    def attach_scan(self) -> None:
        doc = self.selected()
        if doc is None:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Unterschriebenes Papier anhängen"), str(Path.home()),
            _("Scans und Fotos (*.pdf *.jpg *.jpeg *.png)"),
        )  # fmt: skip
        if not chosen:
            return
        path = Path(chosen)
        try:
            if path.stat().st_size > MAX_SCAN_BYTES:
                self.error.set_message(
                    _("Die Datei ist größer als 25 MB. Bitte mit geringerer Auflösung scannen.")
                )
                return
            data = path.read_bytes()
        except OSError:
            self.error.set_message(_("Die Datei kann nicht gelesen werden."))
            return
        attach = self._docs.attach_scan
        self._ops.run(lambda: attach(doc.id, path.name, data), self._attached, self._failed,
                      context=self)  # fmt: skip

    def _attached(self, scan: ScanInfo) -> None:
        self.status.setText(_("Angehängt: {name}").format(name=scan.filename))
        self.reload()

    def show_scan(self) -> None:
        doc = self.selected()
        if doc is None:
            return
        scans, data_of = self._docs.scans, self._docs.scan_data

        def newest() -> tuple[ScanInfo, bytes]:
            return data_of(scans(doc.id)[-1].id)

        self._ops.run(newest, self._show_scan, self._failed, context=self)

    def _show_scan(self, found: tuple[ScanInfo, bytes]) -> None:
        info, data = found
        log = self._docs.log_output
        try:
            if info.mime == "application/pdf":
                self.dialog = PdfViewDialog(
                    info.filename, data, info.filename, self,
                    on_output=lambda how: self._ops.run(
                        lambda: log(info.document_id, how == "print")
                    ),
                )  # fmt: skip
            else:
                self.dialog = ImageDialog(info.filename, data, self)
        except LotseError as exc:
            self.error.set_message(exc.message)
            return
        self.dialog.open()

    def verify_file(self) -> None:
        self.dialog = VerifyDialog(self._docs.verify, self._ops, self)
        self.dialog.open()
        self.dialog.choose_file()


class ImageDialog(QDialog):
    """A scan or photo, shown from memory."""

    def __init__(self, title: str, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        image = QLabel()
        image.setPixmap(pixmap)
        image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(image)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        resize_to_text(self, 90, 40)
