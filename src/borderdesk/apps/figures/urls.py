"""Operations: figures per day and month, CSV exports: pages under /figures/."""

from borderdesk.apps.figures import views

app_name = "figures"
urlpatterns = views.urlpatterns
