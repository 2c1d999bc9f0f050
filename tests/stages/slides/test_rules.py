"""The slides' Markdown made safe, and slide numbers that exist."""

import pytest

from facilitate.stages.slides.rules import clamp_slide, slide_html


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
