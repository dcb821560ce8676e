"""Arabic and Persian in PDFs: joined, reordered per line, wrapped in logical order,
split across pages, and read back by poppler in logical order."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from app.documents import fonts
from app.documents.bidi_order import bidi_levels
from app.documents.doc_styles import styles
from app.documents.rtl_text import RTL_LANGUAGES, ShapedText, is_rtl, line_texts, text_block
from app.documents.text_shaping import single_line

AR = (
    "يرجى إحضار جميع المستندات المطلوبة إلى موعدك القادم في مكتب الاستشارة. "
    "في عام 2026 تغيرت بعض القواعد الخاصة بتصاريح الإقامة، لذلك نطلب منك أن تحضر "
    "معك رسالة Jobcenter الأخيرة وجواز سفرك وشهادة التسجيل. إذا لم تتمكن من الحضور، "
    "يرجى إبلاغنا قبل يومين على الأقل حتى نتمكن من تحديد موعد جديد لك. نحن نساعدك "
    "في تعبئة الاستمارات وفي التواصل مع الدوائر الحكومية، والاستشارة مجانية وسرية تماما."
)
FA = (
    "لطفاً همه مدارک لازم را در نوبت بعدی خود به دفتر مشاوره بیاورید. در سال 2026 "
    "برخی از مقررات مربوط به اجازه اقامت تغییر کرده است، بنابراین از شما می‌خواهیم "
    "آخرین نامه Jobcenter را همراه داشته باشید. مشاوره رایگان و محرمانه است."
)
DE_WITH_NAME = "Sehr geehrte Frau محمد أحمد, wir bestätigen Ihren Termin am 12. März 2026."

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils not installed",
)


def build(story: list[Flowable]) -> bytes:
    buf = io.BytesIO()
    fonts.register_fonts()
    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=1, initialFontName=fonts.SANS)
    doc.build(story)
    return buf.getvalue()


def sample_pdf() -> bytes:
    """The Arabic and Persian paragraphs on one page (also built in a fresh process)."""
    ar, fa = styles("ar"), styles("fa")
    return build([text_block(AR, ar.body, "ar"), Spacer(1, 12), text_block(FA, fa.body, "fa")])


def poppler(tool: str, pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = [tool, *options, str(path)] + (["-"] if tool == "pdftotext" else [])
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def normalised(text: str) -> str:
    """Presentation forms folded, bidi marks and spacing dropped: what must match."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if not c.isspace() and unicodedata.category(c) != "Cf")


def text_lines(text: str) -> list[str]:
    return [line for line in (normalised(raw) for raw in text.splitlines()) if line]


