"""Event plans: good files become plans, bad ones name the line and field."""

import datetime as dt

import pytest

from facilitate import registry
from facilitate.domain import plans
from facilitate.domain.people import DEFAULT_ROLES, DEFAULT_THEMES
from facilitate.domain.plans import PlanError
from facilitate.resources import demo_plan_path


def parse_plan(source):
    """Check a plan against the app's stage kinds."""
    return plans.parse_plan(source, registry.by_name())


def problems_of(source: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        parse_plan(source)
    return [str(problem) for problem in caught.value.problems]


def test_example_plan_has_the_whole_co_production_day():
    plan = parse_plan(demo_plan_path().read_bytes())
    assert plan.title == "Working together: our co-production day"
    assert plan.date == dt.date(2026, 12, 3)
    assert [s.kind for s in plan.stages] == ["welcome", "slides", "reflection", "open_space",
                                             "pledges", "ladder", "poll", "close"]
    open_space = plan.stages[3]
    assert len(open_space.config["spaces"]) == 4
    assert len(open_space.config["slots"]) == 3
    assert len(plan.stages[1].config["slides"]) == 4
    assert plan.themes == list(DEFAULT_THEMES)
    assert plan.roles == list(DEFAULT_ROLES)


def test_minimal_plan_gets_defaults():
    plan = parse_plan('[event]\ntitle = "Drop-in"\n\n[[stages]]\nkind = "welcome"\n')
    assert plan.title == "Drop-in"
    assert plan.date is None
    assert plan.moderation == "show"
    assert plan.stages[0].title == "Welcome"


def test_invalid_toml_names_the_line():
    assert problems_of('[event]\ntitle = "A"\ndate = \n')[0].startswith("line 3, file: ")


def test_missing_event_table():
    assert problems_of('[[stages]]\nkind = "welcome"\n') == [
        "event: The plan needs an [event] table with a title."]


def test_unknown_stage_kind_names_line_and_field():
    source = '[event]\ntitle = "A"\n\n[[stages]]\nkind = "welcome"\n\n[[stages]]\nkind = "quiz"\n'
    assert problems_of(source) == [
        "line 8, stages[2].kind: Unknown kind 'quiz'. Use one of: welcome, slides, reflection, "
        "open_space, pledges, ladder, poll, close."]


def test_every_problem_is_listed_with_its_line():
    source = "\n".join([
        "[event]",
        'title = ""',
        'date = "3rd December"',
        'moderation = "later"',
        "",
        "[[stages]]",
        'kind = "reflection"',
        "",
        "[[stages]]",
        'kind = "open_space"',
        'spaces = ["Hall"]',
        'slots = ["11 to 12"]',
        "colour = 3",
    ])
    assert problems_of(source) == [
        "line 2, event.title: This is needed.",
        "line 3, event.date: Write the date like 2026-12-03.",
        "line 4, event.moderation: Use one of: show, approve.",
        "line 6, stages[1].question: This is needed for this kind of stage.",
        "line 13, stages[2].colour: Unknown setting. Known settings: kind, slots, spaces, "
        "theme, title.",
        "line 12, stages[2].slots: Slot 1: '11 to 12' is not a time slot like \"11:00-11:45\".",
    ]


def test_too_long_title():
    source = f'[event]\ntitle = "{"x" * 201}"\n'
    assert problems_of(source) == [
        "line 2, event.title: This is too long. The most is 200 characters."]


def test_file_must_be_utf8():
    with pytest.raises(PlanError, match="UTF-8"):
        parse_plan(b"[event]\ntitle = \"\xff\"\n")


def test_file_size_is_limited():
    with pytest.raises(PlanError, match="too big"):
        parse_plan(b"#" * (600 * 1024))


def test_plan_text_is_cleaned_like_typed_text():
    # TOML escapes can carry NUL (PostgreSQL refuses it), escape codes and odd line breaks.
    plan = parse_plan(r'''
[event]
title = "Day\u0000 one\u001b[31m \u2028 "
venue = "  Town\tHall  "
description = "First line\r\nSecond\u0007 line"
themes = ["Equality\u0000", "\u0000", " Care "]
roles = ["Carer\u200b"]

[[stages]]
kind = "slides"
title = "Sli\u0000des"
slides = ["# Hi\r\nthere\u0000", "\u0000"]

[[stages]]
kind = "welcome"
message = "Hello\u0000\r\n\r\n\r\n\r\nWelcome"
''')
    assert plan.title == "Day one[31m"
    assert plan.venue == "Town Hall"
    assert plan.description == "First line\nSecond line"
    assert plan.themes == ["Equality", "Care"]
    assert plan.roles == ["Carer"]
    assert plan.stages[0].title == "Slides"
    assert plan.stages[0].config["slides"] == ["# Hi\nthere"]
    assert plan.stages[1].config["message"] == "Hello\n\nWelcome"


@pytest.mark.parametrize("source", [
    "a." * 60 + "b = 1", '"a".' * 60 + "b = 1", "a . " * 60 + "b = 1", "[" + "a." * 60 + "b]",
    "[[" + "a." * 60 + "b]]", "x = {" + "a." * 60 + "b = 1}", "a." * 200_000 + "b"])
def test_a_dotted_key_too_long_for_tomls_reader_is_refused_before_reading(source):
    # TOML's reader needs memory that grows with the square of the key: 40 KB asks for 1.5 GB.
    assert problems_of(source) == ["line 1, file: A dotted name here has more than 50 parts "
                                   "(like a.b.c). A plan needs names like title or "
                                   "stages.kind."]


@pytest.mark.parametrize("source", ["a = " + "[" * 5000 + "]" * 5000,
                                    "a = " + "{b=" * 5000 + "1" + "}" * 5000])
def test_nesting_too_deep_for_tomls_reader_is_refused(source):
    assert problems_of(source) == ["file: Lists or tables are nested too deeply. A plan needs "
                                   "at most a list of text."]


def test_ordinary_dotted_text_is_not_a_long_key():
    plan = parse_plan('[event]\ntitle = "x"\ndescription = """\nSee www.example.org. '
                      'Version 1.2.3.4.5 is out. Done.\n"""\n' + 'themes = ["a.b.c"]\n')
    assert plan.description.startswith("See www.example.org.")


def test_at_most_fifty_problems_are_listed():
    source = '[event]\ntitle = "x"\n' + "".join(f"unknown{i} = 1\n" for i in range(200))

    problems = problems_of(source)

    assert len(problems) == 51
    assert problems[-1] == "file: There are more than 50 problems. Fix these first."
