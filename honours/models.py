"""Ten-star households (十星级文明户), honours, and the satisfaction evaluation (满意度测评).

* :class:`Star` — the year's list of stars (configurable per year; ten by default).
* :class:`StarEvaluation` — a household's yearly rating: which stars it earned, proposed by the
  station, approved by the township, a public-notice period with objections, then final.
* :class:`HonourKind` — the kinds of honour, kept as data the banner edits (ten-star household,
  most beautiful family, good daughter-in-law …); the codes the rules rely on are fixed.
* :class:`Honour` — per village and year, of one kind, perhaps of a campaign; each has a printable
  certificate. Where the village has a moral review council it is first proposed, reviewed by
  the council, then awarded by the township.
* :class:`MoralReview` — the moral review council's (道德评议会) opinion on a proposal: a
  household's star rating (one per proposal round) or an honour.
* :class:`SatisfactionEvaluation` — the representatives' assembly rating the village committee.
  Who voted (:class:`BallotCast`, one row per representative, unique) is kept apart from how
  they voted (:class:`Vote`: a choice and nothing else — no voter, no time, a random key).

A vote is cast once and never changed: a representative's one-time code casts one ballot, and
since the vote names no voter nobody could say which vote to change. Votes, cast ballots, the
moral review's opinions and the star evaluations' history are append-only: Python refuses to
change or delete them, and on PostgreSQL a trigger (django-pgtrigger,
``honours.<Model>:append_only``) refuses any UPDATE or DELETE of their tables.

Every write goes through ``honours.services``.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaigns.models import CodeForeignKey
from practice.append_only import APPEND_ONLY
from practice.language import MONGOLIAN, mongolian_name_field
from practice.models import Household, Level, Unit
from practice.roles import Role
from practice.scoping import Scope, ScopedManager
from practice.transitions import StatusEvent

__all__ = [
    "Star",
    "StarEvaluation",
    "StarEvaluationStatus",
    "StarEvaluationEvent",
    "StarObjection",
    "Honour",
    "HonourKind",
    "HonourStatus",
    "MoralReview",
    "ReviewOpinion",
    "SatisfactionEvaluation",
    "EvaluationStatus",
    "Representative",
    "BallotCast",
    "BallotChannel",
    "Vote",
    "VoteChoice",
]


def _villager_sees_village(prefix):
    """Villagers see the honours and evaluations of their own village (they are public anyway)."""

    def q(user):
        if user.unit_id is None:
            return None
        return models.Q(**{prefix: user.unit_id})

    return q


class Star(models.Model):
    """One star of a year's list; the list is kept per year so a change never rewrites history."""

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    code = models.SlugField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=30)
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "order"), default=0)

    class Meta:
        db_table = "practice_star"
        verbose_name = _("star")
        verbose_name_plural = _("stars")
        ordering = ["year", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "code"], name="practice_%(class)s_year_code"
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.name}"


class StarEvaluationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed by the station")
    RETURNED = "returned", _("Returned to the station")
    IN_NOTICE = "in_notice", _("In public notice")
    FINAL = "final", _("Final")


def _villager_star_evaluations(user):
    """A villager sees their household's rating, and the village's ratings once made public
    (in public notice or final: they are on the notice board anyway)."""
    q = models.Q(pk__in=[])
    if user.household_id:
        q |= models.Q(household_id=user.household_id)
    if user.unit_id:
        q |= models.Q(
            village_id=user.unit_id,
            status__in=[StarEvaluationStatus.IN_NOTICE, StarEvaluationStatus.FINAL],
        )
    return q


