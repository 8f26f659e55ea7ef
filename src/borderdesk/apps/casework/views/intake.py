"""(Placeholder until this part is built: intake of a new application.)"""

from __future__ import annotations

urlpatterns: list = []
