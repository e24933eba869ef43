"""A booking's history: every move leaves a row, and no row is ever deleted."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from banquets import services
from banquets.models import Booking, BookingEvent
from tests.banquets.conftest import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(net, canteen):
    booking = services.booking_create(household=net.h11, canteen=canteen,
                                      request=make_request(), actor=net.villager)
    return services.booking_approve(booking, actor=net.station_staff)


def test_every_move_is_a_row_with_who_and_when(net, booking):
    rows = [(e.from_status, e.to_status, e.actor) for e in booking.events.all()]
    assert rows == [("", "submitted", net.villager), ("submitted", "approved", net.station_staff)]
    assert all(e.at for e in booking.events.all())


def test_a_history_row_cannot_be_deleted(booking):
    event = booking.events.last()
    with pytest.raises(ValidationError):
        event.delete()
    assert BookingEvent.objects.filter(pk=event.pk).exists()


def test_a_booking_with_history_cannot_be_deleted(booking):
    with pytest.raises(ProtectedError):
        booking.delete()
    assert booking.events.count() == 2


def test_the_admin_refuses_to_delete_a_booking_with_history(net, web, booking):
    client = web(net.banner_admin)
    url = f"/admin/banquets/booking/{booking.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 200
    assert Booking.objects.filter(pk=booking.pk).exists()
    assert booking.events.count() == 2
