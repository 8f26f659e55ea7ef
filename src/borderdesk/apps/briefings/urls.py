"""Operations: briefings officers acknowledge: pages under /briefings/."""

from django.urls import path

from borderdesk.apps.briefings import views

app_name = "briefings"
urlpatterns = [
    path("", views.briefing_list, name="list"),
    path("new", views.new, name="new"),
    path("<int:pk>/", views.briefing_page, name="briefing"),
    path("<int:pk>/acknowledge", views.acknowledge, name="acknowledge"),
    path("<int:pk>/status", views.status, name="status"),
    path("<int:pk>/revise", views.revise, name="revise"),
    path("<int:pk>/withdraw", views.withdraw, name="withdraw"),
]
