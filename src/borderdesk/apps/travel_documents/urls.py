from django.urls import path

from borderdesk.apps.travel_documents import views

app_name = "documents"
urlpatterns = [
    path("check/", views.check_page, name="check"),
    path("check/result", views.check_result, name="check-result"),
    path("lost-stolen/", views.register_page, name="register"),
    path("trust/", views.trust_page, name="trust"),  # --- #19 chip ---
    path("trust/<int:pk>/remove", views.trust_remove, name="trust-remove"),  # --- #19 chip ---
]
