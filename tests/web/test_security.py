"""Cross-cutting attacks on the web pages: CSRF on every form, one facilitator's event out of
another's reach (by code and by numeric id), redirects, downloads and hostile text.

ROUTES lists every route of the app with what it is for; a test checks the list against the
app's url_map, so a new route must be added here and is then attacked like the others.
"""

import csv
import io
import json
import re
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from facilitate.extensions import db
from facilitate.services import accounts, events, live, participants
from facilitate.stages.open_space import notes as open_space_notes
from facilitate.stages.open_space import proceedings as open_space_proceedings
from facilitate.stages.open_space import reports as open_space_reports
from facilitate.stages.open_space import service as open_space
from facilitate.stages.pledges import followup
from facilitate.stages.pledges import service as pledges
from facilitate.stages.reflection import service as reflections
from facilitate.stages.slides import service as slide_service
from facilitate.store.models import (
    Event,
    Participant,
    Pledge,
    Reflection,
    Topic,
    TopicNote,
    User,
)
from facilitate.web import CONTENT_SECURITY_POLICY
from tests.conftest import csrf_token, log_in

# Every route and its methods (besides HEAD and OPTIONS).
ROUTES = {
    "/": ('GET',),
    "/healthz": ('GET',),
    "/static/<path:filename>": ('GET',),
    "/console/": ('GET',),
    "/console/login": ('GET', 'POST'),
    "/console/logout": ('POST',),
    "/console/logout-everywhere": ('POST',),
    "/console/password": ('GET', 'POST'),
    "/console/events/new": ('GET', 'POST'),
    "/console/events/import": ('GET', 'POST'),
    "/console/events/<code>": ('GET',),
    "/console/events/<code>/edit": ('GET', 'POST'),
    "/console/events/<code>/delete": ('GET', 'POST'),
    "/console/events/<code>/status": ('POST',),
    "/console/events/<code>/stages": ('POST',),
    "/console/events/<code>/stages/<int:stage_id>/<action>": ('POST',),
    "/console/events/<code>/stages/<int:stage_id>/remove": ('GET',),
    "/console/events/<code>/stages/<int:stage_id>/slides": ('GET', 'POST'),
    "/console/events/<code>/facilitators": ('POST',),
    "/console/events/<code>/facilitators/<int:user_id>/remove": ('POST',),
    "/console/events/<code>/run": ('GET',),
    "/console/events/<code>/run/<action>": ('POST',),
    "/console/events/<code>/run/address": ('POST',),
    "/console/events/<code>/run/reflections/<int:reflection_id>": ('POST',),
    "/console/events/<code>/reflections/<int:stage_id>/paper": ('GET', 'POST'),
    "/console/events/<code>/pledges/": ('GET',),
    "/console/events/<code>/pledges/<int:pledge_id>/moderate": ('POST',),
    "/console/events/<code>/pledges/open": ('POST',),
    "/console/events/<code>/pledges/paper": ('GET', 'POST'),
    "/console/events/<code>/pledges/cards": ('GET',),
    "/console/events/<code>/pledges/<int:pledge_id>": ('GET', 'POST'),
    "/console/events/<code>/pledges/<int:pledge_id>/new-link": ('POST',),
    "/console/events/<code>/follow-up": ('GET',),
    "/console/events/<code>/follow-up/settings": ('GET', 'POST'),
    "/console/events/<code>/follow-up/links.csv": ('GET',),
    "/console/events/<code>/people": ('GET',),
    "/console/events/<code>/people/<int:person_id>": ('GET',),
    "/console/events/<code>/people/<int:person_id>/data.json": ('GET',),
    "/console/events/<code>/people/<int:person_id>/delete": ('POST',),
    "/console/events/<code>/workbook.xlsx": ('GET',),
    "/console/events/<code>/progress-import": ('GET', 'POST'),
    "/console/events/<code>/open-space/<int:stage_id>/": ('GET',),
    "/console/events/<code>/open-space/<int:stage_id>/marketplace": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/topics/<int:topic_id>": ('GET',),
    "/console/events/<code>/open-space/<int:stage_id>/topics/<int:topic_id>/move": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/topics/<int:topic_id>/edit": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/topics/<int:topic_id>/hide": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/topics/<int:topic_id>/lock": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/topics/<int:topic_id>/merge": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/paper": ('GET', 'POST'),
    "/console/events/<code>/open-space/<int:stage_id>/notes": ('GET', 'POST'),
    "/console/events/<code>/open-space/<int:stage_id>/notes/<int:note_id>/moderate":
        ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/notes/screen": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/reports": ('GET',),
    "/console/events/<code>/open-space/<int:stage_id>/reports/open": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/topics/<int:topic_id>/report":
        ('GET', 'POST'),
    "/console/events/<code>/proceedings": ('GET',),
    "/console/events/<code>/proceedings/publish": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/spaces-and-slots": ('GET',),
    "/console/events/<code>/open-space/<int:stage_id>/spaces": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/spaces/<int:space_id>": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/slots": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/slots/<int:slot_id>": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/spaces/<int:space_id>/remove":
        ('GET', 'POST'),
    "/console/events/<code>/open-space/<int:stage_id>/slots/<int:slot_id>/remove":
        ('GET', 'POST'),
    "/console/events/<code>/open-space/<int:stage_id>/sharing": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/arrange": ('POST',),
    "/console/events/<code>/open-space/<int:stage_id>/arrange/apply": ('POST',),
    "/console/events/<code>/polls/<int:stage_id>": ('GET',),
    "/console/events/<code>/polls/<int:stage_id>/questions": ('POST',),
    "/console/events/<code>/polls/<int:stage_id>/questions/<int:question_id>": ('GET', 'POST'),
    "/console/events/<code>/polls/<int:stage_id>/questions/<int:question_id>/<action>":
        ('POST',),
    "/console/events/<code>/polls/<int:stage_id>/paper/<int:question_id>": ('GET', 'POST'),
    "/console/events/<code>/ladders/<int:stage_id>/earlier": ('GET', 'POST'),
    "/screen/<code>": ('GET',),
    "/join": ('GET', 'POST'),
    "/j/<code>": ('GET', 'POST'),
    "/j/<code>/live": ('GET',),
    "/j/<code>/reflections": ('POST',),
    "/j/<code>/reflections/<int:reflection_id>/me-too": ('POST',),
    "/j/<code>/topics": ('POST',),
    "/j/<code>/topics/<int:topic_id>/<action>": ('POST',),
    "/j/<code>/notes": ('POST',),
    "/j/<code>/reports/<int:topic_id>": ('GET', 'POST'),
    "/j/<code>/answers": ('POST',),
    "/j/<code>/qr.svg": ('GET',),
    "/j/<code>/qr.png": ('GET',),
    "/j/<code>/pledges": ('GET', 'POST'),
    "/j/<code>/pledges/<int:pledge_id>/edit": ('GET', 'POST'),
    "/j/<code>/pledges/<int:pledge_id>/withdraw": ('GET', 'POST'),
    "/f/<token>": ('GET', 'POST'),
    "/f/<token>/stop-contact": ('POST',),
    "/e/<code>/you-said-we-did": ('GET',),
    "/e/<code>/proceedings": ('GET',),
}
POST_ROUTES = sorted(rule for rule, methods in ROUTES.items() if "POST" in methods)
EVENT_CONSOLE_PAGES = sorted((rule, method) for rule, methods in ROUTES.items()
                             if rule.startswith("/console/events/<code>") for method in methods)
