from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from practice import faults
from practice.exceptions import DomainError, TooManyRequests


def exception_handler(exc, context):
    """DRF's handler, plus the domain errors of the apps' services, Django's ValidationError
    and a lost database connection (503 with ``Retry-After``, practice/faults.py)."""
    if isinstance(exc, DomainError):
        response = Response(exc.as_data(), status=exc.status_code)
        if isinstance(exc, TooManyRequests):
            response["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            data = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        else:
            data = {"detail": [str(m) for m in exc.messages]}
        return Response(data, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, faults.DATABASE_ERRORS):  # the connection was lost mid-request
        return Response(
            {"code": "database_unavailable", "detail": faults.database_unavailable_message()},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": faults.retry_after()},
        )
    if isinstance(exc, PermissionDenied):
        return Response({"detail": str(exc) or "403"}, status=status.HTTP_403_FORBIDDEN)
    return drf_exception_handler(exc, context)
