"""Text messages: templates, the gateways (a real local server each), retries, opt-out, quiet
hours, and a gateway failure that never fails the caller."""

import datetime
import json
import time
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practice import sms
from practice.models import SmsMessage, SmsStatus
from practice.sms import register_template, send_sms
from tests.factories import make_network

PHONE = "13900000001"
TZ = ZoneInfo("Asia/Shanghai")

register_template("test_hello", _("Hello {name}, you have {points} points."))


@pytest.fixture
def net(db):
    return make_network()


def _send(**kw):
    kw.setdefault("phone", PHONE)
    kw.setdefault("template", "test_hello")
    kw.setdefault("params", {"name": "包金山", "points": 80})
    with transaction.atomic():
        return send_sms(**kw)


pytestmark = pytest.mark.django_db(transaction=True)


def test_the_console_backend_logs_the_message_with_the_signature(daytime, caplog, settings):
    settings.SMS_BACKEND = "console"
    caplog.set_level("INFO", logger="practice.sms")
    message = _send()
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert message.text.startswith("【新时代文明实践】")
    assert "包金山" in message.text and "80" in message.text
    assert message.text in caplog.text and PHONE in caplog.text


def test_the_login_code_template_is_registered(daytime, settings):
    settings.SMS_BACKEND = "console"
    message = _send(template="login_code", params={"code": "123456"}, essential=True)
    assert "123456" in message.text and "5分钟" in message.text
    assert SmsMessage.objects.get(phone=PHONE).params == {"code": "123456", "minutes": 5}


def test_nothing_is_sent_when_the_transaction_rolls_back(sms_gateway, daytime):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_sms(phone=PHONE, template="test_hello", params={"name": "x", "points": 1})
        raise RuntimeError("the order failed")
    assert sms_gateway.received == []
    assert not SmsMessage.objects.exists()


def test_the_http_backend_posts_json_with_the_token_and_the_id(sms_gateway, daytime):
    message = _send()
    [request] = sms_gateway.received
    assert request.method == "POST" and request.path == "/sms/send"
    assert request.headers["authorization"] == "Bearer relay-token"
    assert request.headers["idempotency-key"] == str(message.pk)
    assert request.json() == {
        "id": str(message.pk), "phone": PHONE, "text": message.text,
        "template": "test_hello", "params": {"name": "包金山", "points": 80},
    }
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT and message.attempts == 1
    assert message.last_answer.startswith("202")


def test_a_sign_in_code_reaches_the_gateway_and_is_not_kept_readable(sms_gateway, daytime):
    message = _send(template="login_code", params={"code": "493817"}, essential=True)
    [request] = sms_gateway.received
    assert request.json()["params"]["code"] == "493817" and "493817" in request.json()["text"]
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert "493817" not in message.text and "493817" not in str(message.params)


def test_a_retry_reuses_the_id_and_delivers_once_the_gateway_is_back(sms_gateway, daytime):
    sms_gateway.fail_next(1, status=500)
    message = _send()
    message.refresh_from_db()
    assert message.status == SmsStatus.QUEUED
    assert message.attempts == 1 and message.last_answer.startswith("500")

    later = message.next_attempt_at + datetime.timedelta(minutes=5)
    assert sms.sweep(now=later) == 1
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT and message.attempts == 2
    keys = [r.headers["idempotency-key"] for r in sms_gateway.received]
    ids = [r.json()["id"] for r in sms_gateway.received]
    assert keys == ids == [str(message.pk)] * 2
    assert sms.sweep(now=later) == 0  # sent: nothing more goes out
    assert len(sms_gateway.received) == 2


def test_an_unreachable_gateway_loses_nothing(settings, daytime, sms_gateway):
    settings.SMS_HTTP_URL = "http://127.0.0.1:9/nothing-listens-here"
    message = _send()
    message.refresh_from_db()
    assert message.status == SmsStatus.QUEUED and "unreachable" in message.last_answer
    settings.SMS_HTTP_URL = f"http://{sms_gateway.url}/sms/send"
    sms.sweep(now=message.next_attempt_at + datetime.timedelta(minutes=5))
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert [r.json()["id"] for r in sms_gateway.received] == [str(message.pk)]


def test_a_message_fails_for_good_after_the_last_attempt(sms_gateway, daytime, settings):
    settings.SMS_MAX_ATTEMPTS = 2
    sms_gateway.fail_next(5, status=503)
    message = _send()
    sms.sweep(now=datetime.datetime.now(tz=TZ) + datetime.timedelta(hours=2))
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED and message.attempts == 2
    assert message.last_answer.startswith("503")


def test_the_aliyun_backend_calls_send_sms_through_the_sdk(aliyun_gateway, daytime, settings):
    settings.SMS_ALIYUN_TEMPLATE_CODES = {"test_hello": "SMS_0001"}
    message = _send(params={"name": "包金山", "points": 80, "deposit": 7})
    [request] = aliyun_gateway.received
    fields = request.form
    assert request.headers["x-acs-action"] == "SendSms"
    assert request.headers["x-acs-version"] == "2017-05-25"
    assert "Credential=test-key-id" in request.headers["authorization"]  # signed with the key
    assert fields["PhoneNumbers"] == PHONE
    assert fields["SignName"] == "新时代文明实践"
    assert fields["TemplateCode"] == "SMS_0001"
    assert fields["OutId"] == str(message.pk)
    assert json.loads(fields["TemplateParam"]) == {"name": "包金山", "points": "80"}
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert "900619746936498440" in message.last_answer


