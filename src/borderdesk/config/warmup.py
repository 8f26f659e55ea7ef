"""Load what the first request would otherwise wait for: the watchlist index and its name tables (seconds to
minutes for big lists), the rule packs in force, and every view's module (through the URL configuration).
`borderdesk serve` runs it once in the server's master process before the workers fork, so every worker starts
warm and shares that memory.

Last, whatever is alive then (the app's code, settings, rule packs, name tables) is moved out of the garbage
collector's reach (`gc.freeze`): a worker's full collections then walk only what the worker itself made, instead of
some 27,000 long-lived objects each time (tens of ms, under load a visible tail), and never write into the pages it
shares with the master."""

from __future__ import annotations

import gc
import logging
import time

from django.db import connections

logger = logging.getLogger(__name__)


def warm_up() -> None:
    from django.urls import get_resolver

    from borderdesk.apps.policy.services import packs_in_force
    from borderdesk.apps.watchlists.services import current_screener
    from borderdesk.core.screening import Query

    started = time.perf_counter()
    try:
        current_screener().screener.screen(Query("Warm Up"))
        packs_in_force()
        get_resolver().url_patterns  # noqa: B018  (imports every view module and builds the API once, here)
    finally:
        connections.close_all()  # never share a database connection with forked workers
    gc.collect()  # nothing that is garbage now is frozen for good
    gc.freeze()
    logger.warning("warmed up in %.1f s", time.perf_counter() - started)
