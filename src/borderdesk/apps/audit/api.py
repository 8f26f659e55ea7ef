from ninja import Router, Schema

from borderdesk.apps.audit.services import verify_trail_as

router = Router()


class BrokenLinkOut(Schema):
    seq: int
    reason: str
    message: str


class CheckpointOut(Schema):
    chain: str
    seq: int
    hash: str
    created_at: str
    key_id: str
    signature: str


class CheckpointProblemOut(Schema):
    code: str
    chain: str
    seq: int
    message: str
    checkpoint: CheckpointOut


class ChainReportOut(Schema):
    chain: str
    checked: int
    broken: BrokenLinkOut | None
    intact: bool
    last_seq: int
    last_hash: str
    checkpoints_checked: int
    checkpoint_problems: list[CheckpointProblemOut]
    missing_triggers: list[str]


@router.post(
    "/verify",
    response=list[ChainReportOut],
    summary="Walk the hash chains; check the signed checkpoints and the append-only triggers",
)
def verify(request):
    return [report.as_dict() for report in verify_trail_as(request.user)]
