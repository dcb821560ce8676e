"""What the printed documents say, read back from the PDF with poppler.

Checks the sentences that matter (voluntary, withdrawable, binding German text)
in German and in the client's language, Arabic and Persian in logical order,
goals quoted word for word, and what each document leaves out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import unicodedata
from pathlib import Path

import pytest

from app.documents import agreement, confirmation, consent_form, progress_sheet
from app.documents.access_report import build_access_report
from app.documents.access_rights import ULD
from app.documents.agreement import build_agreement
from app.documents.confirmation import build_confirmation
from app.documents.consent_form import build_consent_form
from app.documents.doc_texts import BINDING, CLIENT_LANGUAGES, translator
from app.documents.document_data import Release
from app.documents.progress_sheet import build_progress_sheet
from tests.app.test_documents_golden import needs_poppler, page_count, pdf_text
from tests.app.test_documents_samples import (
    CLIENT,
    DOC_REF,
    GOALS,
    LANGUAGE_GOAL,
    SIGNED_GOALS,
    VOLUNTARY_DE,
    access_data,
    agreement_data,
    confirmation_data,
    consent_data,
    progress_data,
)

pytestmark = needs_poppler
RTL = ("ar", "fa")


def flat(text: str) -> str:
    """Whitespace collapsed: sentences wrap across lines in the PDF."""
    return " ".join(text.split())


def folded(text: str) -> str:
    """Presentation forms folded, bidi marks and spaces dropped (how RTL reads back)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def clauses(text: str) -> list[list[str]]:
    """The words of each stretch of a translation between punctuation and digits."""
    parts = re.split(r"[.,:;()/\d«»„“\"،؛؟]+", text)
    return [p.split() for p in parts if len(p.split()) >= 2]


def reads_in_order(words: list[str], extracted: str) -> bool:
    """True when the words read back in this order, on one line or wrapped once.

    On a page that is mostly German, poppler lists the right-to-left runs of a line
    from left to right; inside each run letters and words are in logical order. So a
    clause wrapped at a line end shows its first part at the start of one line and
    the rest at the end of the next (the right-hand end is where an RTL line begins)."""
    if folded("".join(words)) in folded(extracted):
        return True
    lines = [line for line in (folded(raw) for raw in extracted.splitlines()) if line]
    for k in range(1, len(words)):
        head, tail = folded("".join(words[:k])), folded("".join(words[k:]))
        for first, second in itertools.pairwise(lines):
            if first.startswith(head) and second.endswith(tail):
                return True
    return False


def assert_says(extracted: str, lang: str, translated: str) -> None:
    if lang in RTL:
        for words in clauses(translated):
            assert reads_in_order(words, extracted), " ".join(words)
    else:
        assert flat(translated) in flat(extracted)


def test_the_german_voluntariness_sentence_is_the_msgid() -> None:
    assert flat(agreement.VOLUNTARY).startswith(VOLUNTARY_DE)


@pytest.mark.parametrize("lang", ["de", *CLIENT_LANGUAGES])
def test_agreement_says_voluntary_withdrawable_and_binding_in_both_languages(
    lang: str, tmp_path: Path
) -> None:
    text = pdf_text(build_agreement(agreement_data(lang), lang, DOC_REF, 2).data, tmp_path)
    assert flat(agreement.VOLUNTARY) in flat(text)
    assert flat(agreement.NO_SANCTIONS) in flat(text)
    assert "Version 2 vom 10.02.2026" in text
    t = translator(lang)
    if lang == "de":
        assert BINDING not in flat(text)  # nothing to be binding against
        return
    assert t(agreement.VOLUNTARY) != agreement.VOLUNTARY
    assert_says(text, lang, t(agreement.VOLUNTARY))
    assert_says(text, lang, t(agreement.NO_SANCTIONS))
    assert flat(BINDING) in flat(text)
    assert_says(text, lang, t(BINDING))


