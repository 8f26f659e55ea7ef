"""Messages inside the app: a supervisor's message to a post or to one person, and an officer's call from a booth
to the supervisors of its post. Each recipient has a delivery (read or not); a call's caller gets one too when a
supervisor answers, so the answer reaches them like a message."""

from django.conf import settings
from django.db import models

from borderdesk.core.messaging import BODY_MAX, CallState


class Kind(models.TextChoices):
    MESSAGE = "message", "Message"
    CALL = "call", "Call to a supervisor"


class Message(models.Model):
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.MESSAGE)
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    post = models.ForeignKey("posts.Post", on_delete=models.PROTECT, related_name="+")
    to_post = models.BooleanField(default=False, help_text="Sent to everyone at the post.")
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    booth = models.ForeignKey("posts.Booth", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=BODY_MAX)
    sent_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=8, blank=True, choices=[(s.value, s.value.capitalize()) for s in CallState], default=""
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["sender", "sent_at"], name="message_sender_sent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} from {self.sender}"

    @property
    def is_call(self) -> bool:
        return self.kind == Kind.CALL

    @property
    def state_words(self) -> str:
        return {"open": "Open", "answered": "Answered: on the way", "closed": "Closed"}.get(self.state, "")


class Delivery(models.Model):
    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    delivered_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-delivered_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="delivery_unread")]
        constraints = [models.UniqueConstraint(fields=["message", "recipient"], name="delivered_once")]
