"""The registry of stage kinds: one list, each kind whole, and shared code that names none."""

import dataclasses
import re
from pathlib import Path

import pytest

from facilitate import registry
from facilitate.realtime.handlers import client_events
from facilitate.resources import resource_dir
from facilitate.services import events, live, snapshots
from facilitate.web.live_strings import LIVE_STRINGS

ROOT = Path(__file__).resolve().parents[2]
# `stage.kind == "reflection"`, `view.kind !== 'slides'`, `kind in ("pledges", ...)`... (a
# column's or a plan setting's kind is another thing).
KIND_SWITCH = re.compile(r"""(?:(?:stage|view|item)\.|(?<![.\w]))kind\s*"""
                         r"""(?:===?|!==?|\s+(?:not\s+)?in\s+[(\[])\s*["']""")


def test_every_kind_comes_from_its_own_package_in_the_list_order():
    kinds = registry.all_kinds()

    assert [kind.name for kind in kinds] == list(registry.KINDS)
    assert all(type(kind).__module__ == "facilitate.domain.stages" for kind in kinds)
    assert all(str(kind.label) and kind.default_title for kind in kinds)


def test_kinds_without_views_are_coming_soon_and_the_others_are_built(monkeypatch):
    built = {kind.name for kind in registry.all_kinds() if kind.built}

    assert built == {"welcome", "slides", "reflection", "open_space", "pledges", "ladder",
                     "poll", "close"}
    assert not registry.is_built("no_such_kind")
    bare = dataclasses.replace(registry.get("ladder"), views={})
    monkeypatch.setitem(registry._loaded(), "ladder", bare)
    assert not registry.is_built("ladder")


def test_every_client_event_has_one_name_and_one_owner(app):
    names = [message.name for message in client_events()]

    assert len(names) == len(set(names))


def test_the_words_of_the_kinds_do_not_overwrite_each_other():
    seen = set(LIVE_STRINGS)
    for kind in registry.all_kinds():
        assert not seen & set(kind.strings), kind.name
        seen |= set(kind.strings)


def test_each_kind_has_the_files_it_declares():
    templates, static = resource_dir("templates"), resource_dir("static")
    for kind in registry.all_kinds():
        for template in (kind.phone_template, kind.console_template, kind.forms_template):
            assert not template or (templates / template).is_file(), (kind.name, template)
        assert kind.script == (static / "js" / "stages" / f"{kind.name}.js").is_file()


def shared_files():
    """Every file of the app that is not a stage kind's own."""
    for folder, pattern in (("facilitate", "*.py"), ("static/js", "*.js"),
                            ("templates", "*.html")):
        for path in (ROOT / folder).rglob(pattern):
            relative = path.relative_to(ROOT).as_posix()
            if not re.match(r"(facilitate|static/js|templates)/stages/", relative):
                yield relative, path


def test_shared_code_asks_the_registry_and_switches_on_no_kind():
    switches = [(name, line.strip()) for name, path in shared_files()
                for line in path.read_text().splitlines() if KIND_SWITCH.search(line)]

    assert switches == []


def test_a_kind_given_views_shows_them_to_every_audience(app, make_event, monkeypatch):
    ladder = registry.get("ladder")
    ready = dataclasses.replace(ladder, views={
        "phones": lambda event, stage: {"question": stage.config["question"]},
        "screen": lambda event, stage: {"question": stage.config["question"], "answers": 0},
        "console": lambda event, stage: {"answers": 0}})
    monkeypatch.setitem(registry._loaded(), "ladder", ready)
    event = make_event(status="live")
    stage = next(s for s in event.stages if s.kind == "ladder")
    live.go_to_stage(event, stage.id)

    views = {audience: snapshots.view_of(event, stage, audience)
             for audience in ("phones", "screen", "console")}

    common = {"id": stage.id, "kind": "ladder", "title": stage.title,
              "position": stage.position, "built": True}
    assert views["phones"] == {**common, "question": stage.config["question"]}
    assert views["screen"] == {**common, "question": stage.config["question"], "answers": 0}
    assert views["console"] == {**common, "answers": 0}


@pytest.mark.parametrize("name", registry.KINDS)
def test_a_stage_of_each_kind_can_be_added_in_the_console(app, make_event, name):
    event = make_event()

    stage = events.add_stage(event, name)

    kind = registry.get(name)
    assert (stage.kind, stage.title, stage.config) == (name, kind.default_title,
                                                       dict(kind.starter_config))