ID_PARAMETERS = ("stage_id", "user_id", "reflection_id", "pledge_id", "person_id", "topic_id",
                 "space_id", "slot_id", "question_id", "note_id")
ID_PAGES = [(rule, method) for rule, method in EVENT_CONSOLE_PAGES
            if any(f"<int:{name}>" in rule for name in ID_PARAMETERS)]
# Actions for the routes that take one: the ones that change the most.
ACTIONS = {"/console/events/<code>/stages/<int:stage_id>/<action>": "remove",
           "/console/events/<code>/run/<action>": "lock",
           "/j/<code>/topics/<int:topic_id>/<action>": "interest",
           "/console/events/<code>/polls/<int:stage_id>/questions/<int:question_id>/<action>":
               "remove"}
# Forms that answer an id not in the event with a message on the event's page, not a 404.
FLASHING_POSTS = {"/console/events/<code>/facilitators/<int:user_id>/remove",
                  "/console/events/<code>/pledges/<int:pledge_id>/moderate",
                  "/console/events/<code>/run/reflections/<int:reflection_id>"}


def unknown_id_status(rule: str, method: str) -> int:
    """The status of a page asked for an id that is not in the event."""
    return 302 if method == "POST" and rule in FLASHING_POSTS else 404


@dataclass
class Side:
    """One facilitator's event with something of everything in it."""

    user: User
    event: Event
    co_facilitator: User
    participant: Participant
    reflection: Reflection
    pledge: Pledge
    topic: Topic

    def url(self, rule: str, code: str | None = None) -> str:
        staged = "open_space" if "/open-space/" in rule else \
            "poll" if "/polls/" in rule else "ladder" if "/ladders/" in rule else \
            "reflection" if "/reflections/<int:stage_id>" in rule else "slides"
        values = {"<code>": code or self.event.code,
                  "<int:stage_id>": str(_stage(self.event, staged).id),
                  "<int:topic_id>": str(self.topic.id),
                  "<int:space_id>": "1",
                  "<int:slot_id>": "1",
                  "<int:question_id>": "1",
                  "<int:user_id>": str(self.co_facilitator.id),
                  "<int:reflection_id>": str(self.reflection.id),
                  "<int:pledge_id>": str(self.pledge.id),
                  "<int:note_id>": str(self.note_id),
                  "<int:person_id>": str(self.participant.id),
                  "<token>": self.pledge.follow_up_token,
                  "<action>": ACTIONS.get(rule, ""),
                  "<path:filename>": "css/base.css"}
        for name, value in values.items():
            rule = rule.replace(name, value)
        return rule

    @property
    def note_id(self) -> int:
        """The event's note on its topic."""
        return db.session.scalar(select(TopicNote.id).where(TopicNote.event_id == self.event.id))

    def form(self, token: str | None = None) -> dict:
        """Fields that would change something on any of the forms, if they were let through."""
        data = {"value": "hidden", "title": "Changed", "venue": "Changed", "moderation": "approve",
                "slides": "# Changed", "public_url": "http://192.0.2.99", "kind": "welcome",
                "email": "changed@example.org", "understood": "y", "confirm": self.event.code,
                "status": "done", "note": "Changed", "checkin_days": "42", "publish": "y",
                "action": "I will change things", "text": "Changed",
                "client_id": "attacker-made-id-0001", "stage_id": str(_stage(self.event,
                                                                          "reflection").id),
                "name": "Changed", "code": self.event.code,
                "options": "Changed\nAgain", "count-0": "9", "q1": "0", "earlier": "none"}
        if token is not None:
            data["csrf_token"] = token
        return data


