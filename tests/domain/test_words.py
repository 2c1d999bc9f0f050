"""The word cloud's words and the slides' Markdown."""

import pytest

from facilitate.stages.reflection.words import cloud_words, word_counts
from facilitate.stages.slides.rules import clamp_slide, slide_html


def test_cloud_words_leave_out_common_words_and_repeat_each_word_once():
    assert cloud_words("I think the People’s voices really matter; people MATTER!") == [
        "people", "voices", "matter"]


def test_cloud_words_ignore_numbers_single_letters_and_markup_signs():
    assert cloud_words("<b>2024</b> a b café x") == ["café"]


def test_word_counts_count_each_text_once_per_word_most_used_first():
    texts = ["Listen listen listen", "Listen to carers", "carers matter"]

    assert word_counts(texts) == [("carers", 2), ("listen", 2), ("matter", 1)]


def test_word_counts_keep_the_top_words_only():
    assert len(word_counts([f"word{chr(97 + i)}" for i in range(26)], top=5)) == 5


def test_slide_html_shows_raw_html_as_text():
    html = slide_html("# Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>")

    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_slide_html_refuses_javascript_links():
    assert 'href="javascript' not in slide_html("[click](javascript:alert(1))")


@pytest.mark.parametrize(("index", "count", "expected"), [
    (0, 3, 0), (5, 3, 2), (-1, 3, 0), ("1", 3, 0), (True, 3, 0), (2, 0, 0)])
def test_clamp_slide_keeps_to_slides_that_exist(index, count, expected):
    assert clamp_slide(index, count) == expected
