"""The server's warm-up, run as `borderdesk serve` runs it before the workers fork: in a process of its own (it
freezes the garbage collector of the process it runs in), on a fresh SQLite database."""

import json
import os
import subprocess
import sys

PROBE = """
import gc, json, sys
import django
django.setup()
from borderdesk.config.warmup import warm_up
warm_up()
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "tracked_after_warm_up": len(gc.get_objects()),
    "views_loaded": "borderdesk.config.urls" in sys.modules and "borderdesk.apps.inspection.api" in sys.modules,
}))
"""


def test_the_warm_up_loads_the_views_and_leaves_the_workers_little_to_collect(tmp_path):
    env = {
        **os.environ,
        "BORDERDESK_DATA_DIR": str(tmp_path),
        "BORDERDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'warm.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "borderdesk.config.settings",
    }
    migrate = subprocess.run(
        [sys.executable, "-m", "borderdesk.cli", "migrate"], env=env, capture_output=True, text=True, timeout=300
    )
    assert migrate.returncode == 0, migrate.stderr
    probe = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=300)
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout.strip().splitlines()[-1])
    assert found["views_loaded"]
    # Everything the app loaded is frozen; what a worker's collector still walks is a few objects made since.
    assert found["frozen"] > 20_000
    assert found["tracked_after_warm_up"] < 100
