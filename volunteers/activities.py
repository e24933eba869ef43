"""Renamed :mod:`volunteers.activity_services`. Kept only while ``tests/platform`` (outside this
app's folders) imports the old name; delete it once that suite imports ``activity_services``."""

from .activity_services import activity_create, attendance_check_in, checkin_token

__all__ = ["activity_create", "attendance_check_in", "checkin_token"]
