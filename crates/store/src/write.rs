//! How each change is written: one exhaustive match over `Change`, so that a change without its write does not compile.

use crate::Backend;
use crate::error::StoreError;
use crate::lists::{EVENT_COLUMNS, LIST_COLUMNS, RULES_COLUMNS};
use crate::meetings::{
    ALLOTMENT_COLUMNS, ATTENDANCE_COLUMNS, DECISION_RULE_COLUMNS, DELEGATE_COLUMNS,
    EXCUSAL_COLUMNS, MANDATE_COLUMNS, MARK_COLUMNS, MEETING_COLUMNS, REPRESENTATION_COLUMNS,
    SIGNED_MINUTES_COLUMNS, VOTE_COLUMNS, attendance_binds, code, decision_rule_binds,
    delegate_status, json, meeting_binds, opt_time, signed_minutes_binds, vote_binds,
};
use crate::polls::{
    BOX_COLUMNS, CANDIDACY_COLUMNS, CHECKPOINT_COLUMNS, CHUNK, CONFLICT_COLUMNS, DEBATE_COLUMNS,
    DEBATE_QUOTA_COLUMNS, ELIGIBILITY_COLUMNS, POLL_COLUMNS, RESULT_COLUMNS, RETURN_COLUMNS, count,
    placeholders,
};
use crate::sql::{self, Bind};
use mandat_core::Change;

/// The key of the party-list tables.
const LIST_KEY: &[&str] = &["campaign", "target"];

