"""Identifiers are normalised before they are checked or hashed: NFKC, then ASCII digits."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinguo.core.text import normalize_identifier

MONGOLIAN = str.maketrans("0123456789", "᠐᠑᠒᠓᠔᠕᠖᠗᠘᠙")  # U+1810–U+1819: NFKC leaves them alone


@pytest.mark.parametrize(
    "typed",
    [
        "１５０６０２１９８５０３０８８１０７",  # full-width, as a Chinese input method types them
        "150602198503088107".translate(MONGOLIAN),
        "١٥٠٦٠٢١٩٨٥٠٣٠٨٨١٠٧",  # Arabic-Indic
        " 150602 19850308 8107 ",
        "150602\u300019850308\u00a08107",  # ideographic and no-break spaces
        "\u200b150602198503088107\u202c",  # a zero-width space and a direction mark pasted from a web page
    ],
)
def test_any_digits_and_spaces_become_the_ascii_number(typed):
    assert normalize_identifier(typed) == "150602198503088107"


def test_a_lower_case_or_full_width_x_becomes_x():
    assert normalize_identifier("11010519491231002x") == "11010519491231002X"
    assert normalize_identifier("11010519491231002ｘ") == "11010519491231002X"


def test_nothing_becomes_an_empty_string():
    assert normalize_identifier(None) == "" and normalize_identifier("  ") == ""


@given(st.one_of(st.text(alphabet="0123456789xXab", max_size=20), st.text(alphabet=st.characters(max_codepoint=127))))
def test_ascii_text_reads_as_its_nfkc_form_without_spaces_in_upper_case(text):
    """Plain ASCII letters and digits take a short path: it gives what the whole normalisation gives."""
    import unicodedata

    assert normalize_identifier(text) == "".join(unicodedata.normalize("NFKC", text).split()).upper()
