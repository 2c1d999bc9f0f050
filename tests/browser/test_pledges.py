"""Pledges end to end in Chromium: two phones pledge (one offline, then back), the wall shows
both, the facilitator types in two paper cards, a pledger opens their follow-up link and marks
progress, and the organiser's follow-up page shows it. axe-core checks every page."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import check_a11y, join, login, scrolls_sideways, text_cut_off

PLAN = "sessions/examples/co-production-open-space.toml"
LONG = ("I will share #CoProductionWeekAnytownMakingItHappenTogether2027 and visit two day "
        "centres with our commissioners, and I will come back in the spring to tell everyone "
        "what changed because of it")


def pledge(phone: Page, action: str, theme: str = "Equality", show_name: bool = False) -> None:
    phone.get_by_label("I will ...").fill(action)
    phone.get_by_label(theme, exact=True).check()
    if show_name:
        phone.get_by_label("With my name", exact=True).check()
    phone.get_by_role("button", name="Save my pledge").click()


def fits_without_scrolling(screen: Page) -> bool:
    return screen.evaluate("() => document.documentElement.scrollHeight <= window.innerHeight"
                           " && document.documentElement.scrollWidth <= window.innerWidth")


def type_card(page: Page, action: str, name: str, organisation: str, theme: str) -> None:
    page.get_by_label("I will ...").fill(action)
    page.get_by_label("By when", exact=True).select_option("6")
    page.get_by_label("Theme", exact=True).select_option(theme)
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Organisation", exact=True).fill(organisation)
    page.get_by_label("Show on the wall").select_option("organisation")
    page.get_by_label("Email", exact=True).press("Control+Enter")


def test_pledges_from_phones_and_paper_are_followed_up(live_server, page, context, make_phone,
                                                       browser):
    url = live_server.url
    made = live_server.cli("event", "create", "--plan", PLAN, check=True)
    code = re.search(r"Join code: (\w+)", made.stdout).group(1)

    login(page, live_server)
    page.goto(f"{url}/console/events/{code}/run")
    expect(page.locator("#run-status")).to_contain_text("Connected")
    screen = context.new_page()
    screen.set_viewport_size({"width": 1280, "height": 720})
    screen.goto(f"{url}/screen/{code}")

    ann, bea = make_phone(), make_phone()
    join(ann, url, code, "Ann")
    join(bea, url, code)
    page.get_by_role("button", name="Show Our pledges", exact=True).click()
    expect(screen.locator("#pledge-count")).to_have_text("0")
    for phone in (ann, bea):
        expect(phone.get_by_role("button", name="Save my pledge")).to_be_visible()
    expect(ann.get_by_label("Your name (optional)")).to_have_value("Ann")
    check_a11y(ann)
    check_a11y(screen)

    # Ann pledges online; the wall shows it at once, with her name as she chose.
    pledge(ann, "I will ask carers before we plan", show_name=True)
    expect(ann.locator("#my-pledges")).to_contain_text("I will ask carers before we plan")
    expect(ann.locator("#my-pledges")).to_contain_text("Saved")
    expect(ann.locator("#my-pledges")).to_contain_text(re.compile(r"By \d{1,2} [A-Z][a-z]+ \d{4}"))
    wall = screen.locator(".wall-pledge")
    expect(wall.filter(has_text="I will ask carers before we plan")).to_contain_text("Ann")
    expect(screen.locator("#pledge-count")).to_have_text("1")

    # Bea pledges offline: kept on the phone, sent exactly once when she is back.
    bea.context.set_offline(True)
    expect(bea.locator("#connection")).to_contain_text("You are offline")
    pledge(bea, "I will share the easy read guide", theme="Accessibility")
    expect(bea.locator("#my-pledges")).to_contain_text("Waiting to send: you are offline")
    screen.wait_for_timeout(1000)
    expect(wall.filter(has_text="I will share the easy read guide")).to_have_count(0)
    bea.context.set_offline(False)
    expect(wall.filter(has_text="I will share the easy read guide")).to_have_count(1)
    expect(bea.locator("#my-pledges .my-pledge")).to_have_count(1)
    expect(bea.locator("#my-pledges")).to_contain_text("Saved")
    expect(screen.locator("#pledge-count")).to_have_text("2")
    expect(screen.locator(".pledge-themes")).to_contain_text("Accessibility")
    bea.reload()
    expect(bea.locator("#my-pledges .my-pledge")).to_have_count(1)
    screen.reload()
    expect(wall).to_have_count(2)
    assert fits_without_scrolling(screen)
    expect(page.locator("#console-stage")).to_contain_text("I will share the easy read guide")
    for each in (page, screen, ann, bea):
        check_a11y(each)

    # The facilitator types two paper cards; the form is ready again after each.
    page.goto(f"{url}/console/events/{code}/pledges/paper")
    expect(page.locator("#paper-count")).to_have_text("0 cards typed in so far.")
    type_card(page, "I will start a carers cafe", "Pat", "Age UK", "Reciprocity")
    expect(page.locator("#paper-count")).to_have_text("1 card typed in so far.")
    expect(page.get_by_label("I will ...")).to_be_focused()
    type_card(page, LONG, "Sam", "Age UK", "Diversity")
    expect(page.locator("#paper-count")).to_have_text("2 cards typed in so far.")
    check_a11y(page)
    expect(wall.filter(has_text="I will start a carers cafe")).to_contain_text("Age UK")
    expect(screen.locator("#pledge-count")).to_have_text("4")
    # A long pledge is cut after its last whole line, with "…", on a 16:9 or a 4:3 projector.
    for size in ({"width": 1024, "height": 768}, {"width": 1280, "height": 720}):
        screen.set_viewport_size(size)
        screen.wait_for_timeout(500)
        expect(screen.locator(".wall-pledge-text.clamped")).not_to_have_count(0)
        assert text_cut_off(screen) == []
        assert fits_without_scrolling(screen)

    # The pledge list, the printable cards.
    page.goto(f"{url}/console/events/{code}/pledges/")
    expect(page.locator(".pledge-table tbody tr")).to_have_count(4)
    page.goto(f"{url}/console/events/{code}/pledges/cards")
    expect(page.locator(".pledge-card")).to_have_count(4)
    page.set_viewport_size({"width": 320, "height": 640})
    assert not scrolls_sideways(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    # Months later: Ann opens her private follow-up link (from the mail merge) and says how
    # it is going; no login.
    page.goto(f"{url}/console/events/{code}/pledges/")
    page.get_by_role("link", name="I will ask carers before we plan").click()
    link = page.locator(".follow-up-link").inner_text()
    assert link.startswith(f"{url}/f/")
    pledger = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True)
    try:
        mine = pledger.new_page()
        mine.goto(link)
        check_a11y(mine)
        expect(mine.get_by_role("heading", name="Your pledge", exact=True)).to_be_visible()
        expect(mine.get_by_label("If it is done: what changed because of it? (optional)")) \
            .to_be_hidden()
        mine.get_by_label("In progress").check()
        mine.get_by_label("Tell us more (optional)").fill("We asked six carers so far")
        mine.get_by_role("button", name="Save my update").click()
        expect(mine.get_by_text("Thank you. Your update is saved.")).to_be_visible()
        expect(mine.locator("#updates")).to_contain_text("We asked six carers so far")
        check_a11y(mine)
        mine.goto(f"{url}/f/not-a-real-link-at-all")
        expect(mine.get_by_role("heading", name="This link does not work")).to_be_visible()
        check_a11y(mine)
    finally:
        pledger.close()

    # The organiser's follow-up page shows it, in numbers and in the table by theme.
    page.goto(f"{url}/console/events/{code}/follow-up")
    expect(page.get_by_text("4 pledges are being followed up.")).to_be_visible()
    expect(page.locator(".status-total-in_progress .status-count")).to_have_text("1")
    row = page.locator("#by-theme tbody tr").filter(has_text="Equality")
    expect(row.locator("td").nth(1)).to_have_text("1")      # in progress
    expect(page.locator("#by-organisation")).to_contain_text("Age UK")
    page.set_viewport_size({"width": 800, "height": 800})     # a tablet, or larger text
    assert not scrolls_sideways(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{url}/console/events/{code}/follow-up/settings")
    page.goto(f"{url}/console/events/{code}/people")
    page.get_by_role("link", name="Pat").click()
    expect(page.get_by_role("heading", name="Pat")).to_be_visible()
    for each in (page, screen, ann, bea):
        check_a11y(each)


def test_no_script_phone_pledges_with_the_plain_form(live_server, make_phone):
    made = live_server.cli("event", "create", "--plan", PLAN, check=True)
    code = re.search(r"Join code: (\w+)", made.stdout).group(1)
    phone = make_phone()
    phone.context.route(re.compile(r".*\.js$"), lambda route: route.abort())
    join(phone, live_server.url, code, "Kim")
    phone.goto(f"{live_server.url}/j/{code}/pledges")
    phone.get_by_label("I will ...").fill("I will bring a friend next time")
    phone.get_by_label("In 6 months").check()
    phone.get_by_role("button", name="Save my pledge").click()
    expect(phone.get_by_text("Thank you. Your pledge is saved.")).to_be_visible()
    expect(phone.locator("#my-pledges")).to_contain_text("I will bring a friend next time")
    phone.get_by_role("link", name="Change pledge 1").click()
    phone.get_by_label("I will ...").fill("I will bring two friends next time")
    phone.get_by_role("button", name="Save changes").click()
    expect(phone.locator("#my-pledges")).to_contain_text("I will bring two friends next time")
    phone.get_by_role("link", name="Take back pledge 1").click()
    check_a11y(phone)
    phone.get_by_role("button", name="Yes, take it back").click()
    expect(phone.get_by_text("You have not made a pledge yet.")).to_be_visible()
    check_a11y(phone)


def test_approve_first_hide_and_close_pledging_from_the_run_page(live_server, page, context,
                                                                 make_phone):
    url = live_server.url
    made = live_server.cli("event", "create", "--plan", PLAN, check=True)
    code = re.search(r"Join code: (\w+)", made.stdout).group(1)
    login(page, live_server)
    page.goto(f"{url}/console/events/{code}/run")
    screen = context.new_page()
    screen.goto(f"{url}/screen/{code}")
    phone = make_phone()
    join(phone, url, code, "Lee")
    page.get_by_role("button", name="Show Our pledges", exact=True).click()
    page.get_by_role("button", name="Approve posts first").click()
    stage = page.locator("#console-stage")

    pledge(phone, "I will check this first", show_name=True)
    expect(phone.locator("#my-pledges")).to_contain_text("once a facilitator has checked it")
    expect(stage).to_contain_text("Waiting for approval")
    screen.wait_for_timeout(500)
    wall = screen.locator(".wall-pledge")
    expect(wall).to_have_count(0)
    stage.get_by_role("button", name=re.compile(r"^Approve pledge")).click()
    expect(wall.filter(has_text="I will check this first")).to_contain_text("Lee")
    expect(screen.locator("#pledge-count")).to_have_text("1")
    stage.get_by_role("button", name=re.compile(r"^Hide pledge")).click()
    expect(wall).to_have_count(0)
    expect(screen.locator("#pledge-count")).to_have_text("0")
    expect(stage).to_contain_text("Hidden")
    check_a11y(page)

    stage.get_by_role("button", name="Close pledging").click()
    expect(phone.get_by_text("Pledging has closed. Thank you for taking part.")).to_be_visible()
    expect(phone.get_by_role("button", name="Save my pledge")).to_be_hidden()
    expect(phone.get_by_role("link", name=re.compile("^Change"))).to_have_count(0)
    expect(stage.get_by_role("button", name="Open pledging again")).to_be_visible()
    for each in (page, screen, phone):
        check_a11y(each)
