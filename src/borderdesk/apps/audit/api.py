from ninja import Router, Schema

from borderdesk.apps.audit.services import verify_trail_as

router = Router()


class BrokenLinkOut(Schema):
    seq: int
    reason: str
    message: str


class ChainReportOut(Schema):
    chain: str
    checked: int
    broken: BrokenLinkOut | None


@router.post("/verify", response=list[ChainReportOut], summary="Walk the hash chains; report the first broken link")
def verify(request):
    return [report.as_dict() for report in verify_trail_as(request.user)]
