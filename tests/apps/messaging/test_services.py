"""Messages and calls to a supervisor: who receives them, who may read them, the call's states, the trail."""

import pytest

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.messaging import services
from borderdesk.apps.messaging.models import Delivery
from borderdesk.core.messaging import BODY_MAX

pytestmark = pytest.mark.django_db


def recipients(message) -> set[str]:
    return {d.recipient.username for d in message.deliveries.select_related("recipient")}


def test_a_call_reaches_the_posts_supervisors_and_names_booth_and_post(officer, senior, duty, stranger, at_booth):
    call = services.call_supervisor(officer, at_booth, note="Traveller  unwell")
    assert recipients(call) == {"senior", "duty"}  # not the officer, not another post's staff
    assert "booth A01 at TST" in call.body and call.body.endswith("Traveller unwell") and call.state == "open"
    event = AuditEvent.objects.get(action="messaging.call.make")
    assert event.post_code == "TST" and event.new_values["booth"] == "A01"
    assert services.unread(senior)[0] == 1 and services.unread(senior)[1] == call


def test_calling_again_while_the_call_is_open_returns_the_same_call(officer, senior, at_booth):
    first = services.call_supervisor(officer, at_booth)
    assert services.call_supervisor(officer, at_booth) == first
    assert AuditEvent.objects.filter(action="messaging.call.make").count() == 1


def test_a_call_needs_an_open_booth_and_a_supervisor(officer, at_booth, make_user, port):
    with pytest.raises(Conflict) as caught:
        services.call_supervisor(officer, at_booth)
    assert caught.value.code == "no_supervisor_at_post"
    other = make_user("other", "border_officer", posts=[port.code])
    with pytest.raises(Invalid) as caught:
        services.call_supervisor(other, at_booth)  # someone else's booth session
    assert caught.value.code == "no_open_booth"


def test_a_supervisor_answers_once_and_the_officer_is_told(officer, senior, duty, at_booth):
    call = services.call_supervisor(officer, at_booth)
    services.answer(senior, call.pk)
    call.refresh_from_db()
    assert call.state == "answered" and call.answered_by == senior
    assert services.unread(officer) == (1, call)  # the answer reaches the caller
    with pytest.raises(Conflict) as caught:
        services.answer(duty, call.pk)
    assert caught.value.code == "call_already_answered"
    with pytest.raises(Invalid) as caught:
        services.answer(officer, call.pk)
    assert caught.value.code == "own_call"
    services.close(officer, call.pk)
    call.refresh_from_db()
    assert call.state == "closed" and call.closed_by == officer
    actions = list(AuditEvent.objects.filter(action__startswith="messaging.call").values_list("action", "post_code"))
    assert actions == [
        ("messaging.call.make", "TST"),
        ("messaging.call.answer", "TST"),
        ("messaging.call.close", "TST"),
    ]


def test_a_supervisor_writes_to_the_whole_post(senior, officer, duty, stranger):
    message = services.send(senior, senior.posts.get(), "Booth 3 scanner is down.")
    assert recipients(message) == {"officer", "duty"}
    event = AuditEvent.objects.get(action="messaging.message.send")
    assert event.post_code == "TST" and event.new_values["body"] == "Booth 3 scanner is down."


def test_an_officer_writes_to_a_person_but_not_to_the_whole_post(officer, senior, port):
    with pytest.raises(PermissionDenied) as caught:
        services.send(officer, port, "Everyone: lunch")
    assert caught.value.code == "post_message_for_supervisors"
    message = services.send(officer, port, "Can you relieve me at 14:00?", to_user_id=senior.pk)
    assert recipients(message) == {"senior"}


def test_no_one_writes_to_a_person_they_share_no_post_with(senior, stranger, port, other_port):
    with pytest.raises(NotFound) as caught:
        services.send(senior, port, "hello", to_user_id=stranger.pk)
    assert caught.value.code == "recipient_not_found"
    with pytest.raises(PermissionDenied):  # nor at a post that is not theirs
        services.send(senior, other_port, "hello", to_user_id=stranger.pk)
    assert not AuditEvent.objects.filter(action="messaging.message.send").exists()


def test_a_huge_or_empty_body_is_refused_and_nothing_is_sent(senior, port, officer):
    for body, code in (("x" * (BODY_MAX + 1), "body_too_long"), ("  ", "body_required"), ("a\x00", "nul_character")):
        with pytest.raises(Invalid) as caught:
            services.send(senior, port, body, to_user_id=officer.pk)
        assert caught.value.code == code
    assert not Delivery.objects.exists()


def test_only_sender_and_recipients_read_a_message(senior, officer, duty, stranger, make_user, port):
    message = services.send(senior, port, "For the officer only", to_user_id=officer.pk)
    assert services.read(officer, message.pk) == message and services.read(senior, message.pk) == message
    assert services.unread(officer)[0] == 0  # opened: read
    for outsider in (duty,):  # same post, not a recipient
        with pytest.raises(NotFound) as caught:
            services.read(outsider, message.pk)
        assert caught.value.code == "message_not_found"
    with pytest.raises(PermissionDenied):  # another post's officer: refused at the post
        services.read(stranger, message.pk)
    with pytest.raises(NotFound):
        services.read(officer, 999_999)


def test_a_message_is_not_a_call(senior, officer, port):
    message = services.send(senior, port, "Hello", to_user_id=officer.pk)
    with pytest.raises(Invalid) as caught:
        services.answer(officer, message.pk)
    assert caught.value.code == "not_a_call"


def test_inbox_and_sent_hold_only_ones_own(senior, officer, duty, port):
    mine = services.send(senior, port, "To the officer", to_user_id=officer.pk)
    services.send(senior, port, "To the duty manager", to_user_id=duty.pk)
    assert [d.message for d in services.inbox(officer)] == [mine]
    assert len(services.sent(senior)) == 2 and services.sent(officer) == []
