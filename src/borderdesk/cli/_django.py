"""Start Django for the commands that need the database (the pure ones never load it)."""

import os


def setup(*, as_owner: bool = False) -> None:
    """``as_owner``: commands that change the schema or grant privileges connect as the tables' owner,
    BORDERDESK_MIGRATE_DATABASE_URL when set (the app itself may run as a role that cannot alter the audit trail)."""
    if as_owner and os.environ.get("BORDERDESK_MIGRATE_DATABASE_URL"):
        os.environ["BORDERDESK_DATABASE_URL"] = os.environ["BORDERDESK_MIGRATE_DATABASE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderdesk.config.settings")
    import django

    django.setup()


def database_label() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite {settings['NAME']}"
    return f"{connection.vendor} {settings.get('HOST') or 'local socket'}/{settings['NAME']}"
