"""A theme's "Hull i kunnskapen", moved up as "Hva vi ikke vet": found, cut and summarised (generator/model/gaps.py)."""

from __future__ import annotations

from generator.model.gaps import Gaps, sentences, split_gaps, summarise

SYNTHESIS = "Første avsnitt om temaet.\n\nAndre avsnitt [@a2020tittel].\n"


def test_a_bold_lead_in_paragraph_is_taken_out_of_the_synthesis() -> None:
    body = SYNTHESIS + "\n**Hull i kunnskapen:** Grunnlaget er tynt. Ingen studie\nmåler virkningene.\n"
    rest, gaps = split_gaps(body)
    assert rest == SYNTHESIS
    assert gaps == Gaps(
        text="Grunnlaget er tynt. Ingen studie\nmåler virkningene.",
        summary="Grunnlaget er tynt. Ingen studie måler virkningene.",
    )
    assert gaps.summary_is_all


def test_text_after_the_gaps_paragraph_stays_in_the_synthesis() -> None:
    body = "Før.\n\n**Hull i kunnskapen**: Vi vet lite.\n\nEtter.\n"
    assert split_gaps(body) == ("Før.\n\nEtter.\n", Gaps(text="Vi vet lite.", summary="Vi vet lite."))


def test_a_heading_takes_its_section_up_to_the_next_heading_of_the_same_level() -> None:
    body = "Før.\n\n## Hull i kunnskapen\n\nVi vet lite.\n\n### Mer\n\nOm kostnader.\n\n## Videre\n\nEtter.\n"
    rest, gaps = split_gaps(body)
    assert rest == "Før.\n\n## Videre\n\nEtter.\n"
    assert gaps == Gaps(text="Vi vet lite.\n\n### Mer\n\nOm kostnader.", summary="Vi vet lite.")
    assert not gaps.summary_is_all


def test_a_theme_without_a_gaps_section_keeps_its_body() -> None:
    body = "Her nevnes **Hull i kunnskapen:** midt i et avsnitt, og det er ingen seksjon.\n"
    assert split_gaps(body) == (body, None)
    assert split_gaps("Før.\n\n**Hull i kunnskapen:**\n") == ("Før.\n\n**Hull i kunnskapen:**\n", None)


def test_the_summary_is_the_first_sentences_up_to_about_45_words() -> None:
    long_sentence = "Denne setningen har mange ord " + "og enda flere ord " * 8 + "til slutt."
    text = f"Grunnlaget er tynt. Ingen studie måler hva reformene fører til. {long_sentence} Siste setning."
    assert summarise(text) == "Grunnlaget er tynt. Ingen studie måler hva reformene fører til."


def test_a_first_sentence_longer_than_the_limit_is_kept_whole() -> None:
    sentence = "Ett " * 60 + "ord."
    assert summarise(f"{sentence} Neste.") == " ".join(sentence.split())


def test_sentences_are_never_cut_inside_a_citation_or_after_an_abbreviation_or_initial() -> None:
    text = "Se [@a2020tittel, s. 12. Kap. 3] og bl.a. Oslo. Blant annet A. Hansen skriver dette! Neste? «Sitat.»"
    assert sentences(text) == [
        "Se [@a2020tittel, s. 12. Kap. 3] og bl.a. Oslo.",
        "Blant annet A. Hansen skriver dette!",
        "Neste?",
        "«Sitat.»",
    ]
    assert sentences("Tallet er 2.5 i 2019. Det er lite.") == ["Tallet er 2.5 i 2019.", "Det er lite."]


def test_the_summary_comes_from_the_first_paragraph_only() -> None:
    assert summarise("Vi vet lite.\n\nEt nytt avsnitt.") == "Vi vet lite."


def test_a_stray_closing_bracket_does_not_hide_a_later_citation() -> None:
    text = "Punkt 1] er skrevet feil. Se [@a2020tittel. Kap. 2]. Slutt."
    assert sentences(text) == ["Punkt 1] er skrevet feil.", "Se [@a2020tittel. Kap. 2].", "Slutt."]
