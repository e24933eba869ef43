"""Signing in with the phone number and a 6-digit SMS code (手机号 + 验证码).

For accounts without a staff role (villagers, volunteers); a staff account keeps its password
and a code never signs it in (``practice.auth.may_sign_in_by_code``). The API
(``/api/auth/sms/request/`` and ``/verify/``) and the login page's two steps call the two
functions here and nothing else.

Nobody may learn from the answers who is registered: a request for any well-formed number
answers the same (a code is sent only when it would sign someone in, see
``practice.auth.phone_signs_in_by_code``), and every limit counts the same for a number
with an account and one without. The rules, each counted in the database (the cache may be
down):

* a code lives ``SIGN_IN_CODE_TTL`` (5 minutes) and signs in once; a new code replaces the last;
* ``SIGN_IN_CODE_WRONG_LIMIT`` (5) wrong codes in a row lock the number for
  ``SIGN_IN_CODE_LOCK`` (30 minutes): no code is checked or sent until then;
* one code per number every ``SIGN_IN_CODE_INTERVAL`` (60 s), ``SIGN_IN_CODES_PER_DAY`` (10)
  in any 24 hours, and ``SIGN_IN_CODES_PER_ADDRESS`` (30) requests an hour per client address.

The code is stored as a keyed hash (HMAC with the secret key and the number): the table alone
never gives a code that could be typed in. The number's :class:`PhoneSignIn` row is the lock
that concurrent requests for it share; a code is used by a compare-and-set, so two requests
with the same code at once sign in once.
"""

import hashlib
import hmac
import math
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .auth import phone_account_for_sign_in, phone_signs_in_by_code
from .exceptions import InvalidInput, TooManyRequests
from .models import PhoneSignIn
from .throttling import DatabaseLimit

