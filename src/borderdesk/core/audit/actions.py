"""Every action the audit trail records, named once. ``record_change`` takes only these, so the trail's
filters, labels and exports know every action there can be."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    ACCESS_DENIED = "access.denied"

    ACCOUNTS_SECOND_FACTOR_ENROL = "accounts.second_factor.enrol"
    ACCOUNTS_SECOND_FACTOR_RESET = "accounts.second_factor.reset"
    ACCOUNTS_SIGNIN_FAILURE = "accounts.signin.failure"
    ACCOUNTS_SIGNIN_LOCKED_OUT = "accounts.signin.locked_out"
    ACCOUNTS_SIGNIN_PASSWORD = "accounts.signin.password"
    ACCOUNTS_SIGNIN_RECOVERY_CODE_USED = "accounts.signin.recovery_code_used"
    ACCOUNTS_SIGNIN_SECOND_FACTOR = "accounts.signin.second_factor"
    ACCOUNTS_SIGNIN_SECOND_FACTOR_FAILURE = "accounts.signin.second_factor_failure"
    ACCOUNTS_SIGNIN_UNLOCK = "accounts.signin.unlock"
    ACCOUNTS_SIGNOUT = "accounts.signout"
    ACCOUNTS_TOKEN_ISSUE = "accounts.token.issue"
    ACCOUNTS_TOKEN_REVOKE = "accounts.token.revoke"
    ACCOUNTS_USER_ASSIGN_POSTS = "accounts.user.assign_posts"
    ACCOUNTS_USER_CREATE = "accounts.user.create"
    ACCOUNTS_USER_DEACTIVATE = "accounts.user.deactivate"
    ACCOUNTS_USER_PRIVILEGED_GRANT = "accounts.user.privileged_grant"
    ACCOUNTS_USER_SET_PASSWORD = "accounts.user.set_password"
    ACCOUNTS_USER_SET_ROLES = "accounts.user.set_roles"
    ACCOUNTS_USER_SWITCH_POST = "accounts.user.switch_post"
    ACCOUNTS_USER_UPDATE = "accounts.user.update"

    ASYLUM_CLAIM_MAKE = "asylum.claim.make"
    ASYLUM_CLAIM_ASKED_AGAIN = "asylum.claim.asked_again"
    ASYLUM_CLAIM_REGISTER = "asylum.claim.register"
    ASYLUM_CLAIM_UPDATE = "asylum.claim.update"
    ASYLUM_CLAIM_TRANSITION = "asylum.claim.transition"
    ASYLUM_CLAIM_ASSIGN = "asylum.claim.assign"
    ASYLUM_CLAIM_NOTE = "asylum.claim.note"
    ASYLUM_CLAIM_EMERGENCY_OPEN = "asylum.claim.emergency_open"
    ASYLUM_CARD_ISSUE = "asylum.card.issue"
    ASYLUM_ADMISSIBILITY_DECIDE = "asylum.admissibility.decide"
    ASYLUM_INTERVIEW_SCHEDULE = "asylum.interview.schedule"
    ASYLUM_INTERVIEW_RECORD = "asylum.interview.record"
    ASYLUM_INTERVIEW_CONFIRM = "asylum.interview.confirm"
    ASYLUM_DOCUMENT_ADD = "asylum.document.add"
    ASYLUM_COUNTRY_NOTE_CREATE = "asylum.country_note.create"
    ASYLUM_COUNTRY_NOTE_LINK = "asylum.country_note.link"
    ASYLUM_DECISION_PROPOSE = "asylum.decision.propose"
    ASYLUM_DECISION_REVIEW = "asylum.decision.review"
    ASYLUM_APPEAL_LODGE = "asylum.appeal.lodge"
    ASYLUM_APPEAL_DECIDE = "asylum.appeal.decide"
    ASYLUM_PERMIT_ISSUE = "asylum.permit.issue"
    ASYLUM_KEYS_ROTATE = "asylum.keys.rotate"

    AUDIT_ALERT_ACKNOWLEDGE = "audit.alert.acknowledge"
    AUDIT_TRAIL_EXPORT = "audit.trail.export"
    AUDIT_TRAIL_VERIFY = "audit.trail.verify"

    # --- #16 briefings and messages ---
    BRIEFINGS_BRIEFING_PUBLISH = "briefings.briefing.publish"
    BRIEFINGS_BRIEFING_ACKNOWLEDGE = "briefings.briefing.acknowledge"
    BRIEFINGS_BRIEFING_WITHDRAW = "briefings.briefing.withdraw"
    MESSAGING_MESSAGE_SEND = "messaging.message.send"
    MESSAGING_CALL_MAKE = "messaging.call.make"
    MESSAGING_CALL_ANSWER = "messaging.call.answer"
    MESSAGING_CALL_CLOSE = "messaging.call.close"

    CASEWORK_APPLICATION_LODGE = "casework.application.lodge"
    CASEWORK_APPLICATION_TRANSITION = "casework.application.transition"
    CASEWORK_APPLICATION_ASSIGN = "casework.application.assign"
    CASEWORK_APPLICATION_NOTE = "casework.application.note"
    CASEWORK_APPLICATION_UPDATE = "casework.application.update"
    CASEWORK_FILE_UPLOAD = "casework.file.upload"
    CASEWORK_EVIDENCE_REQUEST = "casework.evidence.request"
    CASEWORK_EVIDENCE_RECEIVE = "casework.evidence.receive"
    CASEWORK_CHECKS_RUN = "casework.checks.run"
    CASEWORK_DECISION_PROPOSE = "casework.decision.propose"
    CASEWORK_DECISION_APPROVE = "casework.decision.approve"
    CASEWORK_DECISION_RETURN = "casework.decision.return"
    CASEWORK_DECISION_TAKE = "casework.decision.take"
    CASEWORK_APPOINTMENT_BOOK = "casework.appointment.book"
    CASEWORK_APPOINTMENT_RESCHEDULE = "casework.appointment.reschedule"
    CASEWORK_APPOINTMENT_OUTCOME = "casework.appointment.outcome"
    CASEWORK_SCHEDULE_UPDATE = "casework.schedule.update"
    CASEWORK_LETTER_ISSUE = "casework.letter.issue"

    CITIZENSHIP_RESIDENCE_CHECK = "citizenship.residence.check"
    CITIZENSHIP_TEST_RECORD = "citizenship.test.record"
    CITIZENSHIP_POLICE_REQUEST = "citizenship.police.request"
    CITIZENSHIP_POLICE_ANSWER = "citizenship.police.answer"
    CITIZENSHIP_CEREMONY_BOOK = "citizenship.ceremony.book"
    CITIZENSHIP_OATH_RECORD = "citizenship.oath.record"
    CITIZENSHIP_CERTIFICATE_PRINT = "citizenship.certificate.print"

    INSPECTION_ALERT_ACKNOWLEDGE = "inspection.alert.acknowledge"
    INSPECTION_LIVE_PHOTO_TAKE = "inspection.live_photo.take"
    INSPECTION_LIVE_PHOTO_PURGE = "inspection.live_photo.purge"
    INSPECTION_FACE_COMPARE = "inspection.face.compare"
    INSPECTION_PROTECTION_BLOCK = "inspection.protection.block"
    INSPECTION_BOOTH_CLOSE = "inspection.booth.close"
    INSPECTION_BOOTH_OPEN = "inspection.booth.open"
    INSPECTION_CUSTODY_END = "inspection.custody.end"
    INSPECTION_DECISION_ADMIT = "inspection.decision.admit"
    INSPECTION_DECISION_APPROVE = "inspection.decision.approve"
    INSPECTION_DECISION_DETAIN = "inspection.decision.detain"
    INSPECTION_DECISION_EXIT = "inspection.decision.exit"
    INSPECTION_DECISION_REFER = "inspection.decision.refer"
    INSPECTION_DECISION_REFUSE = "inspection.decision.refuse"
    INSPECTION_DECISION_REJECT = "inspection.decision.reject"
    INSPECTION_INTERVIEW_RECORD = "inspection.interview.record"
    INSPECTION_REFUSAL_FORM_SIGNED = "inspection.refusal_form.signed"
    INSPECTION_SECONDARY_NOTES = "inspection.secondary.notes"
    INSPECTION_SECONDARY_SETTLE_STAY = "inspection.secondary.settle_stay"
    INSPECTION_SECONDARY_TAKE = "inspection.secondary.take"
    INSPECTION_SUPERSEDED = "inspection.superseded"
    INSPECTION_VISA_ON_ARRIVAL_ISSUE = "inspection.visa_on_arrival.issue"  # before visas had an app: old trails

    POLICY_EVALUATION_CREATE = "policy.evaluation.create"
    POLICY_PACK_DRAFT_CREATE = "policy.pack.draft.create"
    POLICY_PACK_DRAFT_UPDATE = "policy.pack.draft.update"
    POLICY_PACK_PUBLISH = "policy.pack.publish"
    POLICY_PACK_REVIEW = "policy.pack.review"
    POLICY_PACK_SUBMIT = "policy.pack.submit"
    POLICY_PACK_WITHDRAW = "policy.pack.withdraw"
    POLICY_VISA_MATRIX_IMPORT = "policy.visa_matrix.import"

    POSTS_BOOTH_CREATE = "posts.booth.create"
    POSTS_POST_CREATE = "posts.post.create"
    POSTS_POST_UPDATE = "posts.post.update"

    # --- #16 rosters: shifts, patterns, leave, swaps and calendar feeds ---
    ROSTERS_SHIFT_CREATE = "rosters.shift.create"
    ROSTERS_SHIFT_CHANGE = "rosters.shift.change"
    ROSTERS_SHIFT_CANCEL = "rosters.shift.cancel"
    ROSTERS_PATTERN_CREATE = "rosters.pattern.create"
    ROSTERS_PATTERN_APPLY = "rosters.pattern.apply"
    ROSTERS_LEAVE_REQUEST = "rosters.leave.request"
    ROSTERS_LEAVE_APPROVE = "rosters.leave.approve"
    ROSTERS_LEAVE_REFUSE = "rosters.leave.refuse"
    ROSTERS_SWAP_PROPOSE = "rosters.swap.propose"
    ROSTERS_SWAP_ACCEPT = "rosters.swap.accept"
    ROSTERS_SWAP_DECLINE = "rosters.swap.decline"
    ROSTERS_SWAP_APPROVE = "rosters.swap.approve"
    ROSTERS_SWAP_REFUSE = "rosters.swap.refuse"
    ROSTERS_FEED_RESET = "rosters.feed.reset"

    TRAVEL_DOCUMENTS_REGISTER_IMPORT = "travel_documents.register.import"
    TRAVEL_DOCUMENTS_TRUST_IMPORT = "travel_documents.trust.import"  # --- #19 chip ---
    TRAVEL_DOCUMENTS_TRUST_REMOVE = "travel_documents.trust.remove"  # --- #19 chip ---
    TRAVEL_DOCUMENTS_CHIP_READ = "travel_documents.chip.read"  # --- #19 chip ---

    TRAVELLERS_CROSSING_ADMITTED = "travellers.crossing.admitted"
    TRAVELLERS_CROSSING_DETAINED = "travellers.crossing.detained"
    TRAVELLERS_CROSSING_EXITED = "travellers.crossing.exited"
    TRAVELLERS_CROSSING_REFUSED = "travellers.crossing.refused"
    TRAVELLERS_CROSSING_SETTLED = "travellers.crossing.settled"
    TRAVELLERS_DOCUMENT_ADD = "travellers.document.add"
    TRAVELLERS_TRAVELLER_CREATE = "travellers.traveller.create"
    TRAVELLERS_TRAVELLER_MERGE = "travellers.traveller.merge"
    TRAVELLERS_VISA_RECORD = "travellers.visa.record"  # before visas had an app: old trails

    VISAS_VISA_ANNUL = "visas.visa.annul"
    VISAS_VISA_ISSUE = "visas.visa.issue"
    VISAS_VISA_ON_ARRIVAL_ISSUE = "visas.visa_on_arrival.issue"
    VISAS_VISA_RECORD = "visas.visa.record"
    VISAS_VISA_REVOKE = "visas.visa.revoke"

    WATCHLISTS_LIST_IMPORT = "watchlists.list.import"
    WATCHLISTS_LIST_THRESHOLDS = "watchlists.list.thresholds"
    WATCHLISTS_MATCH_ADJUDICATE = "watchlists.match.adjudicate"
    WATCHLISTS_MATCH_FALSE_MATCH_CONFIRM = "watchlists.match.false_match.confirm"
    WATCHLISTS_MATCH_FALSE_MATCH_PROPOSE = "watchlists.match.false_match.propose"
    WATCHLISTS_MATCH_FALSE_MATCH_REJECT = "watchlists.match.false_match.reject"

    # --- #16 queues: queue setup, counts received, arrival schedules, booth breaks ---
    QUEUES_QUEUE_CREATE = "queues.queue.create"
    QUEUES_QUEUE_UPDATE = "queues.queue.update"
    QUEUES_COUNT_RECEIVE = "queues.count.receive"
    QUEUES_ARRIVAL_ENTER = "queues.arrival.enter"
    QUEUES_SCHEDULE_IMPORT = "queues.schedule.import"
    QUEUES_BREAK_START = "queues.break.start"
    QUEUES_BREAK_END = "queues.break.end"
    # --- end #16 queues ---
    # --- #17 incidents: patrol incidents, the people met, the items seized ---
    INCIDENTS_INCIDENT_RECORD = "incidents.incident.record"
    INCIDENTS_PERSON_ADD = "incidents.person.add"
    INCIDENTS_PERSON_PROTECTION = "incidents.person.protection"
    INCIDENTS_PERSON_OUTCOME = "incidents.person.outcome"
    INCIDENTS_ITEM_SEIZE = "incidents.item.seize"
    # --- end #17 incidents ---

    # --- #17 partners: partner agencies, referrals and hand-overs, alerts ---
    PARTNERS_PARTNER_CREATE = "partners.partner.create"
    PARTNERS_PARTNER_UPDATE = "partners.partner.update"
    PARTNERS_PARTNER_SECRET_SET = "partners.partner.secret_set"
    PARTNERS_PARTNER_ACCOUNT_CREATE = "partners.partner.account_create"
    PARTNERS_REFERRAL_MAKE = "partners.referral.make"
    PARTNERS_REFERRAL_ACKNOWLEDGE = "partners.referral.acknowledge"
    PARTNERS_HANDOVER_SIGN = "partners.handover.sign"
    PARTNERS_CUSTODY_TAKE = "partners.custody.take"
    PARTNERS_ALERT_QUEUE = "partners.alert.queue"
    # --- end #17 partners ---

    # --- #17 patrols: sectors, units, patrols and their positions ---
    PATROLS_SECTOR_SAVE = "patrols.sector.save"
    PATROLS_UNIT_ADD = "patrols.unit.add"
    PATROLS_UNIT_DEACTIVATE = "patrols.unit.deactivate"
    PATROLS_PATROL_START = "patrols.patrol.start"
    PATROLS_PATROL_END = "patrols.patrol.end"
    PATROLS_POSITION_REPORT = "patrols.position.report"
    PATROLS_POSITION_WITHDRAW = "patrols.position.withdraw"
    # --- end #17 patrols ---

    # --- #18 manifests: carriers' passenger and crew lists, flights ---
    MANIFESTS_MESSAGE_RECEIVE = "manifests.message.receive"
    MANIFESTS_MESSAGE_RESENT = "manifests.message.resent"
    MANIFESTS_FLIGHT_ARRIVED = "manifests.flight.arrived"
    MANIFESTS_CARRIER_CODES_SET = "manifests.carrier_codes.set"
    MANIFESTS_MESSAGE_SCREENED = "manifests.message.screened"
    MANIFESTS_BOARDING_CHECKED = "manifests.boarding.checked"
    MANIFESTS_SCREENING_RESTARTED = "manifests.screening.restarted"
    # --- end #18 manifests ---

    @property
    def label(self) -> str:
        """The action in words, for the trail's pages and exports."""
        return LABELS[self]

    @property
    def context(self) -> str:
        """The bounded context that records it (``inspection``, ``accounts``, ...), for filtering the trail."""
        return self.value.split(".")[0]

    @classmethod
    def of_decision(cls, kind: str) -> AuditAction:
        return cls(f"inspection.decision.{kind}")

    @classmethod
    def of_crossing(cls, outcome: str) -> AuditAction:
        return cls(f"travellers.crossing.{outcome}")


