"""Who takes part: the roles people may choose, the themes an event starts with, and how long
their contact details are kept."""

import datetime as dt

# In Event.settings: the day retention erased the event's contact details.
CONTACTS_ERASED_ON = "contacts_erased_on"

# Generic on purpose: a role naming a health condition would be special-category data.
DEFAULT_ROLES: tuple[str, ...] = (
    "Person who draws on care and support",
    "Unpaid carer",
    "Family member or friend",
    "Voluntary or community organisation",
    "Provider",
    "NHS",
    "Local authority",
    "Commissioner",
    "Healthwatch",
    "Councillor",
    "Other",
    "Prefer not to say",
)

# The principles of co-production: the default pledge themes.
DEFAULT_THEMES: tuple[str, ...] = ("Equality", "Diversity", "Accessibility", "Reciprocity")


def contacts_expire_on(event_date: dt.date | None, created_on: dt.date,
                       retention_days: int | None) -> dt.date | None:
    """The day contact details must be gone: the retention period after the event."""
    if retention_days is None:
        return None
    return (event_date or created_on) + dt.timedelta(days=retention_days)