def _stage(event: Event, kind: str):
    return next(s for s in event.stages if s.kind == kind)


def _make_side(make_user, make_event) -> Side:
    user = make_user()
    event = make_event(owner=user, status="live")
    co_facilitator = make_user()
    events.add_facilitator(event, co_facilitator.email)
    person = participants.join(event, "Private Person", "Private Org", [], True)
    db.session.commit()
    reflection, _ = reflections.submit(event, person, f"refl-{event.code}",
                                       _stage(event, "reflection").id, "A private reflection")
    pledge, _ = pledges.submit_pledge(event, person, f"pledge-{event.code}",
                                      {"action": f"A private pledge of {event.code}",
                                       "consent_contact": True,
                                       "email": "private@example.org"})
    topic, _ = open_space.propose(event, person, f"topic-{event.code}",
                                  _stage(event, "open_space").id,
                                  f"A private topic of {event.code}")
    open_space_notes.add(event, person, f"note-{event.code}", topic.id, "point",
                         f"A private note of {event.code}")
    return Side(user, event, co_facilitator, person, reflection, pledge, topic)


@pytest.fixture
def victim(make_user, make_event) -> Side:
    return _make_side(make_user, make_event)


@pytest.fixture
def attacker(make_user, make_event) -> Side:
    return _make_side(make_user, make_event)


def database_rows() -> dict:
    """Every row of every table: a request that must change nothing leaves this as it was."""
    db.session.expire_all()
    return {table.name: sorted(repr(tuple(row)) for row in db.session.execute(select(table)))
            for table in db.metadata.sorted_tables}


def as_phone(client, side: Side) -> None:
    """This browser is the side's participant's phone too."""
    with client.session_transaction() as session:
        session["participants"] = {side.event.code: side.participant.public_id}


def test_the_route_list_covers_every_route(app):
    found: dict[str, tuple] = {}
    for rule in app.url_map.iter_rules():   # a path may have a GET rule and a POST rule
        methods = set(found.get(rule.rule, ())) | (rule.methods - {"HEAD", "OPTIONS"})
        found[rule.rule] = tuple(sorted(methods))
    assert found == ROUTES


# -- CSRF -----------------------------------------------------------------------------------

@pytest.mark.parametrize("rule", POST_ROUTES)
def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(client, victim, rule):
    assert log_in(client, victim.user.email).status_code == 302
    as_phone(client, victim)
    before = database_rows()

    response = client.post(victim.url(rule), data=victim.form())

    assert response.status_code == 400
    assert "Please try again" in response.get_data(as_text=True)
    assert database_rows() == before
    assert client.get("/console/").status_code == 200   # not even logged out


@pytest.mark.parametrize("rule", POST_ROUTES)
def test_every_post_with_a_wrong_csrf_token_is_refused(client, victim, rule):
    assert log_in(client, victim.user.email).status_code == 302
    as_phone(client, victim)
    before = database_rows()

    response = client.post(victim.url(rule), data=victim.form("not-the-token"))

    assert response.status_code == 400
    assert database_rows() == before


@pytest.mark.parametrize("rule", POST_ROUTES)
def test_every_form_sent_nonsense_answers_with_a_page_not_a_server_error(client, victim, rule):
    assert log_in(client, victim.user.email).status_code == 302
    as_phone(client, victim)
    data = {key: "nonsense" for key in victim.form()}
    data["csrf_token"] = csrf_token(client, "/console/")

    response = client.post(victim.url(rule), data=data)

    assert response.status_code < 500


# -- another facilitator's event ------------------------------------------------------------

@pytest.mark.parametrize(("rule", "method"), EVENT_CONSOLE_PAGES)
def test_every_console_page_of_another_facilitators_event_is_not_found(
        client, victim, attacker, rule, method):
    victim.event.title = "Victim Private Day"   # both sides came from the demo plan's title
    db.session.commit()
    assert log_in(client, attacker.user.email).status_code == 302
    token = csrf_token(client, "/console/events/new")
    before = database_rows()

    response = client.open(victim.url(rule), method=method, data=victim.form(token))

    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Victim Private Day" not in body
    assert "A private" not in body and "Private Person" not in body
    assert database_rows() == before


