"""The open space end to end: three phones propose topics, the facilitator arranges and
confirms, moves one topic by keyboard and one by dragging, phones mark interest and say "I'm
here", and the screen shows the headcounts. axe-core checks the phone, console and screen."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.browser.helpers import check_a11y, join, login, scrolls_sideways

TOPICS = ["Housing for carers", "Transport to meetings", "Paying people for <b>their</b> time"]


def slots_around_now() -> tuple[str, str]:
    """A slot running now and another the same day (later, or earlier late at night)."""
    now = dt.datetime.now(ZoneInfo("Europe/London")).replace(second=0, microsecond=0)
    starts = max(now - dt.timedelta(minutes=10), now.replace(hour=0, minute=0))
    ends = min(now + dt.timedelta(minutes=40), now.replace(hour=23, minute=58))
    running = f"{starts:%H:%M}-{ends:%H:%M}"
    if now.hour < 22:
        other = f"{ends + dt.timedelta(minutes=5):%H:%M}-{ends + dt.timedelta(minutes=50):%H:%M}"
    else:
        other = "09:00-09:45"
    return running, other


def write_plan(tmp_path) -> str:
    running, other = slots_around_now()
    today = dt.datetime.now(ZoneInfo("Europe/London")).date()
    plan = tmp_path / "open-space.toml"
    plan.write_text(f"""
[event]
title = "Open space day"
date = {today.isoformat()}

[[stages]]
kind = "open_space"
title = "Open space"
theme = "What would make co-production real here?"
spaces = [
  {{name = "Main Hall", capacity = 40, access = "Step-free, hearing loop"}},
  {{name = "Room 1", capacity = 1}},
  "Garden Room",
]
slots = ["{running}", "{other}"]
""", encoding="utf-8")
    return str(plan)


def propose(phone: Page, title: str, name: str = "") -> None:
    phone.get_by_label("Your topic").fill(title)
    if name:
        phone.get_by_label("Show my name").check()
        phone.get_by_label("Your name as it will be shown").fill(name)
    phone.get_by_role("button", name="Propose this topic").click()


def card(page: Page, title: str):
    return page.locator(".board-topic", has_text=title)


def test_three_phones_and_a_facilitator_run_the_marketplace_and_the_board(
        live_server, page, context, make_phone, tmp_path):
    url = live_server.url
    made = live_server.cli("event", "create", "--plan", write_plan(tmp_path), check=True)
    code = re.search(r"Join code: (\w+)", made.stdout).group(1)

    login(page, live_server)
    page.goto(f"{url}/console/events/{code}/run")
    expect(page.locator("#run-status")).to_contain_text("Connected")
    page.get_by_role("button", name="Show Open space", exact=True).click()
    expect(page.locator("#arrange")).to_be_visible()

    screen = context.new_page()
    screen.set_viewport_size({"width": 1280, "height": 720})
    screen.goto(f"{url}/screen/{code}")
    expect(screen.locator(".board-grid")).to_be_visible()

    phones = [make_phone() for _ in TOPICS]
    for number, phone in enumerate(phones):
        join(phone, url, code, "Ann" if number == 0 else "", waiting=False)
        expect(phone.get_by_role("heading", name="Propose a topic")).to_be_visible()
    check_a11y(phones[0])

    # The marketplace: each phone proposes a topic; the screen's tray and the console get them.
    for number, (phone, title) in enumerate(zip(phones, TOPICS, strict=True)):
        propose(phone, title, "Ann <i>B</i>" if number == 0 else "")
        expect(phone.locator("#schedule-list")).to_contain_text(title)
    for title in TOPICS:
        expect(card(screen, title)).to_be_visible()
        expect(card(page, title)).to_be_visible()
    expect(card(screen, TOPICS[0])).to_contain_text("Ann <i>B</i>")   # text, not markup
    assert screen.locator("i").count() == 0 and screen.locator(".board-topic b").count() == 0

    # Interest: two phones mark the first two topics; the console counts each person once.
    for phone in phones[1:]:
        for title in TOPICS[:2]:
            phone.get_by_role("button", name=re.compile(f"I would like to join.*{title[:12]}"))\
                .click()
    phones[1].get_by_role("button", name=re.compile(f"I would like to join.*{TOPICS[0]}"))\
        .click()   # and unmarks one again
    expect(card(page, TOPICS[0])).to_contain_text("1 marked")
    expect(card(page, TOPICS[1])).to_contain_text("2 marked")

    # Arrange for me: a preview first, nothing moves until confirmed.
    page.get_by_role("button", name="Arrange for me").click()
    expect(page.locator("#proposal-heading")).to_be_focused()
    expect(page.locator(".arrange-preview")).to_contain_text("3 topics move")
    expect(page.locator(".board-tray")).to_contain_text("Not on the board yet: 3")
    check_a11y(page)
    page.get_by_role("button", name="Use this arrangement").click()
    expect(page.locator("#board-say")).to_contain_text("3 topics moved")
    expect(page.locator(".arrange-preview")).to_have_count(0)   # the proposal is used up
    expect(page.locator(".board-tray")).to_contain_text("Not on the board yet: 0")
    expect(screen.locator(".board-grid .board-topic")).to_have_count(3)
    for phone in phones:
        expect(phone.locator(".topic-card", has_text=TOPICS[1])).not_to_contain_text(
            "not on the board")

    # By keyboard (no dragging needed): choose the topic, then a cell.
    page.get_by_role("button", name=re.compile(f"^Move.*{TOPICS[2][:12]}")).focus()
    page.keyboard.press("Enter")
    expect(page.locator("button[data-move-to]").first).to_be_focused()
    target = page.locator("button[data-move-to]").first.get_attribute("data-move-to")
    page.keyboard.press("Enter")
    expect(page.locator("#board-say")).to_contain_text("Moved Paying people")
    space, slot = target.split(":")
    expect(page.locator(f"td[data-space='{space}'][data-slot='{slot}']")).to_contain_text(
        "Paying people")

    # By dragging: the first topic goes to a free cell of the slot running now.
    free = page.locator("tbody tr").first.locator("td.cell-free").first
    drop_space = free.get_attribute("data-space")
    card(page, TOPICS[0]).drag_to(free)
    expect(page.locator(f"tbody tr >> nth=0 >> td[data-space='{drop_space}']")).to_contain_text(
        TOPICS[0])
    expect(page.locator("#board-say")).to_contain_text("Moved Housing for carers")
    check_a11y(page)

    # "I'm here": the two other phones check in at the first topic; the screen counts them.
    for phone in phones[1:]:
        button = phone.get_by_role("button", name=re.compile(f"here.*{TOPICS[0]}"))
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
    expect(card(screen, TOPICS[0])).to_contain_text("2 here now")
    expect(screen.locator("tr.slot-now")).to_have_count(1)
    check_a11y(screen)
    for phone in phones:
        assert not scrolls_sideways(phone)
    check_a11y(phones[1])
