"""Join codes and tokens."""

from facilitate.domain.codes import (
    JOIN_CODE_ALPHABET,
    is_valid_join_code,
    new_join_code,
    new_token,
    normalise_join_code,
    spoken_join_code,
)


def test_join_code_avoids_characters_that_look_alike():
    codes = {new_join_code() for _ in range(500)}
    used = set("".join(codes))
    assert used.isdisjoint(set("0O1IL"))
    assert all(len(code) == 6 and is_valid_join_code(code) for code in codes)
    assert len(codes) > 490


def test_alphabet_has_no_ambiguous_characters():
    assert set(JOIN_CODE_ALPHABET).isdisjoint(set("0O1IL"))
    assert len(JOIN_CODE_ALPHABET) == 31


def test_normalise_join_code_accepts_what_people_type():
    assert normalise_join_code(" k7m 2qx ") == "K7M2QX"
    assert normalise_join_code("K7M-2QX") == "K7M2QX"
    assert normalise_join_code("") == ""


def test_invalid_codes_are_refused():
    assert not is_valid_join_code("K7M2Q")
    assert not is_valid_join_code("K7M2Q0")
    assert not is_valid_join_code("K7M2QXX")


def test_spoken_join_code_is_split_in_halves():
    assert spoken_join_code("K7M2QX") == "K7M 2QX"


def test_tokens_are_long_and_different():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(token) == 32 for token in tokens)
