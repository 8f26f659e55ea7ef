import pytest

from borderdesk.core.screening import (
    HIT,
    POSSIBLE,
    ListConfig,
    ListEntry,
    PartialDate,
    Query,
    Schema,
    Screener,
    UnscreenableName,
    list_configs,
)

from .conftest import BADEGE, ERIKSSON


@pytest.fixture
def screener(entries):
    return Screener(entries)


def test_match_has_the_contract_shape(screener):
    [match] = screener.screen(Query("Eric Badege", birth_date=PartialDate(1971, 3, 4)))
    output = match.to_dict()
    assert list(output) == ["list", "entry_id", "name", "score", "decision", "explanation"]
    assert output["list"] == "un" and output["entry_id"] == "6907993" and output["name"] == "ERIC BADEGE"
    assert output["decision"] == HIT
    assert set(output["explanation"]) == {"name", "birth_date"}
    assert output["explanation"]["birth_date"]["detail"] == "same year of birth 1971 (listed 1971)"


def test_explanation_covers_every_feature_both_sides_have(screener):
    query = Query("Eric Badege", birth_date=PartialDate(1971), nationality="COD", sex="M", document_number="OB0123456")
    [match] = screener.screen(query)
    assert set(match.explanation) == {"name", "birth_date", "nationality", "sex", "document"}
    assert all({"score", "detail"} <= set(feature) for feature in match.explanation.values())
    assert match.explanation["name"]["compared"] == "eric badege / eric badege"


def test_spelling_variant_and_script_find_the_entry(screener):
    assert screener.screen(Query("Muhammad Yousef Hasan"))[0].entry_id == "2002"
    assert screener.screen(Query("ابو بكر البغدادي"))[0].entry_id == "1001"


def test_name_detail_names_the_variant_kind(screener):
    [match] = screener.screen(Query("Muhammad Yusuf Hassan"))
    assert "muhammad~mohammed (spelling variant)" in match.explanation["name"]["detail"]


def test_listed_document_is_a_hit_even_under_another_name(screener):
    [match] = screener.screen(Query("Jean Dupont", document_number="ob 0123456", document_issuing_state="COD"))
    assert match.entry_id == "6907993" and match.decision == HIT
    assert "listed passport OB0123456" in match.explanation["document"]["detail"]


def test_document_of_another_issuer_is_not_a_match(screener):
    assert screener.screen(Query("Jean Dupont", document_number="OB0123456", document_issuing_state="FRA")) == []


def test_a_different_date_of_birth_lowers_the_score(screener):
    same = screener.screen(Query("Anna Eriksson", birth_date=PartialDate(1974, 8, 12)))
    other = screener.screen(Query("Anna Eriksson", birth_date=PartialDate(1990, 1, 1)))
    assert same[0].decision == HIT
    assert not other or other[0].score < same[0].score - 0.2


def test_weak_alias_alone_is_only_possible_and_a_hit_with_the_birth_date(screener):
    [alone] = screener.screen(Query("Abu Duaa"))
    assert alone.decision == POSSIBLE
    assert "weak alias" in alone.explanation["name"]["detail"]
    [with_date] = screener.screen(Query("Abu Duaa", birth_date=PartialDate(1971, 7, 28)))
    assert with_date.decision == HIT


def test_organisations_are_not_screened_by_default(screener):
    assert all(match.entry_id != "3003" for match in screener.screen(Query("Eric Badege Trading")))


def test_schemas_per_list_can_include_organisations(entries):
    screener = Screener(entries, configs={"ofac": ListConfig(schemas=frozenset({Schema.ORGANIZATION}))})
    assert "3003" in {match.entry_id for match in screener.screen(Query("Eric Badege Trading Ltd"))}


def test_thresholds_are_per_list(entries):
    query = Query("Erik Badege")  # one name part only sounds alike: about 0.94
    assert Screener(entries).screen(query)[0].decision == HIT
    strict = Screener(entries, configs={"un": ListConfig(hit=0.99, possible=0.9)})
    assert strict.screen(query)[0].decision == POSSIBLE
    stricter = Screener(entries, configs={"un": ListConfig(hit=0.99, possible=0.98)})
    assert stricter.screen(query) == []


def test_threshold_override_reports_weaker_matches(screener):
    query = Query("Eric Bandagi")  # one name part in common: about 0.24
    assert screener.screen(query) == []
    loose = screener.screen(query, threshold=0.2)
    assert [match.entry_id for match in loose] == ["6907993"]
    assert loose[0].decision == POSSIBLE and loose[0].score >= 0.2


