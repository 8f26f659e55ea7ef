"""The queues' section flattens ``queues.services.queue_measures`` (its documented shape: a day, then each queue's
measures) into a row per day with four columns per queue; a queue's waits on a day of few travellers are hidden."""

from datetime import date

from borderdesk.apps.figures.sections import MEASURES, queue_rows, queue_section


def _queue(pk, measures, share, median, p95):
    return {
        "queue": pk,
        "kind": "visitors",
        "terminal": "T1",
        "direction": "entry",
        "name": f"Queue {pk}",
        "target_minutes": 20,
        "target_share": 0.95,
        "measures": measures,
        "share_within": share,
        "median_wait_seconds": median,
        "p95_wait_seconds": p95,
        "met": None if share is None else share >= 0.95,
    }


def test_a_row_per_day_four_columns_per_queue_and_few_travellers_hidden():
    days = [
        {"day": date(2026, 3, 29), "queues": [_queue(1, 120, 0.9667, 410.4, 1190.6), _queue(2, 3, 1.0, 60.0, 90.0)]},
        {"day": date(2026, 3, 30), "queues": [_queue(1, 0, None, None, None), _queue(2, 0, None, None, None)]},
    ]
    rows = queue_rows(days, 5)
    assert rows[0] == {
        "day": date(2026, 3, 29),
        "queue_1_measured": 120,
        "queue_1_within": "97%",
        "queue_1_median_s": 410,
        "queue_1_p95_s": 1191,
        "queue_2_measured": "<5",
        "queue_2_within": "x",
        "queue_2_median_s": "x",
        "queue_2_p95_s": "x",
    }
    assert rows[1]["queue_1_measured"] == 0 and rows[1]["queue_1_within"] is None


def test_the_section_is_one_line_to_add():
    section = queue_section(lambda actor, post, first, last: [])
    assert section.code == "queues" and section.kind == MEASURES and section.with_actor
