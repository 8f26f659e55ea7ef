from datetime import datetime

from ninja import Field, Router, Schema, Status

from borderdesk.apps.queues.services import receive_count

router = Router()


class CountIn(Schema):
    queue: int
    at: datetime
    waiting: int
    joined: int
    idempotency_key: str = Field("", max_length=200)


class CountOut(Schema):
    count_id: int
    queue: int
    at: datetime
    waiting: int
    joined: int
    replayed: bool


@router.post("/counts", response={200: CountOut, 201: CountOut}, summary="Send a count of a passport-control queue")
def post_count(request, body: CountIn):
    """A sensor or a member of staff counts a queue: at the moment `at` (with its UTC offset), `waiting` people
    were in it and `joined` people joined since the previous count. The sender needs the queue-count permission at
    the queue's post (`not_your_post` 403 for another post's queue, `queue_not_found` 404 for no such queue).
    Answered 201 when stored; the same sender sending the same `idempotency_key` again gets the first answer with
    `replayed: true` (200) and nothing is stored twice; the key with another count is `idempotency_key_reused`
    (409). Refused with nothing stored: `negative_count`, `absurd_count` (more than 5,000 people), `naive_time`,
    `count_in_future`, `count_too_old` (over a day), `count_out_of_order` (not after the queue's latest count),
    `queue_closed`, `idempotency_key_required`."""
    received = receive_count(
        request.user,
        queue_id=body.queue,
        at=body.at,
        waiting=body.waiting,
        joined=body.joined,
        idempotency_key=body.idempotency_key,
    )
    count = received.count
    answer = {
        "count_id": count.pk,
        "queue": count.queue_id,
        "at": count.counted_at,
        "waiting": count.waiting,
        "joined": count.joined,
        "replayed": received.replayed,
    }
    return Status(200 if received.replayed else 201, answer)
