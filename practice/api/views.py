from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from practice import rosters
from practice.clients import client_address
from practice.models import Household, Unit
from practice.phone_sign_in import sign_in_code_request, sign_in_code_sent, sign_in_code_verify
from practice.roles import STAFF_ROLES, Role
from practice.security import lockout_message
from practice.services import language_set, sms_opt_out_set, tokens_revoke

from .filters import HouseholdFilter, UnitFilter
from .me import extra_fields
from .serializers import (
    HouseholdAccountSerializer,
    HouseholdPhoneSerializer,
    HouseholdSerializer,
    MeSerializer,
    MeUpdateSerializer,
    SmsCodeRequestSerializer,
    SmsCodeSentSerializer,
    SmsCodeVerifySerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
    UnitSerializer,
)
from .viewsets import ScopedReadOnlyViewSet


class TokenView(APIView):
    """Exchange a username and password for an API token (POST); sign the token out (DELETE)."""

    throttle_scope = "login"

    def get_authenticators(self):
        # Signing in reads no credentials, so a stale token sent along cannot stop it; signing
        # out is done with the token it ends.
        if self._signs_out():
            return super().get_authenticators()
        return []

    def get_permissions(self):
        if self._signs_out():
            return [IsAuthenticated()]
        return [AllowAny()]

    def _signs_out(self) -> bool:
        # The schema generator asks before it builds a request for each method.
        return getattr(self.request, "method", None) == "DELETE"

    @extend_schema(
        description="Exchange a username and password for an API token.",
        request=TokenRequestSerializer,
        responses={200: TokenResponseSerializer},
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        django_request = request._request  # django-axes tracks attempts on the HttpRequest
        user = authenticate(
            django_request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if getattr(django_request, "axes_locked_out", False):
            return Response(
                {"detail": lockout_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS
            )
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to log in with provided credentials.")]}
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key}, status=status.HTTP_200_OK)

    @extend_schema(
        description="Sign out: end the caller's API token (a password change ends it too).",
        request=None,
        responses={204: None},
    )
    def delete(self, request):
        tokens_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SmsCodeRequestView(APIView):
    """Text a sign-in code to a phone (accounts without a staff role sign in with it)."""

    authentication_classes: list = []  # signing in reads no credentials
    permission_classes = [AllowAny]

    @extend_schema(
        description="Ask for a 6-digit sign-in code by SMS. Answers 202 for every well-formed "
        "number, registered or not (a code is sent only when it signs someone in); 429 with "
        "Retry-After while the number is locked or a limit is reached.",
        request=SmsCodeRequestSerializer,
        responses={202: SmsCodeSentSerializer},
    )
    def post(self, request):
        data = SmsCodeRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sign_in_code_request(phone=data.validated_data["phone"],
                             client=client_address(request))
        return Response(sign_in_code_sent(), status=status.HTTP_202_ACCEPTED)


class SmsCodeVerifyView(APIView):
    """Exchange a phone number and the code texted to it for an API token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        description="Exchange the phone number and its SMS code for an API token (as "
        "POST /api/auth/token/). A code signs in once, within 5 minutes; 5 wrong codes lock "
        "the number for 30 minutes (429). Staff accounts sign in with their password.",
        request=SmsCodeVerifySerializer,
        responses={200: TokenResponseSerializer},
    )
    def post(self, request):
        data = SmsCodeVerifySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = sign_in_code_verify(phone=data.validated_data["phone"],
                                   code=data.validated_data["code"])
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key}, status=status.HTTP_200_OK)


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MeSerializer})
    def get(self, request):
        data = MeSerializer(request.user).data
        data.update(extra_fields(request.user))
        return Response(data)

    @extend_schema(request=MeUpdateSerializer, responses={200: MeSerializer})
    def patch(self, request):
        """Change the caller's own settings: ``sms_opt_out`` turns off every text message
        except sign-in codes; ``language`` is the language of their pages (the app sets its
        own) and of their text messages."""
        given = MeUpdateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        if "sms_opt_out" in given.validated_data:
            sms_opt_out_set(user=request.user, opt_out=given.validated_data["sms_opt_out"])
        if "language" in given.validated_data:
            language_set(user=request.user, code=given.validated_data["language"])
        return self.get(request)


class UnitViewSet(ScopedReadOnlyViewSet):
    queryset = Unit.objects.select_related("head").order_by("path")
    serializer_class = UnitSerializer
    filterset_class = UnitFilter


class HouseholdViewSet(ScopedReadOnlyViewSet):
    queryset = Household.objects.select_related("village").in_network_order()
    serializer_class = HouseholdSerializer
    filterset_class = HouseholdFilter
    action_roles = {"*": frozenset(Role), "add_phone": STAFF_ROLES, "change_phone": STAFF_ROLES}

    @extend_schema(
        description="Add a phone to the household: an account of the household that signs in "
                    "with it by SMS code. 409 when the phone already belongs to another account.",
        request=HouseholdPhoneSerializer, responses={201: HouseholdAccountSerializer})
    @action(detail=True, methods=["post"], url_path="phones", url_name="phones")
    def add_phone(self, request, pk=None):
        data = HouseholdPhoneSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = rosters.household_phone_add(self.get_object(), phone=data.validated_data["phone"],
                                           actor=request.user)
        return Response(HouseholdAccountSerializer(user).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        description="Change the household's listed phone: the old phone's account leaves the "
                    "household (and cannot sign in unless it has a staff role or a volunteer "
                    "profile); an empty phone removes it.",
        request=HouseholdPhoneSerializer, responses={200: HouseholdSerializer})
    @action(detail=True, methods=["post"], url_path="phone", url_name="phone")
    def change_phone(self, request, pk=None):
        data = HouseholdPhoneSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        household = rosters.household_phone_change(
            self.get_object(), phone=data.validated_data["phone"], actor=request.user)
        return Response(HouseholdSerializer(household).data)