@pytest.mark.parametrize(("rule", "method"), EVENT_CONSOLE_PAGES)
def test_a_co_facilitator_removed_from_an_event_loses_every_page(client, victim, rule, method):
    assert log_in(client, victim.co_facilitator.email).status_code == 302
    token = csrf_token(client, victim.url("/console/events/<code>"))
    events.remove_facilitator(victim.event, victim.co_facilitator.id)
    before = database_rows()

    response = client.open(victim.url(rule), method=method, data=victim.form(token))

    assert response.status_code == 404
    assert database_rows() == before


@pytest.mark.parametrize(("rule", "method"), ID_PAGES)
def test_ids_of_another_event_under_my_own_code_reach_nothing(
        client, victim, attacker, rule, method):
    assert log_in(client, attacker.user.email).status_code == 302
    token = csrf_token(client, "/console/events/new")
    before = database_rows()

    # The attacker's own join code, with the victim's stage, user, reflection, pledge and
    # person ids.
    response = client.open(victim.url(rule, code=attacker.event.code), method=method,
                           data=victim.form(token))

    assert response.status_code == unknown_id_status(rule, method)
    if response.status_code == 302:
        assert response.headers["Location"].startswith(f"/console/events/{attacker.event.code}")
    body = response.get_data(as_text=True)
    assert "A private pledge of " + victim.event.code not in body
    assert "private@example.org" not in body
    rows = database_rows()
    for table in ("events", "stages", "event_facilitators", "participants", "reflections",
                  "pledges", "progress_updates"):
        victims = [row for row in rows[table] if _mentions(row, victim)]
        assert victims == [row for row in before[table] if _mentions(row, victim)], table


def _mentions(row: str, side: Side) -> bool:
    """Rough but enough: a row of the victim's event carries its id as event_id."""
    return f", {side.event.id}, " in row or row.startswith(f"({side.event.id}, ")


def test_a_phone_cannot_reach_another_phones_pledge_through_another_event(
        client, victim, attacker):
    # This browser joined both events; the victim's pledge is not its own in either.
    as_phone(client, attacker)
    with client.session_transaction() as session:
        session["participants"][victim.event.code] = "someone-elses-id-0000"
    before = database_rows()
    # Where it joined the pledge is not its own; where it has not joined it is sent to join.
    for code, expected in ((attacker.event.code, (404, None)),
                           (victim.event.code, (302, f"/j/{victim.event.code}"))):
        for action in ("edit", "withdraw"):
            url = f"/j/{code}/pledges/{victim.pledge.id}/{action}"
            page = client.get(url)
            token = csrf_token(client, f"/j/{attacker.event.code}/pledges")
            sent = client.post(url, data={**victim.form(token), "value": "yes"})
            for response in (page, sent):
                assert (response.status_code, response.headers.get("Location")) == expected
    assert database_rows() == before


def test_a_screen_link_opens_only_its_own_event(client, victim, attacker):
    assert client.get(f"/screen/{victim.event.code}?key={attacker.event.screen_token}") \
        .status_code == 403
    assert client.get(f"/screen/{attacker.event.code}?key={attacker.event.screen_token}") \
        .status_code == 302
    assert client.get(f"/screen/{victim.event.code}").status_code == 403
    assert client.get(f"/screen/{attacker.event.code}").status_code == 200


# -- redirects ------------------------------------------------------------------------------

@pytest.mark.parametrize("target", [
    "//evil.example/x", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
    "/\\evil.example", "\\\\evil.example", "https://evil.example", "javascript:alert(1)",
    "/\x00/evil.example", " //evil.example", "http:/evil.example", "/" + "a" * 3000])
def test_login_goes_only_to_pages_of_this_site(client, make_user, target):
    user = make_user()
    token = csrf_token(client, "/console/login")

    response = client.post("/console/login", query_string={"next": target}, data={
        "email": user.email, "password": "correct horse battery", "csrf_token": token})

    assert response.status_code == 302
    assert response.headers["Location"] == "/console/"


def test_login_goes_on_to_the_page_asked_for(client, make_user):
    user = make_user()
    token = csrf_token(client, "/console/login")

    response = client.post("/console/login", query_string={"next": "/console/events/new"},
                           data={"email": user.email, "password": "correct horse battery",
                                 "csrf_token": token})

    assert response.headers["Location"] == "/console/events/new"


@pytest.mark.parametrize("suffix", ["\r\nSet-Cookie: a=b", "\t/../x", "\\x", "\n"])
def test_moderating_a_pledge_goes_back_only_to_a_page_of_the_event(client, victim, suffix):
    assert log_in(client, victim.user.email).status_code == 302
    token = csrf_token(client, victim.url("/console/events/<code>/pledges/"))

    response = client.post(victim.url("/console/events/<code>/pledges/<int:pledge_id>/moderate"),
                           data={"csrf_token": token, "value": "hide",
                                 "next": f"/console/events/{victim.event.code}/{suffix}"})

    assert response.status_code == 302
    assert response.headers["Location"] == f"/console/events/{victim.event.code}/pledges/#list"
    assert "Set-Cookie" not in response.headers or "a=b" not in response.headers["Set-Cookie"]
    assert db.session.get(Pledge, victim.pledge.id).visibility == "hidden"


