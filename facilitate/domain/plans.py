"""Event plans: a TOML file that describes a whole event, checked before anything is made."""

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field

from facilitate.domain.people import DEFAULT_ROLES, DEFAULT_THEMES
from facilitate.domain.stages import PlanKinds, Setting
from facilitate.domain.text import tidy_text

MAX_PLAN_BYTES = 512 * 1024
# A plan's keys nest two deep. TOML's reader needs memory that grows with the square of a
# dotted key's length ("a.a.a.a..." for 40 KB asks for 1.5 GB), and recursion with nesting:
# both are refused before it reads the file.
MAX_KEY_PARTS = 50
MAX_PROBLEMS = 50
_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
# From the start of a word only, and never giving back (++): linear on any text.
_DOTTED_KEY = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]++(?:[ \t]*+\.[ \t]*+[A-Za-z0-9_-]++)+")
MODERATION_CHOICES = ("show", "approve")


@dataclass
class StagePlan:
    """One stage of the agenda, as a plan describes it."""

    kind: str
    title: str
    config: dict = field(default_factory=dict)


@dataclass
class EventPlan:
    """Everything needed to create an event, already checked."""

    title: str
    date: dt.date | None = None
    venue: str = ""
    description: str = ""
    moderation: str = "show"
    themes: list[str] = field(default_factory=lambda: list(DEFAULT_THEMES))
    roles: list[str] = field(default_factory=lambda: list(DEFAULT_ROLES))
    stages: list[StagePlan] = field(default_factory=list)


@dataclass(frozen=True)
class PlanProblem:
    """One thing wrong with a plan file, with where to find it."""

    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line else ""
        return f"{where}{self.field}: {self.message}"


