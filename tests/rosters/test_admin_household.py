import pytest

pytestmark = pytest.mark.django_db


def test_the_admin_filters_by_special_family_and_leaves_the_phone_to_the_household_page(
        net, web):
    net.h11.low_income = True
    net.h11.save()
    client = web(net.township_staff)
    page = client.get("/admin/practice/household/?low_income__exact=1")
    assert page.status_code == 200
    assert f"/admin/practice/household/{net.h11.pk}/change/" in page.text
    assert f"/admin/practice/household/{net.h12.pk}/change/" not in page.text
    change = client.get(f"/admin/practice/household/{net.h11.pk}/change/")
    assert 'name="phone"' not in change.text
    assert f"/households/{net.h11.pk}/" in change.text
