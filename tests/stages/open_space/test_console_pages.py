"""The open space on the console without JavaScript: the board, moving topics with a select,
editing, hiding, locking and merging them, paper cards, spaces and slots, Arrange for me."""

from html.parser import HTMLParser

import pytest
from flask import g
from sqlalchemy import select

from facilitate.domain.codes import new_token
from facilitate.extensions import db
from facilitate.services import participants
from facilitate.stages.open_space import board, rules, service
from facilitate.store.models import Topic
from tests.conftest import log_in

PLAN = """
[event]
title = "Open space day"
date = 2030-06-01

[[stages]]
kind = "welcome"

[[stages]]
kind = "open_space"
title = "Our open space"
theme = "What matters to you?"
spaces = [{name = "Main Hall", capacity = 2},
          {name = "Room 1", capacity = 10, access = "Step-free"}]
slots = ["11:00-11:45", "12:00-12:45"]
"""
# Spaces and slots take ids by position: Main Hall 1, Room 1 2; 11:00 is 1, 12:00 is 2.
MAIN_HALL_AT_11, MAIN_HALL_AT_12, ROOM_1_AT_11 = "1:1", "1:2", "2:1"
HOSTILE = '<script>alert(1)</script> =HYPERLINK("http://evil.example","x")'


# -- a browser's view of a page's forms ---------------------------------------------------

class _Forms(HTMLParser):
    """The forms of a page: each one's action and what a browser would send from it."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict, dict]] = []   # action, fields, select options
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append((attrs.get("action") or "", {}, {}))
        if not self.forms:
            return
        _action, fields, options = self.forms[-1]
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("checkbox", "radio", "submit"):
            fields[name] = attrs.get("value") or ""
        elif tag == "input" and name and "checked" in attrs:
            fields[name] = attrs.get("value") or "y"
        elif tag == "select":
            self._select = name
            options[name] = []
        elif tag == "option" and self._select:
            options[self._select].append(attrs.get("value"))
            if "selected" in attrs or self._select not in fields:
                fields[self._select] = attrs.get("value")
        elif tag == "textarea":
            self._textarea = name
            fields[name] = ""

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1][1][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None


def page_forms(client, path: str) -> list[tuple[str, dict, dict]]:
    g.pop("csrf_token", None)   # each client has its own session, so its own token
    response = client.get(path)
    assert response.status_code == 200, path
    parser = _Forms()
    parser.feed(response.get_data(as_text=True))
    return parser.forms


def form_on(client, path: str, action: str, **changes) -> dict:
    """What the form posting to `action` on the page at `path` sends, with changes (a
    field's name may be given without its form's prefix)."""
    found = [fields for act, fields, _options in page_forms(client, path) if act == action]
    assert found, f"no form to {action} on {path}"
    fields = dict(found[0])
    for name, value in changes.items():
        full = next((key for key in fields if key == name or key.endswith(f"-{name}")), name)
        fields[full] = value
    return fields


def options_on(client, path: str, action: str) -> list[str]:
    found = [options for act, _fields, options in page_forms(client, path) if act == action]
    return next(iter(found[0].values()))


def post(client, path: str, action: str, **changes):
    """Fill in and send the form to `action` on the page, as a person would."""
    return client.post(action, data=form_on(client, path, action, **changes))


def flashes(client, path: str) -> str:
    return client.get(path).get_data(as_text=True)


# -- the event, its facilitator and topics ------------------------------------------------

@pytest.fixture
def event(make_event):
    return make_event(plan=PLAN, status="live")


@pytest.fixture
def stage(event):
    return next(s for s in event.stages if s.kind == "open_space")


@pytest.fixture
def facilitator(client, event):
    """A client logged in as the event's owner."""
    assert log_in(client, event.facilitators[0].user.email).status_code == 302
    return client


@pytest.fixture
def base(event, stage):
    return f"/console/events/{event.code}/open-space/{stage.id}"


