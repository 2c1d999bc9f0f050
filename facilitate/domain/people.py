"""Who takes part: the roles people may choose, and the pledge themes an event starts with."""

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
