"""``manage.py translations_write_back [--repo PATH]``: every reviewed string's translation into
the repository's .po files, fuzzy cleared, the .mo compiled; a second run changes nothing."""

import gettext
import io
import re

import polib
import pytest
from django.core.management import call_command

from tests.translations.conftest import HOUSEHOLD, POINTS, po_at, write_catalogue

pytestmark = pytest.mark.django_db

APPROVED = "ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠵᠠᠬᠢᠶᠠᠯᠠ"


def _tokens(client, slug):
    html = client.get(f"/translations/{slug}/").content.decode()
    return dict(re.findall(r'data-key="[0-9a-f]+">.*?<p lang="en">([^<]*)<.*?'
                           r'(?:name="entry" value="([^"]+)"|</section>)', html, re.S))


def _run(*args):
    out = io.StringIO()
    call_command("translations_write_back", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def repo(tmp_path, site):
    """The repository's checkout: the drafts as first written, before the translators came."""
    root = tmp_path / "repo"
    for slug in ("project", "villagers"):
        write_catalogue(po_at(root, slug))
    return root


def _review_on_site(site, client):
    """On the site: "Order a service" corrected, the fuzzy "Household" approved and "My points"
    ticked as it is."""
    path = po_at(site, "villagers")
    po = polib.pofile(str(path))
    po.find("Order a service").msgstr = APPROVED
    po.find("Household").flags.remove("fuzzy")
    po.save(str(path))
    tokens = _tokens(client, "villagers")
    client.post("/translations/villagers/mark/",
                {"entry": [tokens["Order a service"], tokens["Household"], tokens["My points"]]})


def test_the_reviewed_strings_reach_the_repository_and_a_second_run_changes_nothing(
        site, repo, net, web):
    _review_on_site(site, web(net.banner_admin))
    target = po_at(repo, "villagers")
    (target.with_suffix(".mo")).unlink()
    out = _run("--repo", str(repo))
    assert "villagers/locale/mn_Mong/LC_MESSAGES/django.po: 2 updated, 1 unchanged" in out
    po = polib.pofile(str(target))
    assert po.find("Order a service").msgstr == APPROVED
    assert po.find("Household").msgstr == HOUSEHOLD and not po.find("Household").fuzzy
    assert po.find("My points").msgstr == POINTS
    with target.with_suffix(".mo").open("rb") as fp:  # compiled: the draft is no longer hidden
        compiled = gettext.GNUTranslations(fp)
    assert compiled.gettext("Order a service") == APPROVED
    assert compiled.gettext("Household") == HOUSEHOLD
    untouched = po_at(repo, "project").read_bytes()
    before = target.read_bytes(), target.with_suffix(".mo").read_bytes()
    again = _run("--repo", str(repo))
    assert "0 updated, 3 unchanged" in again and ".mo compiled" not in again
    assert (target.read_bytes(), target.with_suffix(".mo").read_bytes()) == before
    assert po_at(repo, "project").read_bytes() == untouched  # nothing reviewed there


def test_a_string_changed_on_the_site_after_its_review_is_not_written(site, repo, net, web):
    _review_on_site(site, web(net.banner_admin))
    path = po_at(site, "villagers")
    po = polib.pofile(str(path))
    po.find("My points").msgstr = POINTS + " ᠪᠤᠯᠤᠨ᠎ᠠ"  # changed since it was reviewed
    po.save(str(path))
    out = _run("--repo", str(repo))
    assert "2 updated, 0 unchanged, 1 changed since reviewed (skipped)" in out
    assert polib.pofile(str(po_at(repo, "villagers"))).find("My points").msgstr == POINTS


def test_a_string_the_repository_no_longer_has_is_counted(site, repo, net, web):
    _review_on_site(site, web(net.banner_admin))
    target = po_at(repo, "villagers")
    po = polib.pofile(str(target))
    po.remove(po.find("My points"))
    po.save(str(target))
    out = _run("--repo", str(repo))
    assert "2 updated, 0 unchanged, 0 changed since reviewed (skipped), 1 not in the " \
           "repository" in out


def test_without_repo_it_writes_the_site_catalogues_themselves(site, net, web):
    _review_on_site(site, web(net.banner_admin))
    path = po_at(site, "villagers")
    po = polib.pofile(str(path))
    po.find("Order a service").flags.append("fuzzy")  # e.g. restored from an older copy
    po.save(str(path))
    out = _run()
    assert "1 changed since reviewed" in out  # a fuzzy string is not reviewed
    assert "2 unchanged" in out
    assert _run().count("0 updated") == 2  # the catalogue and the total


def test_a_repository_that_is_not_a_folder_is_an_error(site, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        _run("--repo", str(tmp_path / "nowhere"))


def test_a_broken_catalogue_in_the_repository_is_a_clear_error(site, repo, net, web):
    from django.core.management.base import CommandError

    _review_on_site(site, web(net.banner_admin))
    po_at(repo, "villagers").write_text('msgid "Order a service"\nmsgstr "x"\nnonsense here\n')
    with pytest.raises(CommandError, match="could not be read"):
        _run("--repo", str(repo))