@pytest.fixture
def make_topic(event, stage):
    """A topic typed in from paper (no convener), optionally placed at "space:slot"."""
    def make(title: str, cell: str | None = None, **fields) -> Topic:
        topic, _created = service.propose(event, None, new_token(), stage.id, title,
                                          source="paper", **fields)
        if cell:
            space_id, slot_id = cell.split(":")
            service.place(event, topic.id, int(space_id), int(slot_id))
        return topic
    return make


def interested(event, topic: Topic, how_many: int) -> None:
    for number in range(how_many):
        person = participants.join(event, f"Person {number}")
        service.mark_interest(event, person, topic.id, True)


def topic_named(title: str) -> Topic:
    return db.session.scalars(select(Topic).where(Topic.title == title)).one()


# -- who may see the pages ----------------------------------------------------------------

PAGES = ["/", "/topics/{topic}", "/paper", "/spaces-and-slots", "/spaces/1/remove",
         "/slots/1/remove"]
ACTIONS = ["/marketplace", "/topics/{topic}/move", "/topics/{topic}/edit", "/topics/{topic}/hide",
           "/topics/{topic}/lock", "/topics/{topic}/merge", "/paper", "/spaces", "/spaces/1",
           "/spaces/1/remove", "/slots", "/slots/1", "/slots/1/remove", "/sharing", "/arrange",
           "/arrange/apply"]


def test_every_page_and_form_is_not_found_for_another_facilitator(client, base, make_user,
                                                                   make_topic):
    topic = make_topic("Carers' voices")
    log_in(client, make_user().email)
    token = form_on(client, "/console/", "/console/logout")["csrf_token"]
    for path in PAGES:
        assert client.get(base + path.format(topic=topic.id)).status_code == 404, path
    for path in ACTIONS:
        response = client.post(base + path.format(topic=topic.id),
                               data={"csrf_token": token, "value": "remove"})
        assert response.status_code == 404, path
    assert db.session.get(Topic, topic.id).hidden is False


def test_every_page_and_form_sends_a_stranger_to_log_in(client, base, make_topic):
    topic = make_topic("Carers' voices")
    token = form_on(client, "/console/login", "")["csrf_token"]
    tries = [(client.get, path) for path in PAGES] + [(client.post, path) for path in ACTIONS]
    for method, path in tries:
        response = method(base + path.format(topic=topic.id), data={"csrf_token": token})
        assert response.status_code == 302, path
        assert "/console/login" in response.headers["Location"]


def test_a_stage_of_another_kind_is_not_an_open_space(facilitator, event):
    welcome = next(s for s in event.stages if s.kind == "welcome")
    url = f"/console/events/{event.code}/open-space/{welcome.id}/"
    assert facilitator.get(url).status_code == 404


# -- the board ----------------------------------------------------------------------------

def test_board_shows_the_grid_the_tray_and_the_measure(facilitator, base, event, make_topic):
    placed = make_topic("Transport to meetings", MAIN_HALL_AT_11, name="Pat",
                        help_wanted=True)
    interested(event, placed, 3)
    make_topic("Paying people for their time")
    hidden = make_topic("Spam")
    service.hide(event, hidden.id, True)
    service.set_locked(event, placed.id, True)
    html = facilitator.get(base + "/").get_data(as_text=True)
    assert '<th scope="col">11:00–11:45</th>' in html
    assert '<th scope="row">Main Hall' in html
    assert "holds 2" in html and "Step-free" in html
    cell = html.split(f'id="topic-{placed.id}"')[1].split("</li>")[0]
    assert "Transport to meetings" in cell and "Pat" in cell
    assert "3 interested" in cell and "0 here" in cell
    for flag in ("over capacity", "help wanted", "from paper", "locked"):
        assert flag in cell
    tray = html.split('id="tray"')[1].split("</section>")[0]
    assert "Paying people for their time" in tray and "anonymous" in tray
    assert "Spam" not in tray
    assert "Spam" in html.split('id="hidden"')[1]
    assert "<dt>Missed topics</dt><dd>0</dd>" in html
    assert "<dt>People over a room's capacity</dt><dd>1</dd>" in html
    assert "<dt>Marketplace</dt><dd>Open</dd>" in html


