"""Partner agencies: referrals at a post and the administrators' partner pages, under /partners/."""

from django.urls import path

from borderdesk.apps.partners import views

app_name = "partners"
urlpatterns = [
    path("referrals/", views.referral_list, name="referrals"),
    path("referrals/<str:reference>/", views.referral_page, name="referral"),
    path("referrals/<str:reference>/sign", views.sign_handover, name="sign-handover"),
    path("agencies/", views.partner_list, name="partners"),
    path("agencies/new", views.new_partner, name="new"),
    path("agencies/<int:pk>/", views.partner_page, name="partner"),
    path("agencies/<int:pk>/edit", views.edit_partner, name="edit"),
    path("agencies/<int:pk>/secret", views.set_secret, name="set-secret"),
    path("agencies/<int:pk>/account", views.create_account, name="create-account"),
    path("agencies/<int:pk>/tokens", views.issue_token, name="issue-token"),
    path("agencies/<int:pk>/tokens/revoke", views.revoke_token, name="revoke-token"),
]
