"""Who a document is between: the letterhead and the table of parties."""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

from app.documents import doc_texts as T
from app.documents.bilingual import Cell, Writer, fmt_date
from app.documents.document_data import OfficeHeader
from app.documents.page_frame import TEXT_WIDTH, Letterhead
from app.domain.client import ClientDetails


def frame_width() -> float:
    """Width of the text column in points."""
    return float(TEXT_WIDTH)


def letterhead(office: OfficeHeader) -> Letterhead:
    return Letterhead(office.name, office.provider, office.address, office.logo_png)


def client_name(client: ClientDetails) -> str:
    return f"{client.given_name} {client.family_name}".strip()


def birth_text(w: Writer, client: ClientDetails) -> list[Flowable]:
    """``geboren am 03.04.1990`` (only the year when that is all that is known)."""
    if client.birth_date is None:
        return []
    day = str(client.birth_year) if client.birth_year_only else fmt_date(client.birth_date)
    return w.label(T.BORN, date=day)


def client_cell(w: Writer, client: ClientDetails) -> list[Flowable]:
    out: list[Flowable] = [w.user(client_name(client), "table_cell")]
    out += birth_text(w, client)
    return out


def office_cell(w: Writer, office: OfficeHeader) -> list[Flowable]:
    out: list[Flowable] = [w.cell(office.name)]
    if office.provider.strip():
        out.append(w.plain(f"{T.PROVIDER}: {office.provider}", "table_cell"))
    if office.address.strip():
        out.append(w.cell(office.address))
    return out


def parties_table(
    w: Writer, office: OfficeHeader, client: ClientDetails, counsellor: str, width: float
) -> Table:
    """Client, counsellor (left out when none is named) and office."""
    rows: list[tuple[str, Cell]] = [(T.CLIENT, client_cell(w, client))]
    if counsellor.strip():
        rows.append((T.COUNSELLOR, w.cell(counsellor)))
    rows.append((T.OFFICE, office_cell(w, office)))
    return w.pairs(rows, width)
