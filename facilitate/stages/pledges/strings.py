"""The words the pledges stage's script (static/js/stages/pledges.js) shows, translated here and
handed to the live pages with the other live strings."""

from flask_babel import lazy_gettext as _l

PLEDGE_STRINGS = {
    "need_action": _l("Please write your pledge first."),
    "need_email": _l("Please write your email, or untick the box."),
    "need_date": _l("Please write the date, like 2027-03-31."),
    "pledge_too_long": _l("This is too long. The most is %(limit)s characters."),
    "no_pledges": _l("You have not made a pledge yet."),
    "pledge_saved": _l("Saved"),
    "pledge_saved_pending": _l("Saved. It shows on the screen once a facilitator has "
                               "checked it."),
    "pledge_saved_hidden": _l("Saved. It is not shown on the screen."),
    "pledge_by": _l("By %(date)s"),
    "change": _l("Change"),
    "take_back": _l("Take back"),
    "pledge_number": _l("pledge %(number)s"),
    "pledges_label": _l("Latest pledges"),
    "pledges_empty": _l("Pledges will appear here."),
    "pledge_count_label": _l("pledges so far"),
    "themes_label": _l("Pledges by theme"),
    "no_theme": _l("No theme"),
    "open_pledging": _l("Open pledging again"),
    "close_pledging": _l("Close pledging"),
    "pledging_open_text": _l("Pledging is open: phones can send, change and take back "
                             "pledges."),
    "pledging_closed_text": _l("Pledging is closed: phones cannot send or change pledges."),
    "pledge_counts": _l("On the wall: %(count)s. Waiting for approval: %(waiting)s. "
                        "All pledges: %(total)s."),
    "all_pledges": _l("All pledges"),
    "paper_entry": _l("Type in paper cards"),
    "print_cards": _l("Print pledge cards"),
    "follow_up": _l("Follow-up"),
    "from_paper": _l("From paper"),
    "no_pledges_yet": _l("No pledges yet."),
}
