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


# Whose voice a result carries: the groups a room is split by (the ladder, polls, who is in the
# room). Each person counts in one group: the first of these that one of their roles belongs
# to, so someone who draws on care and support and also works for a provider is heard as the
# former, whose voice these events exist to bring in.
ROLE_GROUPS: tuple[tuple[str, str], ...] = (
    ("care", "People who draw on care and support, carers and family"),
    ("community", "Voluntary and community groups"),
    ("services", "NHS, council, providers and commissioners"),
    ("other", "Others"),
)
NO_ROLE = ("none", "Gave no role, or preferred not to say")

# Words that place a role (default or an event's own) in a group, checked in ROLE_GROUPS' order.
_GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "care": ("care and support", "carer", "family", "friend", "experience",
             "service user", "patient", "resident"),
    "community": ("voluntary", "community", "charity", "healthwatch", "faith"),
    "services": ("nhs", "council", "local authority", "provider", "commission", "staff",
                 "health", "social work", "practitioner"),
}


def role_group(roles: list[str] | tuple[str, ...] | None) -> str:
    """The group a person's roles put them in: a key of ROLE_GROUPS, or "none" for no role."""
    chosen = [r.casefold() for r in roles or () if isinstance(r, str) and r.strip()
              and "prefer not" not in r.casefold()]
    if not chosen:
        return NO_ROLE[0]
    for group, words in _GROUP_WORDS.items():
        if any(word in role for role in chosen for word in words):
            return group
    return "other"


def role_group_labels() -> dict[str, str]:
    """Every group a result can be split into, in order, with its label; "none" last."""
    return {**dict(ROLE_GROUPS), NO_ROLE[0]: NO_ROLE[1]}
