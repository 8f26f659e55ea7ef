"""(Placeholder until this part is built: the work queues.)"""

from __future__ import annotations

urlpatterns: list = []