def test_board_stays_a_table_with_twelve_spaces_and_eight_slots(facilitator, base, event,
                                                                 stage):
    for number in range(3, 13):
        board.save_space(event, stage.id, None, f"Room {number}", "", "")
    for hour in range(13, 19):
        board.save_slot(event, stage.id, None, f"{hour}:00", f"{hour}:45")
    html = facilitator.get(base + "/").get_data(as_text=True)
    assert html.count('<th scope="row">') == 12
    assert html.count('<th scope="col">') == 9   # "Space" and each slot
    assert "18:00–18:45" in html and "Room 12" in html


def test_facilitator_closes_and_opens_the_marketplace(facilitator, base, stage):
    url = base + "/marketplace"
    facilitator.post(url, data=form_on(facilitator, base + "/", url))
    assert service.marketplace_open(stage) is False
    assert "The marketplace is closed" in flashes(facilitator, base + "/")
    facilitator.post(url, data=form_on(facilitator, base + "/", url))
    assert service.marketplace_open(stage) is True


# -- moving a topic without dragging ------------------------------------------------------

def test_facilitator_moves_a_topic_from_the_tray_with_the_select(facilitator, base, event,
                                                                 make_topic):
    make_topic("Transport to meetings", MAIN_HALL_AT_11)
    topic = make_topic("Paying people for their time")
    interested(event, topic, 1)
    action = f"{base}/topics/{topic.id}/move"
    choices = options_on(facilitator, base + "/", action)
    assert choices == ["", MAIN_HALL_AT_12, ROOM_1_AT_11, "2:2"]   # Main Hall at 11 is taken
    response = post(facilitator, base + "/", action, cell=ROOM_1_AT_11)
    assert response.status_code == 302
    assert response.headers["Location"] == base + "/#tray"
    db.session.refresh(topic)
    assert (topic.space_id, topic.slot_id) == (2, 1)
    html = flashes(facilitator, base + "/")
    assert "“Paying people for their time” is now in Room 1, 11:00–11:45. 1 fewer person " \
           "would miss one of their topics." in html


def test_a_cell_taken_meanwhile_gives_the_plain_message(facilitator, base, make_topic):
    topic = make_topic("Paying people for their time")
    action = f"{base}/topics/{topic.id}/move"
    fields = form_on(facilitator, base + "/", action, cell=MAIN_HALL_AT_11)
    make_topic("Transport to meetings", MAIN_HALL_AT_11)   # someone else was quicker
    response = facilitator.post(action, data=fields)
    assert response.headers["Location"] == base + "/#tray"
    assert "Another topic has just taken Main Hall at 11:00–11:45. Please choose another " \
           "place or time." in flashes(facilitator, base + "/")
    assert db.session.get(Topic, topic.id).space_id is None


def test_facilitator_moves_a_topic_back_to_the_tray(facilitator, base, make_topic):
    topic = make_topic("Transport to meetings", MAIN_HALL_AT_11)
    page = f"{base}/topics/{topic.id}"
    options = options_on(facilitator, page, page + "/move")
    assert MAIN_HALL_AT_11 not in options and options[-1] == "tray"
    post(facilitator, page, page + "/move", cell="tray")
    assert db.session.get(Topic, topic.id).space_id is None
    assert "is now in the tray" in flashes(facilitator, base + "/")


def test_facilitators_may_place_a_topic_in_a_slot_that_has_ended(facilitator, base,
                                                                  monkeypatch, make_topic):
    monkeypatch.setattr(service, "local_now", lambda: rules.dt.datetime(2030, 6, 1, 15, 0))
    topic = make_topic("Looking back")
    post(facilitator, base + "/", f"{base}/topics/{topic.id}/move", cell=MAIN_HALL_AT_11)
    assert db.session.get(Topic, topic.id).slot_id == 1


def test_check_this_move_shows_what_it_would_do_and_moves_nothing(facilitator, base, event,
                                                                   make_topic):
    topic = make_topic("Paying people for their time")
    interested(event, topic, 2)
    page = f"{base}/topics/{topic.id}"
    response = post(facilitator, page, page + "/move", cell=ROOM_1_AT_11,
                    **{f"move-{topic.id}-check": "y"})   # the "Check this move" button
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "If you move it to Room 1, 11:00–11:45: 2 fewer people would miss one of their " \
           "topics." in html
    assert f'<option selected value="{ROOM_1_AT_11}">' in html
    assert db.session.get(Topic, topic.id).space_id is None


