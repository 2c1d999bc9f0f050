"""Arrange for me: propose where an open space's topics go on the board of spaces x slots.

Plain Python with no Flask and no database. The arranger only proposes: it returns where each
topic would go and which topics would move, and the facilitator decides.

How a board is judged, in plain words (`measure`):

- **missed**: people can be in one place at a time. For every person and every slot, each
  topic they marked in that slot beyond the first is one missed topic; so is each topic they
  marked that is not on the board at all. A convener counts as having marked their own topic.
- **overflow**: for every space at every slot, how many more people marked its topics than the
  space holds.

Fewer missed is always better, whatever the overflow; between boards that miss as many, less
overflow is better. No board can miss fewer than `floor`: someone who marked more topics than
there are slots misses the rest.

Rules every board the arranger proposes keeps (`broken_rules` lists the ones a board breaks):
a convener is never in two topics of one slot; a locked topic stays where it is (and so does
every placed topic, unless the arranger may move all unlocked ones); nothing moves into or out
of a slot that has started; a cell holds one topic unless sharing is allowed; a topic is in at
most one cell.
"""

import math
import random
import time
from collections import Counter
from dataclasses import dataclass
from typing import Literal, NamedTuple


class Cell(NamedTuple):
    """One square of the board: a space at a slot."""

    space: str
    slot: str


@dataclass(frozen=True)
class Space:
    """A room or hall where topics meet, and how many people it holds."""

    id: str
    capacity: int


@dataclass(frozen=True)
class Topic:
    """A proposed topic: who convenes it, who marked it, and where it is now, if anywhere."""

    id: str
    convener: str | None = None
    interested: frozenset[str] = frozenset()
    cell: Cell | None = None
    locked: bool = False   # the facilitator fixed it where it is (or off the board)

    @property
    def people(self) -> frozenset[str]:
        """Everyone who means to be there: those who marked it, and its convener."""
        if self.convener is None:
            return frozenset(self.interested)
        return frozenset(self.interested) | {self.convener}


Movable = Literal["unscheduled", "unlocked"]


@dataclass(frozen=True)
class Problem:
    """A board to fill: its spaces and slots (in time order), the topics, and what may move."""

    spaces: tuple[Space, ...]
    slots: tuple[str, ...]
    topics: tuple[Topic, ...]       # in the order they were proposed
    sharing: bool = False           # may two topics share a cell?
    movable: Movable = "unscheduled"
    closed: frozenset[str] = frozenset()   # slots that have started: nothing moves in or out

    def stays(self, topic: Topic) -> bool:
        """Whether the arranger must leave this topic where it is."""
        if topic.locked:
            return True
        if topic.cell is None:
            return False
        return self.movable == "unscheduled" or topic.cell.slot in self.closed

    def current(self) -> dict[str, Cell]:
        """The board as it is now: each placed topic's cell."""
        return {t.id: t.cell for t in self.topics if t.cell is not None}


class Measure(NamedTuple):
    """How a board falls short; compares lexicographically: missed first, then overflow."""

    missed: int
    overflow: int


@dataclass(frozen=True)
class Arrangement:
    """The arranger's proposal: nothing is applied until the facilitator accepts it."""

    placements: dict[str, Cell]                          # every topic on the proposed board
    before: Measure                                      # the board as it is now
    after: Measure                                       # the proposed board
    moves: dict[str, tuple[Cell | None, Cell | None]]    # topic -> (from, to), changed ones only
    floor: int
    steps: int
    seconds: float
    stopped: Literal["floor", "steps", "time", "nothing to move"]


def measure(problem: Problem, placements: dict[str, Cell]) -> Measure:
    """Missed and overflow of a board, as the module's docstring explains them."""
    capacity = {space.id: space.capacity for space in problem.spaces}
    in_slot: Counter[tuple[str, str]] = Counter()
    load: Counter[Cell] = Counter()
    missed = 0
    for topic in problem.topics:
        people = topic.people
        cell = placements.get(topic.id)
        if cell is None:
            missed += len(people)
            continue
        load[cell] += len(people)
        for person in people:
            in_slot[person, cell.slot] += 1
    missed += sum(n - 1 for n in in_slot.values())
    overflow = sum(max(0, n - capacity[cell.space]) for cell, n in load.items())
    return Measure(missed, overflow)