class PlanError(ValueError):
    """A plan file that cannot be used; lists every problem found."""

    def __init__(self, problems: list[PlanProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def parse_plan(source: str | bytes, kinds: PlanKinds) -> EventPlan:
    """Read and check a TOML plan against the stage kinds; raise PlanError listing every
    problem."""
    if isinstance(source, bytes):
        if len(source) > MAX_PLAN_BYTES:
            raise PlanError([PlanProblem(None, "file", "The file is too big. The most is 512 KB.")])
        try:
            source = source.decode("utf-8")
        except UnicodeDecodeError as error:
            raise PlanError([PlanProblem(None, "file", "The file must be UTF-8 text.")]) from error
    _refuse_deep_keys(source)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else None
        raise PlanError([PlanProblem(line, "file", f"This is not valid TOML: {error}")]) from error
    except RecursionError as error:
        raise PlanError([PlanProblem(None, "file", "Lists or tables are nested too deeply. "
                                     "A plan needs at most a list of text.")]) from error
    return _PlanReader(source, data, kinds).read()


def _refuse_deep_keys(source: str) -> None:
    """PlanError for a dotted key of MAX_KEY_PARTS parts or more (quoted text set aside).

    Prose is not a key, but 50 one-word sentences joined by dots on one line are not prose.
    """
    # Each quoted string becomes one letter: a key part, or a value that ends a chain.
    unquoted = _QUOTED.sub("q", source)
    for match in _DOTTED_KEY.finditer(unquoted):
        if match.group().count(".") >= MAX_KEY_PARTS:
            line = unquoted.count("\n", 0, match.start()) + 1
            raise PlanError([PlanProblem(line, "file", f"A dotted name here has more than "
                                         f"{MAX_KEY_PARTS} parts (like a.b.c). A plan needs "
                                         "names like title or stages.kind.")])


class _PlanReader:
    """Walks the parsed TOML once, collecting problems with their line numbers."""

    def __init__(self, source: str, data: dict, kinds: PlanKinds):
        self.lines = source.splitlines()
        self.data = data
        self.kinds = kinds
        self.problems: list[PlanProblem] = []

    def read(self) -> EventPlan:
        event = self.data.get("event")
        if not isinstance(event, dict):
            self.problem("event", "The plan needs an [event] table with a title.")
            raise PlanError(self.problems)
        self.unknown_keys(event, {"title", "date", "venue", "description", "moderation",
                                  "themes", "roles"}, "event")
        plan = EventPlan(
            title=self.text(event, "title", "event", required=True, limit=200),
            date=self.date(event, "date", "event"),
            venue=self.text(event, "venue", "event", limit=200),
            description=self.text(event, "description", "event", limit=3000, multiline=True),
            moderation=self.choice(event, "moderation", "event", MODERATION_CHOICES, "show"),
            themes=self.list_or_default(event, "themes", "event", DEFAULT_THEMES, 60, 20),
            roles=self.list_or_default(event, "roles", "event", DEFAULT_ROLES, 80, 30),
        )
        plan.stages = self.stages()
        if self.problems:
            raise PlanError(self.problems)
        return plan

    def stages(self) -> list[StagePlan]:
        raw = self.data.get("stages", [])
        if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
            self.problem("stages", "Write each stage as a [[stages]] table.")
            return []
        if len(raw) > 40:
            self.problem("stages", "A plan can have at most 40 stages.")
        return [s for i, entry in enumerate(raw[:40]) if (s := self.stage(i, entry))]

    def stage(self, index: int, entry: dict) -> StagePlan | None:
        where = f"stages[{index + 1}]"
        kind_name = entry.get("kind")
        kind = self.kinds.get(kind_name) if isinstance(kind_name, str) else None
        if kind is None:
            names = ", ".join(self.kinds)
            self.problem(f"{where}.kind", f"Unknown kind {kind_name!r}. Use one of: {names}.",
                         index)
            return None
        allowed = {"kind", "title"} | {s.name for s in kind.settings}
        self.unknown_keys(entry, allowed, where, index)
        title = (self.text(entry, "title", where, limit=120, stage=index)
                 or kind.default_title)
        config = {s.name: v for s in kind.settings
                  if (v := self.setting(entry, s, where, index)) is not None}
        return StagePlan(kind=kind.name, title=title, config=config)

    def setting(self, entry: dict, setting: Setting, where: str, index: int):
        if setting.name not in entry:
            if setting.required:
                self.problem(f"{where}.{setting.name}", "This is needed for this kind of stage.",
                             index)
            return None
        if setting.read is not None:
            value, problems = setting.read(entry[setting.name])
            for message in problems[:10]:
                self.problem(f"{where}.{setting.name}", message, index)
            return value
        if setting.kind == "text":
            return self.text(entry, setting.name, where, limit=setting.limit, stage=index,
                             multiline=True)
        items = self.text_list(entry, setting.name, where, setting.limit, setting.max_items, index,
                               multiline=setting.kind == "markdown-list")
        if setting.required and not items:
            self.problem(f"{where}.{setting.name}", "Give at least one.", index)
        return items

    # -- field readers --------------------------------------------------------------------

    def text(self, table: dict, key: str, where: str, *, required: bool = False,
             limit: int = 500, stage: int | None = None, multiline: bool = False) -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            self.problem(f"{where}.{key}", "This must be text in quotes.", stage)
            return ""
        # Cleaned as the forms clean what people type: TOML escapes can carry NUL and the like.
        value = tidy_text(value, multiline=multiline)
        if required and not value:
            self.problem(f"{where}.{key}", "This is needed.", stage)
        if len(value) > limit:
            self.problem(f"{where}.{key}", f"This is too long. The most is {limit} characters.",
                         stage)
        return value

    def text_list(self, table: dict, key: str, where: str, limit: int, max_items: int,
                  stage: int | None = None, multiline: bool = False) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"{where}.{key}", "This must be a list of text, like [\"a\", \"b\"].",
                         stage)
            return []
        items = [text for v in value if (text := tidy_text(v, multiline=multiline))]
        if len(items) > max_items:
            self.problem(f"{where}.{key}", f"This list is too long. The most is {max_items}.",
                         stage)
        for item in items:
            if len(item) > limit:
                self.problem(f"{where}.{key}",
                             f"An item is too long. The most is {limit} characters.", stage)
                break
        return items

    def list_or_default(self, table, key, where, default, limit, max_items) -> list[str]:
        if key not in table:
            return list(default)
        return self.text_list(table, key, where, limit, max_items) or list(default)

    def date(self, table: dict, key: str, where: str) -> dt.date | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(f"{where}.{key}", "Write the date like 2026-12-03.")
        return None

    def choice(self, table: dict, key: str, where: str, choices: tuple, default: str) -> str:
        value = table.get(key, default)
        if value not in choices:
            self.problem(f"{where}.{key}", f"Use one of: {', '.join(choices)}.")
            return default
        return value

    def unknown_keys(self, table: dict, allowed: set, where: str, stage: int | None = None):
        for key in table:
            if key not in allowed:
                self.problem(f"{where}.{key}",
                             f"Unknown setting. Known settings: {', '.join(sorted(allowed))}.",
                             stage)

    # -- where in the file ----------------------------------------------------------------

    def problem(self, field_path: str, message: str, stage: int | None = None):
        if len(self.problems) >= MAX_PROBLEMS:
            # Finding each one's line reads the file again: stop before that takes minutes.
            self.problems.append(PlanProblem(None, "file", f"There are more than "
                                             f"{MAX_PROBLEMS} problems. Fix these first."))
            raise PlanError(self.problems)
        key = field_path.rsplit(".", 1)[-1] if "." in field_path else None
        self.problems.append(PlanProblem(self.line_of(key, stage, field_path), field_path,
                                         message))

    def line_of(self, key: str | None, stage: int | None, field_path: str) -> int | None:
        """Best guess at the line a field is on: the key inside its table, or the table."""
        header = None
        if stage is not None:
            headers = [i for i, line in enumerate(self.lines)
                       if re.match(r"\s*\[\[\s*stages\s*\]\]", line)]
            header = headers[stage] if stage < len(headers) else None
        elif field_path.startswith("event"):
            header = next((i for i, line in enumerate(self.lines)
                           if re.match(r"\s*\[\s*event\s*\]", line)), None)
        if header is None:
            return None
        if key:
            for i in range(header + 1, len(self.lines)):
                if re.match(r"\s*\[", self.lines[i]):
                    break
                if re.match(rf"\s*{re.escape(key)}\s*=", self.lines[i]):
                    return i + 1
        return header + 1