def test_the_aliyun_backend_retries_a_refusal_with_the_same_out_id(aliyun_gateway, daytime,
                                                                   settings):
    settings.SMS_ALIYUN_TEMPLATE_CODES = {"test_hello": "SMS_0001"}
    aliyun_gateway.fail_next(1, status=503)
    message = _send()
    message.refresh_from_db()
    assert message.status == SmsStatus.QUEUED and message.last_answer
    sms.sweep(now=message.next_attempt_at + datetime.timedelta(minutes=5))
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert [r.form["OutId"] for r in aliyun_gateway.received] == [str(message.pk)] * 2


def test_a_template_without_an_aliyun_code_is_logged_as_the_reason(aliyun_gateway, daytime,
                                                                   settings):
    settings.SMS_ALIYUN_TEMPLATE_CODES = {}
    message = _send()
    message.refresh_from_db()
    assert message.status == SmsStatus.QUEUED
    assert "SMS_ALIYUN_TEMPLATE_CODES" in message.last_answer
    assert aliyun_gateway.received == []


def test_a_person_who_turned_messages_off_gets_only_sign_in_codes(net, sms_gateway, daytime):
    net.villager.sms_opt_out = True
    net.villager.save()
    assert _send(phone=net.villager.phone) is None
    assert _send(phone=net.villager.phone, user=net.villager) is None
    code = _send(phone=net.villager.phone, template="login_code",
                 params={"code": "654321", "minutes": 5}, essential=True)
    assert code is not None
    assert [r.json()["template"] for r in sms_gateway.received] == ["login_code"]


@pytest.mark.parametrize(("hour", "minute", "held_until"), [
    (21, 0, datetime.datetime(2026, 5, 11, 8, 0, tzinfo=TZ)),
    (23, 59, datetime.datetime(2026, 5, 11, 8, 0, tzinfo=TZ)),
    (0, 0, datetime.datetime(2026, 5, 10, 8, 0, tzinfo=TZ)),
    (7, 59, datetime.datetime(2026, 5, 10, 8, 0, tzinfo=TZ)),
    (8, 0, None),
    (20, 59, None),
])
def test_the_quiet_hours_run_from_nine_in_the_evening_to_eight(hour, minute, held_until):
    at = datetime.datetime(2026, 5, 10, hour, minute, tzinfo=TZ)
    assert sms.quiet_until(at) == held_until
    assert sms.quiet_until(at.astimezone(datetime.UTC)) == held_until


def test_messages_in_the_quiet_hours_are_held_and_sent_when_they_end(sms_gateway, settings):
    now = datetime.datetime.now(tz=TZ)
    settings.SMS_QUIET_START_HOUR = now.hour
    settings.SMS_QUIET_END_HOUR = (now.hour + 1) % 24
    message = _send()
    code = _send(phone="13900000002", template="login_code",
                 params={"code": "111111", "minutes": 5}, essential=True)
    message.refresh_from_db()
    assert message.status == SmsStatus.HELD
    assert [r.json()["template"] for r in sms_gateway.received] == ["login_code"]
    code.refresh_from_db()
    assert code.status == SmsStatus.SENT

    end = message.next_attempt_at.astimezone(TZ)
    assert (end.hour, end.minute) == (settings.SMS_QUIET_END_HOUR, 0)
    sms.sweep(now=end - datetime.timedelta(minutes=1))
    assert len(sms_gateway.received) == 1
    sms.sweep(now=end)
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert sms_gateway.received[-1].json()["id"] == str(message.pk)


def test_a_missing_phone_sends_nothing_and_fails_nothing(sms_gateway, daytime):
    assert _send(phone="") is None
    assert _send(phone="12345") is None
    assert sms_gateway.received == []


def test_an_unknown_template_or_a_missing_parameter_is_a_programming_error(db):
    with pytest.raises(LookupError):
        send_sms(phone=PHONE, template="no_such_template", params={})
    with pytest.raises(KeyError):
        send_sms(phone=PHONE, template="test_hello", params={"name": "x"})


def test_ids_are_uuids(sms_gateway, daytime):
    message = _send()
    assert uuid.UUID(sms_gateway.received[0].json()["id"]) == message.pk


def test_with_redis_down_then_a_refusing_gateway_the_worker_delivers_once_both_are_back(
        broker, sms_gateway, daytime, settings):
    """The production path: a real broker and worker. Redis is down when the message is
    written; once it is back the outbox hands it over, the gateway refuses the first attempt,
    and the next attempt delivers it with the same id, once: the worker's own retry, or the
    sweep (the periodic task) handing it over again when the retry has not come (a worker
    started a second time in one test process does not fire its timed retries)."""
    from celery import current_app
    from celery.contrib.testing.worker import start_worker

    from practice import outbox
    from practice.models import OutboxMessage

    settings.SMS_RETRY_SECONDS = 1
    point_to, good_url = broker
    point_to("redis://127.0.0.1:1/0")  # nothing listens there
    message = _send()
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 1
    message.refresh_from_db()
    assert message.status == SmsStatus.QUEUED and sms_gateway.received == []

    point_to(good_url)
    sms_gateway.fail_next(1, status=503)
    with start_worker(current_app, pool="solo", perform_ping_check=False,
                      shutdown_timeout=10):
        assert outbox.flush() == 1
        for step in range(300):
            message.refresh_from_db()
            if message.status == SmsStatus.SENT:
                break
            if step == 50 and message.attempts == 1:  # 5 s after the refusal: the sweep's turn
                sms.sweep(now=timezone.now() + datetime.timedelta(minutes=5))
                outbox.flush()
            time.sleep(0.1)
    assert message.status == SmsStatus.SENT and message.attempts == 2
    assert [r.headers["idempotency-key"] for r in sms_gateway.received] == [str(message.pk)] * 2