class StarEvaluation(models.Model):
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="star_evaluations",
    )
    # Denormalised from the household so that scoping and board queries are one join shorter.
    village = models.ForeignKey(
        Unit,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="star_evaluations",
        limit_choices_to={"level": Level.VILLAGE},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    stars = models.ManyToManyField(Star, verbose_name=_("stars earned"), blank=True)
    star_count = models.PositiveSmallIntegerField(_("stars earned"), default=0)
    is_ten_star = models.BooleanField(_("ten-star household"), default=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=StarEvaluationStatus.choices,
        default=StarEvaluationStatus.PROPOSED,
        db_index=True,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    # Counts the station's proposals (a revision, a proposal again after a return): the moral
    # review council's opinion is on one round, and a new round needs a new opinion.
    proposal_round = models.PositiveSmallIntegerField(_("proposal round"), default=1)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    notice_ends_at = models.DateTimeField(_("public notice ends"), null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalized by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finalized_at = models.DateTimeField(_("finalized at"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(
        unit="village",
        household="household",
        roles={Role.VILLAGER: _villager_star_evaluations},
    )

    class Meta:
        db_table = "practice_starevaluation"
        verbose_name = _("star evaluation")
        verbose_name_plural = _("star evaluations")
        ordering = ["-year", "household__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "year"], name="practice_%(class)s_household_year"
            ),
        ]
        indexes = [models.Index(fields=["village", "year", "status"])]

    def __str__(self):
        return f"{self.year} {self.household}"

    @property
    def in_notice(self) -> bool:
        """In the public notice period: the village may object."""
        return self.status == StarEvaluationStatus.IN_NOTICE


class StarEvaluationEvent(StatusEvent):
    """The evaluation's history: every move of its status, objections and answers, with who and
    why (append-only)."""

    evaluation = models.ForeignKey(StarEvaluation, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=16, choices=StarEvaluationStatus.choices,
                                   blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=StarEvaluationStatus.choices,
                                 blank=True)

    class Meta:
        db_table = "practice_starevaluationevent"
        verbose_name = _("star evaluation event")
        verbose_name_plural = _("star evaluation events")
        ordering = ["at", "id"]
        triggers = [APPEND_ONLY]  # its own Meta does not inherit StatusEvent's

    def __str__(self):
        return f"{self.evaluation_id} {self.action}"


class StarObjection(models.Model):
    """An objection filed during the public notice, and the staff's answer."""

    evaluation = models.ForeignKey(
        StarEvaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="objections",
    )
    text = models.TextField(_("objection"), max_length=1000)
    # A signed-in user (a villager of the village, or staff recording one received), or nobody:
    # then the objector gave their name and phone on the public board. Those two are private:
    # only staff of the village's area see them (the staff page, the admin), never the board.
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    objector_name = models.CharField(_("objector's name"), max_length=50, blank=True)
    objector_phone = models.CharField(_("objector's phone"), max_length=11, blank=True)
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    answer = models.TextField(_("answer"), max_length=1000, blank=True)
    upheld = models.BooleanField(_("upheld"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(unit="evaluation__village", household="evaluation__household", user="filed_by")

    class Meta:
        db_table = "practice_starobjection"
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["filed_at", "id"]
        constraints = [
            # Every objection says who made it: an account, or a name given on the board.
            models.CheckConstraint(
                condition=Q(filed_by__isnull=False) | ~Q(objector_name=""),
                name="%(app_label)s_%(class)s_filed_by_or_name",
            ),
        ]

    def __str__(self):
        return self.text[:30]


class HonourKind(models.Model):
    """A kind of honour, kept as data: the banner adds 好媳妇 or 好婆婆 without a release.

    ``code`` is stable (honours store it, the API speaks it); the kinds the rules rely on
    (``is_fixed``: the ten-star household, which needs a final ten-star rating) are never
    deleted. The constants below are the codes of the kinds every database starts with.
    """

    TEN_STAR = "ten_star"
    BEAUTIFUL_FAMILY = "beautiful_family"
    CUSTOMS_LEADER = "customs_leader"
    PARTY_MEMBER = "party_member"

    code = models.SlugField(_("code"), max_length=20, unique=True,
                            help_text=_("Letters, digits, - and _; cannot change once saved."))
    name = models.CharField(_("name"), max_length=30)
    name_mn = mongolian_name_field()
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "order"), default=0)
    is_fixed = models.BooleanField(
        _("fixed"), default=False, editable=False,
        help_text=_("The platform's rules rely on this kind: it cannot be deleted."))

    objects = ScopedManager()
    scope = Scope(roles=dict.fromkeys(Role.values, lambda user: Q()))

    class Meta:
        db_table = "practice_honourkind"
        verbose_name = _("kind of honour")
        verbose_name_plural = _("kinds of honour")
        ordering = ["order", "code"]

    def __str__(self):
        # Not local_name(self): its fallback is str(obj).
        if self.name_mn and translation.get_language() == MONGOLIAN:
            return self.name_mn
        return self.name

    def delete(self, *args, **kwargs):
        if self.is_fixed:  # services.honour_kind_delete says why, in the reader's language
            raise ValueError("A kind of honour the rules rely on is never deleted.")
        return super().delete(*args, **kwargs)


# The kinds every database starts with (migration 0006 writes them; a flushed test database gets
# them again on post_migrate, like content types): code, name, Mongolian name, order, fixed.
DEFAULT_KINDS = [
    (HonourKind.TEN_STAR, "十星级文明户", "ᠠᠷᠪᠠᠨ ᠣᠳᠣᠲᠤ ᠥᠷᠬᠡ", 0, True),
    (HonourKind.BEAUTIFUL_FAMILY, "最美家庭", "ᠬᠠᠮᠤᠭ ᠤᠨ ᠭᠣᠶᠣ ᠭᠡᠷ ᠪᠦᠯᠢ", 10, False),
    (HonourKind.CUSTOMS_LEADER, "移风易俗带头人", "ᠵᠠᠩᠴᠢᠯ ᠢ ᠰᠢᠨᠡᠳᠭᠡᠬᠦ ᠲᠡᠷᠢᠭᠦᠨ", 20, False),
    (HonourKind.PARTY_MEMBER, "优秀党员", "ᠣᠨᠴᠠ ᠰᠠᠢᠨ ᠨᠠᠮ ᠤᠨ ᠭᠡᠰᠢᠭᠦᠨ", 30, False),
]


class HonourStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for the moral review and the township")
    AWARDED = "awarded", _("Awarded")
    DECLINED = "declined", _("Not awarded")


def _villager_sees_awarded(user):
    """Villagers see the honours awarded in their own village (they are public anyway)."""
    if user.unit_id is None:
        return None
    return models.Q(village_id=user.unit_id, status=HonourStatus.AWARDED)


_NOT_DECLINED = ~models.Q(status=HonourStatus.DECLINED)


class Honour(models.Model):
    village = models.ForeignKey(
        Unit,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="honours",
        limit_choices_to={"level": Level.VILLAGE},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # The column keeps the code (``kind``), as it did when kinds were fixed choices.
    # A CodeForeignKey: ``Honour(kind="ten_star")`` still works, as before kinds were rows.
    kind = CodeForeignKey(HonourKind, verbose_name=_("honour"), on_delete=models.PROTECT,
                          to_field="code", db_column="kind", related_name="honours")
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="honours",
    )
    status = models.CharField(_("status"), max_length=10, choices=HonourStatus.choices,
                              default=HonourStatus.AWARDED, db_index=True)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )
    person_name = models.CharField(_("name"), max_length=50)
    citation = models.CharField(_("citation"), max_length=200, blank=True)
    certificate_no = models.CharField(_("certificate number"), max_length=40, unique=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("awarded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Now by default, as the honours written before proposals existed; None while proposed.
    awarded_at = models.DateTimeField(_("awarded at"), null=True, blank=True,
                                      default=timezone.now)
    decline_reason = models.CharField(_("reason not awarded"), max_length=300, blank=True)

    objects = ScopedManager()
    scope = Scope(
        unit="village",
        household="household",
        roles={Role.VILLAGER: _villager_sees_awarded},
    )

    class Meta:
        db_table = "practice_honour"
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-year", "kind__order", "person_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "household"],
                condition=models.Q(household__isnull=False) & _NOT_DECLINED,
                name="practice_%(class)s_kind_year_household",
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "village", "person_name"],
                condition=models.Q(household__isnull=True) & _NOT_DECLINED,
                name="practice_%(class)s_kind_year_village_person",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=HonourStatus.AWARDED) | models.Q(
                    awarded_at__isnull=False),
                name="practice_%(class)s_awarded_has_date",
            ),
        ]
        indexes = [models.Index(fields=["village", "year"])]

    def __str__(self):
        return f"{self.year} {self.kind} {self.person_name}"

    @property
    def is_awarded(self) -> bool:
        return self.status == HonourStatus.AWARDED


