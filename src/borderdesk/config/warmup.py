"""Load what the first request would otherwise wait for: the watchlist index and its name tables (seconds to
minutes for big lists) and the rule packs in force. `borderdesk serve` runs it once in the server's master
process before the workers fork, so every worker starts warm and shares the index's memory."""

from __future__ import annotations

import logging
import time

from django.db import connections

logger = logging.getLogger(__name__)


def warm_up() -> None:
    from borderdesk.apps.policy.services import packs_in_force
    from borderdesk.apps.watchlists.services import current_screener
    from borderdesk.core.screening import Query

    started = time.perf_counter()
    try:
        current_screener().screener.screen(Query("Warm Up"))
        packs_in_force()
    finally:
        connections.close_all()  # never share a database connection with forked workers
    logger.warning("warmed up in %.1f s", time.perf_counter() - started)
