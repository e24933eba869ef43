from django.urls import path

from practice.language import bilingual

from . import activity_views, application_views, views

app_name = "volunteers"
# Bilingual (practice.language.bilingual): the pages villagers, volunteers and the public read
# (the menu, orders, team orders, time bank, notifications, an activity and its check-in,
# applying, the station's QR landing page, the certificate). Staff pages (staff/…, the activity
# list and form, the service-day calendar) stay Chinese.
urlpatterns = [
    path("", bilingual(views.menu), name="menu"),
    path("order/", bilingual(views.order_new), name="order-new"),
    path("my-orders/", bilingual(views.my_orders), name="my-orders"),
    path("orders/<int:pk>/", bilingual(views.order_detail), name="order"),
    path("team-orders/", bilingual(views.team_orders), name="team-orders"),
    path("time-bank/", bilingual(views.time_bank), name="time-bank"),
    path("staff/orders/", views.staff_orders, name="staff-orders"),
    path("staff/assisted-order/", views.assisted_order, name="assisted-order"),
    path("staff/qr/", views.qr_codes, name="qr-codes"),
    path("qr/<str:code>.png", views.qr_png, name="qr-png"),
    path("s/<str:code>/", bilingual(views.station_entry), name="station"),
    path("notifications/", bilingual(views.notifications), name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    # practice activities
    path("activities/", activity_views.activity_list, name="activities"),
    path("activities/new/", activity_views.activity_new, name="activity-new"),
    path("activities/<int:pk>/", bilingual(activity_views.activity_detail), name="activity"),
    path("activities/<int:pk>/edit/", activity_views.activity_edit, name="activity-edit"),
    path("activities/<int:pk>/qr.png", activity_views.activity_qr_png, name="activity-qr"),
    path("my-activities/", bilingual(activity_views.my_activities), name="my-activities"),
    path("a/<str:token>/", bilingual(activity_views.checkin), name="checkin"),
    path("checkin-offline/", bilingual(activity_views.checkin_offline), name="checkin-offline"),
    path("service-days/", activity_views.service_days, name="service-days"),
    # volunteer applications and the hours certificate
    path("apply/", bilingual(application_views.apply), name="apply"),
    path("apply/<str:token>/", bilingual(application_views.application_status),
         name="application-status"),
    path("staff/applications/", application_views.applications, name="applications"),
    path("staff/applications/<int:pk>/<str:verb>/", application_views.application_action,
         name="application-action"),
    path("volunteers/<int:pk>/certificate/", bilingual(application_views.certificate),
         name="certificate"),
    path("my-certificate/", bilingual(application_views.my_certificate), name="my-certificate"),
]