class ReviewOpinion(models.TextChoices):
    AGREE = "agree", _("Agree")
    AGREE_WITH_REMARKS = "remarks", _("Agree with remarks")
    DISAGREE = "disagree", _("Disagree")


class MoralReview(models.Model):
    """The moral review council's opinion on one proposal, recorded by one of its members.

    On a star rating it is tied to the proposal's round: after a return and a new proposal the
    council gives a new opinion. On an honour, one opinion. Never changed or deleted.
    """

    evaluation = models.ForeignKey(StarEvaluation, verbose_name=_("star evaluation"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="reviews")
    proposal_round = models.PositiveSmallIntegerField(_("proposal round"), null=True, blank=True)
    honour = models.ForeignKey(Honour, verbose_name=_("honour"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="reviews")
    # Denormalised from the proposal, for scoping.
    village = models.ForeignKey(Unit, verbose_name=_("village"), on_delete=models.PROTECT,
                                related_name="+")
    opinion = models.CharField(_("opinion"), max_length=10, choices=ReviewOpinion.choices)
    text = models.TextField(_("remarks"), max_length=1000, blank=True)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                               on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(unit="village", user="member")

    class Meta:
        verbose_name = _("moral review opinion")
        verbose_name_plural = _("moral review opinions")
        ordering = ["at", "id"]
        triggers = [APPEND_ONLY]  # PostgreSQL refuses UPDATE and DELETE
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(evaluation__isnull=False, proposal_round__isnull=False,
                                    honour__isnull=True)
                           | models.Q(evaluation__isnull=True, proposal_round__isnull=True,
                                      honour__isnull=False)),
                name="%(app_label)s_%(class)s_one_proposal",
            ),
            models.UniqueConstraint(
                fields=["evaluation", "proposal_round"],
                condition=models.Q(evaluation__isnull=False),
                name="%(app_label)s_%(class)s_one_per_round",
            ),
            models.UniqueConstraint(
                fields=["honour"], condition=models.Q(honour__isnull=False),
                name="%(app_label)s_%(class)s_one_per_honour",
            ),
        ]

    def __str__(self):
        return f"{self.get_opinion_display()} {self.text[:20]}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A moral review opinion is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A moral review opinion is never deleted.")


class EvaluationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SatisfactionEvaluation(models.Model):
    village = models.ForeignKey(
        Unit,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="satisfaction_evaluations",
        limit_choices_to={"level": Level.VILLAGE},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=100)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.OPEN,
        db_index=True,
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The published result, written once when the evaluation closes.
    satisfied = models.PositiveIntegerField(_("satisfied"), null=True, blank=True)
    basically_satisfied = models.PositiveIntegerField(
        _("basically satisfied"), null=True, blank=True
    )
    dissatisfied = models.PositiveIntegerField(_("dissatisfied"), null=True, blank=True)
    representatives_count = models.PositiveIntegerField(_("representatives"), null=True, blank=True)
    satisfaction_rate = models.DecimalField(
        _("satisfaction rate (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    # Closed without a quorum of the representatives voting: closed for good, no result at all.
    no_quorum = models.BooleanField(_("closed without quorum"), default=False)

    objects = ScopedManager()
    scope = Scope(unit="village", roles={Role.VILLAGER: _villager_sees_village("village_id")})

    class Meta:
        db_table = "practice_satisfactionevaluation"
        verbose_name = _("satisfaction evaluation")
        verbose_name_plural = _("satisfaction evaluations")
        ordering = ["-year", "village__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year"], name="practice_%(class)s_village_year"
            ),
            # A closed evaluation carries its whole result, unless it closed without quorum:
            # then none of it, like an open one.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        status="open",
                        closed_at__isnull=True,
                        no_quorum=False,
                        satisfied__isnull=True,
                        basically_satisfied__isnull=True,
                        dissatisfied__isnull=True,
                    )
                    | models.Q(
                        status="closed",
                        closed_at__isnull=False,
                        no_quorum=False,
                        satisfied__isnull=False,
                        basically_satisfied__isnull=False,
                        dissatisfied__isnull=False,
                    )
                    | models.Q(
                        status="closed",
                        closed_at__isnull=False,
                        no_quorum=True,
                        satisfied__isnull=True,
                        basically_satisfied__isnull=True,
                        dissatisfied__isnull=True,
                        satisfaction_rate__isnull=True,
                    )
                ),
                name="practice_%(class)s_result_iff_closed_with_quorum",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_closed(self):
        return self.status == EvaluationStatus.CLOSED

    @property
    def has_result(self):
        """Closed with a quorum: its counts and rate are published."""
        return self.is_closed and not self.no_quorum

    @property
    def votes_cast(self):
        if not self.has_result:
            return None
        return self.satisfied + self.basically_satisfied + self.dissatisfied


