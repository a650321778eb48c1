"""Finding people the way the user names them: pinyin, initials, aliases, folded accents, Latin spellings of
Arabic and Devanagari names, ambiguity listed, failures exit non-zero. One lookup (Store.find_contact /
lookup_contacts) behind the CLI, the ask tools and the TUI's service."""

import pytest

from assistant.store import StoreError
from assistant.text.names import fold, match_level, name_initials


@pytest.fixture
def book(store):
    ids = {}
    ids["liwei"] = store.create_contact("李伟")
    ids["wangfang"] = store.create_contact("王芳")
    ids["zoe"] = store.create_contact("Zoë Martin")
    ids["anna"] = store.create_contact("Anna Schmidt")
    ids["hannah"] = store.create_contact("Hannah Weber")
    ids["omar"] = store.create_contact("عمر حداد")
    store.add_identity(ids["omar"], "name", "Omar Haddad", "contacts")
    ids["priya"] = store.create_contact("प्रिया शर्मा")
    store.add_identity(ids["priya"], "alias", "Priya", "user")
    ids["lukas1"] = store.create_contact("Lukas Adler")
    ids["lukas2"] = store.create_contact("Lukas Brandt")
    return ids


@pytest.mark.parametrize("query, who", [
    ("Li Wei", "liwei"), ("liwei", "liwei"), ("LI WEI", "liwei"), ("lw", "liwei"), ("李伟", "liwei"),
    ("Wei Li", "liwei"), ("wang fang", "wangfang"),
    ("Zoe", "zoe"), ("zoe martin", "zoe"), ("Zoë", "zoe"),
    ("Anna", "anna"),  # a whole word beats Hannah's substring
    ("Omar Haddad", "omar"), ("omar", "omar"), ("Priya", "priya"), ("priya", "priya"),
])
def test_find_contact_by_the_names_people_use(store, book, query, who):
    assert store.find_contact(query).id == book[who]


def test_ambiguous_name_lists_the_candidates(store, book):
    with pytest.raises(StoreError) as e:
        store.find_contact("Lukas")
    assert "Lukas Adler (#" in str(e.value) and "Lukas Brandt (#" in str(e.value)


def test_no_match_says_how_to_look(store, book):
    with pytest.raises(StoreError, match="no contact matches 'Nobody'"):
        store.find_contact("Nobody")


def test_search_ranks_best_matches_first(store, book):
    assert [c.name for c in store.list_contacts("anna")] == ["Anna Schmidt", "Hannah Weber"]
    assert store.list_contacts("li wei")[0].name == "李伟"


def test_name_helpers():
    assert fold("Zoë  O'Brien") == "zoeobrien"
    assert name_initials("李伟") == "lw" and name_initials("Anna Schmidt") == "as" and name_initials("Anna") == ""
    assert match_level("xyz", ["李伟"]) is None


def test_alias_set_shown_found_and_removed(cli, store, book):
    code, out, _ = cli("contacts", "set", "Anna Schmidt", "--alias", "Annie", "--alias", "Schmidti")
    assert code == 0 and "Annie" in out
    code, out, _ = cli("contacts", "show", "annie", "--messages", "0")
    assert code == 0 and "Anna Schmidt" in out and "Schmidti" in out
    code, _, err = cli("contacts", "set", "Anna Schmidt", "--remove-alias", "Annie")
    assert code == 0
    code, _, err = cli("contacts", "show", "annie")
    assert code != 0 and "no contact matches" in err
    code, _, err = cli("contacts", "set", "Anna Schmidt", "--remove-alias", "Nope")
    assert code != 0 and "no alias 'Nope'" in err


def test_cli_lookups_fail_non_zero(cli, store, book):
    code, out, _ = cli("contacts", "show", "Li Wei", "--messages", "0")
    assert code == 0 and "李伟" in out
    code, _, err = cli("contacts", "show", "Lukas")
    assert code != 0 and "matches 2 contacts" in err
    code, out, _ = cli("ask", "--offline", "what did I last talk about with Nobody Here")
    assert code == 1 and "no contact matches" in out


def test_tui_service_uses_the_same_lookup(store, book):
    from assistant.config import Settings
    from assistant.services.session import QueueService

    service = QueueService(Settings(), store, offline=True)
    assert service.find_contacts("lw")[0][1] == "李伟"


def test_empty_states_say_what_to_do_next(cli, store):
    for argv in (("contacts",), ("suggest",), ("drafts",)):
        code, out, _ = cli(*argv)
        assert code == 0 and "no contacts yet: `outreach import PATH`" in out, argv
        assert "in touch with everyone" not in out
    code, out, _ = cli("ask", "--offline", "who should I reconnect with this month")
    assert "No contacts yet" in out and "in touch with everyone" not in out
    store.create_contact("Anna Schmidt")  # an address book alone: still nothing to suggest, and it says why
    code, out, _ = cli("suggest")
    assert "no conversations yet (only contacts)" in out and "in touch with everyone" not in out
