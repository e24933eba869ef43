"""Mediation's figures of the monthly reports: counts only, never a name. Leaf = the case's
village; the registry rolls them up the tree.

Opened cases count in the month they were opened (in all and per kind of dispute: one
indicator per kind, as the registry has no breakdowns); outcomes in the month the case was
closed.
"""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from practice.indicators import SUM, register
from practice.roles import Role

from .models import DisputeKind, MediationCase, Outcome

CASES = pgettext_lazy("unit of measure", "cases")
# The banner's administrators and leaders read the counts; third-party reviewers nothing.
HIDDEN = frozenset({Role.REVIEWER})


def _per_village(qs):
    return dict(qs.values("village_id").annotate(n=Count("id"))
                .values_list("village_id", "n").order_by())


def _opened(period):
    return MediationCase.objects.filter(opened_on__gte=period.first_day,
                                        opened_on__lt=period.last_day_exclusive)


def _closed(period, outcome):
    return MediationCase.objects.filter(outcome=outcome, closed_on__gte=period.first_day,
                                        closed_on__lt=period.last_day_exclusive)


@register("mediation.cases_opened", label=_("Mediation cases opened"), unit=CASES, agg=SUM,
          order=800, hidden_from=HIDDEN,
          description=_("Disputes taken up by the villages' mediators."))
def cases_opened(period):
    return _per_village(_opened(period))


@register("mediation.cases_settled", label=_("Mediation cases settled"), unit=CASES, agg=SUM,
          order=801, hidden_from=HIDDEN)
def cases_settled(period):
    return _per_village(_closed(period, Outcome.SETTLED))


@register("mediation.cases_referred", label=_("Mediation cases referred"), unit=CASES,
          agg=SUM, order=802, higher_is_better=False, hidden_from=HIDDEN,
          description=_("Cases handed on to another body (a court, the police station, a "
                        "department)."))
def cases_referred(period):
    return _per_village(_closed(period, Outcome.REFERRED))


@register("mediation.cases_dropped", label=_("Mediation cases dropped"), unit=CASES,
          agg=SUM, order=803, higher_is_better=False, hidden_from=HIDDEN)
def cases_dropped(period):
    return _per_village(_closed(period, Outcome.DROPPED))


KIND_LABELS = {
    DisputeKind.NEIGHBOURS: _("Mediation cases opened: neighbours"),
    DisputeKind.FAMILY: _("Mediation cases opened: family and marriage"),
    DisputeKind.LAND: _("Mediation cases opened: land and grassland"),
    DisputeKind.DEBTS: _("Mediation cases opened: debts"),
    DisputeKind.CONTRACTS: _("Mediation cases opened: contracts and labour"),
    DisputeKind.OTHER: _("Mediation cases opened: other disputes"),
}


def _opened_of_kind(kind):
    def compute(period):
        return _per_village(_opened(period).filter(kind=kind))

    compute.__name__ = f"cases_opened_{kind}"
    return compute


for _n, _kind in enumerate(DisputeKind.values):
    register(f"mediation.opened_{_kind}", label=KIND_LABELS[_kind], unit=CASES, agg=SUM,
             order=810 + _n, hidden_from=HIDDEN)(_opened_of_kind(_kind))