def test_agreement_lists_goals_steps_who_and_deadlines(tmp_path: Path) -> None:
    text = flat(pdf_text(build_agreement(agreement_data(), "de", DOC_REF, 1).data, tmp_path))
    for goal in GOALS:
        assert flat(goal.text) in text
        for step in goal.steps:
            assert folded(step.text) in folded(text)  # one has an Arabic word
    assert "Wohnungsamt der Landeshauptstadt Kiel" in text  # a named third party
    assert "30.04.2026" in text and "Berater:in" in text and "Klient:in" in text
    assert "15.04.2026, 15.06.2026" in text  # review dates
    assert "Deutsch A1, lernt selbstständig mit einer App." in text  # starting situation
    assert "Gesundheit" not in text  # an empty life area is left out
    assert "Unterschrift Klient:in" in text and "Unterschrift Berater:in" in text
    assert "Ort, Datum" in text and "Siegel der Beratungsstelle" in text


def test_a_draft_agreement_says_it_is_not_yet_valid(tmp_path: Path) -> None:
    text = pdf_text(build_agreement(agreement_data(), "de", DOC_REF).data, tmp_path)
    assert "Entwurf vom 10.02.2026 – noch nicht gültig" in flat(text)


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_arabic_script_reads_back_in_logical_order(lang: str, tmp_path: Path) -> None:
    text = pdf_text(build_agreement(agreement_data(lang), lang, DOC_REF, 1).data, tmp_path)
    t = translator(lang)
    sentence = t(agreement.INTRO)
    assert any("\u0600" <= c <= "\u06ff" for c in sentence)
    for words in clauses(sentence):
        assert reads_in_order(words, text), " ".join(words)
        assert not reads_in_order(words[::-1], text)  # not stored in visual order


def test_names_and_goals_print_as_typed(tmp_path: Path) -> None:
    client = dataclasses.replace(CLIENT, given_name="أميرة", family_name="Müller & <Söhne>")
    goal = dataclasses.replace(GOALS[0], text="Ziel mit <b>Markup</b> & ein sehr " + "x" * 90)
    data = agreement_data("ar")
    data = dataclasses.replace(
        data, client=client, case=dataclasses.replace(data.case, goals=(goal, *GOALS[1:]))
    )
    text = pdf_text(build_agreement(data, "ar", DOC_REF, 1).data, tmp_path)
    assert "Müller & <Söhne>" in text
    assert folded("أميرة") in folded(text)
    assert "Ziel mit <b>Markup</b> & ein sehr" in flat(text)
    assert "x" * 90 in folded(text)  # an over-long word is cut across lines, not lost


def test_progress_sheet_quotes_the_signed_goals_word_for_word(tmp_path: Path) -> None:
    text = flat(pdf_text(build_progress_sheet(progress_data(), "de", DOC_REF).data, tmp_path))
    assert flat(LANGUAGE_GOAL) in text
    assert flat(SIGNED_GOALS[1].text) in text  # as signed ...
    assert flat(GOALS[1].text) not in text  # ... not as reworded since
    assert flat(progress_sheet.GOAL_REWORDED) in text
    assert flat(GOALS[2].text) in text and flat(progress_sheet.GOAL_ADDED) in text
    assert "Version 1 vom 10.02.2026" in text
    assert "teilweise erreicht" in text and "Grund: kein passendes Angebot" in text
    assert "Teilanerkennung; Anpassungslehrgang erst ab 2027 möglich." in text
    assert "15.04.2026: in Arbeit" in text and "erledigt am 20.02.2026" in text
    assert "Kurs begonnen, Kinderbetreuung geklärt." in text  # review note


def test_progress_sheet_lists_contacts_of_the_period_without_notes(tmp_path: Path) -> None:
    data = dataclasses.replace(progress_data(), period_start=dt.date(2026, 3, 1))
    text = flat(pdf_text(build_progress_sheet(data, "de", DOC_REF).data, tmp_path))
    assert "02.03.2026" in text and "15.04.2026" in text and "12.06.2026" in text
    assert "10.02.2026 persönlich" not in text  # before the period
    assert "Hausbesuch oder aufsuchend" in text and "60 Min." in text
    assert "Kinderbetreuung · Familie" in text
    assert "Hausbesuch; Kita-Platz" not in text  # notes are working notes
    with_notes = dataclasses.replace(data, include_notes=True)
    text = flat(pdf_text(build_progress_sheet(with_notes, "de", DOC_REF).data, tmp_path))
    assert "Hausbesuch; Kita-Platz für die Tochter besprochen." in text


