from django.urls import path

from borderdesk.apps.inspection import views

app_name = "inspection"
urlpatterns = [
    path("booth/", views.booth, name="booth"),
    path("booth/open", views.open_booth, name="open-booth"),
    path("booth/close", views.close_booth, name="close-booth"),
    path("booth/scan", views.scan, name="scan"),
    path("booth/scan-photo", views.scan_photo, name="scan-photo"),
    path("inspections/<int:pk>/", views.inspection_page, name="inspection"),
    path("inspections/<int:pk>/interview", views.interview, name="interview"),
    path("inspections/<int:pk>/decide", views.decide, name="decide"),
    path("inspections/<int:pk>/visa-on-arrival", views.visa_on_arrival, name="visa-on-arrival"),
    path("inspections/<int:pk>/ask-protection", views.ask_protection, name="ask-protection"),
    path("inspections/<int:pk>/merge", views.merge, name="merge"),
    path("inspections/<int:pk>/live-photo", views.take_live_photo, name="take-live-photo"),
    path("live-photos/<int:pk>", views.live_photo, name="live-photo"),
    path("inspections/<int:pk>/visa", views.attach_visa, name="attach-visa"),
    path("inspections/<int:pk>/chip", views.read_chip, name="read-chip"),  # --- #19 chip ---
    path("inspections/<int:pk>/chip/<int:read>/face.png", views.chip_face, name="chip-face"),  # --- #19 chip ---
    path("custody/<int:pk>/end", views.end_custody, name="end-custody"),
    path("inspections/<int:pk>/take", views.take, name="take"),
    path("inspections/<int:pk>/secondary-notes", views.secondary_notes, name="secondary-notes"),
    path("inspections/<int:pk>/settle-stay", views.settle_stay, name="settle-stay"),
    path("decisions/<int:pk>/approve", views.approve, name="approve"),
    path("decisions/<int:pk>/refusal-form.pdf", views.refusal_form, name="refusal-form"),
    path("decisions/<int:pk>/signed", views.refusal_signed, name="refusal-signed"),
    path("queue/", views.queue, name="queue"),
    path("queue/live", views.queue_live, name="queue-live"),
    path("alerts/<int:pk>/acknowledge", views.acknowledge, name="acknowledge"),
    path(
        "inspections/<int:pk>/visa-on-arrival/confirmed",
        views.visa_on_arrival,
        name="visa-on-arrival-confirmed",
    ),
]
