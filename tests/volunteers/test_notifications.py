import pytest
from django.db import transaction

from volunteers.models import Notification
from volunteers.notifications import MemoryBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox(settings):
    settings.VOLUNTEERS_NOTIFICATION_BACKEND = "volunteers.notifications.MemoryBackend"
    MemoryBackend.outbox = []
    return MemoryBackend.outbox


def test_notifications_are_sent_through_the_backend_after_commit(vnet, place, outbox,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = place()
    assert [n.user for n in outbox] == [vnet.station_staff]
    assert "等待派单" in outbox[0].message and f"#{order.pk}" in outbox[0].message


def test_a_rolled_back_order_sends_nothing(vnet, place, outbox,
                                          django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        place()
        raise RuntimeError
    assert outbox == [] and Notification.objects.count() == 0


def test_the_logging_backend_is_the_default(vnet, place, caplog,
                                            django_capture_on_commit_callbacks):
    with caplog.at_level("INFO", logger="volunteers.notifications"), \
            django_capture_on_commit_callbacks(execute=True):
        place()
    assert "notify user=" in caplog.text


def test_sending_twice_sends_each_notification_once(vnet, place, outbox,
                                                    django_capture_on_commit_callbacks):
    from volunteers.tasks import send_notifications

    with django_capture_on_commit_callbacks(execute=True):
        place()
    ids = list(Notification.objects.values_list("pk", flat=True))
    send_notifications.apply(args=[ids])  # the broker delivers the task again
    send_notifications.apply(args=[ids])
    assert len(outbox) == len(ids) == 1


class FailingOnce:
    calls = 0

    def send(self, notification):
        FailingOnce.calls += 1
        if FailingOnce.calls == 1:
            raise ConnectionError("the channel is down")
        MemoryBackend.outbox.append(notification)


def test_a_send_that_fails_leaves_the_notification_for_the_next_run(vnet, place, outbox, settings,
                                                                   django_capture_on_commit_callbacks):
    from volunteers.tasks import send_notifications

    settings.VOLUNTEERS_NOTIFICATION_BACKEND = f"{__name__}.FailingOnce"
    FailingOnce.calls = 0
    with django_capture_on_commit_callbacks(execute=True):
        place()  # the first send fails
    assert outbox == [] and Notification.objects.get().sent_at is None
    send_notifications.apply(args=[[Notification.objects.get().pk]])
    assert len(outbox) == 1 and Notification.objects.get().sent_at is not None
