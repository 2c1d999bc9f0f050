"""The words the pledges stage's script (static/js/stages/pledges.js) shows, translated here and
handed to the live pages with the other live strings."""

from flask_babel import lazy_gettext as _l

from facilitate.stages.pledges.rules import ACTION_LIMIT

PLEDGE_STRINGS = {
    "pledge_intro": _l("A pledge is something you will do after today. You can make more "
                       "than one."),
    "pledge_action": _l("I will ..."),
    "pledge_action_hint": _l("What will you do? Up to %(limit)s characters.",
                             limit=ACTION_LIMIT),
    "pledge_due": _l("By when?"),
    "due_none": _l("No date"),
    "due_1": _l("In 1 month"),
    "due_3": _l("In 3 months"),
    "due_6": _l("In 6 months"),
    "due_12": _l("In 12 months"),
    "due_date_choice": _l("On a date I choose"),
    "pledge_due_date": _l("The date (if you chose one)"),
    "pledge_due_date_hint": _l("For example 2027-03-31."),
    "pledge_theme": _l("Which theme is it about?"),
    "theme_none": _l("None of these"),
    "pledge_scope": _l("Whose pledge is it?"),
    "scope_me": _l("Just me"),
    "scope_team": _l("My team"),
    "scope_organisation": _l("My organisation"),
    "pledge_support": _l("What help do you need to do it? (optional)"),
    "about_you": _l("About you (optional)"),
    "your_name": _l("Your name (optional)"),
    "your_organisation": _l("Your organisation (optional)"),
    "pledge_display": _l("How may we show it on the big screen?"),
    "display_name": _l("With my name"),
    "display_organisation": _l("With my organisation only"),
    "display_anonymous": _l("Without a name (anonymous)"),
    "contact_legend": _l("Can we ask you how it is going?"),
    "consent_contact": _l("You may email me later to ask how my pledge is going"),
    "your_email": _l("Your email"),
    "email_hint": _l("Only if you ticked the box above. We use it for nothing else."),
    "save_pledge": _l("Save my pledge"),
    "need_action": _l("Please write your pledge first."),
    "need_email": _l("Please write your email, or untick the box."),
    "need_date": _l("Please write the date, like 2027-03-31."),
    "pledge_too_long": _l("This is too long. The most is %(limit)s characters."),
    "my_pledges": _l("My pledges"),
    "no_pledges": _l("You have not made a pledge yet."),
    "pledge_saved": _l("Saved"),
    "pledge_saved_pending": _l("Saved. It shows on the screen once a facilitator has "
                               "checked it."),
    "pledge_saved_hidden": _l("Saved. It is not shown on the screen."),
    "pledge_by": _l("By %(date)s"),
    "change": _l("Change"),
    "take_back": _l("Take back"),
    "pledge_number": _l("pledge %(number)s"),
    "pledging_closed": _l("Pledging has closed. Thank you for taking part."),
    "closed_no_change": _l("Pledging has closed, so pledges cannot be changed now."),
    "privacy_summary": _l("What happens to your pledge"),
    "privacy_keep": _l("We keep your pledge so we can ask how it is going in the months after "
                       "the event."),
    "privacy_see": _l("The people running the event can see your pledge and any details you "
                      "give."),
    "privacy_screen": _l("The big screen shows it only in the way you choose: with your name, "
                         "with your organisation, or with no name."),
    "privacy_email": _l("Your email is kept only if you tick the box. We use it only to ask "
                        "about your pledge."),
    "privacy_change": _l("You can change or take back your pledge until pledging closes."),
    "privacy_rights": _l("You can ask the organisers to show you everything we keep about you, "
                         "or to delete it."),
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
