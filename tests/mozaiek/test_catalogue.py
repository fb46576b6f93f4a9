from django.utils import translation

from initiatieven.mozaiek.catalogue import BLOCK_KEYS, CATALOGUES, CURRENT_VERSION, catalogue


def test_it_has_the_seven_building_blocks_in_order():
    assert BLOCK_KEYS == (
        "opgave",
        "waarde",
        "samen_doen",
        "verankering",
        "deelname",
        "binding",
        "organisatie",
    )


def test_it_gives_every_block_four_to_six_statements_questions_and_links():
    for block in catalogue().blocks:
        assert 4 <= len(block.statements) <= 6, block.key
        assert block.aim and block.explanation and block.deeper_questions
        assert block.links and all(link.prompt for link in block.links)


def test_it_links_only_to_other_existing_blocks():
    for version in CATALOGUES.values():
        keys = {block.key for block in version.blocks}
        for block in version.blocks:
            for link in block.links:
                assert link.block in keys and link.block != block.key


def test_it_keeps_statement_keys_unique_and_prefixed_with_their_block():
    keys = catalogue().statement_keys()
    assert len(keys) == len(set(keys))
    for block in catalogue().blocks:
        assert all(st.key.startswith(block.key + ".") for st in block.statements)


def test_it_names_the_blocks_in_dutch():
    with translation.override("nl"):
        names = [str(block.name) for block in catalogue(CURRENT_VERSION).blocks]
    assert names == [
        "Opgave",
        "Waarde",
        "Samen doen",
        "Verankering",
        "Deelname",
        "Binding",
        "Organisatie",
    ]
