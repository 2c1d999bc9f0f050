"""The poll's and the ladder's results in the book of proceedings: only what the room was
shown, with phones, paper and role groups, and the ladder's medians and gap."""

import html
import re

from facilitate.services import live
from facilitate.stages.poll import service
from tests.conftest import log_in
from tests.stages.poll.conftest import HOW_HEARD, NOW, WANT, WHAT_HELPS, stage_of


def book_text(client, event) -> str:
    log_in(client, event.facilitators[0].user.email)
    page = client.get(f"/console/events/{event.code}/proceedings").get_data(as_text=True)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_book_holds_the_results_the_room_was_shown_and_no_others(client, event,
                                                                     make_participant):
    poll, ladder = stage_of(event, "poll"), stage_of(event, "ladder")
    ann = make_participant(event, "Ann", roles=["Unpaid carer"])
    bo = make_participant(event, "Bo", roles=["NHS"])
    live.go_to_stage(event, ladder.id)
    for n, (person, now, want) in enumerate([(ann, 2, 7), (bo, 5, 6)]):
        service.answer(event, person, f"ladder-{n}-now-answer", ladder.id, NOW, [now])
        service.answer(event, person, f"ladder-{n}-want-answer", ladder.id, WANT, [want])
    live.go_to_stage(event, poll.id)
    service.answer(event, ann, "poll-answer-ann", poll.id, HOW_HEARD, [0])
    service.answer(event, bo, "poll-answer-bo", poll.id, HOW_HEARD, [2])

    hidden = book_text(client, event)
    assert "How did you hear about today?" not in hidden
    assert "Median now" not in hidden

    service.control(event, poll.id, HOW_HEARD, "reveal")
    service.control(event, ladder.id, None, "reveal")
    shown = book_text(client, event)

    assert "How did you hear about today? From a friend or family" in shown
    assert "2 people answered on a phone." in shown
    assert "2 more questions' results were not shown in the room" in shown
    assert stage_of(event, "poll").title in shown
    assert "Median now: between Informing and Consultation. Median wanted: between Co-design " \
           "and Co-production. Gap: 3.0 steps." in shown
    assert "By role group: the median step of each" in shown
    assert "People who draw on care and support, carers and family 1 Educating " \
           "Co-production 5" in shown
    assert "Think Local Act Personal" in shown
    assert service.question_of(poll, WHAT_HELPS).text not in shown
