"""The pledges stage as the registry knows it."""

from flask_babel import lazy_gettext as _l

from facilitate.domain.stages import PersonalData, PersonCount, Setting, StageKind
from facilitate.stages.pledges import (
    followup_web,
    handlers,
    import_web,
    privacy,
    queries,
    sheets,
    views,
    web,
)
from facilitate.stages.pledges.strings import PLEDGE_STRINGS

KIND = StageKind(
    name="pledges",
    label=_l("Pledges"),
    default_title="Pledges",
    settings=(Setting("prompt", "text", limit=300),),
    views={"phones": views.phones, "screen": views.screen, "console": views.console},
    counts=views.counts,
    summary=views.summary,
    summary_tables=views.summary_tables,
    summary_notes=views.SUMMARY_NOTES,
    sheets=(sheets.PLEDGES, sheets.PROGRESS),
    person_counts=(PersonCount("Pledges", queries.per_person, width=10),),
    sheet_rank=10,   # first: the sheets organisers work from for months
    client_events=handlers.CLIENT_EVENTS,
    blueprints=(web.bp, web.console, followup_web.bp, followup_web.console, import_web.bp),
    phone_template="stages/pledges/phone.html",
    phone_context=web.phone_context,
    forms_template="stages/pledges/form.html",
    console_template="stages/pledges/console.html",
    script=True,
    personal_data=PersonalData(held=privacy.held, erase=privacy.erase,
                               expire_contacts=privacy.expire_contacts),
    strings={**PLEDGE_STRINGS, "count_pledges": _l("Pledges made: %(count)s")},
)