def test_a_convener_cannot_be_in_two_places_at_once(facilitator, base, event, stage):
    person = participants.join(event, "Sam")
    first, _ = service.propose(event, person, new_token(), stage.id, "First")
    second, _ = service.propose(event, person, new_token(), stage.id, "Second")
    service.place(event, first.id, 1, 1)
    page = f"{base}/topics/{second.id}"
    response = post(facilitator, page, page + "/move", cell=ROOM_1_AT_11)
    assert response.headers["Location"] == page
    assert "You already convene a topic at 11:00–11:45." in flashes(facilitator, page)


# -- editing, hiding, locking, merging ----------------------------------------------------

def test_facilitator_edits_a_topic(facilitator, base, make_topic):
    topic = make_topic("Transprt", name="pat")
    page = f"{base}/topics/{topic.id}"
    response = post(facilitator, page, page + "/edit", title="Transport to meetings",
                    description="Buses stop at six.", name="Pat", help_wanted="y")
    assert response.headers["Location"] == f"{base}/#topic-{topic.id}"
    db.session.refresh(topic)
    assert (topic.title, topic.description, topic.convener_name, topic.help_wanted) == (
        "Transport to meetings", "Buses stop at six.", "Pat", True)
    assert "Saved: “Transport to meetings”." in flashes(facilitator, base + "/")


def test_an_empty_title_is_refused_on_the_form(facilitator, base, make_topic):
    topic = make_topic("Transport")
    page = f"{base}/topics/{topic.id}"
    response = post(facilitator, page, page + "/edit", title="  ")
    assert response.status_code == 422
    assert "Please fill in the title." in response.get_data(as_text=True)
    assert db.session.get(Topic, topic.id).title == "Transport"


def test_facilitator_hides_and_shows_a_topic(facilitator, base, make_topic):
    topic = make_topic("Spam", MAIN_HALL_AT_11)
    page = f"{base}/topics/{topic.id}"
    post(facilitator, page, page + "/hide")
    db.session.refresh(topic)
    assert (topic.hidden, topic.space_id) == (True, None)
    assert "“Spam” is hidden" in flashes(facilitator, base + "/")
    post(facilitator, base + "/", page + "/hide")   # the Show button among the hidden topics
    assert db.session.get(Topic, topic.id).hidden is False


def test_a_hidden_topic_is_not_given_a_place(facilitator, base, event, make_topic):
    topic = make_topic("Spam")
    page = f"{base}/topics/{topic.id}"
    fields = form_on(facilitator, page, page + "/move", cell=MAIN_HALL_AT_11)
    service.hide(event, topic.id, True)
    facilitator.post(page + "/move", data=fields)
    assert db.session.get(Topic, topic.id).space_id is None
    assert "This topic is hidden." in flashes(facilitator, page)


def test_facilitator_locks_and_unlocks_a_topic(facilitator, base, make_topic):
    topic = make_topic("Transport", MAIN_HALL_AT_11)
    page = f"{base}/topics/{topic.id}"
    post(facilitator, page, page + "/lock")
    assert db.session.get(Topic, topic.id).locked is True
    assert "“Transport” is locked" in flashes(facilitator, base + "/")
    assert "Unlock" in facilitator.get(page).get_data(as_text=True)
    post(facilitator, page, page + "/lock")
    assert db.session.get(Topic, topic.id).locked is False


