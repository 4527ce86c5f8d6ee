//! Which tables are record (covered by `mandat verify`) and which are operational (excluded, listed in docs/operations.md).

/// How a column is read for comparison: every column of the record is BIGINT or TEXT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    Int,
    Text,
}

#[derive(Clone, Copy, Debug)]
pub struct TableSpec {
    pub name: &'static str,
    pub key: &'static [&'static str],
    pub columns: &'static [(&'static str, ColumnType)],
}

use ColumnType::{Int, Text};

/// Every table of the record. A replay from the journal alone must reproduce each of them exactly.
pub const RECORD_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "journal",
        key: &["seq"],
        columns: &[
            ("seq", Int),
            ("recorded_at", Int),
            ("actor", Text),
            ("command", Text),
            ("prev_hash", Text),
            ("hash", Text),
        ],
    },
    TableSpec {
        name: "journal_head",
        key: &["id"],
        columns: &[("id", Int), ("seq", Int), ("hash", Text)],
    },
    TableSpec {
        name: "rules",
        key: &["id"],
        columns: &[("id", Int), ("version", Int), ("adopted_seq", Int)],
    },
    TableSpec {
        name: "signed_minutes",
        key: &["meeting"],
        columns: &[
            ("meeting", Text),
            ("sha256", Text),
            ("media_type", Text),
            ("size", Int),
            ("attached_at", Int),
        ],
    },
    TableSpec {
        name: "decision_rules",
        key: &["campaign", "meeting_kind", "motion"],
        columns: &[
            ("campaign", Text),
            ("meeting_kind", Text),
            ("motion", Text),
            ("rule", Text),
            ("decided_by", Text),
        ],
    },
    TableSpec {
        name: "units",
        key: &["code"],
        columns: &[
            ("code", Text),
            ("kind", Text),
            ("parent", Text),
            ("name_ru", Text),
            ("name_kk", Text),
            ("name_en", Text),
            ("closed", Int),
        ],
    },
    TableSpec {
        name: "members",
        key: &["id"],
        columns: &[
            ("id", Int),
            ("iin", Text),
            ("full_name", Text),
            ("phone", Text),
            ("unit", Text),
            ("status", Text),
            ("joined_on", Text),
            ("birth_date", Text),
            ("sex", Text),
        ],
    },
    TableSpec {
        name: "campaigns",
        key: &["code"],
        columns: &[
            ("code", Text),
            ("name", Text),
            ("election_day", Text),
            ("time_zone", Text),
        ],
    },
    TableSpec {
        name: "phases",
        key: &["campaign", "code"],
        columns: &[
            ("campaign", Text),
            ("code", Text),
            ("starts_local", Text),
            ("ends_local", Text),
            ("after_phases", Text),
            ("description", Text),
        ],
    },
    TableSpec {
        name: "targets",
        key: &["campaign", "code"],
        columns: &[
            ("campaign", Text),
            ("code", Text),
            ("body", Text),
            ("name", Text),
            ("seats", Int),
            ("electorate_unit", Text),
        ],
    },
    TableSpec {
        name: "meetings",
        key: &["code"],
        columns: &[
            ("code", Text),
            ("campaign", Text),
            ("unit", Text),
            ("kind", Text),
            ("extraordinary", Int),
            ("convened_by", Text),
            ("phase", Text),
            ("scheduled_at", Int),
            ("venue", Text),
            ("capacity", Int),
            ("streams", Text),
            ("quorum", Text),
            ("entry_deadline", Int),
            ("rerun_of", Text),
            ("status", Text),
            ("electorate", Int),
            ("opened_at", Int),
            ("closed_at", Int),
            ("closed_seq", Int),
            ("failure", Text),
            ("chair", Int),
            ("secretary", Int),
            ("counting_commission", Text),
            ("agenda", Text),
            ("credentials", Text),
            ("failed", Text),
            ("speakers", Text),
            ("protocol_number", Text),
            ("projector_generation", Int),
        ],
    },
    TableSpec {
        name: "representations",
        key: &["campaign", "conference_unit"],
        columns: &[
            ("campaign", Text),
            ("conference_unit", Text),
            ("norm", Text),
        ],
    },
    TableSpec {
        name: "allotments",
        key: &["campaign", "unit"],
        columns: &[
            ("campaign", Text),
            ("unit", Text),
            ("conference_unit", Text),
            ("members", Int),
            ("seats", Int),
        ],
    },
    TableSpec {
        name: "mandates",
        key: &["meeting", "number"],
        columns: &[
            ("meeting", Text),
            ("number", Int),
            ("member", Int),
            ("card", Int),
        ],
    },
    TableSpec {
        name: "attendance",
        key: &["meeting", "member"],
        columns: &[
            ("meeting", Text),
            ("member", Int),
            ("mode", Text),
            ("present", Int),
            ("since", Int),
        ],
    },
    TableSpec {
        name: "votes",
        key: &["meeting", "number"],
        columns: &[
            ("meeting", Text),
            ("number", Int),
            ("motion", Text),
            ("people", Text),
            ("rule", Text),
            ("status", Text),
            ("present_hall", Int),
            ("present_remote", Int),
            ("hall_for", Int),
            ("hall_against", Int),
            ("hall_abstain", Int),
            ("named_for", Int),
            ("named_against", Int),
            ("named_abstain", Int),
            ("named_hall", Int),
            ("counts", Int),
            ("verdict", Text),
            ("opened_at", Int),
            ("counted_at", Int),
            ("item", Int),
        ],
    },
    TableSpec {
        name: "vote_marks",
        key: &["meeting", "vote", "member"],
        columns: &[
            ("meeting", Text),
            ("vote", Int),
            ("member", Int),
            ("choice", Text),
        ],
    },
    TableSpec {
        name: "delegates",
        key: &["campaign", "conference_unit", "member"],
        columns: &[
            ("campaign", Text),
            ("conference_unit", Text),
            ("member", Int),
            ("from_unit", Text),
            ("from_meeting", Text),
            ("vote", Int),
            ("status", Text),
            ("note", Text),
        ],
    },
    TableSpec {
        name: "excusals",
        key: &["campaign", "unit"],
        columns: &[("campaign", Text), ("unit", Text), ("reason", Text)],
    },
    TableSpec {
        name: "eligibility",
        key: &["campaign", "target"],
        columns: &[
            ("campaign", Text),
            ("target", Text),
            ("min_age", Int),
            ("min_residency_years", Int),
            ("min_membership_days", Int),
            ("other_candidacies", Int),
            ("membership_required", Int),
        ],
    },
    TableSpec {
        name: "candidacies",
        key: &["campaign", "target", "member"],
        columns: &[
            ("campaign", Text),
            ("target", Text),
            ("member", Int),
            ("number", Int),
            ("nominated_by", Text),
            ("residency_years", Int),
            ("unexpunged_conviction", Int),
            ("corruption_offence", Int),
            ("record_source", Text),
            ("status", Text),
            ("decision", Text),
            ("nominated_at", Int),
            ("decided_at", Int),
        ],
    },
    TableSpec {
        name: "debates",
        key: &["code"],
        columns: &[
            ("code", Text),
            ("campaign", Text),
            ("target", Text),
            ("unit", Text),
            ("starts_at", Int),
            ("streams", Text),
            ("participants", Text),
            ("recording", Text),
        ],
    },
    TableSpec {
        name: "debate_quotas",
        key: &["campaign", "target", "unit"],
        columns: &[
            ("campaign", Text),
            ("target", Text),
            ("unit", Text),
            ("members", Int),
            ("places", Int),
            ("debaters", Int),
        ],
    },
    TableSpec {
        name: "polls",
        key: &["code"],
        columns: &[
            ("code", Text),
            ("campaign", Text),
            ("status", Text),
            ("body", Text),
        ],
    },
    TableSpec {
        name: "poll_roll",
        key: &["poll", "member"],
        columns: &[
            ("poll", Text),
            ("member", Int),
            ("unit", Text),
            ("marked", Text),
        ],
    },
    TableSpec {
        name: "poll_leaves",
        key: &["poll", "leaf"],
        columns: &[("poll", Text), ("leaf", Text)],
    },
    // Only sealed ballots are compared (the live box of an open poll is not in the journal);
    // verify checks the live box against the journal's leaves instead.
    TableSpec {
        name: "ballot_box",
        key: &["poll", "tracker"],
        columns: &[
            ("poll", Text),
            ("tracker", Text),
            ("content", Text),
            ("opening", Text),
            ("request_hash", Text),
            ("server_only", Int),
        ],
    },
    TableSpec {
        name: "poll_checkpoints",
        key: &["poll", "at"],
        columns: &[
            ("poll", Text),
            ("at", Int),
            ("voters", Int),
            ("ballots", Int),
            ("root", Text),
            ("key_id", Text),
            ("signature", Text),
        ],
    },
    TableSpec {
        name: "station_returns",
        key: &["poll", "station"],
        columns: &[
            ("poll", Text),
            ("station", Text),
            ("per_option", Text),
            ("spoiled", Int),
            ("ballots", Text),
            ("commission", Text),
        ],
    },
    TableSpec {
        name: "station_conflicts",
        key: &["poll", "station", "member"],
        columns: &[
            ("poll", Text),
            ("station", Text),
            ("member", Int),
            ("already", Text),
            ("resolution", Text),
        ],
    },
    TableSpec {
        name: "poll_results",
        key: &["poll"],
        columns: &[
            ("poll", Text),
            ("outcome", Text),
            ("ratings", Text),
            ("electronic", Int),
            ("paper", Int),
        ],
    },
    TableSpec {
        name: "list_rules",
        key: &["campaign", "target"],
        columns: &[("campaign", Text), ("target", Text), ("body", Text)],
    },
    // The body is the whole list as decided (places, ratings, violations): a replay re-drafts it,
    // so a published list that differs from what the journal's commands give is found.
    TableSpec {
        name: "party_lists",
        key: &["campaign", "target"],
        columns: &[
            ("campaign", Text),
            ("target", Text),
            ("status", Text),
            ("revision", Int),
            ("body", Text),
        ],
    },
    TableSpec {
        name: "list_events",
        key: &["campaign", "target", "number"],
        columns: &[
            ("campaign", Text),
            ("target", Text),
            ("number", Int),
            ("seq", Int),
            ("at", Int),
            ("actor", Text),
            ("kind", Text),
            ("text", Text),
            ("reason", Text),
            ("revision", Int),
            ("detail", Text),
        ],
    },
    TableSpec {
        name: "staff_accounts",
        key: &["login"],
        columns: &[
            ("login", Text),
            ("role", Text),
            ("unit", Text),
            ("disabled", Int),
            ("added_seq", Int),
        ],
    },
    TableSpec {
        name: "grants",
        key: &["iin", "role", "scope"],
        columns: &[
            ("iin", Text),
            ("role", Text),
            ("scope", Text),
            ("granted_seq", Int),
        ],
    },
    TableSpec {
        name: "notifications",
        key: &["seq", "phone"],
        columns: &[
            ("seq", Int),
            ("phone", Text),
            ("text", Text),
            ("notice", Text),
        ],
    },
];

