"""The ladder and a poll end to end: four phones with different roles answer; results stay
hidden until the facilitator shows them; the screen shows the ladder's counts, medians and
gap, then the split by role group, and a poll's bars. axe-core checks every new page,
including the ladder's easy-read view."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import check_a11y, login, scrolls_sideways

PLAN = """
[event]
title = "Ladder day"

[[stages]]
kind = "ladder"
title = "Where are we on the ladder?"
question = "Our commissioning of day services"

[[stages]]
kind = "poll"
title = "Quick questions"

[[stages.questions]]
kind = "single"
text = "Shall we meet again?"
options = ["Yes", "No", "Not sure"]

[[stages.questions]]
kind = "scale"
text = "How much were you heard?"
scale = "1-5"
low = "Not at all"
high = "Completely"
"""

# Each phone: name, role (as the join form offers it), rung now, rung wanted, poll answer.
PEOPLE = [("Ann", "Person who draws on care and support", 2, 7, "Yes"),
          ("Bo", "Unpaid carer", 3, 7, "Yes"),
          ("Cy", "NHS", 5, 6, "Not sure"),
          ("Di", "Voluntary or community organisation", 4, 6, "No")]


def join_with_role(phone: Page, url: str, code: str, name: str, role: str) -> None:
    phone.goto(f"{url}/j/{code}")
    phone.get_by_label("Your name (optional)").fill(name)
    phone.get_by_label(role, exact=True).check()
    phone.get_by_role("button", name="Join now").click()
    phone.wait_for_url(re.compile(rf"/j/{code}/live$"))


def rung(phone: Page, question: str, number: int):
    return phone.get_by_role("group", name=question).get_by_role(
        "radio", name=re.compile(rf"^{number}\. "))


def test_four_phones_answer_the_ladder_and_a_poll_and_the_screen_shows_them(
        live_server, page, context, make_phone, tmp_path):
    url = live_server.url
    plan = tmp_path / "ladder.toml"
    plan.write_text(PLAN, encoding="utf-8")
    made = live_server.cli("event", "create", "--plan", str(plan), check=True)
    code = re.search(r"Join code: (\w+)", made.stdout).group(1)

    login(page, live_server)
    page.goto(f"{url}/console/events/{code}/run")
    expect(page.locator("#run-status")).to_contain_text("Connected")
    page.get_by_role("button", name="Show Where are we on the ladder?", exact=True).click()
    expect(page.get_by_role("button", name="Show results")).to_be_visible()

    screen = context.new_page()
    screen.set_viewport_size({"width": 1280, "height": 720})
    screen.goto(f"{url}/screen/{code}")
    expect(screen.locator(".poll-hidden")).to_be_visible()

    phones = [make_phone() for _ in PEOPLE]
    for phone, (name, role, *_rest) in zip(phones, PEOPLE, strict=True):
        join_with_role(phone, url, code, name, role)
        expect(phone.get_by_role("group", name="Where are we now?")).to_be_visible()

    # The easy-read view: short lines and a picture for each rung, larger text.
    first = phones[0]
    toggle = first.get_by_role("button", name="Easy read")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(first.locator(".rung-easy-line", has_text="We decide together.").first).to_be_visible()
    expect(first.locator(".rung-picture").first).to_be_visible()
    check_a11y(first)
    assert not scrolls_sideways(first)

    for phone, (_name, _role, now, want, _poll) in zip(phones, PEOPLE, strict=True):
        rung(phone, "Where are we now?", now).check()
        rung(phone, "Where do we want to be?", want).check()
        phone.get_by_role("button", name="Send my answers").click()
        expect(phone.locator("#ladder-mine")).to_contain_text("Your answers are saved")
    # Bo changes their mind, offline: the change waits on the phone, then replaces the first
    # answer once the phone is back.
    phones[1].context.set_offline(True)
    expect(phones[1].locator("#connection")).not_to_be_empty()
    rung(phones[1], "Where are we now?", 4).check()
    phones[1].get_by_role("button", name="Send my answers").click()
    expect(phones[1].locator("#ladder-mine")).to_contain_text("when your phone is back online")
    phones[1].context.set_offline(False)
    expect(phones[1].locator("#ladder-mine")).to_contain_text("Your answers are saved")

    # Hidden until shown: the screen only counts who answered, beside the rungs to choose from.
    expect(screen.locator(".poll-answered")).to_contain_text("4")
    assert screen.locator(".ladder-row").count() == 0
    rungs = screen.locator(".ladder-rungs li")
    expect(rungs).to_have_count(7)
    expect(rungs.first).to_contain_text("Co-production")
    expect(rungs.last).to_contain_text("Coercion")
    check_a11y(screen)

    page.get_by_role("button", name="Show results").click()
    rows = screen.locator(".ladder-row")
    expect(rows).to_have_count(7)
    # The top row is co-production: wanted by Ann and Bo.
    expect(rows.nth(0).locator(".ladder-want .ladder-count")).to_have_text("2")
    expect(rows.nth(3).locator(".ladder-now .ladder-count")).to_have_text("2")   # consultation
    expect(screen.locator(".ladder-summary")).to_contain_text(
        "Median now: Consultation. Median wanted: between Co-design and Co-production. "
        "Gap: 2.5 steps.")
    check_a11y(screen)
    expect(first.locator(".poll-results").first).to_be_visible()   # phones see it too now

    page.get_by_role("button", name="Screen: split by role group").click()
    table = screen.locator("table.ladder-medians")
    expect(table).to_be_visible()
    # People who draw on care and carers (Ann at 2, Bo now at 4) beside staff (Cy at 5).
    care = table.locator("tbody tr", has_text="People who draw on care and support")
    expect(care.locator("td")).to_have_text(["2", "Informing", "Co-production", "4"])
    staff = table.locator("tbody tr", has_text="NHS, council")
    expect(staff.locator("td")).to_have_text(["1", "Engagement", "Co-design", "1"])
    community = table.locator("tbody tr", has_text="Voluntary and community groups")
    expect(community.locator("td")).to_have_text(["1", "Consultation", "Co-design", "2"])
    check_a11y(screen)
    check_a11y(page)

    # The poll: one question at a time; results shown once revealed.
    page.get_by_role("button", name="Show Quick questions", exact=True).click()
    for phone, (*_rest, choice) in zip(phones, PEOPLE, strict=True):
        phone.get_by_label(choice, exact=True).check()
        phone.get_by_role("button", name="Send my answer").click()
        expect(phone.locator("#poll-mine")).to_contain_text("Your answer is saved")
    check_a11y(phones[0])
    expect(screen.locator(".poll-answered")).to_contain_text("4")
    # Before the results, the choices are on the screen for a show of hands.
    expect(screen.locator(".poll-choices li")).to_have_count(3)
    check_a11y(screen)
    page.get_by_role("button", name="Show results").click()
    bars = screen.locator(".poll-bar")
    expect(bars).to_have_count(3)
    expect(bars.nth(0).locator(".poll-bar-count")).to_have_text("2")
    expect(bars.nth(2).locator(".poll-bar-count")).to_have_text("1")
    check_a11y(screen)

    # Step to the next question: phones follow.
    page.get_by_role("button", name="Ask the next question").click()
    expect(phones[0].get_by_role("group", name="How much were you heard?")).to_be_visible()
    check_a11y(phones[0])
    questions = f"{url}/console/events/{code}/polls/" + page.locator(
        "[data-stage-row]").nth(1).get_attribute("data-stage-row")
    page.goto(questions)
    expect(page.get_by_role("heading", name="Add a question")).to_be_visible()
    page.get_by_role("link", name=re.compile("Type in counts from paper or hands")).first.click()
    page.get_by_label("Yes", exact=True).fill("12")
    page.get_by_role("button", name="Save counts").click()
    expect(page.locator(".flash")).to_contain_text("Counts saved")
    check_a11y(page)
    page.goto(questions)
    expect(page.locator(".poll-bar").first).to_contain_text("2 + 12 on paper")
