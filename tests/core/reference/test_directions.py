from borderdesk.core.reference import Direction


def test_a_crossing_is_an_entry_or_an_exit():
    assert [direction.value for direction in Direction] == ["entry", "exit"]
    assert Direction("exit") is Direction.EXIT
