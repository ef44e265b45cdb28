"""Hypothesis: random valid definitions survive write -> read unchanged (archive, TSV, CSV)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockyard.services.lexv2_models.formats import (
    BotDefinition,
    CustomVocabularyItem,
    IntentDefinition,
    LocaleDefinition,
    SlotDefinition,
    SlotPriority,
    SlotTypeDefinition,
    TestSet,
    TestSetTurn,
    read_bot_archive,
    read_test_set_csv,
    read_vocabulary_tsv,
    write_bot_archive,
    write_test_set_csv,
    write_vocabulary_tsv,
)

NAMES = st.from_regex(r"\A[A-Za-z0-9]{1,6}(_[A-Za-z0-9]{1,4})?\Z")
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
MAYBE_TEXT = st.none() | TEXT
PROMPT = st.fixed_dictionaries(
    {
        "messageGroups": st.lists(
            st.fixed_dictionaries(
                {
                    "message": st.fixed_dictionaries(
                        {"plainTextMessage": st.fixed_dictionaries({"value": TEXT})}
                    )
                }
            ),
            min_size=1,
            max_size=2,
        ),
        "maxRetries": st.integers(0, 5),
        "allowInterrupt": st.booleans(),
    }
)
ELICITATION = st.fixed_dictionaries(
    {"slotConstraint": st.sampled_from(["Required", "Optional"])}, optional={"promptSpecification": PROMPT}
)
CODE_HOOK = st.none() | st.fixed_dictionaries({"enabled": st.booleans(), "active": st.booleans()})
SELECTION = st.none() | st.fixed_dictionaries(
    {"resolutionStrategy": st.sampled_from(["OriginalValue", "TopResolution", "Concatenation"])}
)
VALUES = st.none() | st.lists(
    st.fixed_dictionaries(
        {"sampleValue": st.fixed_dictionaries({"value": TEXT})},
        optional={"synonyms": st.lists(st.fixed_dictionaries({"value": TEXT}), min_size=1, max_size=2)},
    ),
    min_size=1,
    max_size=3,
)
EXTRA = st.dictionaries(st.sampled_from(["futureA", "futureB"]), st.none() | st.integers() | TEXT, max_size=2)


@st.composite
def slot_types(draw: st.DrawFn) -> dict[str, SlotTypeDefinition]:
    names = draw(st.lists(NAMES, max_size=3, unique=True))
    return {
        n: SlotTypeDefinition(
            n,
            description=draw(MAYBE_TEXT),
            slot_type_values=draw(VALUES),
            value_selection_setting=draw(SELECTION),
            extra=draw(EXTRA),
        )
        for n in names
    }


@st.composite
def intents(draw: st.DrawFn, type_names: list[str]) -> dict[str, IntentDefinition]:
    result: dict[str, IntentDefinition] = {}
    for name in draw(st.lists(NAMES, max_size=3, unique=True)):
        slots = {
            s: SlotDefinition(
                s,
                draw(st.sampled_from([*type_names, "AMAZON.City", "AMAZON.Number"])),
                draw(ELICITATION),
                description=draw(MAYBE_TEXT),
            )
            for s in draw(st.lists(NAMES, max_size=3, unique=True))
        }
        priorities = [SlotPriority(i, s) for i, s in enumerate(slots)]
        utterances = draw(st.none() | st.lists(st.fixed_dictionaries({"utterance": TEXT}), max_size=3))
        result[name] = IntentDefinition(
            name,
            description=draw(MAYBE_TEXT),
            sample_utterances=utterances,
            dialog_code_hook=draw(st.none() | st.fixed_dictionaries({"enabled": st.booleans()})),
            fulfillment_code_hook=draw(CODE_HOOK),
            slot_priorities=draw(st.sampled_from([None, priorities])),
            extra=draw(EXTRA),
            slots=slots,
        )
    return result


@st.composite
def locales(draw: st.DrawFn) -> dict[str, LocaleDefinition]:
    result: dict[str, LocaleDefinition] = {}
    for locale_id in draw(st.lists(st.sampled_from(["en_US", "it_IT", "de_DE"]), min_size=1, unique=True)):
        types = draw(slot_types())
        vocabulary = draw(
            st.none()
            | st.lists(
                st.builds(
                    CustomVocabularyItem,
                    st.from_regex(r"\A[a-z]{1,10}\Z"),
                    st.none() | st.integers(0, 3),
                    st.none() | st.from_regex(r"\A[A-Z]{1,5}\Z"),
                ),
                max_size=3,
                unique_by=lambda item: item.phrase,
            )
        )
        result[locale_id] = LocaleDefinition(
            locale_id,
            draw(st.floats(0, 1)),
            name=draw(MAYBE_TEXT),
            description=draw(MAYBE_TEXT),
            voice_settings=draw(st.none() | st.fixed_dictionaries({"voiceId": TEXT})),
            intents=draw(intents(list(types))),
            slot_types=types,
            custom_vocabulary=vocabulary,
        )
    return result


BOTS = st.builds(
    BotDefinition,
    name=NAMES,
    data_privacy=st.fixed_dictionaries({"childDirected": st.booleans()}),
    idle_session_ttl_in_seconds=st.integers(60, 86400),
    id=st.none() | st.from_regex(r"\A[A-Z0-9]{10}\Z"),
    description=MAYBE_TEXT,
    error_log_settings=st.none() | st.fixed_dictionaries({"enabled": st.booleans()}),
    extra=EXTRA,
    locales=locales(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bot=BOTS, password=st.none() | st.just("pw"))
def test_bot_definitions_round_trip(bot: BotDefinition, password: str | None):
    assert read_bot_archive(write_bot_archive(bot, password=password), password=password) == bot


@given(
    st.lists(
        st.builds(
            CustomVocabularyItem,
            st.from_regex(r"\A[^\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]{1,20}\Z").filter(
                lambda p: p.strip().lower() != "phrase" and p.strip() == p
            ),
            st.none() | st.integers(0, 3),
            st.none() | st.from_regex(r"\A[A-Za-z ]{0,9}[A-Za-z]\Z"),
        ),
        max_size=5,
        unique_by=lambda item: item.phrase,
    )
)
def test_vocabulary_tsv_round_trip(items: list[CustomVocabularyItem]):
    assert read_vocabulary_tsv(write_vocabulary_tsv(items)) == items


CELL = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9 ,\"']{0,8}[A-Za-z0-9]\Z")


@given(
    st.lists(
        st.builds(
            TestSetTurn,
            source=st.just("User"),
            conversation=st.none() | st.sampled_from(["1", "2"]),
            input=CELL,
            expected_intent=st.none() | NAMES,
            expected_slots=st.dictionaries(NAMES, CELL, max_size=2),
            session_attributes=st.lists(CELL, max_size=2),
            runtime_hints=st.lists(CELL, max_size=1),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_test_set_csv_round_trip(turns: list[TestSetTurn]):
    test_set = TestSet("Text", turns)
    assert read_test_set_csv(write_test_set_csv(test_set)) == test_set
