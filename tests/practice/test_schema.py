import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_generates_without_warnings(capsys, tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in ("/api/auth/token/", "/api/me/", "/api/units/", "/api/households/{id}/"):
        assert path in text


def test_schema_and_docs_are_served_without_a_cdn(net, web):
    client = web(net.banner_admin)
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/" in html


def test_schema_and_docs_are_for_signed_in_users_only(net, web, api):
    for client in (web(None), api(None)):
        response = client.get("/api/schema/")
        assert response.status_code == 401
        assert "身份认证信息未提供" in response.content.decode()
    docs = web(None).get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/?next=")
    for path in ("/api/schema/", "/api/docs/"):
        assert web(net.villager).get(path).status_code == 200
    for path in ("/api/schema/", "/api/docs/"):
        assert api(net.villager).get(path).status_code == 200
