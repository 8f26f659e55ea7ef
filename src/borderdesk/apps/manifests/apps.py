from django.apps import AppConfig


class ManifestsConfig(AppConfig):
    name = "borderdesk.apps.manifests"
    label = "manifests"
    verbose_name = "Carriers' passenger and crew manifests, and the flights they announce"
