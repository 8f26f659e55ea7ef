from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from borderdesk.apps.accounts import views as account_views
from borderdesk.config.api import api
from borderdesk.core.access import Perm


def _administrators_only(request) -> bool:
    user = request.user
    return user.is_active and user.is_authenticated and user.can(Perm.ADMIN_REFERENCE_MANAGE)


admin.site.has_permission = _administrators_only
handler400 = "borderdesk.apps.common.views.bad_request"
handler403 = "borderdesk.apps.common.views.permission_denied"
handler404 = "borderdesk.apps.common.views.page_not_found"
handler500 = "borderdesk.apps.common.views.server_error"
admin.site.site_header = "Borderdesk administration"
admin.site.site_title = "Borderdesk administration"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("sign-in/code/", account_views.verify_second_factor, name="second-factor"),
    path("sign-in/enrol/", account_views.enrol_second_factor, name="second-factor-enrol"),
    path("switch-post/", account_views.switch_post, name="switch-post"),
    path("audit/", include("borderdesk.apps.audit.urls")),
    path("documents/", include("borderdesk.apps.travel_documents.urls")),
    path("screening/", include("borderdesk.apps.watchlists.urls")),
    path("policy/", include("borderdesk.apps.policy.urls")),
    path("visas/", include("borderdesk.apps.visas.urls")),
    path("people/", include("borderdesk.apps.people.urls")),
    path("casework/", include("borderdesk.apps.casework.urls")),
    path("asylum/", include("borderdesk.apps.asylum.urls")),
    path("citizenship/", include("borderdesk.apps.citizenship.urls")),
    path("rosters/", include("borderdesk.apps.rosters.urls")),
    path("queues/", include("borderdesk.apps.queues.urls")),
    path("briefings/", include("borderdesk.apps.briefings.urls")),
    path("messages/", include("borderdesk.apps.messaging.urls")),
    path("figures/", include("borderdesk.apps.figures.urls")),
    path("incidents/", include("borderdesk.apps.incidents.urls")),  # #17 incidents
    path("partners/", include("borderdesk.apps.partners.urls")),  # #17 partners
    path("patrols/", include("borderdesk.apps.patrols.urls")),  # #17 patrols
    path("flights/", include("borderdesk.apps.manifests.urls")),  # #18 manifests
    path("", include("borderdesk.apps.inspection.urls")),
    # One sign-in page for everyone (throttled, then the second factor), the admin's included.
    path("admin/login/", account_views.admin_sign_in, name="admin-sign-in"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