def words_with_x(pdf: bytes, tmp_path: Path) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, xMax, yMin, yMax) per word pdftotext -bbox finds (y from the top);
    the glyphs of a word are listed left to right."""
    html = poppler("pdftotext", pdf, tmp_path, "-bbox")
    number = r'"([\d.]+)"'
    pattern = rf"<word xMin={number} yMin={number} xMax={number} yMax={number}>([^<]*)</word>"
    return [
        (word, float(x0), float(x1), float(y0), float(y1))
        for x0, y0, x1, y1, word in re.findall(pattern, html)
    ]


def test_languages_and_fonts() -> None:
    assert frozenset({"ar", "fa"}) == RTL_LANGUAGES
    assert is_rtl("ar") and is_rtl("fa")
    assert not any(is_rtl(lang) for lang in ("de", "en", "ru", "uk", "tr"))
    assert fonts.body_font("ar") == fonts.body_font("fa") == fonts.ARABIC
    assert fonts.body_font("fa", bold=True) == fonts.ARABIC_BOLD
    assert fonts.body_font("uk") == fonts.SANS
    assert fonts.body_font("tr", bold=True) == fonts.SANS_BOLD


@needs_poppler
def test_latin_text_is_a_paragraph_with_markup_escaped(tmp_path: Path) -> None:
    block = text_block("Müller & Söhne <GmbH>\nzweite Zeile", styles("de").body, "de")
    assert isinstance(block, Paragraph)
    lines = poppler("pdftotext", build([block]), tmp_path).splitlines()
    assert lines[:2] == ["Müller & Söhne <GmbH>", "zweite Zeile"]


@needs_poppler
@pytest.mark.parametrize(("lang", "text"), [("ar", AR), ("fa", FA)])
def test_paragraph_reads_back_in_logical_order(lang: str, text: str, tmp_path: Path) -> None:
    block = text_block(text, styles(lang).body, lang)
    extracted = poppler("pdftotext", build([block]), tmp_path)
    assert normalised(extracted) == normalised(text)
    assert "2026" in extracted and "Jobcenter" in extracted


@needs_poppler
def test_long_arabic_paragraph_lines_run_top_to_bottom(tmp_path: Path) -> None:
    block = text_block(AR, styles("ar").body, "ar")
    pdf = build([block])
    laid_out = line_texts(block)
    assert len(laid_out) >= 5
    extracted = text_lines(poppler("pdftotext", pdf, tmp_path))
    assert extracted == [normalised(line) for line in laid_out]
    assert extracted[0].startswith(normalised("يرجى إحضار جميع"))
    assert extracted[-1].endswith(normalised("تماما."))


@needs_poppler
def test_words_run_right_to_left_and_lines_end_at_the_right_margin(tmp_path: Path) -> None:
    pdf = build([text_block(AR, styles("ar").body, "ar")])
    words = words_with_x(pdf, tmp_path)

    def left_of(logical: str) -> float:
        visual = logical if logical.isascii() else logical[::-1]
        return next(x0 for word, x0, *_ in words if normalised(word) == visual)

    # "... رسالة Jobcenter الأخيرة ...": reading right to left.
    assert left_of("رسالة") > left_of("Jobcenter") > left_of("الأخيرة")
    assert left_of("عام") > left_of("2026") > left_of("تغيرت")
    rows: list[list[float]] = []  # [top, right edge] per line
    for _, _, x1, y0, _ in sorted(words, key=lambda word: word[3]):
        if rows and y0 - rows[-1][0] < 8:  # Latin words sit a little higher than Naskh
            rows[-1][1] = max(rows[-1][1], x1)
        else:
            rows.append([y0, x1])
    right_edges = [right for _, right in rows]
    assert len(right_edges) >= 5
    assert max(right_edges) - min(right_edges) < 1.0


@needs_poppler
def test_arabic_name_inside_german_text(tmp_path: Path) -> None:
    block = text_block(DE_WITH_NAME, styles("de").body, "de")
    assert isinstance(block, ShapedText)
    pdf = build([block])
    assert normalised(poppler("pdftotext", pdf, tmp_path)) == normalised(DE_WITH_NAME)
    words = words_with_x(pdf, tmp_path)

    def left_of(logical: str) -> float:
        visual = logical if logical.isascii() else logical[::-1]
        return next(x0 for word, x0, *_ in words if normalised(word).strip(",") == visual)

    # The name reads right to left inside a left-to-right sentence.
    assert left_of("Frau") < left_of("أحمد") < left_of("محمد") < left_of("wir")
    listed = poppler("pdffonts", pdf, tmp_path)
    assert "NotoNaskhArabic-Regular" in listed and "NotoSans-Regular" in listed


@needs_poppler
def test_vowel_marks_stay_with_their_letters(tmp_path: Path) -> None:
    text = "اسمي مُحَمَّد وأسكن في كيل منذ عام 2019."
    pdf = build([text_block(text, styles("ar").body, "ar")])
    assert normalised(poppler("pdftotext", pdf, tmp_path)) == normalised(text)


@needs_poppler
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "رقم الملف: K-2026-0042 (Jobcenter Kiel)، الموعد 15.03.2026 الساعة 10:30!"),
        ("fa", "شماره پرونده: ۱۲۳۴ — تاریخ 2026/03/15."),
        ("ar", "هل لديك رسالة من Jobcenter؟ نعم، بتاريخ 2026."),
        ("ar", "المبلغ 50% أو 120 € شهريا."),
        ("ar", "«مرحبا» قال: 3 أطفال."),
        ("de", "Frau محمد أحمد! Sie wohnt in Kiel (seit 2019)."),
        ("de", "Name: فاطمة, Tel. 0431 123456"),
    ],
)
def test_punctuation_next_to_numbers_and_latin_reads_back(
    lang: str, text: str, tmp_path: Path
) -> None:
    pdf = build([text_block(text, styles(lang).body, lang)])
    assert normalised(poppler("pdftotext", pdf, tmp_path)) == normalised(text)


def test_bracket_pair_around_latin_stays_left_to_right() -> None:
    text = "رقم الملف: K-2026-0042 (Jobcenter Kiel)، الموعد"
    levels = bidi_levels(text, True)
    inner = {levels[text.index(c)] for c in "K(J)"}
    assert inner == {2}  # one left-to-right piece, closing bracket included
    assert levels[text.index("،")] == 1


def test_mixed_scripts_have_no_missing_glyphs() -> None:
    samples = [AR, FA, DE_WITH_NAME, "(Jobcenter) 50 % – ١٢٣ ؟ «نص» / 2026-01-15; Київ, İzmir"]
    used: set[str] = set()
    for text in samples:
        for run in single_line(text):
            face = fonts.shaping_font(run.font).face
            missing = [c for c in run.chars if face.charToGlyph.get(ord(c), 0) == 0]
            assert not missing, (text, run.font)
            used.add(run.font)
    assert {fonts.ARABIC, fonts.SANS} <= used


def test_bidi_levels_cover_format_characters() -> None:
    text = "می‌خواهم 2026 Jobcenter"  # the ZWNJ is dropped by rule X9 but keeps a level
    levels = bidi_levels(text, True)
    assert len(levels) == len(text)
    assert levels[text.index("\u200c")] == 1
    assert {levels[text.index("2026")], levels[text.index("Jobcenter")]} == {2}
    assert set(bidi_levels("nur deutsch 2026", False)) == {0}


@needs_poppler
def test_long_paragraph_flows_onto_the_next_page(tmp_path: Path) -> None:
    text = " ".join([AR] * 9)
    pdf = build([text_block(text, styles("ar").body, "ar")])
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf, tmp_path)).group(1))  # type: ignore[union-attr]
    assert pages >= 2
    page_texts = [
        poppler("pdftotext", pdf, tmp_path, "-f", str(n), "-l", str(n)) for n in range(1, pages + 1)
    ]
    assert all(normalised(page) for page in page_texts)
    assert normalised("".join(page_texts)) == normalised(text)


def test_split_keeps_every_line_once() -> None:
    block = text_block(AR + "\n" + FA, styles("ar").body, "ar")
    width = 300.0
    _, height = block.wrap(width, 10_000)
    whole = list(line_texts(block))
    leading = styles("ar").body.leading
    head, tail = block.split(width, 3 * leading + 1)
    head.wrap(width, 10_000)
    tail.wrap(width, 10_000)
    assert len(line_texts(head)) == 3
    assert list(line_texts(head)) + list(line_texts(tail)) == whole
    assert head.getSpaceAfter() == 0 and tail.getSpaceBefore() == 0
    # A narrower frame on the next page lays the rest out again, from where it was cut.
    tail.wrap(200.0, 10_000)
    assert normalised("".join(line_texts(tail))) == normalised("".join(whole[3:]))
    assert height == len(whole) * leading


def test_empty_text_takes_no_space() -> None:
    assert text_block("", styles("ar").body, "ar").wrap(300, 500) == (300, 0)


def test_byte_stable_also_in_a_fresh_process() -> None:
    # Other documents first: private glyph codes allocated for them must not leak.
    build([text_block("مُحَمَّد " + AR[::-1], styles("ar").body, "ar")])
    first, second = sample_pdf(), sample_pdf()
    assert first == second
    fresh = subprocess.run(
        [
            sys.executable,
            "-c",
            "import hashlib; from tests.app.test_rtl_text import sample_pdf; "
            "print(hashlib.sha256(sample_pdf()).hexdigest())",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert fresh.stdout.strip() == hashlib.sha256(first).hexdigest()