# The trail's words for each action (the catalogue of labels for every code will take these over).
LABELS: dict[AuditAction, str] = {
    AuditAction.ASYLUM_CLAIM_MAKE: "Protection claim made",
    AuditAction.ASYLUM_CLAIM_ASKED_AGAIN: "Protection asked again (linked to the open claim)",
    AuditAction.ASYLUM_CLAIM_REGISTER: "Protection claim registered",
    AuditAction.ASYLUM_CLAIM_UPDATE: "Protection claim details changed",
    AuditAction.ASYLUM_CLAIM_TRANSITION: "Protection claim moved to another state",
    AuditAction.ASYLUM_CLAIM_ASSIGN: "Protection claim assigned",
    AuditAction.ASYLUM_CLAIM_NOTE: "Note added to a protection claim",
    AuditAction.ASYLUM_CLAIM_EMERGENCY_OPEN: "Protection claim opened in an emergency (not assigned)",
    AuditAction.ASYLUM_CARD_ISSUE: "Claimant card issued",
    AuditAction.ASYLUM_ADMISSIBILITY_DECIDE: "Admissibility of a claim found",
    AuditAction.ASYLUM_INTERVIEW_SCHEDULE: "Asylum interview scheduled",
    AuditAction.ASYLUM_INTERVIEW_RECORD: "Asylum interview recorded",
    AuditAction.ASYLUM_INTERVIEW_CONFIRM: "Interview record confirmed by the claimant",
    AuditAction.ASYLUM_DOCUMENT_ADD: "Document added to a protection claim",
    AuditAction.ASYLUM_COUNTRY_NOTE_CREATE: "Country information note written",
    AuditAction.ASYLUM_COUNTRY_NOTE_LINK: "Country information note linked to a claim",
    AuditAction.ASYLUM_DECISION_PROPOSE: "Asylum decision proposed",
    AuditAction.ASYLUM_DECISION_REVIEW: "Asylum decision reviewed by a senior officer",
    AuditAction.ASYLUM_APPEAL_LODGE: "Asylum appeal lodged",
    AuditAction.ASYLUM_APPEAL_DECIDE: "Asylum appeal decided",
    AuditAction.ASYLUM_PERMIT_ISSUE: "Residence permit issued on recognition",
    AuditAction.ASYLUM_KEYS_ROTATE: "Asylum records re-encrypted with a new key",
    AuditAction.AUDIT_ALERT_ACKNOWLEDGE: "Auditor alert acknowledged",
    AuditAction.INSPECTION_PROTECTION_BLOCK: "Refusal or removal blocked: protection claim (non-refoulement)",
    AuditAction.CASEWORK_APPLICATION_LODGE: "Application lodged",
    AuditAction.CASEWORK_APPLICATION_TRANSITION: "Application moved to another state",
    AuditAction.CASEWORK_APPLICATION_ASSIGN: "Application assigned",
    AuditAction.CASEWORK_APPLICATION_NOTE: "Note added to an application",
    AuditAction.CASEWORK_APPLICATION_UPDATE: "Application details changed",
    AuditAction.CASEWORK_FILE_UPLOAD: "Supporting document uploaded",
    AuditAction.CASEWORK_EVIDENCE_REQUEST: "Evidence requested from the applicant",
    AuditAction.CASEWORK_EVIDENCE_RECEIVE: "Evidence received from the applicant",
    AuditAction.CASEWORK_CHECKS_RUN: "Checks run on an application",
    AuditAction.CASEWORK_DECISION_PROPOSE: "Decision proposed",
    AuditAction.CASEWORK_DECISION_APPROVE: "Decision approved (four eyes)",
    AuditAction.CASEWORK_DECISION_RETURN: "Proposed decision returned for assessment",
    AuditAction.CASEWORK_DECISION_TAKE: "Application decided",
    AuditAction.CASEWORK_APPOINTMENT_BOOK: "Appointment booked",
    AuditAction.CASEWORK_APPOINTMENT_RESCHEDULE: "Appointment moved",
    AuditAction.CASEWORK_APPOINTMENT_OUTCOME: "Appointment attended or missed",
    AuditAction.CASEWORK_SCHEDULE_UPDATE: "Appointment schedule changed",
    AuditAction.CASEWORK_LETTER_ISSUE: "Letter issued to the applicant",
    AuditAction.CITIZENSHIP_RESIDENCE_CHECK: "Residence requirement computed (naturalisation)",
    AuditAction.CITIZENSHIP_TEST_RECORD: "Language or civics test result recorded",
    AuditAction.CITIZENSHIP_POLICE_REQUEST: "Criminal-record certificate requested from the police",
    AuditAction.CITIZENSHIP_POLICE_ANSWER: "Police answer on the criminal record recorded",
    AuditAction.CITIZENSHIP_CEREMONY_BOOK: "Citizenship ceremony booked",
    AuditAction.CITIZENSHIP_OATH_RECORD: "Oath of allegiance recorded: certificate of naturalisation issued",
    AuditAction.CITIZENSHIP_CERTIFICATE_PRINT: "Certificate of naturalisation printed",
    AuditAction.ACCESS_DENIED: "Refused: no permission",
    AuditAction.ACCOUNTS_SECOND_FACTOR_ENROL: "Set up an authenticator",
    AuditAction.ACCOUNTS_SECOND_FACTOR_RESET: "Authenticator reset",
    AuditAction.ACCOUNTS_SIGNIN_FAILURE: "Sign-in failed (wrong password)",
    AuditAction.ACCOUNTS_SIGNIN_LOCKED_OUT: "Sign-in locked out",
    AuditAction.ACCOUNTS_SIGNIN_PASSWORD: "Password accepted",
    AuditAction.ACCOUNTS_SIGNIN_RECOVERY_CODE_USED: "Signed in with a recovery code",
    AuditAction.ACCOUNTS_SIGNIN_SECOND_FACTOR: "Signed in (second factor)",
    AuditAction.ACCOUNTS_SIGNIN_SECOND_FACTOR_FAILURE: "Wrong second-factor code",
    AuditAction.ACCOUNTS_SIGNIN_UNLOCK: "Sign-in lock-out lifted",
    AuditAction.ACCOUNTS_SIGNOUT: "Signed out",
    AuditAction.ACCOUNTS_TOKEN_ISSUE: "API token issued",
    AuditAction.ACCOUNTS_TOKEN_REVOKE: "API token revoked",
    AuditAction.ACCOUNTS_USER_ASSIGN_POSTS: "Posts assigned to a user",
    AuditAction.ACCOUNTS_USER_CREATE: "User created",
    AuditAction.ACCOUNTS_USER_DEACTIVATE: "User deactivated",
    AuditAction.ACCOUNTS_USER_PRIVILEGED_GRANT: "Privileged access granted",
    AuditAction.ACCOUNTS_USER_SET_PASSWORD: "Password set",
    AuditAction.ACCOUNTS_USER_SET_ROLES: "Roles changed",
    AuditAction.ACCOUNTS_USER_SWITCH_POST: "Switched post",
    AuditAction.ACCOUNTS_USER_UPDATE: "User changed",
    AuditAction.AUDIT_TRAIL_EXPORT: "Audit trail exported",
    AuditAction.AUDIT_TRAIL_VERIFY: "Audit trail verified",
    # --- #16 briefings and messages ---
    AuditAction.BRIEFINGS_BRIEFING_PUBLISH: "Briefing published",
    AuditAction.BRIEFINGS_BRIEFING_ACKNOWLEDGE: "Briefing acknowledged",
    AuditAction.BRIEFINGS_BRIEFING_WITHDRAW: "Briefing withdrawn",
    AuditAction.MESSAGING_MESSAGE_SEND: "Message sent",
    AuditAction.MESSAGING_CALL_MAKE: "Supervisor called to a booth",
    AuditAction.MESSAGING_CALL_ANSWER: "Call to a booth answered",
    AuditAction.MESSAGING_CALL_CLOSE: "Call to a booth closed",
    AuditAction.INSPECTION_ALERT_ACKNOWLEDGE: "Alert acknowledged",
    AuditAction.INSPECTION_LIVE_PHOTO_TAKE: "Live photo of the traveller taken",
    AuditAction.INSPECTION_LIVE_PHOTO_PURGE: "Live photos past their keeping time purged",
    AuditAction.INSPECTION_FACE_COMPARE: "Live photo compared with the reference portrait",
    AuditAction.INSPECTION_BOOTH_CLOSE: "Booth closed",
    AuditAction.INSPECTION_BOOTH_OPEN: "Booth opened",
    AuditAction.INSPECTION_CUSTODY_END: "Custody ended",
    AuditAction.INSPECTION_DECISION_ADMIT: "Admitted",
    AuditAction.INSPECTION_DECISION_APPROVE: "Decision approved or rejected (four eyes)",
    AuditAction.INSPECTION_DECISION_DETAIN: "Detained",
    AuditAction.INSPECTION_DECISION_EXIT: "Exit recorded",
    AuditAction.INSPECTION_DECISION_REFER: "Referred to secondary",
    AuditAction.INSPECTION_DECISION_REFUSE: "Refused entry",
    AuditAction.INSPECTION_DECISION_REJECT: "Decision not approved",
    AuditAction.INSPECTION_INTERVIEW_RECORD: "Interview recorded",
    AuditAction.INSPECTION_REFUSAL_FORM_SIGNED: "Refusal form signed by the traveller",
    AuditAction.INSPECTION_SECONDARY_NOTES: "Secondary inspection notes",
    AuditAction.INSPECTION_SECONDARY_SETTLE_STAY: "Earlier stay settled in secondary",
    AuditAction.INSPECTION_SECONDARY_TAKE: "Taken into secondary inspection",
    AuditAction.INSPECTION_SUPERSEDED: "Inspection superseded by a later scan",
    AuditAction.INSPECTION_VISA_ON_ARRIVAL_ISSUE: "Visa on arrival issued (before visas had their own records)",
    AuditAction.POLICY_EVALUATION_CREATE: "Rules evaluated",
    AuditAction.POLICY_PACK_DRAFT_CREATE: "Rule pack draft created",
    AuditAction.POLICY_PACK_DRAFT_UPDATE: "Rule pack draft changed",
    AuditAction.POLICY_PACK_PUBLISH: "Rule pack published",
    AuditAction.POLICY_PACK_REVIEW: "Rule pack reviewed",
    AuditAction.POLICY_PACK_SUBMIT: "Rule pack submitted for review",
    AuditAction.POLICY_PACK_WITHDRAW: "Rule pack withdrawn",
    AuditAction.POLICY_VISA_MATRIX_IMPORT: "Visa matrix imported",
    AuditAction.POSTS_BOOTH_CREATE: "Booth created",
    AuditAction.POSTS_POST_CREATE: "Post created",
    AuditAction.POSTS_POST_UPDATE: "Post changed",
    # --- #16 rosters ---
    AuditAction.ROSTERS_SHIFT_CREATE: "Shift put on the roster",
    AuditAction.ROSTERS_SHIFT_CHANGE: "Shift changed (another officer, by a swap)",
    AuditAction.ROSTERS_SHIFT_CANCEL: "Shift cancelled",
    AuditAction.ROSTERS_PATTERN_CREATE: "Shift pattern written",
    AuditAction.ROSTERS_PATTERN_APPLY: "Shift pattern applied to officers",
    AuditAction.ROSTERS_LEAVE_REQUEST: "Leave requested",
    AuditAction.ROSTERS_LEAVE_APPROVE: "Leave approved",
    AuditAction.ROSTERS_LEAVE_REFUSE: "Leave refused",
    AuditAction.ROSTERS_SWAP_PROPOSE: "Shift swap proposed",
    AuditAction.ROSTERS_SWAP_ACCEPT: "Shift swap accepted by the colleague",
    AuditAction.ROSTERS_SWAP_DECLINE: "Shift swap declined by the colleague",
    AuditAction.ROSTERS_SWAP_APPROVE: "Shift swap approved: shifts swapped",
    AuditAction.ROSTERS_SWAP_REFUSE: "Shift swap refused by the duty manager",
    AuditAction.ROSTERS_FEED_RESET: "Calendar feed address made anew",
    AuditAction.TRAVEL_DOCUMENTS_REGISTER_IMPORT: "Lost and stolen register imported",
    AuditAction.TRAVEL_DOCUMENTS_TRUST_IMPORT: "Chip trust store: certificates imported",  # --- #19 chip ---
    AuditAction.TRAVEL_DOCUMENTS_TRUST_REMOVE: "Chip trust store: certificate or CRL removed",  # --- #19 chip ---
    AuditAction.TRAVEL_DOCUMENTS_CHIP_READ: "ePassport chip read and verified",  # --- #19 chip ---
    AuditAction.TRAVELLERS_CROSSING_ADMITTED: "Crossing: admitted",
    AuditAction.TRAVELLERS_CROSSING_DETAINED: "Crossing: detained",
    AuditAction.TRAVELLERS_CROSSING_EXITED: "Crossing: exited",
    AuditAction.TRAVELLERS_CROSSING_REFUSED: "Crossing: refused entry",
    AuditAction.TRAVELLERS_CROSSING_SETTLED: "Crossing: exit settled later",
    AuditAction.TRAVELLERS_DOCUMENT_ADD: "Travel document added to a traveller's record",
    AuditAction.TRAVELLERS_TRAVELLER_CREATE: "Traveller record created",
    AuditAction.TRAVELLERS_TRAVELLER_MERGE: "Traveller records merged",
    AuditAction.TRAVELLERS_VISA_RECORD: "Visa recorded (before visas had their own records)",
    AuditAction.VISAS_VISA_ANNUL: "Visa annulled (issued in error)",
    AuditAction.VISAS_VISA_ISSUE: "Visa or residence permit issued on a decision",
    AuditAction.VISAS_VISA_ON_ARRIVAL_ISSUE: "Visa on arrival issued",
    AuditAction.VISAS_VISA_RECORD: "Visa recorded",
    AuditAction.VISAS_VISA_REVOKE: "Visa revoked",
    AuditAction.WATCHLISTS_LIST_IMPORT: "Watchlist imported",
    AuditAction.WATCHLISTS_LIST_THRESHOLDS: "Watchlist thresholds changed",
    AuditAction.WATCHLISTS_MATCH_ADJUDICATE: "Watchlist match adjudicated",
    AuditAction.WATCHLISTS_MATCH_FALSE_MATCH_CONFIRM: "False match confirmed (four eyes)",
    AuditAction.WATCHLISTS_MATCH_FALSE_MATCH_PROPOSE: "False match proposed",
    AuditAction.WATCHLISTS_MATCH_FALSE_MATCH_REJECT: "False match proposal rejected",
    # --- #16 queues ---
    AuditAction.QUEUES_QUEUE_CREATE: "Passport-control queue set up",
    AuditAction.QUEUES_QUEUE_UPDATE: "Passport-control queue changed",
    AuditAction.QUEUES_COUNT_RECEIVE: "Queue count received",
    AuditAction.QUEUES_ARRIVAL_ENTER: "Expected arrival entered",
    AuditAction.QUEUES_SCHEDULE_IMPORT: "Arrival schedule imported",
    AuditAction.QUEUES_BREAK_START: "Officer went on a break at a booth",
    AuditAction.QUEUES_BREAK_END: "Officer back from a break at a booth",
    # --- end #16 queues ---
    # --- #17 incidents ---
    AuditAction.INCIDENTS_INCIDENT_RECORD: "Patrol incident recorded",
    AuditAction.INCIDENTS_PERSON_ADD: "Person met on a patrol recorded and screened",
    AuditAction.INCIDENTS_PERSON_PROTECTION: "Person met on a patrol asked for protection",
    AuditAction.INCIDENTS_PERSON_OUTCOME: "What follows for a person met on a patrol noted",
    AuditAction.INCIDENTS_ITEM_SEIZE: "Item seized on a patrol recorded",
    # --- end #17 incidents ---
    # --- #17 partners ---
    AuditAction.PARTNERS_PARTNER_CREATE: "Partner agency added",
    AuditAction.PARTNERS_PARTNER_UPDATE: "Partner agency changed",
    AuditAction.PARTNERS_PARTNER_SECRET_SET: "Partner's webhook secret set",
    AuditAction.PARTNERS_PARTNER_ACCOUNT_CREATE: "Partner's account created",
    AuditAction.PARTNERS_REFERRAL_MAKE: "Referred or handed over to a partner agency",
    AuditAction.PARTNERS_REFERRAL_ACKNOWLEDGE: "Referral acknowledged by the partner",
    AuditAction.PARTNERS_HANDOVER_SIGN: "Hand-over signed by the officer handing over",
    AuditAction.PARTNERS_CUSTODY_TAKE: "Custody taken by the partner",
    AuditAction.PARTNERS_ALERT_QUEUE: "Alert queued for a partner agency",
    # --- end #17 partners ---
    # --- #17 patrols ---
    AuditAction.PATROLS_SECTOR_SAVE: "Patrol sector's terrain and boundary saved",
    AuditAction.PATROLS_UNIT_ADD: "Patrol unit added",
    AuditAction.PATROLS_UNIT_DEACTIVATE: "Patrol unit taken out of service",
    AuditAction.PATROLS_PATROL_START: "Patrol started",
    AuditAction.PATROLS_PATROL_END: "Patrol ended",
    AuditAction.PATROLS_POSITION_REPORT: "Patrol position reported",
    AuditAction.PATROLS_POSITION_WITHDRAW: "Patrol position withdrawn",
    # --- end #17 patrols ---
    # --- #18 manifests ---
    AuditAction.MANIFESTS_MESSAGE_RECEIVE: "Passenger or crew manifest received",
    AuditAction.MANIFESTS_MESSAGE_RESENT: "Manifest received again (already held, not stored twice)",
    AuditAction.MANIFESTS_FLIGHT_ARRIVED: "Flight marked as arrived",
    AuditAction.MANIFESTS_CARRIER_CODES_SET: "Carrier codes an account sends manifests for",
    AuditAction.MANIFESTS_MESSAGE_SCREENED: "Manifest screened before arrival",
    AuditAction.MANIFESTS_BOARDING_CHECKED: "Carrier asked whether a traveller may board",
    AuditAction.MANIFESTS_SCREENING_RESTARTED: "Pre-arrival screening started again after it stopped",
    # --- end #18 manifests ---
}

