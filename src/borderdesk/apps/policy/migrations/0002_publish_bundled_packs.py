"""Publish the packs shipped with Borderdesk as version 1, so that a pack is in force right after migrate."""

from django.db import migrations
from django.utils import timezone


def publish_bundled(apps, schema_editor):
    from borderdesk.apps.policy.bundled import bundled_files, bundled_names
    from borderdesk.core.rules import PackLoadError, parse_pack

    PackVersion = apps.get_model("policy", "PackVersion")
    for name in bundled_names():
        if PackVersion.objects.filter(pack_id=name).exists():
            continue
        files = bundled_files(name)
        try:
            pack = parse_pack(files)
        except PackLoadError:  # never block a migration; the app reports the pack when it is asked for
            continue
        PackVersion.objects.create(
            pack_id=name,
            number=1,
            label=pack.version,
            files=files,
            status="published",
            effective_from=pack.validity.valid_from,
            published_at=timezone.now(),
        )


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]
    operations = [migrations.RunPython(publish_bundled, migrations.RunPython.noop)]
