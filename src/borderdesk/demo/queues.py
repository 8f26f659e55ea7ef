"""Demo queues at Utopia City International Airport (UCX) and the day's arrival schedule: fictional flights of
the fictional Utopian carriers, today and tomorrow, so the duty manager's dashboard has something to plan for."""

from __future__ import annotations

from datetime import timedelta

from borderdesk.apps.accounts.actors import DEMO
from borderdesk.apps.posts.models import Post
from borderdesk.apps.queues.models import Queue
from borderdesk.apps.queues.services import QueueSetup, day_bounds, import_schedule, save_queue

QUEUES = [
    QueueSetup(kind="residents", terminal="T1"),
    QueueSetup(kind="visitors", terminal="T1"),
    QueueSetup(kind="egates", terminal="T1"),
    QueueSetup(kind="residents", terminal="T1", direction="exit", lanes=("all",)),
]

# (local time, flight, passengers, share of residents)
FLIGHTS = [
    ("06:10", "UX101", 174, 0.6),
    ("06:45", "AM220", 150, 0.3),
    ("07:30", "UX305", 286, 0.45),
    ("08:15", "NW410", 180, 0.2),
    ("09:05", "UX117", 210, 0.55),
    ("10:40", "AM226", 160, 0.35),
    ("12:20", "UX511", 320, 0.4),
    ("13:55", "NW418", 140, 0.25),
    ("15:30", "UX129", 230, 0.5),
    ("17:05", "AM232", 170, 0.3),
    ("18:45", "UX707", 340, 0.45),
    ("20:10", "NW426", 150, 0.2),
    ("21:35", "UX141", 190, 0.65),
]


def load_demo_queues(progress) -> None:
    post = Post.objects.filter(code="UCX").first()
    if post is None:
        return
    if not Queue.objects.filter(post=post).exists():
        for setup in QUEUES:
            save_queue(DEMO, post, setup)
        progress("  queues at UCX: residents, visitors and e-gates (T1)")
    today = post.local_date()
    for day in (today, today + timedelta(days=1)):  # the dashboard looks 12 hours ahead, past midnight too
        start, end = day_bounds(post, day)
        if post.expected_arrivals.filter(expected_at__gte=start, expected_at__lt=end).exists():
            continue
        rows = [f"{flight},{day}T{at},T1,{passengers},{share}" for at, flight, passengers, share in FLIGHTS]
        import_schedule(DEMO, post, "service,expected_at,terminal,passengers,residents_share\n" + "\n".join(rows))
        progress(f"  arrival schedule at UCX for {day}: {len(FLIGHTS)} flights")
