"""Pages of the reports (filled in below)."""

from practice.roles import READER_ROLES, STAFF_ROLES, Role

REPORT_ROLES = READER_ROLES | STAFF_ROLES
DASHBOARD_ROLES = frozenset({Role.LEADER, Role.REVIEWER, Role.TOWNSHIP_STAFF, Role.BANNER_ADMIN})
