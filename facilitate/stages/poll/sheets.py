"""The workbook's Polls sheet (the Ladder sheet, in stages/ladder/sheets.py, uses the same
writer): one block a question, answers by phone and paper apart and by role group, each with
a native bar chart beside it. Every text goes through safe_cell."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from facilitate.domain.people import role_group_labels
from facilitate.export.workbook.cells import safe_cell
from facilitate.export.workbook.layout import HEADER_FILL, HEADER_FONT, Export
from facilitate.stages.poll import rules, service

TITLE_FONT = Font(bold=True, size=13)
LABEL_FONT = Font(bold=True)
PAPER = "Paper or show of hands"
STATUS = {"ready": "Not asked", "open": "Open", "closed": "Closed"}
# Rows a chart takes, at least: a short table still leaves room for its chart.
CHART_ROWS = 16


@dataclass(frozen=True)
class Chart:
    title: str
    series: tuple[int, ...]        # the table's columns (from 1) drawn as bars
    stacked: bool = False


@dataclass(frozen=True)
class Block:
    """One question's (or one ladder's) results: facts, a table, a chart and notes."""

    title: str
    facts: tuple[tuple[str, object], ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    chart: Chart | None = None
    notes: tuple[tuple[str, object], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ResultsSheet:
    """A sheet of result blocks one under another, each with its chart on the right."""

    title: str
    blocks: Callable[[Export], Iterable[Block]]
    empty: str
    widths: tuple[float, ...] = (34, 12, 14, 10)

    def write(self, workbook: Workbook, export: Export) -> WriteOnlyWorksheet:
        ws = workbook.create_sheet(self.title)
        blocks = list(self.blocks(export))
        columns = max((len(b.headers) for b in blocks), default=1)
        for index in range(1, columns + 1):
            width = self.widths[index - 1] if index <= len(self.widths) else 16
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.page_setup.orientation = "landscape"
        writer = _Writer(ws)
        if not blocks:
            writer.add(writer.text(self.empty))
        for block in blocks:
            writer.block(block, chart_column=columns + 2)
        return ws


class _Writer:
    def __init__(self, ws: WriteOnlyWorksheet):
        self.ws = ws
        self.row = 0

    def add(self, *cells) -> int:
        self.ws.append(list(cells))
        self.row += 1
        return self.row

    def text(self, value: object, font: Font | None = None) -> WriteOnlyCell:
        cell = safe_cell(self.ws, value) if isinstance(value, str) else \
            WriteOnlyCell(self.ws, value)
        if font is not None:
            cell.font = font
        if isinstance(value, str):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell

    def block(self, block: Block, chart_column: int) -> None:
        first = self.add(self.text(block.title, TITLE_FONT))
        for label, value in block.facts:
            self.add(self.text(label, LABEL_FONT), self.text(value))
        header_cells = []
        for header in block.headers:
            cell = self.text(header, HEADER_FONT)
            cell.fill = HEADER_FILL
            header_cells.append(cell)
        header = self.add(*header_cells)
        for values in block.rows:
            self.add(*(self.text(v) for v in values))
        last = self.row
        for label, value in block.notes:
            self.add(self.text(label, LABEL_FONT), self.text(value))
        if block.chart is not None and last > header:
            self._chart(block.chart, header, last, f"{get_column_letter(chart_column)}{first}")
        while self.row < first + CHART_ROWS and block.chart is not None:
            self.add()
        self.add()

    def _chart(self, spec: Chart, header: int, last: int, anchor: str) -> None:
        chart = BarChart()
        chart.type = "bar"
        chart.title = spec.title[:250]
        chart.grouping = "stacked" if spec.stacked else "clustered"
        if spec.stacked:
            chart.overlap = 100
        chart.y_axis.majorGridlines = None
        chart.y_axis.delete = True
        chart.x_axis.delete = False
        # Top to bottom in the table's order.
        chart.x_axis.scaling.orientation = "maxMin"
        chart.dataLabels = DataLabelList(showVal=True, showLegendKey=False, showCatName=False,
                                         showSerName=False, showPercent=False,
                                         showBubbleSize=False)
        for column in spec.series:
            chart.add_data(Reference(self.ws, min_col=column, min_row=header, max_row=last),
                           titles_from_data=True)
        names = Reference(self.ws, min_col=1, min_row=header + 1, max_row=last)
        for series in chart.series:
            series.cat = AxDataSource(strRef=StrRef(f=str(names)))
        chart.width, chart.height = 16, 8
        self.ws.add_chart(chart, anchor)


# -- the Polls sheet ----------------------------------------------------------------------

def stages_of(event, kind: str) -> list:
    return [stage for stage in event.stages if stage.kind == kind]


def how_answered(question: rules.Question) -> str:
    if question.kind == "multiple":
        return f"Choose up to {question.max_choices}"
    if question.kind == "scale":
        ends = f" ({question.values[0]} = {question.low_label or 'low'}, " \
               f"{question.values[-1]} = {question.high_label or 'high'})"
        return f"Scale {question.values[0]} to {question.values[-1]}{ends}"
    return "Choose one"


def group_headers() -> tuple[str, ...]:
    return tuple(f"Phones: {label}" for label in role_group_labels().values())


def question_block(stage, question: rules.Question, answers: list[rules.Answer],
                   number: int) -> Block:
    """One poll question: a row a choice; phones, paper and total; phones by role group."""
    state = service.state_of(stage, question)
    phone = rules.tally(question, answers)
    split = rules.tally_by_group(question, answers, role_group_labels())
    rows = tuple((question.label_of(v), phone[v], state.paper.get(v, 0),
                  phone[v] + state.paper.get(v, 0), *(split[g][v] for g in split))
                 for v in question.values)
    notes: list[tuple[str, object]] = [
        ("People who answered on a phone", rules.respondents(question, answers)),
        ("Counted on paper or by a show of hands", sum(state.paper.values()))]
    if question.ordered:
        median = rules.median(rules.combined(phone, state.paper))
        notes.append(("Median (phones and paper)", median if median is not None else ""))
    return Block(
        title=f"{stage.title}: question {number}",
        facts=(("Question", question.text), ("How people answered", how_answered(question)),
               ("Status", STATUS.get(state.status, state.status)),
               ("Results shown to the room", "Yes" if state.revealed else "No")),
        headers=("Answer", "Phones", PAPER, "Total", *group_headers()),
        rows=rows, chart=Chart(question.text, (2, 3), stacked=True), notes=tuple(notes))


def poll_blocks(export: Export) -> Iterator[Block]:
    for stage in stages_of(export.event, "poll"):
        answers = service.answers(stage)
        for number, question in enumerate(service.questions_of(stage), start=1):
            yield question_block(stage, question, answers, number)


POLLS = ResultsSheet(title="Polls", blocks=poll_blocks, empty="This event has no poll.")
