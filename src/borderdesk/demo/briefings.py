"""Demo briefings and messages (#16): a policy author's briefing for the border officers of every post, which the
demo's officer acknowledges before opening a booth (one step more in the booth journey, as at a real shift's
start), and the duty manager's message to everyone at Utopia City airport, unread in their headers."""

from __future__ import annotations

from borderdesk.apps.accounts.models import User
from borderdesk.apps.briefings import services as briefings
from borderdesk.apps.briefings.models import Briefing
from borderdesk.apps.messaging import services as messaging
from borderdesk.apps.messaging.models import Message
from borderdesk.apps.posts.models import Post

TITLE = "New entry stamp ink from this week"
BODY = (
    "Entry stamps are now printed in blue security ink with a microprinted UTO border.\n"
    "A red or black entry stamp dated from this week is not genuine: refer the traveller to secondary "
    "inspection and call a supervisor.\n"
    "Stamps in the old ink from before this week stay valid."
)
MESSAGE = "Flight UT 101 from Berlin lands 40 minutes early: booths A01 to A03 open at 07:20. Thank you."


def load_demo_briefings(progress=lambda _: None) -> int:
    """The briefing and the message; nothing when they are there already. Returns how many were made."""
    if Briefing.objects.filter(title=TITLE).exists():
        return 0
    author, duty = User.objects.get(username="policy"), User.objects.get(username="duty")
    ucx = Post.objects.get(code="UCX")
    form = briefings.BriefingForm(
        title=TITLE,
        body=BODY,
        priority="important",
        effective_on=ucx.local_date().isoformat(),
        roles=("border_officer", "senior_officer"),
        all_posts=True,
    )
    briefings.publish(author, form)
    if not Message.objects.filter(sender=duty, body=MESSAGE).exists():
        messaging.send(duty, ucx, MESSAGE)
    progress("  a briefing for border and senior officers at every post, a message at UCX")
    return 2
