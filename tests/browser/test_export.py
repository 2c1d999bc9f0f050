"""The workbook from the console: download, edit a status in it, send it back, read the report."""

import re

import openpyxl
from playwright.sync_api import expect

from tests.browser.helpers import check_a11y, login

PLAN = "sessions/examples/co-production-open-space.toml"


def test_organiser_downloads_edits_and_sends_back_the_workbook(live_server, page, tmp_path):
    made = live_server.cli("event", "create", "--plan", PLAN, check=True)
    code = re.search(r"Join code: (\w+)", made.stdout).group(1)
    url = live_server.url
    login(page, live_server)
    page.goto(f"{url}/console/events/{code}/pledges/paper")
    page.get_by_label("I will ...").fill("I will =HYPERLINK(\"http://x\",\"y\") ask carers first")
    page.get_by_label("Name", exact=True).fill("Rhiannon")
    page.get_by_role("button", name=re.compile("^Save")).first.click()
    expect(page.locator("#paper-count")).to_have_text("1 card typed in so far.")

    page.goto(f"{url}/console/events/{code}")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the workbook (.xlsx)").click()
    path = tmp_path / "event.xlsx"
    download_info.value.save_as(path)
    assert download_info.value.suggested_filename.endswith(".xlsx")

    book = openpyxl.load_workbook(path)
    sheet = book["Pledges"]
    headers = [cell.value for cell in sheet[1]]
    row = [cell for cell in sheet[2]]
    action = row[headers.index("Pledge")]
    assert action.value == "I will =HYPERLINK(\"http://x\",\"y\") ask carers first"
    assert action.data_type == "s"
    row[headers.index("Follow-up status")].value = "Done"
    row[headers.index("New note")].value = "Carers now sit on the panel"
    book.save(path)

    page.get_by_role("link", name="Send back follow-up changes from the workbook").click()
    check_a11y(page)
    page.get_by_label(re.compile("workbook|file", re.I)).set_input_files(str(path))
    page.get_by_role("button", name="Send back the changes").click()
    expect(page.get_by_role("heading", name="Done: 1 change recorded")).to_be_visible()
    check_a11y(page)
