"""Reflections written on paper cards: a facilitator types them in; they go on the wall at
once, marked as from paper, stored once however often Save is pressed."""

import re

from sqlalchemy import select

from facilitate.extensions import db
from facilitate.stages.reflection import service, views
from facilitate.store.models import Reflection
from tests.conftest import csrf_token, log_in
from tests.export.helpers import export_bytes, open_workbook, rows_of
from tests.stages.reflection.conftest import reflection_stage


def paper_page(event) -> str:
    return f"/console/events/{event.code}/reflections/{reflection_stage(event).id}/paper"


def type_in(client, event, text: str, client_id: str | None = None):
    page = client.get(paper_page(event)).get_data(as_text=True)
    made = re.search(r'name="client_id" type="hidden" value="([^"]+)"', page).group(1)
    return client.post(paper_page(event), data={
        "csrf_token": csrf_token(client, paper_page(event)), "text": text,
        "client_id": client_id or made})


def paper_cards(event) -> list[Reflection]:
    return list(db.session.scalars(select(Reflection).where(
        Reflection.event_id == event.id, Reflection.source == "paper")))


def test_a_facilitator_types_in_a_card_and_it_is_on_the_wall_marked_as_from_paper(
        client, event):
    event.moderation = "approve"      # phones' reflections wait; a card typed in does not
    db.session.commit()
    log_in(client, event.facilitators[0].user.email)

    response = type_in(client, event, "Nobody asked my <b>mum</b>")

    assert response.status_code == 302 and response.headers["Location"].endswith(
        paper_page(event))
    (card,) = paper_cards(event)
    assert (card.text, card.participant_id, card.visibility) == (
        "Nobody asked my <b>mum</b>", None, "shown")
    assert views.item(card, "console")["author"] == "From a paper card"
    page = client.get(paper_page(event)).get_data(as_text=True)
    assert "1 card typed in so far." in page
    assert "Nobody asked my &lt;b&gt;mum&lt;/b&gt;" in page
    assert "<b>mum</b>" not in page
    run = client.get(f"/console/events/{event.code}/run").get_data(as_text=True)
    assert paper_page(event) in run      # the reflection's agenda row links the page


def test_pressing_save_twice_stores_the_card_once(client, event):
    log_in(client, event.facilitators[0].user.email)

    type_in(client, event, "More buses after six", client_id="paper-card-0001")
    type_in(client, event, "More buses after six", client_id="paper-card-0001")

    assert len(paper_cards(event)) == 1


def test_cards_can_be_typed_in_while_phones_are_paused(client, event):
    event.submissions_locked = True
    db.session.commit()
    log_in(client, event.facilitators[0].user.email)

    assert type_in(client, event, "Written at the back of the hall").status_code == 302
    assert len(paper_cards(event)) == 1


def test_a_card_too_long_or_empty_is_refused_plainly(client, event):
    log_in(client, event.facilitators[0].user.email)

    long = type_in(client, event, "x" * (service.TEXT_LIMIT + 1))
    empty = type_in(client, event, "   ")

    assert (long.status_code, empty.status_code) == (422, 422)
    assert "Field cannot be longer than 280 characters." in long.get_data(as_text=True)
    assert "Please fill in what the card says." in empty.get_data(as_text=True)
    assert paper_cards(event) == []


def test_strangers_cannot_type_in_cards(client, event, make_event, make_user):
    assert client.get(paper_page(event)).status_code == 302          # not logged in
    other = make_user()
    log_in(client, other.email)
    assert client.get(paper_page(event)).status_code == 404          # not their event
    mine = make_event(owner=other)
    welcome = next(s for s in mine.stages if s.kind == "welcome")
    path = f"/console/events/{mine.code}/reflections/{welcome.id}/paper"
    assert client.get(path).status_code == 404                        # not a reflection


def test_the_workbook_says_which_reflections_came_from_paper(event, people):
    ann = people[0]
    service.submit(event, ann, "phone-0001", reflection_stage(event).id, "Typed on my phone")
    service.submit(event, None, "paper-0001", reflection_stage(event).id, "Written on a card",
                   source="paper")

    rows = rows_of(open_workbook(export_bytes(event))["Reflections"])

    assert [(r["Reflection"], r["Came from"]) for r in rows] == [
        ("Typed on my phone", "Phone"), ("Written on a card", "Paper card")]
