"""Who takes part: the roles people may choose and the consents they can give."""

from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Consents:
    """Each consent is given on its own; none is assumed."""

    show_name: bool = False
    contact: bool = False


@dataclass
class ParticipantDetails:
    """What a person chose to tell us when joining: all optional."""

    display_name: str = ""
    organisation: str = ""
    roles: list[str] = field(default_factory=list)
    consents: Consents = Consents()
    email: str = ""
