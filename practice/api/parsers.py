"""The API's body parsers: DRF's, with an oversized body and one nested past Python's recursion
limit refused.

DRF's JSON and form parsers read ``request.stream``, which Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE``
does not guard (only ``request.body`` and Django's own form parsing check it): here a body
longer than the cap is refused with 413 before it is read, by its declared length, and should
a stream run past that, after reading one byte more than the cap. Multipart uploads go through
Django's parser, which applies the cap to the fields and leaves files to their own limits.
"""

import io

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import FormParser, JSONParser


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


def body_too_large_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return _("The request body is too large (at most %(kb)d KB).") % {"kb": limit // 1024}


def bounded(stream, parser_context):
    """The body of ``stream`` as a new stream, or :class:`RequestTooLarge` past the cap."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None or stream is None:
        return stream
    meta = getattr((parser_context or {}).get("request"), "META", {})
    try:
        declared = int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise RequestTooLarge(body_too_large_message())
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise RequestTooLarge(body_too_large_message())
    return io.BytesIO(data)


class BoundedJSONParser(JSONParser):
    """``[[[[…]]]]`` a hundred thousand deep makes ``json.loads`` raise ``RecursionError``,
    which DRF does not catch (a 500); here it is a 400 like any malformed body."""

    def parse(self, stream, media_type=None, parser_context=None):
        stream = bounded(stream, parser_context)
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The request body is nested too deeply.")) from None


class BoundedFormParser(FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return super().parse(bounded(stream, parser_context), media_type, parser_context)