def test_moderating_a_pledge_goes_back_to_the_page_it_came_from(client, victim):
    assert log_in(client, victim.user.email).status_code == 302
    token = csrf_token(client, victim.url("/console/events/<code>/pledges/"))
    back = f"/console/events/{victim.event.code}/follow-up"

    response = client.post(victim.url("/console/events/<code>/pledges/<int:pledge_id>/moderate"),
                           data={"csrf_token": token, "value": "hide", "next": back})

    assert response.headers["Location"] == back


# -- numbers that are not ids -----------------------------------------------------------------

HUGE = 10**25


@pytest.mark.parametrize(("rule", "method"), ID_PAGES)
def test_an_id_too_big_for_the_database_is_simply_not_found(client, victim, rule, method):
    assert log_in(client, victim.user.email).status_code == 302
    token = csrf_token(client, "/console/events/new")
    url = victim.url(re.sub(r"<int:[a-z_]+>", str(HUGE), rule))
    before = database_rows()

    response = client.open(url, method=method, data=victim.form(token))

    assert response.status_code == unknown_id_status(rule, method)
    if response.status_code == 302:
        assert response.headers["Location"].startswith(f"/console/events/{victim.event.code}")
    assert database_rows() == before


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000, str(HUGE), "-1", "1.0", ""])
def test_a_stage_button_with_a_strange_number_says_so(client, victim, value):
    assert log_in(client, victim.user.email).status_code == 302
    token = csrf_token(client, victim.url("/console/events/<code>/run"))
    before = database_rows()

    response = client.post(victim.url("/console/events/<code>/run/stage"),
                           data={"csrf_token": token, "value": value})

    assert response.status_code == 302
    assert "Choose a stage." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert database_rows() == before


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000, str(HUGE), "-1"])
def test_a_reflection_form_with_a_strange_stage_number_says_so(client, victim, value):
    live.go_to_stage(victim.event, _stage(victim.event, "reflection").id)
    as_phone(client, victim)
    token = csrf_token(client, victim.url("/j/<code>/live"))
    before = database_rows()

    response = client.post(victim.url("/j/<code>/reflections"), data={
        "csrf_token": token, "stage_id": value, "text": "Hello", "client_id": "phone-made-0001"})

    assert response.status_code == 422
    assert "The message was not sent properly. Please send it again." \
        in response.get_data(as_text=True)
    assert database_rows() == before


# -- hostile text on every page -------------------------------------------------------------

XSS = ("<script>alert(1)</script>\"><img src=x onerror=alert(2)>'><svg onload=alert(3)>"
       "{{7*7}}javascript:alert(4)")
SHORT_XSS = "\"><img src=x onerror=alert(2)>{{7*7}}"          # fits a theme (60)
EMAIL_XSS = "\"><img/src=x/onerror=alert(5)>@example.org"    # a valid address to our check
SLIDES_XSS = "\n\n---\n\n".join([
    "# " + XSS, "[click](javascript:alert(6))", "[click](JaVaScRiPt:alert(7))",
    "[click](java\tscript:alert(8))", "<a href=\"javascript:alert(9)\">x</a>",
    "![x](javascript:alert(10))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<javascript:alert(11)>", "[x](vbscript:msgbox(12))"])


def hostile_plan() -> str:
    """A plan with hostile text in every field (JSON strings are TOML basic strings)."""
    def q(text: str) -> str:
        return json.dumps(text)
    return "\n".join([
        "[event]", f"title = {q(XSS)}", f"venue = {q(XSS)}", f"description = {q(XSS)}",
        f"themes = [{q(SHORT_XSS)}, \"Plain\"]", f"roles = [{q(SHORT_XSS)}]",
        "[[stages]]", "kind = \"welcome\"", f"title = {q(XSS[:120])}", f"message = {q(XSS)}",
        "[[stages]]", "kind = \"slides\"", f"title = {q(XSS[:120])}", "slides = [\"x\"]",
        "[[stages]]", "kind = \"reflection\"", f"title = {q(XSS[:120])}",
        f"question = {q(XSS)}",
        "[[stages]]", "kind = \"open_space\"", f"title = {q(XSS[:120])}",
        f"theme = {q(XSS[:300])}",
        f"spaces = [{{name = {q(XSS[:80])}, capacity = 2, access = {q(XSS[:200])}}}]",
        "slots = [\"11:00-11:45\"]",
        "[[stages]]", "kind = \"pledges\"", f"title = {q(XSS[:120])}", f"prompt = {q(XSS)}",
        "[[stages]]", "kind = \"ladder\"", f"title = {q(XSS[:120])}",
        f"question = {q(XSS[:300])}",
        "[[stages]]", "kind = \"poll\"", f"title = {q(XSS[:120])}",
        "[[stages.questions]]", f"text = {q(XSS[:300])}", f"options = [{q(XSS[:120])}, \"Plain\"]",
        "[[stages.questions]]", "kind = \"scale\"", f"text = {q(XSS[:300])}",
        f"low = {q(XSS[:60])}", f"high = {q(XSS[:60])}",
        "[[stages]]", "kind = \"close\"", f"title = {q(XSS[:120])}", f"message = {q(XSS)}"])


