"""Operations: messages and calls to a supervisor: pages under /messages/."""

from django.urls import path

from borderdesk.apps.messaging import views

app_name = "messaging"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("send", views.send, name="send"),
    path("indicator", views.indicator, name="indicator"),
    path("call", views.call, name="call"),
    path("call/state", views.call_state, name="call-state"),
    path("<int:pk>/", views.message, name="message"),
    path("<int:pk>/answer", views.answer, name="answer"),
    path("<int:pk>/close", views.close, name="close"),
]