def test_list_configs_read_from_plain_settings():
    configs = list_configs({"un": {"hit": 0.9, "possible": 0.75}, "orgs": {"schemas": ["organization"]}})
    assert configs["un"] == ListConfig(hit=0.9, possible=0.75)
    assert configs["orgs"].schemas == frozenset({Schema.ORGANIZATION})
    assert configs["orgs"].hit == ListConfig().hit


def test_invalid_thresholds_are_refused():
    with pytest.raises(ValueError):
        ListConfig(hit=0.5, possible=0.8)


def test_lists_can_be_chosen(screener):
    assert screener.screen(Query("Eric Badege"), lists=["ofac"]) == []
    assert screener.screen(Query("Eric Badege"), lists=["un"])[0].list == "un"


def test_matches_are_ordered_by_score():
    entries = [
        ("a", ListEntry(str(i), (name,)))
        for i, name in enumerate(["John Smith", "Jon Smith", "John Smyth", "John Q Smith", "Johan Smitt"])
    ]
    matches = Screener(entries).screen(Query("John Smith"))
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert matches[0].entry_id == "0"


def test_unscreenable_name_raises_with_a_code(screener):
    with pytest.raises(UnscreenableName) as caught:
        screener.screen(Query("  "))
    assert caught.value.code == "name_empty"


def test_batch_keeps_order_and_reports_errors_in_place(screener):
    results = screener.screen_batch([Query("Eric Badege", id="a"), Query("1234", id="b"), Query("Nobody Here", id="c")])
    assert [r.id for r in results] == ["a", "b", "c"]
    assert results[0].matches[0].entry_id == "6907993"
    assert results[1].to_dict() == {
        "id": "b",
        "matches": [],
        "error": {"code": "name_without_letters", "message": "The name '1234' contains no letters."},
    }
    assert results[2].to_dict() == {"id": "c", "matches": []}


def test_exact_name_and_birth_date_key_finds_one_among_many_namesakes():
    namesakes = [
        ("a", ListEntry(f"n{i}", ("Ali Hassan",), birth_dates=(PartialDate(1950 + i % 40, 1 + i % 12, 1),)))
        for i in range(300)
    ]
    screener = Screener(namesakes, max_candidates=5)
    wanted = namesakes[257][1]
    matches = screener.screen(Query("Hassan Ali", birth_date=wanted.birth_dates[0]))
    assert matches[0].entry_id in {e.entry_id for _, e in namesakes if e.birth_dates == wanted.birth_dates}
    assert matches[0].decision == HIT


def test_saved_screener_loads_and_screens_the_same(screener, tmp_path):
    path = tmp_path / "screener.pickle"
    screener.save(path)
    loaded = Screener.load(path)
    query = Query("Anna Maria Eriksson", birth_date=PartialDate(1974, 8, 12))
    assert [m.to_dict() for m in loaded.screen(query)] == [m.to_dict() for m in screener.screen(query)]
    assert len(loaded) == len(screener) == 4


def test_entry_without_names_is_left_out():
    screener = Screener([("a", ListEntry("x", ())), ("a", ERIKSSON), ("b", BADEGE)])
    assert len(screener) == 2
    assert screener.list_names == ["a", "b"]


def test_chosen_list_is_found_behind_hundreds_of_namesakes_on_other_lists():
    namesakes = [("other", ListEntry(f"o{i}", ("Ali Hassan",))) for i in range(400)]
    listed = ListEntry("u1", ("Ali Hassan",), birth_dates=(PartialDate(1970),))
    screener = Screener([*namesakes, ("un", listed)])
    matches = screener.screen(Query("Ali Hassan"), lists=["un"])
    assert [match.entry_id for match in matches] == ["u1"]


def test_the_collector_is_off_while_the_index_is_built_and_back_on_after(entries):
    import gc

    seen = []

    def watched():
        for item in entries:
            seen.append(gc.isenabled())
            yield item

    assert gc.isenabled()
    Screener(watched())
    assert seen and not any(seen), "no full collection walks a half-built index"
    assert gc.isenabled()


def test_a_build_that_fails_gives_the_collector_back_as_it_was(entries):
    import gc

    def broken():
        yield from entries
        raise OSError("the list's file went away")

    with pytest.raises(OSError):
        Screener(broken())
    assert gc.isenabled()
    gc.disable()
    try:
        Screener(iter(entries))
        assert not gc.isenabled(), "a caller that had turned it off keeps it off"
    finally:
        gc.enable()