def floor(problem: Problem) -> int:
    """The fewest missed any board could reach: topics a person marked beyond one a slot."""
    marked: Counter[str] = Counter()
    for topic in problem.topics:
        marked.update(topic.people)
    return sum(max(0, k - len(problem.slots)) for k in marked.values())


def broken_rules(problem: Problem, placements: dict[str, Cell]) -> list[str]:
    """The hard rules a board breaks, in plain words; empty when it keeps them all."""
    space_ids = {space.id for space in problem.spaces}
    slot_ids = set(problem.slots)
    topics = {topic.id: topic for topic in problem.topics}
    broken = []
    for topic_id, cell in placements.items():
        if topic_id not in topics:
            broken.append(f"{topic_id} is not a topic of this open space")
        elif cell.space not in space_ids or cell.slot not in slot_ids:
            broken.append(f"{topic_id} is in {cell}, which is not on the board")
    for topic in problem.topics:
        cell = placements.get(topic.id)
        if problem.stays(topic) and cell != topic.cell:
            broken.append(f"{topic.id} has to stay where it is")
        elif cell is not None and cell != topic.cell and cell.slot in problem.closed:
            broken.append(f"{topic.id} would move into {cell.slot}, which has started")
    held: Counter[Cell] = Counter(placements.values())
    if not problem.sharing:
        broken.extend(f"{n} topics share {cell}" for cell, n in held.items() if n > 1)
    convening: Counter[tuple[str, str]] = Counter(
        (topic.convener, placements[topic.id].slot) for topic in problem.topics
        if topic.convener is not None and topic.id in placements)
    broken.extend(f"{convener} convenes {n} topics at {slot}"
                  for (convener, slot), n in convening.items() if n > 1)
    return broken


def first_fit(problem: Problem) -> dict[str, Cell]:
    """The sticky-note wall: topics in proposal order, each into the first free cell it may."""
    board = _Board(problem)
    for t, topic in enumerate(problem.topics):
        if problem.stays(topic):
            continue
        # Even where sharing is allowed, a note goes on an empty square when there is one.
        free = [c for c in range(board.n_cells) if board.can_take(t, c)]
        cell = next((c for c in free if not board.held[c]), free[0] if free else None)
        if cell is not None:
            board.place(t, cell)
    return board.placements()


def arrange(problem: Problem, *, seconds: float = 2.0, seed: int = 0,
            steps: int | None = None) -> Arrangement:
    """Propose a board that misses as little as possible, then overflows as little as possible."""
    # The same seed gives the same proposal, unless the time limit cuts the search short. The
    # clock is this thread's CPU time: the server may run the arranger in a thread of its own.
    started = time.thread_time()
    board = _Board(problem)
    lowest = floor(problem)
    before = measure(problem, problem.current())
    movable = [t for t, topic in enumerate(problem.topics) if not problem.stays(topic)]
    if steps is None:
        steps = _DEFAULT_STEPS_PER_TOPIC * len(movable)
    stopped = "nothing to move"
    done = 0
    if movable:
        board.keep_where_they_are(movable)
        board.start_greedily(movable)
        search = _Annealing(board, movable, lowest, random.Random(seed), started + seconds)
        done, stopped = search.run(steps)
        board.restore(search.best_cells)
    placements = board.placements()
    moves = {topic.id: (topic.cell, placements.get(topic.id)) for topic in problem.topics
             if placements.get(topic.id) != topic.cell}
    return Arrangement(placements=placements, before=before,
                       after=Measure(board.missed, board.overflow), moves=moves, floor=lowest,
                       steps=done, seconds=time.thread_time() - started, stopped=stopped)


# About 1 second of one core for 60 topics on a 2-core shared virtual machine (a step costs
# tens of microseconds); the time limit is the safety net, not the schedule, so that a seed
# always gives the same proposal.
_DEFAULT_STEPS_PER_TOPIC = 20000


def _overflow(load: int, capacity: int) -> int:
    return load - capacity if load > capacity else 0