CODE_TEMPLATE = "login_code"
_SEPARATORS = re.compile(r"[\s\-()]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_CODE = re.compile(r"\d{6}")


def phone_normalise(phone) -> str:
    """The 11 digits of a mainland mobile number as people type it (spaces, dashes, +86)."""
    text = _SEPARATORS.sub("", str(phone or ""))
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    if not text:
        raise InvalidInput(_("Enter your mobile number."), field="phone")
    if not (text.isascii() and _MOBILE.fullmatch(text)):
        raise InvalidInput(
            _("Enter a valid mainland mobile number (11 digits starting with 1)."), field="phone"
        )
    return text


def phone_mask(phone: str) -> str:
    """138****0001: enough for its owner to recognise, too little for anyone else."""
    return f"{phone[:3]}****{phone[-4:]}"


def _hash(phone: str, code: str) -> str:
    message = f"sign-in:{phone}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _interval() -> DatabaseLimit:
    return DatabaseLimit("sms_code_phone", limit=1, window=settings.SIGN_IN_CODE_INTERVAL)


def _per_day() -> DatabaseLimit:
    return DatabaseLimit("sms_code_phone_day", limit=settings.SIGN_IN_CODES_PER_DAY,
                         window=timedelta(days=1))


def _per_address() -> DatabaseLimit:
    return DatabaseLimit("sms_code_address", limit=settings.SIGN_IN_CODES_PER_ADDRESS,
                         window=timedelta(hours=1))


def _minutes(seconds: int) -> int:
    return max(math.ceil(seconds / 60), 1)


def _locked(wait: int) -> TooManyRequests:
    return TooManyRequests(
        _("Too many wrong codes for this number. It is locked for %(minutes)s minutes; "
          "try again later or ask your village station for help.")
        % {"minutes": _minutes(wait)},
        code="phone_locked", retry_after=wait,
    )


def _row_locked(phone: str) -> PhoneSignIn:
    """The number's row, made on first use and locked for the rest of the transaction."""
    row = PhoneSignIn.objects.select_for_update().filter(phone=phone).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            PhoneSignIn.objects.create(phone=phone)
    except IntegrityError:  # made a moment ago by a request for the same number
        pass
    return PhoneSignIn.objects.select_for_update().get(phone=phone)


def _lock_wait(row: PhoneSignIn, now) -> int | None:
    if row.locked_until is None or row.locked_until <= now:
        return None
    return max(math.ceil((row.locked_until - now).total_seconds()), 1)


def sign_in_code_request(*, phone, client: str | None) -> str:
    """Make a new sign-in code for ``phone`` and text it when it would sign someone in.

    Returns the normalised number. Raises :class:`InvalidInput` for a malformed number and
    :class:`TooManyRequests` (with ``retry_after``) for a locked number or a limit reached;
    the answer never depends on whether the number has an account."""
    phone = phone_normalise(phone)
    address = client or "-"
    by_address, interval, per_day = _per_address(), _interval(), _per_day()
    with transaction.atomic():
        row = _row_locked(phone)
        now = timezone.now()
        if (wait := _lock_wait(row, now)) is not None:
            raise _locked(wait)
        if (wait := by_address.retry_after(address)) is not None:
            raise TooManyRequests(
                _("Too many codes were asked for from this network. "
                  "Try again in %(minutes)s minutes.") % {"minutes": _minutes(wait)},
                code="too_many_codes_from_address", retry_after=wait,
            )
        if (wait := interval.retry_after(phone)) is not None:
            raise TooManyRequests(
                _("A code was sent to this number a moment ago. "
                  "Wait %(seconds)s seconds before asking for another.") % {"seconds": wait},
                code="code_sent_recently", retry_after=wait,
            )
        if (wait := per_day.retry_after(phone)) is not None:
            raise TooManyRequests(
                _("This number has had the most codes allowed in one day. "
                  "Try again in %(hours)s hours.") % {"hours": max(math.ceil(wait / 3600), 1)},
                code="too_many_codes_today", retry_after=wait,
            )
        code = f"{secrets.randbelow(10**6):06d}"
        row.code_hash = _hash(phone, code)
        row.code_expires_at = now + settings.SIGN_IN_CODE_TTL
        row.save(update_fields=["code_hash", "code_expires_at"])
        for limit, ident in ((by_address, address), (interval, phone), (per_day, phone)):
            limit.hit(ident)
        if phone_signs_in_by_code(phone):
            from .sms import send_sms

            minutes = _minutes(int(settings.SIGN_IN_CODE_TTL.total_seconds()))
            send_sms(phone=phone, template=CODE_TEMPLATE,
                     params={"code": code, "minutes": minutes}, essential=True)
    return phone


def sign_in_code_verify(*, phone, code):
    """The account that ``code`` signs in for ``phone`` (made on a roster's first sign-in).

    The code is used by a compare-and-set: of two requests with it at once, one signs in.
    A wrong, used or expired code counts towards the lock-out, and so does a right code for a
    number that has no account that may sign in by code (it was never sent: nobody can know
    it). Raises :class:`InvalidInput` (400) for a wrong code and :class:`TooManyRequests`
    (429) while the number is locked, the wrong code that locks it included."""
    phone = phone_normalise(phone)
    code = _SEPARATORS.sub("", str(code or ""))
    if not (code.isascii() and _CODE.fullmatch(code)):
        raise InvalidInput(_("Enter the 6-digit code from the text message."), field="code")
    digest = _hash(phone, code)
    with transaction.atomic():
        now = timezone.now()
        used = (
            PhoneSignIn.objects.filter(phone=phone, code_hash=digest, code_expires_at__gt=now)
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
            .update(code_hash="", code_expires_at=None, wrong_codes=0)
        )
        user = phone_account_for_sign_in(phone) if used else None
        if user is not None:
            return user
        row = _row_locked(phone)
        wait = _lock_wait(row, now)
        if wait is None:
            row.wrong_codes += 1
            if row.wrong_codes >= settings.SIGN_IN_CODE_WRONG_LIMIT:
                row.locked_until = now + settings.SIGN_IN_CODE_LOCK
                row.wrong_codes = 0
                row.code_hash, row.code_expires_at = "", None
                wait = _lock_wait(row, now)
            row.save(update_fields=["wrong_codes", "locked_until", "code_hash",
                                    "code_expires_at"])
    # Outside the transaction: the count is kept although the request fails.
    if wait is not None:
        raise _locked(wait)
    raise InvalidInput(
        _("The code is wrong or has expired. Check the text message, or ask for a new code."),
        field="code",
    )


def sign_in_code_sent() -> dict:
    """The answer to every accepted code request, the same whoever the number belongs to."""
    return {
        "detail": str(_("If this number can sign in, a code is on its way by text message. "
                        "It is valid for %(minutes)s minutes.")
                      % {"minutes": _minutes(int(settings.SIGN_IN_CODE_TTL.total_seconds()))}),
        "expires_in": int(settings.SIGN_IN_CODE_TTL.total_seconds()),
        "resend_after": int(settings.SIGN_IN_CODE_INTERVAL.total_seconds()),
    }


def sign_in_phone_unlock(*, phone) -> bool:
    """Lift the lock-out of ``phone`` and forget its wrong codes (an administrator's
    ``manage.py sign_in_unlock``); True when it was locked."""
    phone = phone_normalise(phone)
    now = timezone.now()
    locked = PhoneSignIn.objects.filter(phone=phone, locked_until__gt=now).exists()
    PhoneSignIn.objects.filter(phone=phone).update(locked_until=None, wrong_codes=0)
    return locked
