"""The API's JSON parser: DRF's, with a body nested past Python's recursion limit refused."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    """``[[[[…]]]]`` a hundred thousand deep makes ``json.loads`` raise ``RecursionError``,
    which DRF does not catch (a 500); here it is a 400 like any malformed body."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The request body is nested too deeply.")) from None
