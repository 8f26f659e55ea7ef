from django.urls import path

from borderdesk.apps.watchlists import views

app_name = "screening"
urlpatterns = [
    path("", views.screen_page, name="screen"),
    path("result", views.screen_result, name="result"),
    path("matches/<int:match_id>/adjudicate", views.adjudicate_match, name="adjudicate"),
    path("matches/<int:match_id>/false-match/confirm", views.confirm_false_match, name="confirm_false_match"),
    path("matches/<int:match_id>/false-match/reject", views.reject_false_match, name="reject_false_match"),
    path("watchlists/", views.watchlists_page, name="watchlists"),
    path("watchlists/import", views.import_list_view, name="import"),
    path("watchlists/<slug:name>/thresholds", views.thresholds_view, name="thresholds"),
]
