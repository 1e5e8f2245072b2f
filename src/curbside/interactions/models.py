from typing import ClassVar

from django.db import models

from curbside.core.models import OwnedModel, OwnedQuerySet
from curbside.network.models import Contact


class Interaction(OwnedModel):
    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        CALL = "call", "Call"
        EMAIL = "email", "Email"
        MESSAGE = "message", "Message"
        CONFERENCE_ENCOUNTER = "conference_encounter", "Conference encounter"
        INFORMATIONAL_INTERVIEW = "informational_interview", "Informational interview"
        JOB_INTERVIEW = "job_interview", "Job interview"
        REFERRAL_RECEIVED = "referral_received", "Referral received"
        INTRODUCTION_MADE = "introduction_made", "Introduction made"
        NOTE = "note", "Note"

    class Sentiment(models.TextChoices):
        POSITIVE = "positive", "Went well"
        NEUTRAL = "neutral", "Neutral"
        NEGATIVE = "negative", "Went badly"

    happened_on = models.DateField()
    kind = models.CharField(max_length=32, choices=Kind.choices)
    contacts = models.ManyToManyField(Contact, related_name="interactions")
    summary = models.TextField(blank=True)
    sentiment = models.CharField(max_length=8, choices=Sentiment.choices, default=Sentiment.NEUTRAL)
    # The opportunity it was about (an interview, a call with the recruiter), if any.
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
    )

    objects = OwnedQuerySet["Interaction"].as_manager()

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["owner", "-happened_on", "-id"]),
            # The introductions graph's version check: count and latest change per owner.
            models.Index(fields=["owner", "-updated_at"]),
        ]
        ordering: ClassVar = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.happened_on:%Y-%m-%d}"


class FollowUp(OwnedModel):
    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", "Thank-you"
        FOLLOW_UP = "follow_up", "Follow-up"
        KEEP_IN_TOUCH = "keep_in_touch", "Keep in touch"
        CLOSURE = "closure", "Closure"
        CUSTOM = "custom", "Custom"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        SNOOZED = "snoozed", "Snoozed"
        DISMISSED = "dismissed", "Dismissed"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.CharField(max_length=300, blank=True)
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # Set for what an opportunity creates: interview thank-yous, closures, deadlines.
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )

    objects = OwnedQuerySet["FollowUp"].as_manager()

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["owner", "status", "due_on"]),
            models.Index(fields=["owner", "contact"]),
        ]
        ordering: ClassVar = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on:%Y-%m-%d}"

    @property
    def is_pending(self) -> bool:
        """Snoozed follow-ups come back on their (moved) due date, like open ones."""
        return self.status in {self.Status.OPEN, self.Status.SNOOZED}
