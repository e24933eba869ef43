"""The translators' review page: each Mongolian catalogue's reviewed share, and a catalogue's
strings to mark reviewed (the editing itself is rosetta's, at /translations/rosetta/)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import selectors, services
from .access import translators_only

PER_PAGE = 50
SHOWS = {
    "all": gettext_lazy("All strings"),
    "unreviewed": gettext_lazy("Not reviewed"),
    "changed": gettext_lazy("Changed since reviewed"),
    "reviewed": gettext_lazy("Reviewed"),
}


def _catalogue_or_404(slug):
    cat = selectors.catalogue(slug)
    if cat is None:
        raise Http404(_("There is no Mongolian catalogue of that name."))
    return cat


@translators_only
def index(request):
    return render(request, "translations/index.html", {"overview": selectors.overview()})


@translators_only
def catalogue(request, slug):
    cat = _catalogue_or_404(slug)
    show = request.GET.get("show", "all")
    if show not in SHOWS:
        show = "all"
    try:
        rows = selectors.rows(cat)
    except (OSError, ValueError):
        messages.error(request, _("This catalogue could not be read; fix the .po file first."))
        return redirect("translations:index")
    share = selectors.Share(total=len(rows), translated=sum(r.translated for r in rows),
                            reviewed=sum(r.reviewed for r in rows))
    if show == "unreviewed":
        rows = [r for r in rows if not r.reviewed]
    elif show == "changed":
        rows = [r for r in rows if r.changed_since_review]
    elif show == "reviewed":
        rows = [r for r in rows if r.reviewed]
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "translations/catalogue.html", {
        "cat": cat, "share": share, "page": page, "show": show, "shows": SHOWS.items(),
        "rosetta_index": selectors.rosetta_index(cat)})


@require_POST
@translators_only
def mark(request, slug):
    cat = _catalogue_or_404(slug)
    tokens = request.POST.getlist("entry")
    back = request.POST.get("next", "")
    if not back.startswith("/translations/"):
        back = f"/translations/{cat.slug}/"
    if not tokens:
        messages.error(request, _("Tick the strings you have reviewed first."))
        return redirect(back)
    try:
        result = services.reviews_mark(cat=cat, tokens=tokens, user=request.user)
    except (OSError, ValueError):
        messages.error(request, _("This catalogue could not be read; fix the .po file first."))
        return redirect("translations:index")
    messages.success(request, _("%(n)s strings marked reviewed.") % {"n": result.marked})
    if result.changed:
        messages.warning(request, _("%(n)s strings changed after this page showed them and were "
                                    "not marked; look at them again.") % {"n": result.changed})
    if result.unknown:
        messages.warning(request, _("%(n)s strings are no longer translated in the catalogue "
                                    "and were not marked.") % {"n": result.unknown})
    return redirect(back)
