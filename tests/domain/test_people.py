"""Role groups: whose voice a result carries."""

import pytest

from facilitate.domain.people import DEFAULT_ROLES, role_group, role_group_labels


@pytest.mark.parametrize(("role", "group"), [
    ("Person who draws on care and support", "care"),
    ("Unpaid carer", "care"),
    ("Family member or friend", "care"),
    ("Voluntary or community organisation", "community"),
    ("Healthwatch", "community"),
    ("Provider", "services"),
    ("NHS", "services"),
    ("Local authority", "services"),
    ("Commissioner", "services"),
    ("Councillor", "services"),
    ("Other", "other"),
    ("Prefer not to say", "none"),
])
def test_every_default_role_has_its_group(role, group):
    assert role in DEFAULT_ROLES
    assert role_group([role]) == group


def test_no_role_is_its_own_group():
    assert role_group([]) == "none"
    assert role_group(None) == "none"
    assert role_group(["  "]) == "none"


def test_a_person_with_several_roles_counts_once_in_the_first_group():
    assert role_group(["NHS", "Unpaid carer"]) == "care"
    assert role_group(["Provider", "Voluntary or community organisation"]) == "community"


def test_an_events_own_role_falls_in_a_group_by_its_words_or_in_others():
    assert role_group(["Expert by experience"]) == "care"
    assert role_group(["Social work team"]) == "services"
    assert role_group(["Local charity"]) == "community"
    assert role_group(["Student"]) == "other"


def test_labels_list_every_group_with_no_role_last():
    labels = role_group_labels()
    assert list(labels) == ["care", "community", "services", "other", "none"]