def test_facilitator_merges_a_duplicate_into_the_topic_chosen(facilitator, base, event,
                                                              make_topic):
    kept = make_topic("Transport to meetings", MAIN_HALL_AT_11)
    duplicate = make_topic("Buses", description="They stop at six.")
    interested(event, duplicate, 2)
    page = f"{base}/topics/{duplicate.id}"
    assert options_on(facilitator, page, page + "/merge") == ["", str(kept.id)]
    response = post(facilitator, page, page + "/merge", into=str(kept.id))
    assert response.headers["Location"] == f"{base}/#topic-{kept.id}"
    db.session.refresh(duplicate)
    db.session.refresh(kept)
    assert duplicate.merged_into_id == kept.id
    assert (kept.description, service.interest_count(kept.id)) == ("They stop at six.", 2)
    assert "“Buses” is merged into “Transport to meetings”." in flashes(facilitator,
                                                                        base + "/")
    assert facilitator.get(page).headers["Location"] == f"{base}/topics/{kept.id}"


def test_merging_without_a_choice_says_what_to_do(facilitator, base, make_topic):
    make_topic("Transport")
    topic = make_topic("Buses")
    page = f"{base}/topics/{topic.id}"
    post(facilitator, page, page + "/merge", into="")
    assert db.session.get(Topic, topic.id).merged_into_id is None
    assert "Choose the topic to keep." in flashes(facilitator, page)


# -- paper cards --------------------------------------------------------------------------

def test_a_paper_card_is_stored_once_and_the_form_is_blank_again(facilitator, base, stage):
    url = base + "/paper"
    fields = form_on(facilitator, url, "", title="Carers' breaks", description="Who covers?",
                     name="Pat", help_wanted="y")
    first = facilitator.post(url, data=fields)
    again = facilitator.post(url, data=fields)   # the button pressed twice
    assert (first.status_code, again.status_code) == (302, 302)
    assert first.headers["Location"] == url
    topic = db.session.scalars(select(Topic)).one()
    assert (topic.title, topic.description, topic.convener_name, topic.help_wanted,
            topic.source, topic.participant_id, topic.space_id) == (
        "Carers' breaks", "Who covers?", "Pat", True, "paper", None, None)
    html = facilitator.get(url).get_data(as_text=True)
    assert "Saved: Carers&#39; breaks. Type the next card." in html
    assert "1 card typed in so far." in html
    blank = form_on(facilitator, url, "")
    assert (blank["title"], blank["name"], blank["client_id"] != fields["client_id"]) == (
        "", "", True)


def test_paper_cards_go_in_while_the_marketplace_is_closed(facilitator, base, event, stage):
    board.set_marketplace_open(event, stage.id, False)
    url = base + "/paper"
    facilitator.post(url, data=form_on(facilitator, url, "", title="Late card"))
    assert topic_named("Late card").source == "paper"


