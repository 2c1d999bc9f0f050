"""Cleaning what people type."""

import pytest

from facilitate.domain.errors import UserError
from facilitate.domain.text import clean_email, clean_text


def test_clean_text_trims_and_joins_spaces():
    assert clean_text("  hello \n  world ", limit=50, field="f", label="Name") == "hello world"


def test_clean_text_keeps_lines_when_multiline():
    text = clean_text("one\r\ntwo\n\n\n\nthree ", limit=50, field="f", label="Note",
                      multiline=True)
    assert text == "one\ntwo\n\nthree"


def test_clean_text_removes_control_characters_but_keeps_unicode():
    text = clean_text("Diolch\x00 \x07yn fawr 🎉 دعم 支持 źdźbło", limit=100, field="f",
                      label="Note")
    assert text == "Diolch yn fawr 🎉 دعم 支持 źdźbło"


def test_clean_text_refuses_too_long_text_naming_the_field():
    with pytest.raises(UserError) as caught:
        clean_text("x" * 11, limit=10, field="title", label="Title")
    assert caught.value.field == "title"
    assert caught.value.message == "Title is too long: 11 characters. The most is 10."


def test_clean_text_required():
    with pytest.raises(UserError, match="Please fill in title"):
        clean_text("   ", limit=10, field="title", label="Title", required=True)


def test_clean_text_refuses_non_text():
    with pytest.raises(UserError, match="must be text"):
        clean_text(["a"], limit=10, field="f", label="Name")


@pytest.mark.parametrize("email", ["someone", "a@b", "a b@example.org", "@example.org"])
def test_clean_email_refuses_bad_addresses(email):
    with pytest.raises(UserError):
        clean_email(email)


def test_clean_email_lowercases():
    assert clean_email(" Sam@Example.ORG ") == "sam@example.org"
