"""Query expressions the apps share."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def related_count(model, field: str):
    """The number of ``model`` rows whose foreign key ``field`` points at the outer row, as a
    correlated subquery for ``annotate()``: ``Team.objects.annotate(member_count=
    related_count(Membership, "team"))``.

    ``annotate(n=Count("memberships"))`` would join and group every membership of every team
    before a page is cut, and the page's count would wrap that grouping too; a subquery in the
    select list is evaluated only for the rows the page shows.
    """
    rows = (model._base_manager.filter(**{field: OuterRef("pk")}).order_by().values(field)
            .annotate(n=Count("*")).values("n"))
    return Coalesce(Subquery(rows), 0)