@pytest.fixture
def hostile(make_user, make_event) -> Side:
    """An event where every field anyone can type holds markup, template and script text."""
    user = make_user()
    event = make_event(owner=user, plan=hostile_plan(), status="live")
    co_facilitator = make_user()
    events.add_facilitator(event, co_facilitator.email)
    slide_service.update_slides(event, _stage(event, "slides").id, SLIDES_XSS)
    person = participants.join(event, XSS[:80], XSS[:120], [SHORT_XSS], True)
    live.go_to_stage(event, _stage(event, "reflection").id)
    reflection, _ = reflections.submit(event, person, "hostile-reflection-1",
                                       _stage(event, "reflection").id, XSS)
    pledge, _ = pledges.submit_pledge(event, person, "hostile-pledge-0001", {
        "action": XSS, "support_needed": XSS, "name": XSS[:80], "organisation": XSS[:120],
        "theme": SHORT_XSS, "display": "name", "consent_contact": True, "email": EMAIL_XSS})
    pledges.record_progress(pledge, {"status": "done", "note": XSS, "what_changed": XSS})
    followup.save_settings(event, checkin_days=[42], retention_days="", publish=True)
    topic, _ = open_space.propose(event, person, "hostile-topic-0001",
                                  _stage(event, "open_space").id, XSS[:120], XSS[:500],
                                  show_name=True, name=XSS[:80], help_wanted=True)
    open_space.place(event, topic.id, 1, 1)
    open_space_notes.add(event, person, "hostile-note-0001", topic.id, "action", XSS[:500],
                         XSS[:80])
    open_space_reports.save(event, person, "hostile-report-0001", topic.id, {
        "discussed": XSS, "names": XSS[:500], "key_points": XSS, "recommendations": XSS,
        "actions": [{"what": XSS[:300], "owner": XSS[:80], "due": ""}]})
    open_space_proceedings.set_published(event, True)
    return Side(user, event, co_facilitator, person, reflection, pledge, topic)


HTML_PAGES = sorted(rule for rule, methods in ROUTES.items() if "GET" in methods
                    and not rule.endswith((".png", ".svg", ".csv", ".json", ".xlsx"))
                    and rule not in ("/static/<path:filename>", "/healthz"))


def assert_no_live_markup(html: str) -> None:
    lowered = html.lower()
    assert "<script>alert" not in lowered
    assert "<img src=x" not in lowered and "<img/src=x" not in lowered
    assert "<svg onload" not in lowered
    assert not re.search(r"""(href|src|action|formaction)\s*=\s*["']?\s*"""
                         r"""((java|vb)\s*script|data:text)""", lowered)


@pytest.mark.parametrize("rule", HTML_PAGES)
def test_hostile_text_stays_text_on_every_page(client, hostile, rule):
    assert log_in(client, hostile.user.email).status_code == 302
    as_phone(client, hostile)
    url = hostile.url(rule)
    if rule == "/console/events/<code>/people":
        url += "?q=" + quote("<script>")
    if rule == "/join":
        url += "?code=" + quote(XSS)

    response = client.get(url, follow_redirects=True)

    assert response.status_code == (404 if rule == "/join" else 200)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["Referrer-Policy"] == "no-referrer"
    html = response.get_data(as_text=True)
    assert_no_live_markup(html)
    assert " style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag


def test_the_content_security_policy_allows_no_inline_or_foreign_code():
    policy = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY and "*" not in CONTENT_SECURITY_POLICY


def test_hostile_text_shows_as_the_text_that_was_typed(client, hostile):
    assert log_in(client, hostile.user.email).status_code == 302

    html = client.get(hostile.url("/console/events/<code>")).get_data(as_text=True)

    assert "{{7*7}}" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html


def test_slide_links_to_scripts_are_not_links(client, hostile):
    as_phone(client, hostile)
    live.go_to_stage(hostile.event, _stage(hostile.event, "slides").id)
    html = ""
    for slide in range(9):
        hostile.event.stages[1].state = {"slide": slide}
        db.session.commit()
        html += client.get(hostile.url("/j/<code>/live")).get_data(as_text=True)

    assert_no_live_markup(html)
    slides = re.findall(r'<div class="slide-text">(.*?)</div>', html, re.S)
    assert len(slides) == 9
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in slides[0]   # the heading, as text
    assert all("<a " not in slide for slide in slides[1:])
    assert "[click](javascript:alert(6))" in slides[1]


# -- downloads ------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1:A9)",
            "=cmd|' /C calc'!A0"]


EMAILS = ['=HYPERLINK("http://evil.example")@example.org', "+1+1@example.org",
          "-2+3@example.org", "=SUM(A1)@example.org", "=cmd|'/C.calc'!A0@example.org"]


