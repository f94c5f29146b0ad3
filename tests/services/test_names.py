"""One way to write a person's name: the preferred name on screen and paper, the recorded one in exports."""

from communitydesk.services.core.names import formal_name, optional_person_name, person_name


def test_preferred_name_is_used_where_people_read_it() -> None:
    assert person_name("Katarzyna", "Nowak", "Kasia") == "Kasia Nowak"
    assert person_name("Katarzyna", "Nowak") == "Katarzyna Nowak"
    assert formal_name("Katarzyna", "Nowak") == "Katarzyna Nowak"


def test_missing_and_blank_parts_leave_no_stray_spaces() -> None:
    assert person_name("Cher", "") == "Cher"
    assert person_name(" Ann ", None, "  ") == "Ann"
    assert optional_person_name(None, None) is None
    assert optional_person_name("Ann", None, "Annie") == "Annie"