def test_a_paper_card_without_a_title_keeps_what_was_typed(facilitator, base):
    url = base + "/paper"
    response = facilitator.post(url, data=form_on(facilitator, url, "", name="Pat"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Please fill in the title." in html and 'value="Pat"' in html
    assert db.session.scalars(select(Topic)).first() is None


# -- spaces and slots ---------------------------------------------------------------------

def test_facilitator_adds_edits_and_removes_a_space(facilitator, base, stage, make_topic):
    url = base + "/spaces-and-slots"
    response = post(facilitator, url, base + "/spaces", name="Garden Room", capacity="12",
                    access="Quiet room")
    assert response.headers["Location"] == url + "#spaces"
    assert rules.spaces_of(stage.config)[-1] == rules.Space(3, "Garden Room", 12, "Quiet room")
    assert f'href="{url}?edit=space-3#edit-space">Edit' in facilitator.get(url).get_data(
        as_text=True)
    post(facilitator, url + "?edit=space-3", base + "/spaces/3", name="Garden", capacity="")
    assert rules.spaces_of(stage.config)[-1] == rules.Space(3, "Garden", None, "Quiet room")
    make_topic("Outdoors", "3:1")
    make_topic("Outdoors later", "3:2")
    asking = base + "/spaces/3/remove"
    html = facilitator.get(asking).get_data(as_text=True)
    assert "Remove Garden?" in html and "2 topics are there now." in html
    assert "Outdoors later" in html
    post(facilitator, asking, asking)   # "Yes, remove it"
    assert [s.name for s in rules.spaces_of(stage.config)] == ["Main Hall", "Room 1"]
    assert topic_named("Outdoors").space_id is None
    assert "Garden is off the board. 2 topics went back to the tray." in flashes(
        facilitator, url)


def test_a_wrong_capacity_is_shown_on_the_space_form(facilitator, base, stage):
    url = base + "/spaces-and-slots"
    response = post(facilitator, url + "?edit=space-1", base + "/spaces/1", capacity="lots")
    assert response.status_code == 422
    assert "The capacity must be a whole number from 1 to 10000." in \
        response.get_data(as_text=True)
    assert rules.spaces_of(stage.config)[0].capacity == 2


def test_facilitator_adds_edits_and_removes_a_slot(facilitator, base, stage, make_topic):
    url = base + "/spaces-and-slots"
    post(facilitator, url, base + "/slots", starts="09:30", ends="10:15")
    slots = rules.slots_of(stage.config)
    assert [s.label for s in slots] == ["09:30–10:15", "11:00–11:45", "12:00–12:45"]
    assert "Added the slot 09:30–10:15." in flashes(facilitator, url)
    new_id = slots[0].id
    post(facilitator, f"{url}?edit=slot-{new_id}", f"{base}/slots/{new_id}", starts="13:30",
         ends="14:15", day="2030-06-02")
    assert rules.slots_of(stage.config)[-1].day == rules.dt.date(2030, 6, 2)
    make_topic("Next day", f"1:{new_id}")
    asking = f"{base}/slots/{new_id}/remove"
    assert "1 topic is there now." in facilitator.get(asking).get_data(as_text=True)
    post(facilitator, asking, asking)
    assert [s.label for s in rules.slots_of(stage.config)] == ["11:00–11:45", "12:00–12:45"]
    assert "2030-06-02 13:30–14:15 is off the board. 1 topic went back to the tray." in \
        flashes(facilitator, url)


def test_a_slot_that_ends_before_it_starts_is_refused(facilitator, base, stage):
    url = base + "/spaces-and-slots"
    response = post(facilitator, url, base + "/slots", starts="12:00", ends="11:00")
    assert response.status_code == 422
    assert "A slot must end after it starts." in response.get_data(as_text=True)
    assert len(rules.slots_of(stage.config)) == 2


def test_the_last_slot_cannot_be_removed(facilitator, base, event, stage):
    board.remove_slot(event, stage.id, 2)
    url = base + "/spaces-and-slots"
    post(facilitator, base + "/slots/1/remove", base + "/slots/1/remove")
    assert len(rules.slots_of(stage.config)) == 1
    assert "A board needs at least one slot." in flashes(facilitator, url)


def test_facilitator_lets_topics_share_a_cell(facilitator, base, stage, make_topic):
    url = base + "/spaces-and-slots"
    post(facilitator, url, base + "/sharing")
    assert service.sharing(stage) is True
    make_topic("Transport", MAIN_HALL_AT_11)
    topic = make_topic("Buses")
    assert MAIN_HALL_AT_11 in options_on(facilitator, base + "/",
                                         f"{base}/topics/{topic.id}/move")
    post(facilitator, url, base + "/sharing")
    assert service.sharing(stage) is False


# -- Arrange for me -----------------------------------------------------------------------

def test_arrange_for_me_previews_then_applies(facilitator, base, event, make_topic):
    topics = [make_topic(f"Topic {n}") for n in range(3)]
    for topic in topics:
        interested(event, topic, 1)
    response = post(facilitator, base + "/", base + "/arrange", movable="unscheduled")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "3 topics move. Missed topics: 3 now, 0 after." in html
    assert "Topic 0" in html and "not on the board" in html
    assert all(t.space_id is None for t in db.session.scalars(select(Topic)))   # not yet
    parser = _Forms()
    parser.feed(html)
    fields = next(f for act, f, _o in parser.forms if act == base + "/arrange/apply")
    response = facilitator.post(base + "/arrange/apply", data=fields)
    assert response.headers["Location"] == base + "/"
    assert all(t.space_id is not None for t in db.session.scalars(select(Topic)))
    assert "The arrangement is on the board: 3 topics moved." in flashes(facilitator,
                                                                         base + "/")


def test_a_proposal_for_a_board_that_changed_is_not_applied(facilitator, base, event,
                                                            make_topic):
    topic = make_topic("Topic")
    interested(event, topic, 1)
    html = post(facilitator, base + "/", base + "/arrange").get_data(as_text=True)
    parser = _Forms()
    parser.feed(html)
    fields = next(f for act, f, _o in parser.forms if act == base + "/arrange/apply")
    service.place(event, topic.id, 2, 2)   # someone moved it meanwhile
    facilitator.post(base + "/arrange/apply", data=fields)
    db.session.refresh(topic)
    assert (topic.space_id, topic.slot_id) == (2, 2)
    assert "The board has changed since this proposal." in flashes(facilitator, base + "/")


def test_keep_the_board_as_it_is_goes_back(facilitator, base, make_topic):
    make_topic("Topic")
    html = post(facilitator, base + "/", base + "/arrange", movable="unlocked") \
        .get_data(as_text=True)
    assert f'href="{base}/">Keep the board as it is</a>' in html


# -- people's text is text ----------------------------------------------------------------

def test_hostile_text_is_escaped_on_every_page(facilitator, base, event, make_topic):
    placed = make_topic(HOSTILE[:100], MAIN_HALL_AT_11, name="<b>Pat</b>",
                        description="<img src=x onerror=alert(2)>")
    make_topic(HOSTILE[:100])
    board.save_space(event, placed.stage_id, 1, '<i>Hall</i>', "", "<u>step</u>")
    for path in ("/", f"/topics/{placed.id}", "/paper", "/spaces-and-slots"):
        html = facilitator.get(base + path).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html, path
        assert "<i>Hall</i>" not in html and "<b>Pat</b>" not in html, path
        assert "<img src=x" not in html, path
    html = facilitator.get(base + "/").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(&#34;http://evil.example&#34;" in html
    assert "&lt;b&gt;Pat&lt;/b&gt;" in html and "&lt;i&gt;Hall&lt;/i&gt;" in html


# -- the run page and the event's page ----------------------------------------------------

def test_run_page_shows_the_open_space_on_show(facilitator, event, stage, make_topic):
    make_topic("Transport", MAIN_HALL_AT_11)
    make_topic("Buses")
    event.current_stage_id = stage.id
    db.session.commit()
    html = facilitator.get(f"/console/events/{event.code}/run").get_data(as_text=True)
    assert "The marketplace is open" in html
    assert "Topics: 2. On the board: 1. In the tray: 1. Hidden: 0." in html
    board_url = f"/console/events/{event.code}/open-space/{stage.id}/"
    assert f'href="{board_url}">Board, spaces and slots' in html
    response = post(facilitator, f"/console/events/{event.code}/run",
                    board_url + "marketplace")
    assert response.headers["Location"] == f"/console/events/{event.code}/run"
    assert service.marketplace_open(stage) is False


def test_event_page_links_the_board_and_paper_entry(facilitator, event, stage):
    html = facilitator.get(f"/console/events/{event.code}").get_data(as_text=True)
    base = f"/console/events/{event.code}/open-space/{stage.id}"
    assert f'href="{base}/">The board' in html
    assert f'href="{base}/paper">Type in topics from paper cards' in html


def test_a_paper_card_that_lost_its_id_gets_a_new_one(facilitator, base):
    url = base + "/paper"
    response = facilitator.post(url, data=form_on(facilitator, url, "", title="Card",
                                                  client_id=""))
    assert response.status_code == 422
    parser = _Forms()
    parser.feed(response.get_data(as_text=True))
    fields = next(f for act, f, _o in parser.forms if act == "")
    assert len(fields["client_id"]) >= 8 and fields["title"] == "Card"
    assert facilitator.post(url, data=fields).status_code == 302
    assert topic_named("Card").source == "paper"


def test_hidden_topics_are_not_offered_to_merge_into(facilitator, base, event, make_topic):
    hidden = make_topic("Spam")
    service.hide(event, hidden.id, True)
    kept = make_topic("Buses")
    topic = make_topic("Transport")
    page = f"{base}/topics/{topic.id}"
    assert options_on(facilitator, page, page + "/merge") == ["", str(kept.id)]
