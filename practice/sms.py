"""Text messages (SMS): templates, the delivery log, and pluggable gateways.

An app registers the texts it owns from its ``AppConfig.ready``::

    register_template("order_accepted", _("Your order {number} was accepted by {volunteer}."))

and calls :func:`send_sms` inside its own transaction. That writes a :class:`SmsMessage` row (the
delivery log) and, after the commit, hands its delivery to Celery through the outbox
(practice/outbox.py): nothing is lost while Redis or the gateway is down.

* **At least once, with one id.** Each message has a UUID that every attempt sends again (the
  ``http`` backend's ``"id"`` and ``Idempotency-Key``, Aliyun's ``OutId``), so a gateway can drop
  a repeat. A message is locked while it is being sent: two runs never send it at once.
* **Retries with backoff.** A refused or unreachable gateway leaves the message queued with the
  time of its next attempt (``SMS_RETRY_SECONDS`` doubled at each failure, at most an hour); the
  worker retries the task then, and :func:`sweep` (Celery beat, every minute, or
  ``manage.py sms_sweep``) picks up whatever is due — also where tasks run in-process and
  nothing would retry them. After ``SMS_MAX_ATTEMPTS`` the message is marked failed with the
  gateway's last answer.
* **Never fails the caller.** Writing the row happens in a savepoint, sending after the commit;
  any error is logged and the caller's request goes on.
* **People decide.** A person who turned messages off (``User.sms_opt_out``) gets none except
  sign-in codes (``essential=True``); a message that is not essential created in the quiet
  hours (21:00–08:00, ``TIME_ZONE``) is held and sent at 08:00 by the same sweep.
"""

from __future__ import annotations

import datetime
import json
import logging
import string
import urllib.error
import urllib.request

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from . import outbox

logger = logging.getLogger("practice.sms")

TASK_NAME = "practice.sms_deliver"
MAX_RETRY_SECONDS = 3600
# A queued message whose attempt is this late has no task waiting for it (its worker was lost,
# tasks run in process, the broker was down): the sweep hands it to delivery again.
SWEEP_GRACE = datetime.timedelta(minutes=2)
NOT_DUE = "not_due"

_templates: dict[str, object] = {}
_defaults: dict[str, dict] = {}


# --- templates ----------------------------------------------------------------------------
def register_template(name: str, text, *, defaults: dict | None = None) -> None:
    """Register the text (a lazy gettext string with ``{placeholders}``) of template ``name``;
    ``defaults`` fill placeholders a caller leaves out."""
    _templates[name] = text
    _defaults[name] = dict(defaults or {})


def templates() -> dict:
    return dict(_templates)


