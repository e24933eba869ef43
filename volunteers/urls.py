from django.urls import path

from . import activity_views, application_views, views

app_name = "volunteers"
urlpatterns = [
    path("", views.menu, name="menu"),
    path("order/", views.order_new, name="order-new"),
    path("my-orders/", views.my_orders, name="my-orders"),
    path("orders/<int:pk>/", views.order_detail, name="order"),
    path("team-orders/", views.team_orders, name="team-orders"),
    path("time-bank/", views.time_bank, name="time-bank"),
    path("staff/orders/", views.staff_orders, name="staff-orders"),
    path("staff/assisted-order/", views.assisted_order, name="assisted-order"),
    path("staff/qr/", views.qr_codes, name="qr-codes"),
    path("qr/<str:code>.png", views.qr_png, name="qr-png"),
    path("s/<str:code>/", views.station_entry, name="station"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    # practice activities
    path("activities/", activity_views.activity_list, name="activities"),
    path("activities/new/", activity_views.activity_new, name="activity-new"),
    path("activities/<int:pk>/", activity_views.activity_detail, name="activity"),
    path("activities/<int:pk>/edit/", activity_views.activity_edit, name="activity-edit"),
    path("activities/<int:pk>/qr.png", activity_views.activity_qr_png, name="activity-qr"),
    path("my-activities/", activity_views.my_activities, name="my-activities"),
    path("a/<str:token>/", activity_views.checkin, name="checkin"),
    path("checkin-offline/", activity_views.checkin_offline, name="checkin-offline"),
    path("service-days/", activity_views.service_days, name="service-days"),
    # volunteer applications and the hours certificate
    path("apply/", application_views.apply, name="apply"),
    path("apply/<str:token>/", application_views.application_status, name="application-status"),
    path("staff/applications/", application_views.applications, name="applications"),
    path("staff/applications/<int:pk>/<str:verb>/", application_views.application_action,
         name="application-action"),
    path("volunteers/<int:pk>/certificate/", application_views.certificate, name="certificate"),
    path("my-certificate/", application_views.my_certificate, name="my-certificate"),
]
