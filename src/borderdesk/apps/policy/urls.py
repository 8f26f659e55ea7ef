from django.urls import path

from borderdesk.apps.policy import views

app_name = "policy"
urlpatterns = [
    path("packs/", views.packs_page, name="packs"),
    path("versions/<int:pk>/", views.version_page, name="version"),
    path("versions/<int:pk>/save", views.version_save, name="version-save"),
    path("versions/<int:pk>/submit", views.version_submit, name="version-submit"),
    path("versions/<int:pk>/review", views.version_review, name="version-review"),
    path("versions/<int:pk>/simulate", views.version_simulate, name="version-simulate"),
    path("versions/<int:pk>/publish", views.version_publish, name="version-publish"),
    path("versions/<int:pk>/withdraw", views.version_withdraw, name="version-withdraw"),
    path("refusal-grounds/", views.grounds_page, name="grounds"),
    path("stay/", views.stay_page, name="stay"),
    path("stay/result", views.stay_result, name="stay-result"),
    path("visa-matrix/", views.visa_matrix_page, name="visa-matrix"),
]
