"""Who may open the translators' review and rosetta's editor: the banner's administrators and
accounts with the translations.translator permission; a visitor is sent to sign in, anyone else
gets the 403 page in Chinese. Rosetta offers the Mongolian catalogues alone, in Chinese."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from translations import selectors

pytestmark = pytest.mark.django_db

REFUSED = "只有旗级管理员和译者可以审校译文"


def _pages():
    cat = selectors.catalogue("villagers")
    form = reverse("rosetta-form", kwargs={"po_filter": "all", "lang_id": "mn-mong",
                                           "idx": selectors.rosetta_index(cat)})
    return ["/translations/", "/translations/villagers/", "/translations/rosetta/",
            reverse("rosetta-file-list", kwargs={"po_filter": "all"}), form]


def test_a_visitor_is_sent_to_sign_in(site, client):
    for page in _pages():
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/accounts/login/"), page


@pytest.mark.parametrize("role", ["villager", "volunteer", "station_staff", "township_staff",
                                  "leader", "reviewer"])
def test_other_roles_are_refused_in_chinese(site, net, web, role):
    client = web(getattr(net, role))
    for page in _pages():
        response = client.get(page)
        assert response.status_code == 403, page
        assert REFUSED in response.content.decode(), page
    assert client.post("/translations/villagers/mark/", {"entry": "x:y"}).status_code == 403


def test_banner_administrators_open_every_page(site, net, web):
    client = web(net.banner_admin)
    for page in _pages():
        response = client.get(page, follow=True)
        assert response.status_code == 200, page


def test_the_translator_permission_opens_them_and_withdrawing_it_closes_them(site, translator,
                                                                              web):
    client = web(translator)
    for page in _pages():
        assert client.get(page, follow=True).status_code == 200, page
    call_command("translations_translator", "translator", "--remove", stdout=io.StringIO())
    client = web(translator)
    for page in _pages():
        assert client.get(page).status_code == 403, page


def test_the_translator_permission_is_not_a_role(translator):
    assert translator.role == "township_staff"
    assert translator.has_perm("translations.translator")


def test_rosetta_offers_the_mongolian_catalogues_alone_in_chinese(site, net, web):
    client = web(net.banner_admin)
    for po_filter in ("all", "project", "third-party", "django"):
        html = client.get(reverse("rosetta-file-list",
                                  kwargs={"po_filter": po_filter})).content.decode()
        assert "site-packages" not in html, po_filter  # neither Django's nor an add-on's
        assert "/zh_Hans/" not in html and "/locale/mn/" not in html, po_filter
    html = client.get(reverse("rosetta-file-list", kwargs={"po_filter": "all"})).content.decode()
    assert str(selectors.catalogue("villagers").file) in html  # the mn_Mong folders are found
    assert str(selectors.catalogue("project").file) in html
    assert 'lang="zh-hans"' in html
    assert "蒙古文（传统蒙古文）" in html and "应用" in html  # the language and "Application"
    start = client.get("/translations/rosetta/")
    assert start["Location"] == reverse("rosetta-file-list", kwargs={"po_filter": "all"})


def test_rosetta_edits_in_chinese(site, net, web):
    cat = selectors.catalogue("villagers")
    form = reverse("rosetta-form", kwargs={"po_filter": "all", "lang_id": "mn-mong",
                                           "idx": selectors.rosetta_index(cat)})
    html = web(net.banner_admin).get(form).content.decode()
    assert "蒙古文（传统蒙古文）" in html and "英语" in html  # into Mongolian, from English
    assert "Order a service" in html
    assert "Translate into" not in html and "Progress:" not in html


def test_a_language_other_than_mongolian_is_not_offered(site, net, web):
    client = web(net.banner_admin)
    for lang in ("zh-hans", "en", "mn"):
        url = reverse("rosetta-form", kwargs={"po_filter": "all", "lang_id": lang, "idx": 0})
        assert client.get(url).status_code == 404, lang


def test_the_permission_is_found_by_its_name_in_the_admin(db):
    from django.contrib.auth.models import Permission
    from django.utils import translation

    with translation.override("zh-hans"):
        shown = str(Permission.objects.get(content_type__app_label="translations",
                                           codename="translator"))
    assert shown == "翻译 | 已审校条目 | May review translations"