/// Columns that hold as data what rows written before migration 0007 kept only as an English
/// sentence (which those rows still have, in `text` or `failure`). In such a row the column is
/// NULL: `verify` compares it only where the stored row has it, and the sentence beside it always.
pub const TYPED_LATER: &[(&str, &str)] = &[
    ("list_events", "detail"),
    ("meetings", "failed"),
    ("notifications", "notice"),
];

/// Record tables compared only in part: the rows a replay can rebuild (the sealed ballots).
pub const PARTLY_COMPARED: &[(&str, &str)] = &[("ballot_box", "request_hash = ''")];

/// Tables that are not part of the record: not journaled, not compared by verify.
pub const OPERATIONAL_TABLES: &[&str] = &[
    "_sqlx_migrations",
    "vote_credentials",
    "sessions",
    // Whose sessions ended, for the other nodes' copies of them (see `session_cache`).
    "session_ends",
    "session_ends_head",
    "signin_codes",
    // The signed scans' files: verify checks each against its journaled hash instead.
    "signed_minutes_files",
    // Staff passwords (argon2id), sealed TOTP secrets and attempt counters; staff sessions.
    "staff_credentials",
    "staff_sessions",
    // The notices sent to delegates: a log of messages, so that none goes twice.
    "notices_sent",
    // Requests to speak at a meeting; giving the floor journals record_speaker.
    "speak_requests",
];
