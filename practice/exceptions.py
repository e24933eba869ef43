"""Domain errors raised by the apps' services; the API and pages turn them into answers.

* :class:`Conflict` (409): the action does not fit the object's current state (a transition not
  allowed from this status, not enough points, a full canteen).
* :class:`Forbidden` (403): the user's role may not do this.
* :class:`NotFound` (404): the object is outside the user's scope.
* :class:`InvalidInput` (400): a value is wrong; ``field`` names it.
* :class:`Unprocessable` (422): the request is well formed but cannot be taken as it stands (an
  idempotency key sent again with another body).
* :class:`TooManyRequests` (429): a limit was reached; ``retry_after`` says in how many seconds
  to try again.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status_code = 400
    default_message = _("The request could not be completed.")

    def __init__(self, message=None, *, field=None, code=None, extra=None):
        self.message = message or self.default_message
        self.field = field
        self.code = code
        self.extra = extra or {}
        super().__init__(str(self.message))

    def as_data(self):
        if self.field:
            data = {self.field: [str(self.message)]}
        else:
            data = {"detail": str(self.message)}
        if self.code:
            data["code"] = self.code
        data.update(self.extra)
        return data


class InvalidInput(DomainError):
    status_code = 400


class Forbidden(DomainError):
    status_code = 403
    default_message = _("Your role may not perform this action.")


class NotFound(DomainError):
    status_code = 404
    default_message = _("Not found.")


class Conflict(DomainError):
    status_code = 409
    default_message = _("The action conflicts with the current state.")


class Unprocessable(DomainError):
    status_code = 422


class TooManyRequests(DomainError):
    status_code = 429
    default_message = _("Too many attempts. Try again later.")

    def __init__(self, message=None, *, retry_after: int, **kwargs):
        self.retry_after = retry_after
        super().__init__(message, **kwargs)
