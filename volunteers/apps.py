from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _me_volunteer(user):
    from .models import Volunteer

    return Volunteer.objects.filter(user=user).values_list("pk", flat=True).first()


def _me_teams(user):
    from .selectors import team_ids_of

    return team_ids_of(user)


def _upcoming_activities(unit):
    from .selectors import upcoming_activities_for_board

    return upcoming_activities_for_board(unit) or None  # no section when nothing is planned


def _assisted_order_url(household):
    """Assisted ordering with the household chosen (offered where a door card's scan leads)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    return f"{reverse('volunteers:assisted-order')}?{urlencode({'household': household.number})}"


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteer services")

    def ready(self):
        from practice.api.me import register_me_field
        from practice.auth import register_phone_account_source
        from practice.board import register_board_section
        from practice.door_cards import register_action
        from practice.navigation import register
        from practice.roles import ADMIN_SITE_ROLES, STAFF_ROLES, Role
        from practice.sms import register_template

        from .services import APPLICATION_SMS, APPLICATION_SMS_TEXT

        register_template(APPLICATION_SMS, APPLICATION_SMS_TEXT)

        from . import profiles

        profiles.connect()
        from .accounts import roster_knows, roster_sign_in
        from .texts import register_templates

        register_phone_account_source(knows=roster_knows, sign_in=roster_sign_in)
        register_templates()
        register_me_field("volunteer", _me_volunteer)
        register_me_field("teams", _me_teams)
        register(label=_("Service menu"), url_name="volunteers:menu",
                 roles={Role.VILLAGER, Role.VOLUNTEER}, order=10)
        register(label=_("My orders"), url_name="volunteers:my-orders",
                 roles={Role.VILLAGER, Role.VOLUNTEER}, order=11)
        register(label=_("Team orders"), url_name="volunteers:team-orders",
                 roles={Role.VOLUNTEER}, order=12)
        register(label=_("My time bank"), url_name="volunteers:time-bank",
                 roles={Role.VOLUNTEER}, order=13)
        register(label=_("Service orders"), url_name="volunteers:staff-orders",
                 roles=ADMIN_SITE_ROLES, order=20)
        register(label=_("Order for a household"), url_name="volunteers:assisted-order",
                 roles=STAFF_ROLES, order=21)
        register(label=_("Station QR codes"), url_name="volunteers:qr-codes",
                 roles=STAFF_ROLES, order=22)
        register(label=_("My activities"), url_name="volunteers:my-activities",
                 roles={Role.VOLUNTEER}, order=14)
        register(label=_("Practice activities"), url_name="volunteers:activities",
                 roles=ADMIN_SITE_ROLES, order=23)
        register(label=_("Service-day calendar"), url_name="volunteers:service-days",
                 roles=STAFF_ROLES | {Role.LEADER}, order=24)
        register(label=_("Volunteer applications"), url_name="volunteers:applications",
                 roles=STAFF_ROLES, order=25)
        register(label=_("Apply to volunteer"), url_name="volunteers:apply",
                 roles={Role.VILLAGER}, order=15)
        register_board_section("upcoming_activities", _("Upcoming activities"),
                               _upcoming_activities, order=60)
        register_action(label=_("Order a service for this household"), url=_assisted_order_url,
                        roles=STAFF_ROLES, order=20, key="volunteers:assisted-order")
        register(label=_("Notifications"), url_name="volunteers:notifications",
                 roles=set(Role.values), order=90)
