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
];

/// Tables that are not part of the record: not journaled, not compared by verify.
pub const OPERATIONAL_TABLES: &[&str] = &["_sqlx_migrations"];
