from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from practice.api.serializers import UnitBriefSerializer
from practice.models import Unit

from ..models import ActivityCategory, Campaign


class CampaignSerializer(serializers.ModelSerializer):
    unit = UnitBriefSerializer(read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "code", "name", "name_mn", "kind", "unit", "starts_on", "ends_on",
                  "target", "description", "remind_days_before"]


class CampaignInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40, label=_("code"))
    name = serializers.CharField(max_length=100, label=_("name"))
    name_mn = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                    label=_("Mongolian name"))
    kind = serializers.CharField(max_length=16, required=False, label=_("kind"),
                                 help_text=_("campaign or festival"))
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), label=_("unit"))
    starts_on = serializers.DateField(label=_("starts on"))
    ends_on = serializers.DateField(label=_("ends on"))
    target = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                   label=_("target"))
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True,
                                        label=_("description"))
    remind_days_before = serializers.IntegerField(min_value=0, max_value=90, required=False,
                                                  label=_("remind days before"))


class ActivityCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityCategory
        fields = ["id", "code", "name", "name_mn", "order", "is_fixed"]


class ActivityCategoryInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40, label=_("code"))
    name = serializers.CharField(max_length=100, label=_("name"))
    name_mn = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                    label=_("Mongolian name"))
    order = serializers.IntegerField(min_value=0, max_value=32767, required=False,
                                     label=_("order"))
