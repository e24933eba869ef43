"""A string is reviewed when a translator saves it in rosetta or ticks it on the review page;
the page reports each catalogue's strings, translated, reviewed and the reviewed share, and a
reviewed string whose translation later changes counts again only once reviewed again."""

import re

import polib
import pytest
from django.urls import reverse

from tests.translations.conftest import HOUSEHOLD, ORDER, PLURAL, POINTS, po_at, rosetta_field
from translations import selectors

pytestmark = pytest.mark.django_db

EDITED = "ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠵᠠᠬᠢᠶᠠᠯᠠ"


def _form(slug):
    return reverse("rosetta-form", kwargs={
        "po_filter": "all", "lang_id": "mn-mong",
        "idx": selectors.rosetta_index(selectors.catalogue(slug))})


def _share(client, slug):
    """(strings, translated, reviewed, share) of a catalogue's row on the review page."""
    html = client.get("/translations/").content.decode()
    row = re.search(rf'<tr data-catalogue="{slug}">(.*?)</tr>', html, re.S).group(1)
    cells = [re.search(rf'class="{c}">([^<]*)<', row).group(1)
             for c in ("total", "translated", "reviewed", "percent")]
    return int(cells[0]), int(cells[1]), int(cells[2]), cells[3]


def _whole(client):
    html = client.get("/translations/").content.decode()
    row = re.search(r'<tr class="whole">(.*?)</tr>', html, re.S).group(1)
    return [re.search(rf'class="{c}">([^<]*)<', row).group(1)
            for c in ("total", "translated", "reviewed", "percent")]


def test_the_page_reports_each_catalogue_and_the_whole(site, net, web):
    client = web(net.banner_admin)
    # six strings; translated: three singular and the plural (the fuzzy draft is not)
    assert _share(client, "villagers") == (6, 4, 0, "0.0%")
    assert _share(client, "project") == (6, 4, 0, "0.0%")
    assert _whole(client) == ["12", "8", "0", "0.0%"]
    html = client.get("/translations/").content.decode()
    assert "译文审校" in html and "审校比例" in html


def test_saving_a_string_in_rosetta_marks_it_reviewed_by_the_translator(site, translator, web):
    client = web(translator)
    page = client.get(_form("villagers")).content.decode()
    field = rosetta_field("Order a service", ORDER)
    assert f'name="{field}"' in page  # rosetta's own form
    response = client.post(_form("villagers"), {field: EDITED})
    assert response.status_code == 302
    po = polib.pofile(str(po_at(site, "villagers")))
    assert po.find("Order a service").msgstr == EDITED  # rosetta wrote the file
    assert po_at(site, "villagers").with_suffix(".mo").exists()
    assert _share(client, "villagers") == (6, 4, 1, "16.7%")
    html = client.get("/translations/villagers/?show=reviewed").content.decode()
    assert "Order a service" in html and "translator" in html and "My points" not in html


def test_clearing_a_drafts_fuzzy_flag_in_rosetta_reviews_it(site, translator, web):
    client = web(translator)
    field = rosetta_field("Household", HOUSEHOLD)
    assert f'name="f_{field[2:]}"' in client.get(_form("villagers")).content.decode()
    client.post(_form("villagers"), {field: HOUSEHOLD})  # the fuzzy box left unticked
    assert _share(client, "villagers") == (6, 5, 1, "16.7%")


def test_a_string_saved_fuzzy_in_rosetta_is_not_reviewed(site, translator, web):
    client = web(translator)
    field = rosetta_field("My points", POINTS)
    client.post(_form("villagers"), {field: POINTS + " ᠤ", f"f_{field[2:]}": "1"})
    assert _share(client, "villagers") == (6, 3, 0, "0.0%")


def _tokens(html):
    """{message id as shown: the value of its tick box ("" where it has none)}."""
    return dict(re.findall(r'data-key="[0-9a-f]+">.*?<p lang="en">([^<]*)<.*?'
                           r'(?:name="entry" value="([^"]+)"|</section>)', html, re.S))


def test_ticking_strings_on_the_review_page_marks_them_and_says_who(site, net, web):
    client = web(net.banner_admin)
    html = client.get("/translations/villagers/").content.decode()
    tokens = _tokens(html)
    assert tokens["Village"] == "" and tokens["Household"] == ""  # nothing to approve yet
    chosen = [tokens["My points"], tokens["%(n)s point / %(n)s points"]]
    response = client.post("/translations/villagers/mark/", {"entry": chosen}, follow=True)
    assert "已将 2 条标为已审校" in response.content.decode()
    assert _share(client, "villagers") == (6, 4, 2, "33.3%")
    html = client.get("/translations/villagers/?show=reviewed").content.decode()
    assert "banner_admin" in html and PLURAL[1] in html and "Order a service" not in html
    assert _share(client, "project") == (6, 4, 0, "0.0%")  # another catalogue, same strings


def test_a_changed_translation_counts_again_only_once_reviewed_again(site, net, web):
    client = web(net.banner_admin)
    tokens = _tokens(client.get("/translations/villagers/").content.decode())
    client.post("/translations/villagers/mark/", {"entry": [tokens["My points"]]})
    assert _share(client, "villagers")[2] == 1
    path = po_at(site, "villagers")
    po = polib.pofile(str(path))
    po.find("My points").msgstr = POINTS + " ᠪᠤᠯᠤᠨ᠎ᠠ"
    po.save(str(path))
    assert _share(client, "villagers")[2] == 0
    html = client.get("/translations/villagers/?show=changed").content.decode()
    assert "My points" in html and "审校后译文已改动" in html
    # the old tick was for the old translation: not accepted for the new one
    response = client.post("/translations/villagers/mark/", {"entry": [tokens["My points"]]},
                           follow=True)
    assert "未予标记" in response.content.decode()
    assert _share(client, "villagers")[2] == 0
    tokens = _tokens(client.get("/translations/villagers/").content.decode())
    client.post("/translations/villagers/mark/", {"entry": [tokens["My points"]]})
    assert _share(client, "villagers")[2] == 1


def test_nothing_ticked_or_an_unknown_catalogue_answers_in_chinese(site, net, web):
    client = web(net.banner_admin)
    response = client.post("/translations/villagers/mark/", {}, follow=True)
    assert "请先勾选" in response.content.decode()
    response = client.post("/translations/villagers/mark/", {"entry": ["nonsense"]}, follow=True)
    assert response.status_code == 200 and "已将 0 条标为已审校" in response.content.decode()
    assert client.get("/translations/nowhere/").status_code == 404
    assert client.get("/translations/villagers/mark/").status_code == 405


def test_a_broken_catalogue_is_said_on_the_page_not_a_server_error(site, net, web):
    client = web(net.banner_admin)
    po_at(site, "villagers").write_text('msgid "Order a service"\nmsgstr "x"\nnonsense here\n')
    html = client.get("/translations/").content.decode()
    assert "无法读取此译文目录" in html
    assert _share(client, "project") == (6, 4, 0, "0.0%")
    response = client.get("/translations/villagers/", follow=True)
    assert response.status_code == 200 and "无法读取此译文目录" in response.content.decode()
    response = client.post("/translations/villagers/mark/", {"entry": ["a:b"]}, follow=True)
    assert response.status_code == 200 and "无法读取此译文目录" in response.content.decode()