def test_no_mail_merge_cell_can_become_a_formula(client, victim):
    for n, formula in enumerate(FORMULAS):
        pledges.submit_pledge(victim.event, None, f"paper-formula-{n:04d}", {
            "action": formula, "name": formula[:80], "organisation": formula,
            "consent_contact": True, "email": EMAILS[n]},
            source="paper")
    assert log_in(client, victim.user.email).status_code == 302

    response = client.get(victim.url("/console/events/<code>/follow-up/links.csv"))

    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) == 1 + 1 + len(FORMULAS)
    # Name, email and pledge of each: written as text, with the apostrophe spreadsheets hide.
    assert sum(cell[:2] in ("'=", "'+", "'-", "'@") for cell in cells) == 3 * len(FORMULAS)
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.mark.parametrize("title", ['Quote " and \\ backslash', "Café ☕ — ünïcödé",
                                   "line\r\nContent-Type: text/html", "../../etc/passwd"])
@pytest.mark.parametrize("rule", ["/console/events/<code>/follow-up/links.csv",
                                  "/console/events/<code>/people/<int:person_id>/data.json",
                                  "/console/events/<code>/workbook.xlsx",
                                  "/j/<code>/qr.png?download=1"])
def test_download_names_come_from_the_join_code_not_the_title(client, victim, title, rule):
    events.update_event(victim.event, title=title, date=None, venue="", description="",
                        moderation="show")
    assert log_in(client, victim.user.email).status_code == 302

    response = client.get(victim.url(rule))
    response.get_data()
    response.close()

    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="?[A-Za-z0-9.-]+"?', disposition), disposition
    assert victim.event.code in disposition
    assert all("\n" not in value and "\r" not in value for value in response.headers.values())
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# -- follow-up links ------------------------------------------------------------------------

def test_a_follow_up_link_is_never_sent_on_or_kept(client, victim, caplog):
    token = victim.pledge.follow_up_token
    caplog.set_level("DEBUG")
    page = client.get(f"/f/{token}")
    form_token = csrf_token(client, f"/f/{token}")
    saved = client.post(f"/f/{token}", data={"csrf_token": form_token, "status": "in_progress",
                                            "note": "Going well"})
    stopped = client.post(f"/f/{token}/stop-contact", data={"csrf_token": form_token})
    wrong = client.get(f"/f/{token[:-1]}x")

    for response in (page, saved, stopped, wrong):
        assert response.headers["Referrer-Policy"] == "no-referrer"
    for response in (page, wrong):
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Robots-Tag"] == "noindex"
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", response.get_data(as_text=True))
    assert saved.status_code == 302 and stopped.status_code == 302
    assert token not in caplog.text


def test_staff_pages_of_a_pledge_do_not_log_its_link(client, victim, caplog):
    assert log_in(client, victim.user.email).status_code == 302
    old = victim.pledge.follow_up_token
    caplog.set_level("DEBUG")
    url = victim.url("/console/events/<code>/pledges/<int:pledge_id>")
    token = csrf_token(client, url)
    client.post(url + "/new-link", data={"csrf_token": token})
    client.get(victim.url("/console/events/<code>/follow-up/links.csv"))

    new = db.session.get(Pledge, victim.pledge.id).follow_up_token
    assert new != old
    assert old not in caplog.text and new not in caplog.text


@pytest.mark.parametrize("address", [
    'http://x"><svg/onload=alert(1)>', "http://x'/onmouseover=alert(1)", "http://x/<script>",
    "http://x/a b", "http://user@evil.example", "http://x/%0a\nSet-Cookie:a=b", "http://x:99999999"])
def test_an_address_for_phones_with_markup_or_tricks_is_refused(client, victim, address):
    assert log_in(client, victim.user.email).status_code == 302
    token = csrf_token(client, victim.url("/console/events/<code>/run"))

    response = client.post(victim.url("/console/events/<code>/run/address"),
                           data={"csrf_token": token, "public_url": address},
                           follow_redirects=True)

    assert "Write the address like http://192.168.1.20:5000" in response.get_data(as_text=True)
    assert db.session.get(Event, victim.event.id).public_url == ""


@pytest.mark.parametrize("address", ["https://join.example.org", "http://192.168.1.20:5000",
                                     "https://events.example.org/our-day/", "http://[fd00::1]:80"])
def test_an_ordinary_address_for_phones_is_kept(client, victim, address):
    assert log_in(client, victim.user.email).status_code == 302
    token = csrf_token(client, victim.url("/console/events/<code>/run"))

    client.post(victim.url("/console/events/<code>/run/address"),
                data={"csrf_token": token, "public_url": address})

    assert db.session.get(Event, victim.event.id).public_url == address.rstrip("/")


# -- sessions -------------------------------------------------------------------------------

def test_a_new_password_logs_out_every_other_browser(app, victim):
    here, elsewhere = app.test_client(), app.test_client()
    for client in (here, elsewhere):
        assert log_in(client, victim.user.email).status_code == 302
        assert client.get("/console/").status_code == 200
    token = csrf_token(here, "/console/password")

    response = here.post("/console/password", data={
        "csrf_token": token, "password": "a brand new passphrase",
        "confirm": "a brand new passphrase"})

    assert response.headers["Location"] == "/console/"
    assert here.get("/console/").status_code == 200
    assert elsewhere.get("/console/").headers["Location"].startswith("/console/login")
    assert elsewhere.get(victim.url("/console/events/<code>/people")).status_code == 302


