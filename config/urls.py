from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from practice import language
from practice import offline as practice_offline
from practice import views as practice_views
from practice.language import bilingual

api_urlpatterns = [
    path("", include("practice.api.urls")),
    path("", include("reports.api.urls")),
    path("", include("dispatch.api.urls")),
    path("", include("honours.api.urls")),
    path("", include("volunteers.api.urls")),
    path("points/", include("points_market.api.urls")),
    path("banquets/", include("banquets.api.urls")),
    path("", include("supervision.api.urls")),
    path("mediation/", include("mediation.api.urls")),
    path("outreach/", include("outreach.api.urls")),
    path("", include("institutions.api.urls")),
    path("", include("campaigns.api.urls")),
]

urlpatterns = [
    # Villagers, volunteers and the public read these in Mongolian if they chose it
    # (practice/language.py); a staff member's home stays Chinese.
    path("", bilingual(practice_views.home, when=language.not_staff), name="home"),
    path("accounts/login/", bilingual(auth_views.LoginView.as_view()), name="login"),
    path("accounts/login/phone/", bilingual(practice_views.login_phone), name="login-phone"),
    path("accounts/login/phone/code/", bilingual(practice_views.login_phone_code),
         name="login-phone-code"),
    # The service worker and the manifest of the offline counter and check-in, at the root so
    # that the worker's scope covers both (practice/offline.py).
    path("sw.js", practice_offline.service_worker, name="service-worker"),
    path("manifest.webmanifest", practice_offline.web_manifest, name="web-manifest"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The language switcher at the foot of every page (POST language, next): remembered in the
    # language cookie, and on the account of a signed-in person (practice/language.py).
    path("language/", practice_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", practice_views.ApiDocsView.as_view(url_name="schema"), name="api-docs"),
    path("api/", include(api_urlpatterns)),
    path("volunteers/", include("volunteers.urls")),
    path("points/", include("points_market.urls")),
    path("banquets/", include("banquets.urls")),
    path("reports/", include("reports.urls")),
    path("dispatch/", include("dispatch.urls")),
    path("supervision/", include("supervision.urls")),
    path("mediation/", include("mediation.urls")),
    path("outreach/", include("outreach.urls")),
    path("institutions/", include("institutions.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("board/", include("honours.urls")),
    path("sms/", include("practice.sms_pages")),
    # The translators' review: rosetta's editor and our page of reviewed shares.
    path("translations/rosetta/", include("translations.rosetta_urls")),
    path("translations/", include("translations.urls")),
    path("", include("practice.urls")),
]

# A body over DATA_UPLOAD_MAX_MEMORY_SIZE (413) and a lost database connection (503): answered
# in Chinese, never Django's bare English pages or a 500 (practice/pages.py).
handler400 = "practice.pages.bad_request"
handler500 = "practice.pages.server_error"
# Error pages speak the page's language (Mongolian on a bilingual page, for whoever chose it).
handler403 = "practice.pages.permission_denied"
handler404 = "practice.pages.page_not_found"

if settings.BENCH:
    urlpatterns.append(path("", include("bench.urls")))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