class Representative(models.Model):
    """A villagers' representative on an evaluation's list, with the hash of their one-time code.

    ``phone`` is kept only to hand the code over; it is never shown on the board.
    """

    evaluation = models.ForeignKey(
        SatisfactionEvaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="representatives",
    )
    name = models.CharField(_("name"), max_length=50)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True)
    code_hash = models.CharField(_("code hash"), max_length=64, editable=False)

    objects = ScopedManager()
    scope = Scope(unit="evaluation__village")

    class Meta:
        db_table = "practice_representative"
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "code_hash"], name="practice_%(class)s_code"
            ),
        ]

    def __str__(self):
        return self.name


class BallotChannel(models.TextChoices):
    PHONE = "phone", _("On the phone with a one-time code")
    PAPER = "paper", _("Paper ballot entered by staff")


class BallotCast(models.Model):
    """Who has voted: one row per representative (the unique constraint is the one-vote rule).

    It records *that* a representative voted, never *how*.
    """

    evaluation = models.ForeignKey(
        SatisfactionEvaluation, on_delete=models.PROTECT, related_name="ballots"
    )
    representative = models.ForeignKey(
        Representative, on_delete=models.PROTECT, related_name="ballots"
    )
    channel = models.CharField(_("channel"), max_length=8, choices=BallotChannel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        db_table = "practice_ballotcast"
        verbose_name = _("ballot cast")
        verbose_name_plural = _("ballots cast")
        triggers = [APPEND_ONLY]  # PostgreSQL refuses UPDATE and DELETE
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "representative"],
                name="practice_%(class)s_one_per_representative",
            ),
        ]

    def __str__(self):
        return f"{self.evaluation_id}/{self.representative_id}"

    def delete(self, *args, **kwargs):
        raise ValueError("A cast ballot is never deleted.")


class VoteChoice(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY_SATISFIED = "basically_satisfied", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class Vote(models.Model):
    """How someone voted — and nothing that could say who.

    No voter column, no timestamp, and a random primary key, so neither a join nor the order of
    rows ties a vote to the :class:`BallotCast` written in the same transaction.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(
        SatisfactionEvaluation, on_delete=models.PROTECT, related_name="votes"
    )
    choice = models.CharField(_("choice"), max_length=20, choices=VoteChoice.choices)

    class Meta:
        db_table = "practice_vote"
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        triggers = [APPEND_ONLY]  # PostgreSQL refuses UPDATE and DELETE

    def __str__(self):
        return self.choice

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A vote is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A vote is never deleted.")
