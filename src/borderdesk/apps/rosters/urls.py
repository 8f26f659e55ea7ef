"""Operations: 24/7 rosters, shifts, leave and swaps: pages under /rosters/."""

from django.urls import path

from borderdesk.apps.rosters import views

app_name = "rosters"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("leave", views.request_leave, name="request-leave"),
    path("swaps", views.propose_swap, name="propose-swap"),
    path("swaps/<int:pk>/answer", views.answer_swap, name="answer-swap"),
    path("feed/reset", views.reset_feed, name="reset-feed"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("post/", views.current_week, name="current-week"),
    path("post/<str:code>/", views.week, name="week"),
    path("post/<str:code>/shifts", views.add_shift, name="add-shift"),
    path("post/<str:code>/patterns", views.add_pattern, name="add-pattern"),
    path("shifts/<int:pk>/cancel", views.cancel_shift, name="cancel-shift"),
    path("patterns/<int:pk>/apply", views.apply_pattern, name="apply-pattern"),
    path("leave/<int:pk>/decide", views.decide_leave, name="decide-leave"),
    path("swaps/<int:pk>/decide", views.decide_swap, name="decide-swap"),
]
