from django.urls import path

from borderdesk.apps.travel_documents import views

app_name = "documents"
urlpatterns = [
    path("check/", views.check_page, name="check"),
    path("check/result", views.check_result, name="check-result"),
    path("lost-stolen/", views.register_page, name="register"),
]