def test_a_password_reset_from_the_command_line_logs_everybody_out(client, victim):
    assert log_in(client, victim.user.email).status_code == 302

    accounts.set_password(victim.user.email)

    assert client.get("/console/").headers["Location"].startswith("/console/login")


def copy_of_session(app, client):
    """Another browser holding a copy of this browser's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_logging_out_ends_the_session_so_a_copied_cookie_opens_nothing(app, client, victim):
    assert log_in(client, victim.user.email).status_code == 302
    thief = copy_of_session(app, client)
    assert thief.get("/console/").status_code == 200

    response = client.post("/console/logout", data={"csrf_token": csrf_token(client,
                                                                             "/console/")})

    assert response.headers["Location"] == "/console/login"
    for browser in (client, thief):
        assert browser.get("/console/").headers["Location"].startswith("/console/login")
        assert browser.get(victim.url("/console/events/<code>/run")).status_code == 302


def test_logging_out_here_leaves_the_other_browsers_logged_in(app, victim):
    here, elsewhere = app.test_client(), app.test_client()
    for browser in (here, elsewhere):
        assert log_in(browser, victim.user.email).status_code == 302

    here.post("/console/logout", data={"csrf_token": csrf_token(here, "/console/")})

    assert here.get("/console/").status_code == 302
    assert elsewhere.get("/console/").status_code == 200


def test_log_out_everywhere_ends_every_session_and_closes_the_live_console(app, victim):
    from tests.realtime.conftest import connect

    here, laptop = app.test_client(), app.test_client()
    for browser in (here, laptop):
        assert log_in(browser, victim.user.email).status_code == 302
    thief = copy_of_session(app, laptop)
    console = connect(app, laptop, victim.event, "console")
    assert console.is_connected()

    response = here.post("/console/logout-everywhere",
                         data={"csrf_token": csrf_token(here, "/console/password")})

    assert response.headers["Location"] == "/console/login"
    assert "You are logged out on every computer and phone." in \
        here.get("/console/login").get_data(as_text=True)
    for browser in (here, laptop, thief):
        assert browser.get("/console/").headers["Location"].startswith("/console/login")
    assert not console.is_connected()
    assert not connect(app, thief, victim.event, "console").is_connected()


# -- guessing join codes --------------------------------------------------------------------

GUESSES = ["AAAAAA", "BBBBBB", "CCCCCC"]


@pytest.mark.parametrize("page", ["/j/{code}", "/join?code={code}", "/j/{code}/qr.svg",
                                  "/j/{code}/pledges", "/screen/{code}",
                                  "/e/{code}/you-said-we-did"])
def test_guessing_join_codes_is_slowed_down_per_address(app, client, victim, page):
    app.config["WRONG_CODE_LIMIT_PER_ADDRESS"] = "3 per 10 minutes"
    for guess in GUESSES:
        assert client.get(page.format(code=guess)).status_code == 404

    blocked = client.get(page.format(code=victim.event.code))

    assert blocked.status_code == 429
    assert "Too many wrong join codes were tried from here." in blocked.get_data(as_text=True)
    elsewhere = client.get(f"/j/{victim.event.code}", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert elsewhere.status_code == 200


# -- uploads --------------------------------------------------------------------------------

@pytest.mark.parametrize(("plan", "message"), [
    (b"a = " + b"[" * 5000 + b"]" * 5000, "Lists or tables are nested too deeply."),
    (b"a." * 20_000 + b"b = 1", "A dotted name here has more than 50 parts"),
    (b"# " + b"x" * (600 * 1024), "The file is too big. The most is 512 KB."),
    (b"\xff\xfe not text", "The file must be UTF-8 text."),
    (b'[event]\ntitle = "x"\n' + b"".join(b"k%d = 1\n" % i for i in range(5000)),
     "There are more than 50 problems. Fix these first.")])
def test_a_hostile_plan_file_is_refused_with_a_reason(client, make_user, plan, message):
    user = make_user()
    assert log_in(client, user.email).status_code == 302
    token = csrf_token(client, "/console/events/import")
    before = database_rows()

    # Encoded here: the test client would spool a big upload to a file it never closes.
    boundary, body = encode_multipart({"plan": FileStorage(io.BytesIO(plan), "day.toml"),
                                       "csrf_token": token})

    response = client.post("/console/events/import", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert database_rows() == before


def test_a_role_sent_twenty_thousand_times_is_kept_once(client, victim):
    token = csrf_token(client, victim.url("/j/<code>"))

    response = client.post(victim.url("/j/<code>"), data={
        "csrf_token": token, "roles": ["Unpaid carer", "NHS"] * 10_000 + ["Unpaid carer"]})

    assert response.status_code == 302
    newest = db.session.scalar(select(Participant).order_by(Participant.id.desc()))
    assert newest.roles == ["Unpaid carer", "NHS"]
