"""The workbook's Ladder sheet: for each ladder stage, a row a rung (the top first, as the
ladder stands) with "now" and "want" from phones and paper apart, by role group, the medians,
the gap, and a native bar chart of both."""

from collections.abc import Iterator

from facilitate.domain.people import role_group_labels
from facilitate.export.workbook.layout import Export
from facilitate.stages.ladder import earlier, rungs
from facilitate.stages.poll import rules, service
from facilitate.stages.poll.sheets import STATUS, Block, Chart, ResultsSheet, stages_of

CREDIT = ("The ladder of co-production is by Think Local Act Personal (TLAP) and its National "
          "Co-production Advisory Group.")


def ladder_block(stage) -> Block:
    """One ladder stage's results."""
    answers = service.answers(stage)
    now, want = service.questions_of(stage)
    tallies, papers, splits, medians = {}, {}, {}, {}
    for question in (now, want):
        state = service.state_of(stage, question)
        tallies[question.part] = rules.tally(question, answers)
        papers[question.part] = state.paper
        splits[question.part] = rules.tally_by_group(question, answers, role_group_labels())
        medians[question.part] = rules.median(rules.combined(tallies[question.part],
                                                             state.paper))
    groups = list(role_group_labels())
    before = earlier.results(stage)
    rows = []
    for rung in reversed(rungs.RUNGS):
        n = rung.number
        cells: list[object] = [f"{n}. {rung.name}"]
        for part in ("now", "want"):
            phone, paper = tallies[part][n], papers[part].get(n, 0)
            cells += [phone, paper, phone + paper]
        for part in ("now", "want"):
            cells += [splits[part][g][n] for g in groups]
        if before is not None:
            cells += [before["counts_now"][n - 1], before["counts_want"][n - 1]]
        rows.append(tuple(cells))
    labels = role_group_labels()
    headers = ("Rung", "Now: phones", "Now: paper or hands", "Now: total", "Want: phones",
               "Want: paper or hands", "Want: total",
               *(f"Now, phones: {labels[g]}" for g in groups),
               *(f"Want, phones: {labels[g]}" for g in groups),
               *(("Earlier event: now", "Earlier event: want") if before else ()))
    gap = rules.gap(medians["now"], medians["want"])
    state = service.state_of(stage, now)

    def blank(value):
        return "" if value is None else value

    compared: tuple = ()
    if before is not None:
        when = f" ({before['date']})" if before["date"] else ""
        compared = (("Compared with", f"{before['event_title']}{when}: {before['stage_title']}"),
                    ("Earlier median now, in words", before["now_name"]),
                    ("Earlier median wanted, in words", before["want_name"]),
                    ("Earlier gap (rungs)", blank(before["gap"])))
    return Block(
        title=stage.title,
        facts=(("Subject", (stage.config or {}).get("question", "")),
               ("Questions", f"{now.text} / {want.text}"),
               ("Status", STATUS.get(state.status, state.status)),
               ("Results shown to the room", "Yes" if state.revealed else "No")),
        headers=headers, rows=tuple(rows),
        chart=Chart(f"{stage.title}: now and where we want to be", (4, 7)),
        notes=(("People who answered on a phone (now)", rules.respondents(now, answers)),
               ("People who answered on a phone (want)", rules.respondents(want, answers)),
               ("Median rung now (phones and paper)", blank(medians["now"])),
               ("Median now, in words", rungs.rung_name(medians["now"])),
               ("Median rung wanted", blank(medians["want"])),
               ("Median wanted, in words", rungs.rung_name(medians["want"])),
               ("Gap (rungs from now to wanted)", blank(gap)),
               *compared,
               ("Credit", CREDIT)))


def ladder_blocks(export: Export) -> Iterator[Block]:
    for stage in stages_of(export.event, "ladder"):
        yield ladder_block(stage)


LADDER = ResultsSheet(title="Ladder", blocks=ladder_blocks,
                      empty="This event has no ladder of co-production.",
                      widths=(22, 11, 12, 10, 11, 12, 10))
