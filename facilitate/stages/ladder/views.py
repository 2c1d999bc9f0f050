"""What each audience sees of the ladder: the poll's view of its two questions (now, want),
plus the subject, the rungs and, where results may be seen, the gap between the medians."""

from facilitate.stages.ladder import rungs
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
    return view


def phones(event, stage) -> dict:
    return _view(stage, "phones")


def screen(event, stage) -> dict:
    return _view(stage, "screen")


def console(event, stage) -> dict:
    return _view(stage, "console")
