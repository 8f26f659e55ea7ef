from django.apps import AppConfig


class WatchlistsConfig(AppConfig):
    name = "borderdesk.apps.watchlists"
    label = "watchlists"
    verbose_name = "Watchlists and screening"