class _Board:
    """The board as numbers, kept so that judging a move costs a few operations, not a rescoring.

    Cells are numbered slot by slot (cell // spaces is its slot); -1 is off the board. People
    are numbered too: `count[person * slots + slot]` is how many of a person's topics meet at
    a slot. Each slot also keeps two sets of people as bits of an integer: `anyone[slot]`, who
    has a topic there, and `twice[slot]`, who has two or more. What a move does to missed is
    then a few bit counts (`missed_shift`), however many people the topics have.
    """

    def __init__(self, problem: Problem):
        self.problem = problem
        self.sharing = problem.sharing
        n_spaces, n_slots = len(problem.spaces), len(problem.slots)
        self.n_slots = n_slots
        self.n_cells = n_spaces * n_slots
        self.cells = [Cell(space.id, slot) for slot in problem.slots for space in problem.spaces]
        self.slot_of = [c // n_spaces for c in range(self.n_cells)]
        self.capacity = [problem.spaces[c % n_spaces].capacity for c in range(self.n_cells)]
        self.closed = [cell.slot in problem.closed for cell in self.cells]
        _check(problem)
        cell_index = {cell: c for c, cell in enumerate(self.cells)}
        persons: dict[str, int] = {}
        conveners: dict[str, int] = {}
        self.persons: list[tuple[int, ...]] = []
        self.convener: list[int] = []
        # Sorted, so that a seed gives the same search whatever the hash seed of the process.
        for topic in problem.topics:
            self.persons.append(tuple(persons.setdefault(p, len(persons))
                                      for p in sorted(topic.people)))
            self.convener.append(-1 if topic.convener is None
                                 else conveners.setdefault(topic.convener, len(conveners)))
        self.mask = [sum(1 << q for q in people) for people in self.persons]
        self.size = [len(people) for people in self.persons]
        self.count = [0] * (len(persons) * n_slots)
        self.anyone = [0] * n_slots
        self.twice = [0] * n_slots
        self.busy = [0] * (len(conveners) * n_slots)
        self.load = [0] * self.n_cells
        self.held: list[list[int]] = [[] for _ in range(self.n_cells)]
        self.cell_of = [-1] * len(problem.topics)
        self.fixed = [problem.stays(topic) for topic in problem.topics]
        self.missed = sum(self.size)   # an empty board misses every topic everyone marked
        self.overflow = 0
        for t, topic in enumerate(problem.topics):
            if topic.cell is not None and self.fixed[t]:
                self.place(t, cell_index[topic.cell])

    def placements(self) -> dict[str, Cell]:
        return {topic.id: self.cells[c] for topic, c in zip(self.problem.topics, self.cell_of,
                                                              strict=True) if c >= 0}

    def can_take(self, t: int, c: int) -> bool:
        """Whether topic t, now off the board, may go into cell c."""
        if self.closed[c] or (self.held[c] and not self.sharing):
            return False
        k = self.convener[t]
        return k < 0 or self.busy[k * self.n_slots + self.slot_of[c]] == 0

    def place(self, t: int, c: int) -> None:
        slot, n = self.slot_of[c], self.n_slots
        count = self.count
        anyone, twice = self.anyone[slot], self.twice[slot]
        clashes = 0
        for q in self.persons[t]:
            i = q * n + slot
            k = count[i]
            count[i] = k + 1
            if k == 0:
                anyone |= 1 << q
            else:
                clashes += 1
                if k == 1:
                    twice |= 1 << q
        self.anyone[slot], self.twice[slot] = anyone, twice
        self.missed += clashes - self.size[t]
        self._add_load(c, self.size[t])
        if self.convener[t] >= 0:
            self.busy[self.convener[t] * n + slot] += 1
        self.held[c].append(t)
        self.cell_of[t] = c

    def lift(self, t: int) -> None:
        c = self.cell_of[t]
        slot, n = self.slot_of[c], self.n_slots
        count = self.count
        anyone, twice = self.anyone[slot], self.twice[slot]
        clashes = 0
        for q in self.persons[t]:
            i = q * n + slot
            k = count[i] - 1
            count[i] = k
            if k == 0:
                anyone &= ~(1 << q)
            else:
                clashes += 1
                if k == 1:
                    twice &= ~(1 << q)
        self.anyone[slot], self.twice[slot] = anyone, twice
        self.missed += self.size[t] - clashes
        self._add_load(c, -self.size[t])
        if self.convener[t] >= 0:
            self.busy[self.convener[t] * n + slot] -= 1
        self.held[c].remove(t)
        self.cell_of[t] = -1

    def _add_load(self, c: int, people: int) -> None:
        before = self.load[c]
        self.load[c] = before + people
        self.overflow += (_overflow(before + people, self.capacity[c])
                          - _overflow(before, self.capacity[c]))

    def restore(self, cells: list[int]) -> None:
        """Put every topic back in the cells of a board seen before."""
        for t, c in enumerate(self.cell_of):
            if c >= 0 and c != cells[t]:
                self.lift(t)
        for t, c in enumerate(cells):
            if c >= 0 and self.cell_of[t] != c:
                self.place(t, c)

    def keep_where_they_are(self, movable: list[int]) -> None:
        """Start movable topics that are on the board in their own cells, where the rules allow."""
        cell_index = {cell: c for c, cell in enumerate(self.cells)}
        for t in movable:
            cell = self.problem.topics[t].cell
            if cell is not None and cell in cell_index and self.can_take(t, cell_index[cell]):
                self.place(t, cell_index[cell])

    def start_greedily(self, movable: list[int]) -> None:
        """Most-wanted topics first, each into the cell that costs least, if any helps."""
        for t in sorted(movable, key=lambda t: -self.size[t]):
            if self.cell_of[t] >= 0:
                continue
            costs = [(self.shift_cost(t, c), c) for c in range(self.n_cells)
                     if self.can_take(t, c)]
            if costs:
                cost, c = min(costs)
                if cost <= (0, 0):
                    self.place(t, c)

    def shift_cost(self, t: int, c: int) -> tuple[int, int]:
        """What moving topic t into cell c (next to any topic there) adds to missed and overflow."""
        a_cell = self.cell_of[t]
        a = self.slot_of[a_cell] if a_cell >= 0 else -1
        b = self.slot_of[c]
        size = self.size[t]
        missed = self.missed_shift(self.mask[t], a, b) if a != b else 0
        overflow = (_overflow(self.load[c] + size, self.capacity[c])
                    - _overflow(self.load[c], self.capacity[c]))
        if a_cell >= 0:
            overflow += (_overflow(self.load[a_cell] - size, self.capacity[a_cell])
                         - _overflow(self.load[a_cell], self.capacity[a_cell]))
        return missed, overflow

    def swap_cost(self, t: int, u: int) -> tuple[int, int]:
        """What swapping topic t (maybe off the board) with topic u adds to missed and overflow."""
        ct, cu = self.cell_of[t], self.cell_of[u]
        a = self.slot_of[ct] if ct >= 0 else -1
        b = self.slot_of[cu]
        missed = 0
        if a != b:
            # Someone in both topics keeps one in each slot: only the others change.
            both = self.mask[t] & self.mask[u]
            missed = (self.missed_shift(self.mask[t] ^ both, a, b)
                      + self.missed_shift(self.mask[u] ^ both, b, a))
        overflow = 0
        if ct != cu:
            change = self.size[t] - self.size[u]
            overflow = (_overflow(self.load[cu] + change, self.capacity[cu])
                        - _overflow(self.load[cu], self.capacity[cu]))
            if ct >= 0:
                overflow += (_overflow(self.load[ct] - change, self.capacity[ct])
                             - _overflow(self.load[ct], self.capacity[ct]))
        return missed, overflow

    def missed_shift(self, people: int, a: int, b: int) -> int:
        """How missed changes when these people (bits) go from slot a to slot b (-1: off).

        Arriving where they already have a topic, a person misses one more; leaving a slot
        where they had two or more, one fewer.
        """
        arriving = (people & self.anyone[b]).bit_count() if b >= 0 else people.bit_count()
        leaving = (people & self.twice[a]).bit_count() if a >= 0 else people.bit_count()
        return arriving - leaving

    def convener_free_to_shift(self, t: int, c: int) -> bool:
        a_cell = self.cell_of[t]
        b = self.slot_of[c]
        k = self.convener[t]
        return (k < 0 or (a_cell >= 0 and self.slot_of[a_cell] == b)
                or self.busy[k * self.n_slots + b] == 0)

    def conveners_free_to_swap(self, t: int, u: int) -> bool:
        ct, cu = self.cell_of[t], self.cell_of[u]
        a = self.slot_of[ct] if ct >= 0 else -1
        b = self.slot_of[cu]
        if a == b:
            return True
        kt, ku = self.convener[t], self.convener[u]
        n = self.n_slots
        if kt >= 0 and self.busy[kt * n + b] - (ku == kt) > 0:
            return False
        return not (ku >= 0 and a >= 0 and self.busy[ku * n + a] - (kt == ku) > 0)

    def shift(self, t: int, c: int) -> None:
        a = self.cell_of[t]
        if a >= 0 and self.slot_of[a] == self.slot_of[c]:
            self._hop(t, c)
        else:
            if a >= 0:
                self.lift(t)
            self.place(t, c)

    def swap(self, t: int, u: int) -> None:
        ct, cu = self.cell_of[t], self.cell_of[u]
        if ct >= 0 and self.slot_of[ct] == self.slot_of[cu]:
            self._hop(t, cu)
            self._hop(u, ct)
            return
        if ct >= 0:
            self.lift(t)
        self.lift(u)
        self.place(t, cu)
        if ct >= 0:
            self.place(u, ct)

    def _hop(self, t: int, c: int) -> None:
        """Move a placed topic to another space at the same slot: nobody's slots change."""
        a = self.cell_of[t]
        self._add_load(a, -self.size[t])
        self._add_load(c, self.size[t])
        self.held[a].remove(t)
        self.held[c].append(t)
        self.cell_of[t] = c

    def sort_spaces_by_size(self, movable: list[int]) -> None:
        """Within each slot, the biggest movable topics into the biggest free spaces.

        Which slot a topic is in decides missed; given the slots, this matching is the least
        overflow (largest with largest is best when the cost of a gap only grows). It changes
        a slot only when it lowers the overflow, so topics do not move for nothing.
        """
        moving = set(movable)
        for slot in range(self.n_slots):
            cells = [c for c in range(self.n_cells) if self.slot_of[c] == slot
                     and not (self.held[c] and self.held[c][0] not in moving)]
            topics = [self.held[c][0] for c in cells if self.held[c]]
            cells.sort(key=lambda c: -self.capacity[c])
            topics.sort(key=lambda t: -self.size[t])
            wanted = dict(zip(topics, cells, strict=False))
            overflow_now = sum(_overflow(self.load[c], self.capacity[c]) for c in cells)
            overflow_sorted = sum(_overflow(self.size[t], self.capacity[c])
                                  for t, c in wanted.items())
            if overflow_sorted < overflow_now:
                for t in topics:
                    self.lift(t)
                for t, c in wanted.items():
                    self.place(t, c)


class _Annealing:
    """Simulated annealing over moves into cells and swaps between topics (or with empty cells).

    Phases keep the measure's order. First missed, which depends only on each topic's slot:
    moves between slots judged by missed alone, at a temperature counted in missed topics. Which
    slots the few most-wanted topics share decides most of it, and a cooling search rarely
    moves them once it is cold, so it starts many times and keeps the best (successive
    halving): short searches from the greedy board and from random ones, longer ones from the
    best few, then a long one from the best. Then overflow: the spaces within each slot matched
    by size, and moves that never cost a missed topic more.
    """

    STARTS = 16              # short searches, the first from the greedy board
    KEPT = 3                 # of those, searched again for longer
    # Shares of the steps: the short searches, the longer ones, the long one, overflow.
    SHARES = (0.3, 0.25, 0.3, 0.15)
    HEATS = ((2.0, 0.3), (1.0, 0.2), (0.8, 0.1))   # missed topics, start and end of each
    CHECK_CLOCK_EVERY = 256

    def __init__(self, board: _Board, movable: list[int], lowest: int, rng: random.Random,
                 deadline: float):
        self.board = board
        self.movable = movable
        self.lowest = lowest
        self.rng = rng
        self.deadline = deadline
        # Cells a move may go to: none in a slot that has started; with sharing any other cell,
        # otherwise those no fixed topic holds.
        self.targets = [c for c in range(board.n_cells) if not board.closed[c] and (
            board.sharing or not any(board.fixed[t] for t in board.held[c]))]
        # Overflow's scale: a swap changes it by at most twice the biggest topic.
        self.overflow_scale = 2 * max(board.size[t] for t in movable) + 1
        self.best = Measure(board.missed, board.overflow)
        self.best_cells = list(board.cell_of)
        self.done = 0
        self.stopped: str | None = None
        self.run_best, self.run_best_cells = self.best, self.best_cells

    def run(self, steps: int) -> tuple[int, str]:
        """Search for up to this many steps; how many it took, and why it stopped."""
        if not self.targets:
            return 0, "steps"
        short, longer, longest, _ = (int(steps * share) for share in self.SHARES)
        (hot, warm), (warmer, cool), (mild, cold) = self.HEATS
        starts = [list(self.board.cell_of)]
        starts += [self.random_board() for _ in range(self.STARTS - 1)]
        found = [self.search(cells, short // self.STARTS, hot, warm) for cells in starts]
        kept = sorted(found)[:self.KEPT]
        found = [self.search(cells, longer // self.KEPT, warmer, cool) for _, cells in kept]
        self.search(min(found)[1], longest, mild, cold)
        self.board.restore(self.best_cells)
        if not self.board.sharing:
            self.board.sort_spaces_by_size(self.movable)
            self.remember()
        self.anneal(self.overflow_step, steps - short - longer - longest,
                    self.overflow_scale / 8, 0.5)
        return self.done, self.stopped or "steps"

    def random_board(self) -> list[int]:
        """The movable topics in random cells they may take (fixed ones stay)."""
        board, chance = self.board, self.rng.random
        for t in self.movable:
            if board.cell_of[t] >= 0:
                board.lift(t)
        order = sorted(self.movable, key=lambda t: chance())
        for t in order:
            free = [c for c in self.targets if board.can_take(t, c)]
            if free:
                board.place(t, free[int(chance() * len(free))])
        return list(board.cell_of)

    def search(self, cells: list[int], steps: int, start: float,
               end: float) -> tuple[Measure, list[int]]:
        """One search for missed from these cells: the best board it saw, and its measure."""
        board = self.board
        board.restore(cells)
        self.run_best = Measure(board.missed, board.overflow)
        self.run_best_cells = list(board.cell_of)
        self.remember()
        if not self.stopped:
            self.anneal_missed(steps, start, end)
        return self.run_best, self.run_best_cells

    def anneal(self, step, steps: int, start: float, end: float) -> None:
        """Cool from start to end over this many steps, unless the search has to stop."""
        if steps <= 0 or self.stopped:
            return
        cooling = (end / start) ** (1 / steps)
        heat = start
        for number in range(steps):
            if number % self.CHECK_CLOCK_EVERY == 0 and self.must_stop():
                self.done += number
                return
            step(heat)
            heat *= cooling
        self.done += steps

    def anneal_missed(self, steps: int, start: float, end: float) -> None:
        """Cool from start to end over this many steps, each trying one topic in another slot:
        into a free cell there, or swapped with the topic in it. Judged by missed alone.

        It runs a million times an arrangement, so the board's lists are held in local names
        and the costs written out (`missed_shift` and `conveners_free_to_swap`, inline).
        """
        board, chance, exp = self.board, self.rng.random, math.exp
        movable, targets = self.movable, self.targets
        n_movable, n_targets = len(movable), len(targets)
        cell_of, slot_of, held, fixed = board.cell_of, board.slot_of, board.held, board.fixed
        mask, anyone, twice = board.mask, board.anyone, board.twice
        convener, busy, n = board.convener, board.busy, board.n_slots
        sharing = board.sharing
        heat, cooling = start, (end / start) ** (1 / max(1, steps))
        for step in range(steps):
            if step % self.CHECK_CLOCK_EVERY == 0 and self.must_stop():
                self.done += step
                return
            heat *= cooling
            t = movable[int(chance() * n_movable)]
            c = targets[int(chance() * n_targets)]
            ct = cell_of[t]
            a = slot_of[ct] if ct >= 0 else -1
            b = slot_of[c]
            if a == b:
                continue
            here = held[c]
            if not here or (sharing and chance() < 0.5):
                if not board.convener_free_to_shift(t, c):
                    continue
                missed = board.missed_shift(mask[t], a, b)
                if missed <= 0 or chance() < exp(-missed / heat):
                    board.shift(t, c)
                    self.remember()
                continue
            u = here[int(chance() * len(here))]
            if fixed[u]:
                continue
            kt, ku = convener[t], convener[u]
            if kt >= 0 and busy[kt * n + b] - (ku == kt) > 0:
                continue
            if ku >= 0 and a >= 0 and busy[ku * n + a] - (kt == ku) > 0:
                continue
            # Someone in both topics keeps one in each slot: only the others change.
            both = mask[t] & mask[u]
            only_t, only_u = mask[t] ^ both, mask[u] ^ both
            missed = ((only_t & anyone[b]).bit_count() - (only_u & twice[b]).bit_count()
                      + ((only_u & anyone[a]).bit_count() - (only_t & twice[a]).bit_count()
                         if a >= 0 else only_u.bit_count() - only_t.bit_count()))
            if missed <= 0 or chance() < exp(-missed / heat):
                board.swap(t, u)
                self.remember()
        self.done += steps

    def must_stop(self) -> bool:
        """Whether the search has reached the floor or run out of time."""
        if self.best == (self.lowest, 0):
            self.stopped = "floor"
        elif time.thread_time() > self.deadline:
            self.stopped = "time"
        return self.stopped is not None

    def overflow_step(self, heat: float) -> None:
        self.step(heat, on_missed=False)

    def step(self, heat: float, on_missed: bool) -> None:
        board, chance = self.board, self.rng.random
        t = self.movable[int(chance() * len(self.movable))]
        c = self.targets[int(chance() * len(self.targets))]
        if board.cell_of[t] == c:
            return
        held = board.held[c]
        if not held or (board.sharing and chance() < 0.5):
            if not board.convener_free_to_shift(t, c):
                return
            missed, overflow = board.shift_cost(t, c)
            if self.accept(missed, overflow, heat, on_missed):
                board.shift(t, c)
                self.remember()
            return
        u = held[int(chance() * len(held))]
        if board.fixed[u] or not board.conveners_free_to_swap(t, u):
            return
        missed, overflow = board.swap_cost(t, u)
        if self.accept(missed, overflow, heat, on_missed):
            board.swap(t, u)
            self.remember()

    def accept(self, missed: int, overflow: int, heat: float, on_missed: bool) -> bool:
        if missed < 0 or (missed == 0 and overflow <= 0):
            return True
        if on_missed:
            worse = missed + overflow / self.overflow_scale
        elif missed > 0:
            return False
        else:
            worse = overflow
        return worse <= 0 or self.rng.random() < math.exp(-worse / heat)

    def remember(self) -> None:
        """Keep the board if it is the best of this search, or of all."""
        now = Measure(self.board.missed, self.board.overflow)
        if now < self.run_best:
            self.run_best = now
            self.run_best_cells = list(self.board.cell_of)
        if now < self.best:
            self.best = now
            self.best_cells = list(self.board.cell_of)


def _check(problem: Problem) -> None:
    """Refuse a problem whose own fixed topics already break the rules (a bug upstream)."""
    ids = [topic.id for topic in problem.topics]
    if len(set(ids)) != len(ids):
        raise ValueError("two topics have the same id")
    if len({space.id for space in problem.spaces}) != len(problem.spaces):
        raise ValueError("two spaces have the same id")
    if len(set(problem.slots)) != len(problem.slots):
        raise ValueError("two slots have the same id")
    fixed = {t.id: t.cell for t in problem.topics if problem.stays(t) and t.cell is not None}
    broken = broken_rules(problem, fixed)
    if broken:
        raise ValueError("the fixed topics break the rules: " + "; ".join(broken))
