from datetime import date

from ninja import Router, Schema

from borderdesk.apps.posts.services import post_of_caller
from borderdesk.apps.visas.services import view_visa

router = Router()


class HolderOut(Schema):
    surname: str
    given_names: str
    nationality: str
    birth_date: date | None
    document_number: str | None


class VisaOut(Schema):
    number: str
    kind: str
    status: str
    valid_today: bool
    valid_from: date
    valid_until: date
    entries_allowed: int | None
    entries_used: int
    duration_days: int | None
    ended_on: date | None
    holder: HolderOut


@router.get("/{number}", response=VisaOut, summary="Read a visa: its status, dates, entries and holder")
def read_visa(request, number: str, post: str = ""):
    """For gates and kiosks: whether the visa is valid today (`valid_today`: neither annulled nor revoked, within
    its dates, with entries left) and whose it is, to compare with the passport. `post` (the caller's post, by
    default its current one) is where the visa is read: a post where its holder has been inspected, or the post
    that issued it (`not_your_post` 403 elsewhere, `visa_not_found` 404). The read is in the access log."""
    where = post_of_caller(request.user, post).code if post else None
    record = view_visa(request.user, number, post_code=where or _current_post(request.user))
    visa, traveller = record.visa, record.visa.traveller
    return {
        "number": visa.number,
        "kind": visa.kind,
        "status": visa.status,
        "valid_today": record.counts_today,
        "valid_from": visa.valid_from,
        "valid_until": visa.valid_until,
        "entries_allowed": visa.entries_allowed,
        "entries_used": record.entries_used,
        "duration_days": visa.duration_days,
        "ended_on": visa.ended_on,
        "holder": {
            "surname": traveller.surname,
            "given_names": traveller.given_names,
            "nationality": traveller.nationality,
            "birth_date": traveller.birth_date,
            "document_number": visa.document.document_number if visa.document else None,
        },
    }


def _current_post(user) -> str | None:
    post = getattr(user, "current_post", None)
    return post.code if post is not None else None
