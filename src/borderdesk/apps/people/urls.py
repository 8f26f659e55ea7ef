from django.urls import path

from borderdesk.apps.people import views

app_name = "people"
urlpatterns = [
    path("", views.find, name="find"),
    path("search", views.search, name="search"),
    path("<int:pk>/", views.reason, name="reason"),
    path("<int:pk>/record", views.record, name="record"),
]