def placeholders(template: str) -> set[str]:
    """The variables the template's text uses (what Aliyun's approved template receives)."""
    text = str(_templates.get(template, ""))
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def render(template: str, params: dict, language: str | None = None) -> str:
    """The message as the person reads it: the platform's signature, then the text in their
    language (Chinese unless given)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        body = str(_templates[template]).format(**params)
    return f"【{settings.SMS_SIGNATURE}】{body}"


# --- quiet hours --------------------------------------------------------------------------
def quiet_until(now: datetime.datetime) -> datetime.datetime | None:
    """The end of the quiet hours ``now`` falls in (the next 08:00 local time), or None."""
    local = timezone.localtime(now)
    start, end = settings.SMS_QUIET_START_HOUR, settings.SMS_QUIET_END_HOUR
    if start == end:
        return None
    in_quiet = (local.hour >= start or local.hour < end) if start > end else (
        start <= local.hour < end)
    if not in_quiet:
        return None
    day = local.date() if local.hour < end else local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(end), tzinfo=local.tzinfo)


# --- sending ------------------------------------------------------------------------------
def recipient_language(phone: str, user) -> str:
    """The language a message is written in: Mongolian for a villager or volunteer whose
    account chose it (the account, else the one that signs in with the phone); Chinese for
    everybody else, staff included."""
    from .language import MONGOLIAN, account_language
    from .models import User
    from .roles import has_staff_role

    if user is None or not getattr(user, "pk", None):
        user = User.objects.filter(phone=phone).first() if phone else None
    if (user is not None and account_language(user) == MONGOLIAN
            and not user.is_superuser and not has_staff_role(user)):
        return MONGOLIAN
    return settings.LANGUAGE_CODE


def _opted_out(phone: str, user) -> bool:
    from .models import User

    if user is not None and user.sms_opt_out:
        return True
    if user is not None and user.phone == phone:
        return False  # a sign-in phone belongs to one account: this one
    return User.objects.filter(phone=phone, sms_opt_out=True).exists()


def _unit_of(phone: str, user):
    """The unit the recipient belongs to (for scoping the log): the account's unit, else the
    village of a household that lists the phone."""
    from .models import Household, User

    if user is None:
        user = User.objects.filter(phone=phone).only("unit_id").first()
    if user is not None and user.unit_id:
        return user.unit_id
    return (Household.objects.filter(phone=phone).order_by("pk")
            .values_list("village_id", flat=True).first())


def send_sms(*, phone: str, template: str, params: dict, user=None, essential: bool = False,
             unit=None):
    """Log a text message to ``phone`` and deliver it after the current transaction commits.

    Returns the :class:`SmsMessage`, or None when nothing is sent: the person turned such
    messages off, there is no valid phone, or the message could not be written (logged; the
    caller goes on). ``essential=True`` is for sign-in codes only: no opt-out, no quiet hours.
    ``unit`` (a unit or its id) says where the recipient belongs when no account tells it (a
    rostered volunteer without an account): staff of that area read the message.
    """
    from .models import SmsMessage, SmsStatus, mobile_validator

    if template not in _templates:
        raise LookupError(f"SMS template {template!r} is not registered")
    params = {k: v if isinstance(v, (int, float, bool)) or v is None else str(v)
              for k, v in {**_defaults[template], **(params or {})}.items()}
    phone = (phone or "").strip()
    # a missing parameter is a programming error: it raises
    text = render(template, params, recipient_language(phone, user))
    try:
        mobile_validator(phone)
    except Exception:
        logger.info("sms %s not sent: no valid phone (%r)", template, phone)
        return None
    try:
        with transaction.atomic():
            if not essential and _opted_out(phone, user):
                return None
            now = timezone.now()
            held_until = None if essential else quiet_until(now)
            message = SmsMessage.objects.create(
                phone=phone, template=template, params=params, text=text[:500],
                essential=essential, user=user if getattr(user, "pk", None) else None,
                unit_id=getattr(unit, "pk", unit) or _unit_of(phone, user),
                status=SmsStatus.HELD if held_until else SmsStatus.QUEUED,
                next_attempt_at=held_until or now,
            )
            if not held_until:
                outbox.enqueue(TASK_NAME, str(message.pk), 0)
    except Exception:
        logger.exception("sms %s to %s could not be queued", template, phone)
        return None
    return message


def household_recipients(household) -> list[tuple]:
    """``(phone, account or None, village id)`` for each distinct phone of a household: its
    contact phone and the sign-in phones of its active members."""
    from .models import User

    if household is None:
        return []
    out = {}
    for user in User.objects.filter(household_id=household.pk, is_active=True).exclude(
            phone__isnull=True).exclude(phone="").order_by("pk"):
        out.setdefault(user.phone, user)
    if household.phone:
        out.setdefault(household.phone, None)
    return [(phone, user, household.village_id) for phone, user in out.items()]


def send_to_many(recipients, *, template: str, params: dict) -> list:
    """:func:`send_sms` to each distinct ``(phone, user[, unit])``; returns the messages
    written."""
    sent, seen = [], set()
    for phone, user, *unit in recipients:
        if not phone or phone in seen:
            continue
        seen.add(phone)
        message = send_sms(phone=phone, template=template, params=params, user=user,
                           unit=unit[0] if unit else None)
        if message is not None:
            sent.append(message)
    return sent


class GatewayError(Exception):
    """The gateway refused the message or could not be reached; the text is its answer."""


def get_backend():
    path = settings.SMS_BACKENDS.get(settings.SMS_BACKEND, settings.SMS_BACKEND)
    return import_string(path)()


def retry_delay(attempts: int) -> int:
    return min(settings.SMS_RETRY_SECONDS * 2 ** max(attempts - 1, 0), MAX_RETRY_SECONDS)


def deliver(message_id, attempt: int | None = None) -> str:
    """Try to send one message now; returns its status afterwards ("" when there is none).

    ``attempt``: how many attempts the caller saw made; when another run has made one since,
    this one does nothing (NOT_DUE), so a worker's retry and the sweep never both send.

    The row is locked while the gateway is asked, so a run beside it skips it; one killed
    while sending leaves it queued for the next attempt, which sends it again with its id.
    """
    from .models import SmsMessage, SmsStatus

    with transaction.atomic():
        message = (SmsMessage.objects.select_for_update(skip_locked=True)
                   .filter(pk=message_id).first())
        if message is None:
            return ""
        if message.status != SmsStatus.QUEUED:
            return message.status
        now = timezone.now()
        if attempt is not None and message.attempts != attempt:
            return NOT_DUE  # another run has made this attempt already
        message.attempts += 1
        try:
            answer = get_backend().send(message)
        except Exception as exc:  # the gateway's refusal, a timeout, a misconfiguration
            message.last_answer = str(exc)[:2000] or exc.__class__.__name__
            if message.attempts >= settings.SMS_MAX_ATTEMPTS:
                message.status = SmsStatus.FAILED
                logger.error("sms %s failed for good after %s attempts: %s", message.pk,
                             message.attempts, message.last_answer)
            else:
                message.next_attempt_at = now + datetime.timedelta(
                    seconds=retry_delay(message.attempts))
                logger.warning("sms %s not sent (attempt %s): %s", message.pk, message.attempts,
                               message.last_answer)
        else:
            message.status = SmsStatus.SENT
            message.sent_at = now
            message.last_answer = str(answer or "")[:2000]
        fields = ["attempts", "status", "sent_at", "last_answer", "next_attempt_at"]
        if message.status != SmsStatus.QUEUED and message.essential:
            # Sent or given up: the sign-in code has done its work in the log. Like the code
            # itself (kept hashed, practice/phone_sign_in.py) it is not kept readable, except
            # with the console backend, whose log is how a demo reads its codes.
            message.text, message.params = shown_text(message), shown_params(message)
            fields += ["text", "params"]
        message.save(update_fields=fields)
        return message.status


@shared_task(bind=True, name=TASK_NAME, ignore_result=True, max_retries=None)
def sms_deliver(self, message_id, attempt=None):
    """Deliver one message; on a failure the worker tries again after the backoff. Run in
    process (no broker), nothing waits here: the sweep retries when the message is due."""
    from .models import SmsMessage, SmsStatus

    status = deliver(message_id, attempt)
    if status == SmsStatus.QUEUED and not self.request.is_eager:
        due, made = SmsMessage.objects.filter(pk=message_id).values_list(
            "next_attempt_at", "attempts").first()
        countdown = max((due - timezone.now()).total_seconds(), 1) if due else 60
        raise self.retry(args=[message_id, made], countdown=countdown)
    return status


def sweep(*, now=None, limit: int = 500) -> int:
    """Release held messages whose quiet hours are over, and hand to delivery the queued ones
    whose attempt is overdue and that no pending outbox message will deliver; returns how many
    were handed over."""
    from .models import OutboxMessage, SmsMessage, SmsStatus

    now = now or timezone.now()
    released = list(SmsMessage.objects.filter(status=SmsStatus.HELD, next_attempt_at__lte=now)
                    .values_list("pk", flat=True)[:limit])
    SmsMessage.objects.filter(pk__in=released, status=SmsStatus.HELD).update(
        status=SmsStatus.QUEUED)
    waiting = {str(args[0]) for args in OutboxMessage.objects.filter(
        task=TASK_NAME, sent_at__isnull=True).values_list("args", flat=True) if args}
    overdue = SmsMessage.objects.filter(status=SmsStatus.QUEUED).filter(
        Q(next_attempt_at__lte=now - SWEEP_GRACE) | Q(next_attempt_at__isnull=True))
    due = dict(SmsMessage.objects.filter(pk__in=released).values_list("pk", "attempts"))
    due.update(overdue.order_by("next_attempt_at").values_list("pk", "attempts")[:limit])
    due = {str(pk): made for pk, made in due.items() if str(pk) not in waiting}
    for pk, made in due.items():
        with transaction.atomic():
            outbox.enqueue(TASK_NAME, pk, made)
    return len(due)


@shared_task(name="practice.sms_sweep", ignore_result=True)
def sms_sweep():
    return sweep()


# --- backends -----------------------------------------------------------------------------
class ConsoleBackend:
    """Writes each message to the log (and the staff page lists them): for demos and tests."""

    def send(self, message):
        logger.info("SMS to %s [%s] id=%s: %s", message.phone, message.template, message.pk,
                    message.text)
        return "console"


class HttpBackend:
    """A JSON POST to ``SMS_HTTP_URL`` (the SMS relays county data centres run); 2xx accepts."""

    def send(self, message):
        if not settings.SMS_HTTP_URL:
            raise GatewayError("SMS_HTTP_URL is not set")
        body = json.dumps({
            "id": str(message.pk), "phone": message.phone, "text": message.text,
            "template": message.template, "params": message.params,
        }, ensure_ascii=False).encode()
        request = urllib.request.Request(  # noqa: S310 (the URL is the operator's setting)
            settings.SMS_HTTP_URL, data=body, method="POST", headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {settings.SMS_HTTP_TOKEN}",
                "Idempotency-Key": str(message.pk),
            })
        try:
            with urllib.request.urlopen(request, timeout=settings.SMS_HTTP_TIMEOUT) as response:  # noqa: S310
                return f"{response.status} {response.read(500).decode(errors='replace')}"
        except urllib.error.HTTPError as exc:
            raise GatewayError(f"{exc.code} {exc.read(500).decode(errors='replace')}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise GatewayError(f"unreachable: {exc}") from exc


class AliyunBackend:
    """Alibaba Cloud SMS (Dysmsapi ``SendSms``) through its official SDK. Each template needs
    a template code approved by Aliyun (``SMS_ALIYUN_TEMPLATE_CODES``); its variables are the
    template's params."""

    def client(self):
        from alibabacloud_dysmsapi20170525.client import Client
        from alibabacloud_tea_openapi.models import Config

        config = Config(
            access_key_id=settings.SMS_ALIYUN_ACCESS_KEY_ID,
            access_key_secret=settings.SMS_ALIYUN_ACCESS_KEY_SECRET,
            endpoint=settings.SMS_ALIYUN_ENDPOINT,
            protocol=settings.SMS_ALIYUN_PROTOCOL,
            connect_timeout=settings.SMS_HTTP_TIMEOUT * 1000,
            read_timeout=settings.SMS_HTTP_TIMEOUT * 1000,
        )
        return Client(config)

    def send(self, message):
        from alibabacloud_dysmsapi20170525.models import SendSmsRequest

        code = settings.SMS_ALIYUN_TEMPLATE_CODES.get(message.template)
        if not code:
            raise GatewayError(f"no Aliyun template code for {message.template!r} "
                               "(SMS_ALIYUN_TEMPLATE_CODES)")
        request = SendSmsRequest(
            phone_numbers=message.phone, sign_name=settings.SMS_ALIYUN_SIGN_NAME,
            template_code=code,
            template_param=json.dumps({k: str(v) for k, v in message.params.items()
                                       if k in placeholders(message.template)},
                                      ensure_ascii=False),
            out_id=str(message.pk),
        )
        try:
            response = self.client().send_sms(request)
        except Exception as exc:  # the SDK raises its own errors for HTTP failures
            raise GatewayError(f"aliyun: {getattr(exc, 'message', None) or exc}") from exc
        body = response.body
        if body is None or body.code != "OK":
            raise GatewayError(f"aliyun: {getattr(body, 'code', '')} "
                               f"{getattr(body, 'message', '')}".strip())
        return f"OK {body.biz_id}"


def shown_text(message) -> str:
    """The text as staff may read it: a sign-in code is masked unless the platform runs the
    console backend (a demo, where reading codes is the point)."""
    if message.essential and settings.SMS_BACKEND != "console":
        return "".join("*" if ch.isdigit() else ch for ch in message.text)
    return message.text


def shown_params(message) -> dict:
    if message.essential and settings.SMS_BACKEND != "console":
        return dict.fromkeys(message.params, "***")
    return message.params


# The sign-in code: params {"code": "123456"} (and "minutes", 5 unless given).
register_template(
    "login_code",
    _("Your sign-in code is {code}, valid for {minutes} minutes. Do not tell anyone."),
    defaults={"minutes": 5},
)