def test_progress_sheet_without_an_agreement_quotes_the_plan(tmp_path: Path) -> None:
    data = dataclasses.replace(progress_data(), agreement=None)
    text = flat(pdf_text(build_progress_sheet(data, "de", DOC_REF).data, tmp_path))
    assert flat(progress_sheet.BASIS_PLAN) in text
    assert all(flat(goal.text) in text for goal in GOALS)


@pytest.mark.parametrize("lang", ["de", *CLIENT_LANGUAGES])
def test_consent_names_each_party_and_the_right_to_withdraw(lang: str, tmp_path: Path) -> None:
    text = pdf_text(build_consent_form(consent_data(lang), lang, DOC_REF).data, tmp_path)
    for release in consent_data().releases:
        assert release.third_party in text
    assert "Leistungen nach dem SGB II und Förderung der Arbeitsaufnahme" in flat(text)
    assert flat(consent_form.RELEASE_SCOPE_DEFAULT) in flat(text)  # a party without a scope
    assert flat(consent_form.WITHDRAW) in flat(text)
    assert "Formular-Version 2026-01" in text
    assert "12 Monate" in text
    if lang != "de":
        t = translator(lang)
        assert_says(text, lang, t(consent_form.WITHDRAW))
        assert_says(text, lang, t(consent_form.VOLUNTARY))


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_access_report_shows_everything_stored(lang: str, tmp_path: Path) -> None:
    data = access_data(lang)
    text = flat(pdf_text(build_access_report(data, lang, DOC_REF).data, tmp_path))
    for contact in data.contacts:
        # Beside right-aligned Arabic, poppler may merge a cell's lines with its neighbour's.
        if lang in RTL:
            assert all(word in text for word in contact.note.split())
        else:
            assert flat(contact.note) in text
    assert "Samir Haddad (K-00043)" in text and "Lina" in text
    assert "Aufenthaltsgestattung im Asylverfahren (§ 55 AsylG)" in text
    assert "01.05.2026" in text  # the release's withdrawal
    assert "LT-2026-0007" in text and "LT-2026-0011" in text
    assert "an einen anderen Dienst übergeben" in text  # the closed case's reason
    assert "Termin vereinbart." in text  # a referral's note
    assert all(f"Art. {n} DSGVO" in text for n in (16, 17, 18, 19, 20, 21))
    assert flat(ULD) in text
    assert "12 Monate" in text and "Jobcenter Kiel" in text


def test_access_report_names_another_authority_when_given(tmp_path: Path) -> None:
    data = dataclasses.replace(access_data(), authority="Beauftragter für den Datenschutz der EKD")
    text = flat(pdf_text(build_access_report(data, "de", DOC_REF).data, tmp_path))
    assert "Beauftragter für den Datenschutz der EKD" in text and "ULD" not in text


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_confirmation_lists_only_dates_of_the_period(lang: str, tmp_path: Path) -> None:
    data = confirmation_data(lang)
    built = build_confirmation(data, lang, DOC_REF)
    assert page_count(built.data, tmp_path) == 1
    text = flat(pdf_text(built.data, tmp_path))
    for day in ("10.02.2026", "02.03.2026", "15.04.2026", "12.06.2026"):
        assert day in text
    assert "15.01.2026" not in text  # before the period
    assert "Anzahl der Termine: 4" in text
    assert "Amira Haddad" in text and "03.04.1990" in text
    for contact in data.contacts:  # nothing of the content
        assert flat(contact.note) not in text
    assert "Sprache" not in text and "Wohnen" not in text
    if lang != "de":
        assert_says(text, lang, translator(lang)(confirmation.ON_REQUEST))


