from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from practice.models import Household, Unit, User
from practice.roles import capacities


class UnitBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "level"]


class UnitSerializer(serializers.ModelSerializer):
    head_name = serializers.SerializerMethodField(label=_("head (一把手)"))

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "level",
            "site_kind",
            "parent",
            "township",
            "head",
            "head_name",
            "address",
            "depth",
        ]

    def get_head_name(self, obj) -> str | None:
        return str(obj.head) if obj.head_id else None


class HouseholdSerializer(serializers.ModelSerializer):
    village = UnitBriefSerializer(read_only=True)
    # Read-only: "" (no phone given) is a valid value here, which the model's mobile-number
    # pattern in the schema would deny.
    phone = serializers.CharField(read_only=True)

    class Meta:
        model = Household
        fields = ["id", "number", "head_name", "address", "phone", "village", "group",
                  "population", *Household.SPECIAL_FLAGS, "created_at"]


class HouseholdPhoneSerializer(serializers.Serializer):
    phone = serializers.CharField(label=_("mobile phone"), max_length=20, allow_blank=True)


class HouseholdAccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "phone", "real_name", "role", "household", "is_active"]


class MeSerializer(serializers.ModelSerializer):
    # Staff have no household, and an account may have no unit yet: both may be null.
    unit = UnitBriefSerializer(read_only=True, allow_null=True)
    household = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    capacities = serializers.SerializerMethodField(
        help_text=_("What the account acts as: its staff role, villager when it belongs to a "
                    "household, volunteer when it has a volunteer profile."))

    class Meta:
        model = User
        fields = ["id", "username", "real_name", "role", "capacities", "unit", "household",
                  "sms_opt_out", "language"]

    def get_capacities(self, user) -> list[str]:
        return sorted(capacities(user))


class MeUpdateSerializer(serializers.Serializer):
    sms_opt_out = serializers.BooleanField(
        label=_("no text messages"), required=False,
        help_text=_("Send this person no text messages except sign-in codes."),
    )
    language = serializers.ChoiceField(
        label=_("language"), required=False, allow_blank=True,
        choices=[code for code, _name in settings.LANGUAGES],
        help_text=_("The language of the person's pages and text messages; empty: not chosen."),
    )

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(_("Give sms_opt_out or language."))
        return attrs


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("username"))
    password = serializers.CharField(label=_("password"), style={"input_type": "password"})


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class SmsCodeRequestSerializer(serializers.Serializer):
    phone = serializers.CharField(label=_("mobile phone"), max_length=32, allow_blank=True)


class SmsCodeSentSerializer(serializers.Serializer):
    detail = serializers.CharField()
    expires_in = serializers.IntegerField(help_text="Seconds the code lives.")
    resend_after = serializers.IntegerField(help_text="Seconds before another code may be "
                                                      "asked for.")


class SmsCodeVerifySerializer(serializers.Serializer):
    phone = serializers.CharField(label=_("mobile phone"), max_length=32, allow_blank=True)
    code = serializers.CharField(label=_("code"), max_length=16, allow_blank=True)