/// One SQL statement, its values, and what it does (for the error if it fails).
pub(crate) type Statement = (String, Vec<Bind>, &'static str);

/// The statements that write `change`, made by the command of journal number `seq`.
pub(crate) fn statements(
    backend: Backend,
    change: &Change,
    seq: i64,
) -> Result<Vec<Statement>, StoreError> {
    let upsert = |table: &str, columns: &[&str], key: &[&str]| {
        sql::insert_many(backend, table, columns, 1, Some(key))
    };
    let one = |(sql, values): (String, Vec<Bind>), doing: &'static str| -> Vec<Statement> {
        vec![(sql, values, doing)]
    };
    let many = |statements: Vec<(String, Vec<Bind>)>, doing: &'static str| -> Vec<Statement> {
        statements
            .into_iter()
            .map(|(sql, values)| (sql, values, doing))
            .collect()
    };
    Ok(match change {
        Change::PutRules {
            version,
            adopted_seq,
        } => vec![(
            upsert("rules", &["id", "version", "adopted_seq"], &["id"]),
            vec![
                Bind::Int(1),
                Bind::Int(i64::from(version.0)),
                Bind::Int(*adopted_seq),
            ],
            "writing the rules version",
        )],
        // The registry and the campaign.
        Change::PutUnit(u) => vec![(
            sql::insert_many(backend, "units", sql::UNIT_COLUMNS, 1, Some(&["code"])),
            sql::unit_binds(u),
            "writing a unit",
        )],
        Change::PutMember(m) => {
            let mut values = Vec::new();
            sql::member_binds(m, &mut values);
            vec![(
                sql::insert_many(backend, "members", sql::MEMBER_COLUMNS, 1, Some(&["id"])),
                values,
                "writing a member",
            )]
        }
        Change::PutCampaign(c) => vec![(
            upsert("campaigns", sql::CAMPAIGN_COLUMNS, &["code"]),
            sql::campaign_binds(c),
            "writing a campaign",
        )],
        Change::PutPhase(p) => vec![(
            upsert("phases", sql::PHASE_COLUMNS, &["campaign", "code"]),
            sql::phase_binds(p),
            "writing a phase",
        )],
        Change::DeletePhase { campaign, phase } => vec![(
            "DELETE FROM phases WHERE campaign = $1 AND code = $2".to_string(),
            vec![
                Bind::Text(campaign.to_string()),
                Bind::Text(phase.to_string()),
            ],
            "removing a phase",
        )],
        Change::PutTarget(t) => vec![(
            upsert("targets", sql::TARGET_COLUMNS, &["campaign", "code"]),
            sql::target_binds(t),
            "writing a target",
        )],
        Change::DeleteTarget { campaign, target } => vec![(
            "DELETE FROM targets WHERE campaign = $1 AND code = $2".to_string(),
            vec![
                Bind::Text(campaign.to_string()),
                Bind::Text(target.to_string()),
            ],
            "removing a target",
        )],
        // Meetings and conferences.
        Change::PutMeeting(m) => one(
            (
                upsert("meetings", MEETING_COLUMNS, &["code"]),
                meeting_binds(m)?,
            ),
            "writing a meeting record",
        ),
        Change::PutRepresentation(r) => one(
            (
                upsert(
                    "representations",
                    REPRESENTATION_COLUMNS,
                    &["campaign", "conference_unit"],
                ),
                vec![
                    code(&r.campaign),
                    code(&r.conference_unit),
                    Bind::Text(json(&r.norm)?),
                ],
            ),
            "writing a meeting record",
        ),
        Change::PutSignedMinutes(s) => one(
            (
                upsert("signed_minutes", SIGNED_MINUTES_COLUMNS, &["meeting"]),
                signed_minutes_binds(s),
            ),
            "writing a signed scan's record",
        ),
        Change::PutDecisionRule(r) => one(
            (
                upsert(
                    "decision_rules",
                    DECISION_RULE_COLUMNS,
                    &["campaign", "meeting_kind", "motion"],
                ),
                decision_rule_binds(r)?,
            ),
            "writing a decision rule",
        ),
        Change::PutAllotment(a) => one(
            (
                upsert("allotments", ALLOTMENT_COLUMNS, &["campaign", "unit"]),
                vec![
                    code(&a.campaign),
                    code(&a.unit),
                    code(&a.conference_unit),
                    Bind::Int(i64::try_from(a.members).unwrap_or(i64::MAX)),
                    Bind::Int(a.seats.into()),
                ],
            ),
            "writing a meeting record",
        ),
        Change::PutMandate(m) => one(
            (
                upsert("mandates", MANDATE_COLUMNS, &["meeting", "number"]),
                vec![
                    code(&m.meeting),
                    Bind::Int(m.number.into()),
                    Bind::Int(m.member),
                    Bind::Int(m.card.into()),
                ],
            ),
            "writing a meeting record",
        ),
        Change::PutAttendance(a) => one(
            {
                let mut values = Vec::new();
                attendance_binds(a, &mut values);
                (
                    upsert("attendance", ATTENDANCE_COLUMNS, &["meeting", "member"]),
                    values,
                )
            },
            "writing a meeting record",
        ),
        Change::PutVote(v) => one(
            (
                upsert("votes", VOTE_COLUMNS, &["meeting", "number"]),
                vote_binds(v)?,
            ),
            "writing a meeting record",
        ),
        Change::PutVoteMark(m) => one(
            (
                upsert("vote_marks", MARK_COLUMNS, &["meeting", "vote", "member"]),
                vec![
                    code(&m.meeting),
                    Bind::Int(m.vote.into()),
                    Bind::Int(m.member),
                    m.choice
                        .map_or(Bind::NullText, |c| Bind::Text(c.as_str().into())),
                ],
            ),
            "writing a meeting record",
        ),
        Change::PutDelegate(d) => one(
            (
                upsert(
                    "delegates",
                    DELEGATE_COLUMNS,
                    &["campaign", "conference_unit", "member"],
                ),
                vec![
                    code(&d.campaign),
                    code(&d.conference_unit),
                    Bind::Int(d.member),
                    code(&d.from_unit),
                    code(&d.from_meeting),
                    Bind::Int(d.vote.into()),
                    Bind::Text(delegate_status(d.status).into()),
                    Bind::Text(d.note.clone()),
                ],
            ),
            "writing a meeting record",
        ),
        Change::DeleteDelegate {
            campaign,
            conference_unit,
            member,
        } => one(
            (
                format!(
                    "DELETE FROM delegates WHERE campaign = {} AND conference_unit = {} AND member = {}",
                    sql::placeholder(backend, 1),
                    sql::placeholder(backend, 2),
                    sql::placeholder(backend, 3)
                ),
                vec![code(campaign), code(conference_unit), Bind::Int(*member)],
            ),
            "writing a meeting record",
        ),
        Change::PutExcusal(e) => one(
            (
                upsert("excusals", EXCUSAL_COLUMNS, &["campaign", "unit"]),
                vec![
                    code(&e.campaign),
                    code(&e.unit),
                    Bind::Text(e.reason.clone()),
                ],
            ),
            "writing a meeting record",
        ),
        // The primaries and polls.
        Change::PutEligibility {
            campaign,
            target,
            rules,
        } => many(
            vec![(
                upsert("eligibility", ELIGIBILITY_COLUMNS, &["campaign", "target"]),
                vec![
                    code(campaign),
                    code(target),
                    Bind::Int(rules.min_age.into()),
                    Bind::Int(rules.min_residency_years.into()),
                    Bind::Int(rules.min_membership_days.into()),
                    Bind::Int(rules.other_candidacies.into()),
                    Bind::Int(rules.membership_required.into()),
                ],
            )],
            "writing a primaries record",
        ),
        Change::PutCandidacy(c) => many(
            vec![(
                upsert(
                    "candidacies",
                    CANDIDACY_COLUMNS,
                    &["campaign", "target", "member"],
                ),
                vec![
                    code(&c.campaign),
                    code(&c.target),
                    Bind::Int(c.member),
                    Bind::Int(c.number.into()),
                    Bind::Text(json(&c.nominated_by)?),
                    Bind::Int(c.residency_years.into()),
                    Bind::Int(c.unexpunged_conviction.into()),
                    Bind::Text(c.status.as_str().into()),
                    Bind::Text(c.decision.clone()),
                    Bind::Int(c.nominated_at.as_millisecond()),
                    opt_time(c.decided_at),
                    Bind::Int(c.corruption_offence.into()),
                    c.record_source
                        .as_ref()
                        .map_or(Bind::NullText, |s| Bind::Text(s.clone())),
                ],
            )],
            "writing a primaries record",
        ),
        Change::PutDebate(d) => many(
            vec![(
                upsert("debates", DEBATE_COLUMNS, &["code"]),
                vec![
                    code(&d.code),
                    code(&d.campaign),
                    code(&d.target),
                    code(&d.unit),
                    Bind::Int(d.starts_at.as_millisecond()),
                    Bind::Text(json(&d.streams)?),
                    Bind::Text(json(&d.participants)?),
                    d.recording
                        .as_ref()
                        .map_or(Bind::NullText, |r| Bind::Text(r.clone())),
                ],
            )],
            "writing a primaries record",
        ),
        Change::PutDebateQuota(q) => one(
            (
                upsert(
                    "debate_quotas",
                    DEBATE_QUOTA_COLUMNS,
                    &["campaign", "target", "unit"],
                ),
                vec![
                    code(&q.campaign),
                    code(&q.target),
                    code(&q.unit),
                    Bind::Int(i64::try_from(q.members).unwrap_or(i64::MAX)),
                    Bind::Int(i64::from(q.places)),
                    Bind::Int(i64::from(q.debaters)),
                ],
            ),
            "writing a debate quota",
        ),
        Change::PutPoll(p) => many(
            vec![(
                upsert("polls", POLL_COLUMNS, &["code"]),
                vec![
                    code(&p.code),
                    code(&p.campaign),
                    Bind::Text(p.status.as_str().into()),
                    Bind::Text(json(p)?),
                ],
            )],
            "writing a primaries record",
        ),
        Change::FreezeMembersRoll { poll, units } => many(
            {
                let mut out = Vec::new();
                for chunk in units.chunks(CHUNK) {
                    let mut values = vec![code(poll)];
                    values.extend(chunk.iter().map(code));
                    out.push((
                    format!(
                        "INSERT INTO poll_roll (poll, member, unit, marked) SELECT {}, id, unit, '' FROM members WHERE status = 'active' AND unit IN ({})",
                        sql::placeholder(backend, 1),
                        placeholders(backend, 2, chunk.len())
                    ),
                    values,
                ));
                }
                out
            },
            "writing a primaries record",
        ),
        Change::PutRoll(entries) => many(
            entries
                .chunks(CHUNK)
                .map(|chunk| {
                    let mut values = Vec::new();
                    for e in chunk {
                        values.extend([
                            code(&e.poll),
                            Bind::Int(e.member),
                            code(&e.unit),
                            Bind::Text(e.marked.as_text()),
                        ]);
                    }
                    (
                        sql::insert_many(
                            backend,
                            "poll_roll",
                            &["poll", "member", "unit", "marked"],
                            chunk.len(),
                            None,
                        ),
                        values,
                    )
                })
                .collect(),
            "writing a primaries record",
        ),
        Change::MarkRoll {
            poll,
            members,
            marked,
        } => many(
            members
                .chunks(CHUNK)
                .map(|chunk| {
                    let mut values = vec![Bind::Text(marked.as_text()), code(poll)];
                    values.extend(chunk.iter().map(|m| Bind::Int(*m)));
                    (
                        format!(
                            "UPDATE poll_roll SET marked = {} WHERE poll = {} AND member IN ({})",
                            sql::placeholder(backend, 1),
                            sql::placeholder(backend, 2),
                            placeholders(backend, 3, chunk.len())
                        ),
                        values,
                    )
                })
                .collect(),
            "writing a primaries record",
        ),
        Change::PutLeaves { poll, leaves } => many(
            leaves
                .chunks(CHUNK)
                .map(|chunk| {
                    let mut values = Vec::new();
                    for leaf in chunk {
                        values.extend([code(poll), Bind::Text(leaf.to_hex())]);
                    }
                    (
                        sql::insert_many(
                            backend,
                            "poll_leaves",
                            &["poll", "leaf"],
                            chunk.len(),
                            None,
                        ),
                        values,
                    )
                })
                .collect(),
            "writing a primaries record",
        ),
        Change::PutCheckpoint(c) => many(
            vec![(
                sql::insert_many(backend, "poll_checkpoints", CHECKPOINT_COLUMNS, 1, None),
                vec![
                    code(&c.poll),
                    Bind::Int(c.at.as_millisecond()),
                    count(c.voters),
                    count(c.ballots),
                    Bind::Text(c.root.to_hex()),
                    Bind::Text(c.key_id.clone()),
                    Bind::Text(c.signature.clone()),
                ],
            )],
            "writing a primaries record",
        ),
        Change::PutStationReturn(r) => many(
            vec![(
                sql::insert_many(backend, "station_returns", RETURN_COLUMNS, 1, None),
                vec![
                    code(&r.poll),
                    code(&r.station),
                    Bind::Text(json(&r.per_option)?),
                    count(r.spoiled),
                    Bind::Text(json(&r.ballots)?),
                    Bind::Text(r.commission.clone()),
                ],
            )],
            "writing a primaries record",
        ),
        Change::PutStationConflict(c) => many(
            vec![(
                upsert(
                    "station_conflicts",
                    CONFLICT_COLUMNS,
                    &["poll", "station", "member"],
                ),
                vec![
                    code(&c.poll),
                    code(&c.station),
                    Bind::Int(c.member),
                    Bind::Text(c.already.clone()),
                    match &c.resolution {
                        Some(r) => Bind::Text(json(r)?),
                        None => Bind::NullText,
                    },
                ],
            )],
            "writing a primaries record",
        ),
        Change::PutSealed { poll, ballots } => many(
            {
                let mut out = Vec::new();
                for chunk in ballots.chunks(CHUNK) {
                    let mut values = vec![code(poll)];
                    values.extend(chunk.iter().map(|b| Bind::Text(b.tracker.to_hex())));
                    out.push((
                        format!(
                            "DELETE FROM ballot_box WHERE poll = {} AND tracker IN ({})",
                            sql::placeholder(backend, 1),
                            placeholders(backend, 2, chunk.len())
                        ),
                        values,
                    ));
                    let mut rows = Vec::new();
                    for b in chunk {
                        rows.extend([
                            code(poll),
                            Bind::Text(b.tracker.to_hex()),
                            Bind::Text(b.content.canonical_json()),
                            Bind::Text(b.opening.to_hex()),
                            Bind::Text(String::new()),
                        ]);
                    }
                    out.push((
                        sql::insert_many(backend, "ballot_box", BOX_COLUMNS, chunk.len(), None),
                        rows,
                    ));
                }
                out
            },
            "writing a primaries record",
        ),
        Change::PutResult(r) => many(
            vec![(
                upsert("poll_results", RESULT_COLUMNS, &["poll"]),
                vec![
                    code(&r.poll),
                    Bind::Text(r.outcome.clone()),
                    Bind::Text(r.ratings.clone()),
                    count(r.electronic),
                    count(r.paper),
                ],
            )],
            "writing a primaries record",
        ),
        Change::Notify {
            phone,
            text,
            notice,
        } => many(
            vec![(
                sql::insert_many(
                    backend,
                    "notifications",
                    &["seq", "phone", "text", "notice"],
                    1,
                    None,
                ),
                vec![
                    Bind::Int(seq),
                    Bind::Text(phone.to_string()),
                    Bind::Text(text.clone()),
                    Bind::Text(crate::meetings::json(notice)?),
                ],
            )],
            "writing a primaries record",
        ),
        // Party lists.
        Change::PutListRules(r) => one(
            (
                sql::insert_many(backend, "list_rules", RULES_COLUMNS, 1, Some(LIST_KEY)),
                vec![code(&r.campaign), code(&r.target), Bind::Text(json(r)?)],
            ),
            "writing a party-list record",
        ),
        Change::PutList(l) => one(
            (
                sql::insert_many(backend, "party_lists", LIST_COLUMNS, 1, Some(LIST_KEY)),
                vec![
                    code(&l.campaign),
                    code(&l.target),
                    Bind::Text(l.status.as_str().into()),
                    Bind::Int(l.revision.into()),
                    Bind::Text(json(l)?),
                ],
            ),
            "writing a party-list record",
        ),
        // The history only grows: a second event under one number is an error, never an overwrite.
        // Staff accounts and grants.
        Change::PutAccount(a) => vec![(
            upsert("staff_accounts", crate::staff::ACCOUNT_COLUMNS, &["login"]),
            crate::staff::account_binds(a),
            "writing a staff account",
        )],
        Change::PutGrant(g) => vec![(
            upsert(
                "grants",
                crate::staff::GRANT_COLUMNS,
                &["iin", "role", "scope"],
            ),
            crate::staff::grant_binds(g),
            "writing a grant",
        )],
        Change::DeleteGrant { iin, role, scope } => vec![(
            "DELETE FROM grants WHERE iin = $1 AND role = $2 AND scope = $3".to_string(),
            vec![
                Bind::Text(iin.to_string()),
                Bind::Text(role.as_str().to_string()),
                Bind::Text(scope.to_string()),
            ],
            "revoking a grant",
        )],
        Change::PutListEvent(e) => one(
            (
                sql::insert_many(backend, "list_events", EVENT_COLUMNS, 1, None),
                vec![
                    code(&e.campaign),
                    code(&e.target),
                    Bind::Int(e.number.into()),
                    Bind::Int(e.seq),
                    Bind::Int(e.at.as_millisecond()),
                    Bind::Text(e.actor.clone()),
                    Bind::Text(e.kind.clone()),
                    Bind::Text(e.text.clone()),
                    Bind::Text(e.reason.clone()),
                    Bind::Int(e.revision.into()),
                    match &e.detail {
                        Some(d) => Bind::Text(json(d)?),
                        None => Bind::NullText,
                    },
                ],
            ),
            "writing a party-list record",
        ),
    })
}
