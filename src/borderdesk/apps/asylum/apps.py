from django.apps import AppConfig


class AsylumConfig(AppConfig):
    name = "borderdesk.apps.asylum"
    label = "asylum"
    verbose_name = "Asylum: protection claims"

    def ready(self) -> None:
        from borderdesk.apps.asylum.services import decisions  # noqa: F401  (connects the guard on outcomes)