# The contexts actions belong to, in words, in the order the trail's action filter lists them.
CONTEXT_LABELS: dict[str, str] = {
    "inspection": "Inspections and decisions",
    "travellers": "Travellers, crossings and visas",
    "visas": "Visas",
    "casework": "Applications for visas and permits",
    "asylum": "Protection claims",
    "citizenship": "Naturalisation",
    "watchlists": "Watchlists and screening",
    "policy": "Rules and policy",
    "travel_documents": "Travel documents",
    "accounts": "Accounts and sign-in",
    "posts": "Posts and booths",
    "queues": "Queues and arrival schedules",  # #16 queues
    "rosters": "Rosters, leave and swaps",  # #16 rosters
    "audit": "The audit trail",
    "access": "Refusals",
    "briefings": "Briefings",  # #16
    "messaging": "Messages and calls to a supervisor",  # #16
    "incidents": "Patrol incidents",  # #17 incidents
    "partners": "Partner agencies, referrals and alerts",  # #17 partners
    "patrols": "Patrols, their sectors, units and tracks",  # #17 patrols
    "manifests": "Carriers' manifests and flights",  # #18
}


def actions_by_context() -> list[tuple[str, str, list[AuditAction]]]:
    """(context, its words, its actions) for every context, as the action filter groups them."""
    return [
        (context, words, sorted((a for a in AuditAction if a.context == context), key=lambda a: a.label))
        for context, words in CONTEXT_LABELS.items()
    ]