def _longest(words: int, token: str) -> str:
    """As long as the forms allow, with one unbreakable token (a pasted link)."""
    return (token + " " + " ".join(["Wohnungsbesichtigung"] * words))[:4000]


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_longest_texts_the_forms_allow_still_print(lang: str, tmp_path: Path) -> None:
    """4000-character notes and situations, 1000-character goals: rows taller than a page
    split inside the row instead of stopping the build."""
    note = _longest(400, "https://example.org/" + "x" * 120)
    goal = note[:1000]
    goals = tuple(
        dataclasses.replace(
            g,
            text=goal,
            rating_note=goal,
            steps=tuple(dataclasses.replace(s, text=goal, partner="P" * 200) for s in g.steps),
        )
        for g in GOALS
    )
    base = agreement_data(lang).case
    case = dataclasses.replace(
        base,
        goals=goals,
        assessment=tuple(
            dataclasses.replace(a, situation=note, resources=note, need=note)
            for a in base.assessment
        ),
        reviews=tuple(dataclasses.replace(r, summary=note) for r in base.reviews),
        contacts=tuple(dataclasses.replace(c, note=note, need=note) for c in base.contacts),
        summary=dataclasses.replace(base.summary, written_need=note),
    )
    built = [
        build_agreement(dataclasses.replace(agreement_data(lang), case=case), lang, DOC_REF, 1),
        build_progress_sheet(
            dataclasses.replace(progress_data(lang), case=case, include_notes=True), lang, DOC_REF
        ),
        build_access_report(
            dataclasses.replace(access_data(lang), cases=(case,), contacts=case.contacts),
            lang,
            DOC_REF,
        ),
        build_consent_form(
            dataclasses.replace(consent_data(lang), releases=(Release("J" * 200, note),)),
            lang,
            DOC_REF,
        ),
    ]
    for pdf in built:
        assert page_count(pdf.data, tmp_path) >= 3
        assert folded("x" * 120) in folded(pdf_text(pdf.data, tmp_path))  # cut, not lost


def test_documents_for_a_fresh_case_say_what_is_missing(tmp_path: Path) -> None:
    case = dataclasses.replace(
        agreement_data().case, assessment=(), goals=(), reviews=(), referrals=(), contacts=()
    )
    data = dataclasses.replace(agreement_data(), case=case, review_dates=())
    text = flat(pdf_text(build_agreement(data, "de", DOC_REF, 1).data, tmp_path))
    assert flat(agreement.NO_SITUATION) in text and flat(agreement.NO_GOALS) in text
    assert flat(agreement.NO_REVIEW_DATES) in text
    progress = dataclasses.replace(progress_data(), case=case, agreement=None)
    text = flat(pdf_text(build_progress_sheet(progress, "de", DOC_REF).data, tmp_path))
    assert flat(progress_sheet.NO_GOALS) in text and flat(progress_sheet.NO_CONTACTS) in text
    assert flat(progress_sheet.NO_REVIEWS) in text
    empty = dataclasses.replace(
        access_data(), status_history=(), family=(), languages=(), consents=(), contacts=(),
        cases=(), documents=(), recipients=(),
    )  # fmt: skip
    text = flat(pdf_text(build_access_report(empty, "de", DOC_REF).data, tmp_path))
    assert text.count("Keine Einträge.") == 7
    assert "Wir haben keine Daten über Sie an andere Stellen weitergegeben." in text
    none = dataclasses.replace(confirmation_data(), contacts=())
    text = flat(pdf_text(build_confirmation(none, "de", DOC_REF).data, tmp_path))
    assert "Im Zeitraum vom 01.02.2026 bis 30.06.2026 gab es keine Beratungstermine." in text
    consent = dataclasses.replace(consent_data(), releases=())
    text = flat(pdf_text(build_consent_form(consent, "de", DOC_REF).data, tmp_path))
    assert "Entbindung" not in text and "Schweigepflicht" not in text
    assert "2. Freiwilligkeit und Widerruf" in text
