from ninja import Router, Schema

from borderdesk.apps.posts.services import posts_visible_to

router = Router()


class BoothOut(Schema):
    code: str
    name: str
    direction: str
    lane: str


class PostOut(Schema):
    code: str
    name: str
    kind: str
    country: str
    time_zone: str
    booths: list[BoothOut]


@router.get("", response=list[PostOut], summary="The posts the signed-in user works at")
def list_posts(request):
    posts = posts_visible_to(request.user).prefetch_related("booths")
    return [
        PostOut(
            code=p.code,
            name=p.name,
            kind=p.kind,
            country=p.country,
            time_zone=p.time_zone,
            booths=[
                BoothOut(code=b.code, name=b.name, direction=b.direction, lane=b.lane)
                for b in p.booths.all()
                if b.is_active
            ],
        )
        for p in posts
    ]
