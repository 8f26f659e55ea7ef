"""Passport control: from the scan to the decision, one module per use case.

``booth`` opens and closes booth sessions; ``scan`` starts an inspection from a scanned or typed document and asks
the rules; ``viewing`` reads inspections; ``interview`` records the traveller's answers; ``decisions`` records what
the officer decided; ``approval`` is four eyes; ``secondary`` is secondary inspection; ``egate`` is e-gates and
kiosks; ``visas`` issues a visa on arrival to the traveller at the booth and attaches the visa they present (the
visas themselves are ``apps/visas``); ``identity`` merges a duplicate record; ``printing`` is the printed refusal
form; ``custody`` ends a custody; ``queue`` is the senior officers' queue and alerts; ``_common`` holds the helpers
they share. Views, the API, presenters, tests and benchmarks use the names re-exported here
(``services.decide``), which stay as they were when this was one module.
"""

from borderdesk.apps.inspection.services._common import (  # noqa: F401
    DECIDABLE,
    UNDER_WAY_ELSEWHERE,
    UNSETTLED,
    _alert,
    _lock_for_change,
    _save_new_version,
    decision_post,
    inspection_post,
)
from borderdesk.apps.inspection.services.approval import (  # noqa: F401
    approve,
)
from borderdesk.apps.inspection.services.booth import (  # noqa: F401
    close_booth,
    current_session,
    has_open_booth,
    open_booth,
)
from borderdesk.apps.inspection.services.chip import (  # noqa: F401
    chip_face,
    chip_not_genuine,
    latest_chip_read,
    read_chip_at_booth,
)
from borderdesk.apps.inspection.services.custody import (  # noqa: F401
    CUSTODY_OUTCOMES,
    end_custody,
)
from borderdesk.apps.inspection.services.decisions import (  # noqa: F401
    APPLY,
    GRAVE_WATCHLIST_ACTIONS,
    _apply_admit,
    _apply_detain,
    _apply_exit,
    _apply_refer,
    _apply_refuse,
    _check_departure,
    _check_not_under_way_elsewhere,
    _checked_admit_until,
    _checked_grounds,
    _decide,
    _decision_record,
    _record_admission,
    decide,
    departure_to_explain,
    grave_alerts,
)
from borderdesk.apps.inspection.services.egate import (  # noqa: F401
    _digest,
    _gate_answer,
    _gate_request,
    _normalised_zone,
    egate_inspection,
    gate_refusal_reasons,
)
from borderdesk.apps.inspection.services.faces import (  # noqa: F401
    compare_with_chip,
    compare_with_reference,
    photos_of,
    purge_live_photos,
    take_live_photo,
    view_live_photo,
)
from borderdesk.apps.inspection.services.identity import (  # noqa: F401
    merge_duplicate,
)
from borderdesk.apps.inspection.services.interview import (  # noqa: F401
    record_interview,
)
from borderdesk.apps.inspection.services.printing import (  # noqa: F401
    mark_refusal_signed,
    refusal_form,
    render_refusal_form,
)
from borderdesk.apps.inspection.services.queue import (  # noqa: F401
    acknowledge_alert,
    post_queue,
)
from borderdesk.apps.inspection.services.scan import (  # noqa: F401
    ACTION_STRENGTH,
    TYPED_NUMBER,
    _document_on_record,
    _evaluate,
    _exit_summary,
    _finding_codes,
    _note_under_way_elsewhere,
    _screen,
    _summary,
    _under_way_elsewhere,
    _watchlist_alert,
    _with_register_hit,
    inspect,
    is_specimen,
    read_document,
    start_inspection,
    supersede_earlier,
)
from borderdesk.apps.inspection.services.secondary import (  # noqa: F401
    record_secondary_notes,
    settle_earlier_stay,
    take_for_secondary,
)
from borderdesk.apps.inspection.services.viewing import (  # noqa: F401
    traveller_inspections,
    view_inspection,
)
from borderdesk.apps.inspection.services.visas import (  # noqa: F401
    attach_visa,
    issue_visa_on_arrival,
)
