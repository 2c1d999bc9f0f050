"""What each audience sees of the ladder: the poll's view of its two questions (now, want),
plus the subject, the rungs and, where results may be seen, the gap between the medians."""

from facilitate.stages.ladder import earlier, rungs
from facilitate.stages.poll import rules
from facilitate.stages.poll import views as poll_views


def rung_list() -> list[dict]:
    """The seven rungs from the bottom, with their words for the phone and the screen."""
    words = rungs.words
    return [{"number": r.number, "key": r.key, "name": words(r.name),
             "description": words(r.description), "easy": [words(line) for line in r.easy],
             "group": words(r.group)} for r in rungs.RUNGS]


def _view(stage, audience: str) -> dict:
    view = poll_views._view(stage, audience)
    view["subject"] = (stage.config or {}).get("question", "")
    view["rungs"] = rung_list()
    view["credit"] = rungs.words(rungs.CREDIT)
    medians = {q["part"]: q["median"] for q in view["questions"] if "median" in q}
    if len(medians) == 2:
        view["gap"] = rules.gap(medians["now"], medians["want"])
        view["median_names"] = {part: rungs.rung_name(m) for part, m in medians.items()}
    # The earlier event's answers come with today's: on the console always, elsewhere once
    # today's are revealed (so they do not sway the room either).
    if audience == "console" or "gap" in view:
        found = earlier.results(stage)
        if found is not None:
            view["earlier"] = found
    split = {q["part"]: q["by_group"] for q in view["questions"] if "by_group" in q}
    if len(split) == 2:
        view["group_medians"] = group_medians(split, view["groups"])
    return view


def group_medians(split: dict, groups: list[dict]) -> list[dict]:
    """Each role group's medians now and wanted and the gap (phones only: paper has no group);
    the picture facilitators discuss: how people who draw on care see it beside staff."""
    rows = []
    for group in groups:
        tallies = {part: dict(zip(range(1, 8), split[part][group["key"]], strict=True))
                   for part in ("now", "want")}
        now, want = rules.median(tallies["now"]), rules.median(tallies["want"])
        rows.append({"key": group["key"], "label": group["label"],
                     "answered": sum(tallies["now"].values()),
                     "now": now, "want": want, "gap": rules.gap(now, want),
                     "now_name": rungs.rung_name(now), "want_name": rungs.rung_name(want)})
    return rows


def proceedings(event, stage) -> dict | None:
    """The book of proceedings' part, once the room has seen the results: the ladder with its
    counts, medians and gap, each role group's medians, and any earlier event's answers."""
    view = _view(stage, "console")
    if not view["questions"] or not all(q["revealed"] for q in view["questions"]):
        return None
    return {"kind": "ladder", "id": stage.id, "title": stage.title, **view}


def phones(event, stage) -> dict:
    return _view(stage, "phones")


def screen(event, stage) -> dict:
    return _view(stage, "screen")


def console(event, stage) -> dict:
    return _view(stage, "console")
