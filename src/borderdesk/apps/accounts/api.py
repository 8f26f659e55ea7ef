from ninja import Router, Schema

router = Router()


class MeOut(Schema):
    username: str
    full_name: str
    roles: list[str]
    posts: list[str]
    current_post: str | None


@router.get("/me", response=MeOut, summary="Who is signed in, with their roles and posts")
def me(request):
    user = request.user
    return MeOut(
        username=user.username,
        full_name=user.get_full_name(),
        roles=sorted(role.value for role in user.roles),
        posts=sorted(user.assigned_post_codes),
        current_post=user.current_post.code if user.current_post else None,
    )
