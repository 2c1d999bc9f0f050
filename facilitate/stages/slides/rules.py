"""Slides written in Markdown, turned into safe HTML for the screen and phones."""

from markdown_it import MarkdownIt

# html=False: any HTML a slide contains is shown as text, never run. Links to javascript: and
# similar are refused by markdown-it's own link check.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def slide_html(source: str) -> str:
    """The HTML of one slide; safe to insert into a page."""
    return _MARKDOWN.render(source or "")


def clamp_slide(index: object, count: int) -> int:
    """A slide number that exists: 0 when there are none, else within 0..count-1."""
    if not isinstance(index, int) or isinstance(index, bool) or count <= 0:
        return 0
    return max(0, min(index, count - 1))
