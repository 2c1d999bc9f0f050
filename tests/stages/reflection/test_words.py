"""The word cloud's words."""

from facilitate.stages.reflection.words import cloud_words, word_counts


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
