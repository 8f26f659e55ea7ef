from datetime import date

from ninja import Router, Schema

from borderdesk.apps.travel_documents.services import check_document

router = Router()


class VizIn(Schema):
    surname: str | None = None
    given_names: str | None = None
    document_number: str | None = None
    birth_date: date | None = None
    expiry_date: date | None = None
    sex: str | None = None
    nationality: str | None = None


class MrzCheckIn(Schema):
    mrz: str
    today: date | None = None
    repair: bool = False
    departure: date | None = None
    viz: VizIn | None = None


@router.post("/mrz", summary="Check a machine-readable zone, the document and the lost/stolen register")
def check_mrz(request, body: MrzCheckIn):
    """The same JSON as `borderdesk mrz check --json`, plus `document_checks`, `lost_stolen` (the register
    entry, or null), `viz_differences` and `clear`."""
    viz = body.viz.dict(exclude_none=True) if body.viz else None
    return check_document(
        request.user,
        body.mrz,
        today=body.today,
        repair=body.repair,
        departure=body.departure,
        viz=viz,
        purpose="document check (API)",
    ).as_dict()
