from django.urls import path

from borderdesk.apps.visas import views

app_name = "visas"
urlpatterns = [
    path("<str:number>/", views.visa_page, name="visa"),
    path("<str:number>/annul", views.annul, name="annul"),
    path("<str:number>/revoke", views.revoke, name="revoke"),
    path("<str:number>/sticker.pdf", views.sticker, name="sticker"),
]
