//! Candidates, debates and polls of the primaries and of the conferences' rating votes: the record's types.

use crate::ballot::{BallotContent, Hash32};
use crate::count::Method;
use crate::meeting::model::Stream;
use crate::model::Code;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who put a candidate forward.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NominatedBy {
    /// A primary party organization's decision (its unit and the decision's number and date).
    Ppo { unit: Code, decision: String },
    /// The member nominated themselves.
    #[serde(rename = "self")]
    SelfNominated,
    /// Put forward by the approved list of the unit below, at its `place` (`nominate_from_list`:
    /// the regions' Mazhilis nominees to the congress's national list); the decision is the
    /// conference's that approved that list.
    List {
        target: Code,
        place: u32,
        decision: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidacyStatus {
    Nominated,
    Registered,
    Refused,
    Withdrawn,
    /// Ended by the holder's expulsion or suspension from the party (rules version 2).
    Lapsed,
}

impl CandidacyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CandidacyStatus::Nominated => "nominated",
            CandidacyStatus::Registered => "registered",
            CandidacyStatus::Refused => "refused",
            CandidacyStatus::Withdrawn => "withdrawn",
            CandidacyStatus::Lapsed => "lapsed",
        }
    }

    /// Whether the candidate still stands (nominated or registered).
    pub fn standing(self) -> bool {
        matches!(
            self,
            CandidacyStatus::Nominated | CandidacyStatus::Registered
        )
    }
}

/// A member's candidacy for one target (party list) of a campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidacy {
    pub campaign: Code,
    pub target: Code,
    pub member: i64,
    /// Order of nomination within the target, from 1: the candidate's number on ballots.
    pub number: u32,
    pub nominated_by: NominatedBy,
    pub residency_years: u16,
    pub unexpunged_conviction: bool,
    /// A corruption offence, as declared (rules version 2).
    pub corruption_offence: bool,
    /// Where the declared record comes from (a certificate, its number and date).
    pub record_source: Option<String>,
    pub status: CandidacyStatus,
    /// The organizing committee's decision, or the reason for a refusal or a withdrawal.
    pub decision: String,
    pub nominated_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

/// How a candidate took part in a debate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DebateAttendance {
    TookPart,
    Refused,
    Absent,
    /// Accepted an invitation to a conference debate that has not been held yet.
    Accepted,
}

/// One unit's share of a list's places and the debaters it sends to the debate before its
/// conference's rating vote (`set_debate_quotas`, the 2020 rule: two debaters per place).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebateQuota {
    pub campaign: Code,
    pub target: Code,
    /// A unit directly under the target's electorate unit (a district or city branch).
    pub unit: Code,
    /// Active members of the unit and everything under it when the quotas were set.
    pub members: u64,
    pub places: u32,
    pub debaters: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebateSeat {
    pub member: i64,
    /// `None` until the debate is recorded.
    pub attendance: Option<DebateAttendance>,
}

/// A public debate of candidates for one target in one unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Debate {
    pub code: Code,
    pub campaign: Code,
    pub target: Code,
    pub unit: Code,
    pub starts_at: Timestamp,
    pub streams: Vec<Stream>,
    pub participants: Vec<DebateSeat>,
    /// The recording's link, once the debate is held.
    pub recording: Option<String>,
}

/// Who may vote in a poll.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Electorate {
    /// The active members of a unit and everything under it, at the roll's cutoff.
    Members { unit: Code },
    /// The participants checked in to a meeting (present in the hall or remote) when the roll freezes.
    CheckedIn { meeting: Code },
}

/// What the bulletin board shows after the close (see docs/security.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardMode {
    /// Each tracker beside its ballot.
    Open,
    /// Each tracker beside its ballot hash (opened only with the voter's opening); ballots apart.
    #[default]
    Sealed,
}

/// One choice on the ballot: a candidate, or an option of a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollOption {
    pub code: String,
    pub label: String,
    /// The candidate's member id, for candidate polls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PollStatus {
    /// Created; the roll is not yet frozen.
    Scheduled,
    /// The roll is frozen; waiting for the opening.
    RollFrozen,
    Open,
    Paused,
    Closed,
    /// Sealed and counted: the result is final.
    Counted,
}

impl PollStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PollStatus::Scheduled => "scheduled",
            PollStatus::RollFrozen => "roll_frozen",
            PollStatus::Open => "open",
            PollStatus::Paused => "paused",
            PollStatus::Closed => "closed",
            PollStatus::Counted => "counted",
        }
    }
}

/// A control action of the counting commission or the schedule, shown publicly with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollEvent {
    pub action: String,
    pub at: Timestamp,
    pub actor: String,
    pub reason: String,
}

/// A poll: the members' primaries vote on a target, or a conference's rating vote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poll {
    pub code: Code,
    pub campaign: Code,
    pub title: String,
    /// The party list the poll rates candidates for.
    pub target: Option<Code>,
    /// The conference whose delegates vote (a rating vote).
    pub meeting: Option<Code>,
    pub options: Vec<PollOption>,
    pub method: Method,
    /// Winners the count fills (ranking methods rank every option regardless).
    pub seats: u32,
    pub electorate: Electorate,
    pub roll_cutoff: Timestamp,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub board: BoardMode,
    /// The hash of the seed that breaks ties by lot, committed before the close.
    pub lot_seed_hash: Option<Hash32>,
    pub status: PollStatus,
    pub roll_size: u64,
    pub events: Vec<PollEvent>,
    /// Options struck at the count: candidates who withdrew after the ballot was made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub struck: Vec<String>,
    /// The campaign phase whose window holds the vote (rules version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Code>,
}

impl Poll {
    pub fn option_codes(&self) -> Vec<String> {
        self.options.iter().map(|o| o.code.clone()).collect()
    }
}

/// How a member on the roll voted: not yet, online, or at a polling station (never what).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Marked {
    NotYet,
    Online,
    Station(Code),
}

impl Marked {
    /// The stored text: '' (not yet), 'online', or the station's code after 'station:'.
    pub fn as_text(&self) -> String {
        match self {
            Marked::NotYet => String::new(),
            Marked::Online => "online".into(),
            Marked::Station(code) => format!("station:{code}"),
        }
    }

    pub fn parse(text: &str) -> Option<Marked> {
        match text {
            "" => Some(Marked::NotYet),
            "online" => Some(Marked::Online),
            other => other
                .strip_prefix("station:")
                .and_then(|c| c.parse().ok())
                .map(Marked::Station),
        }
    }
}

/// One member on a poll's frozen roll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollEntry {
    pub poll: Code,
    pub member: i64,
    pub unit: Code,
    pub marked: Marked,
}

/// A ballot as sealed into the journal at the close.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedBallot {
    pub tracker: Hash32,
    pub content: BallotContent,
    pub opening: Hash32,
}

/// A polling station's paper results, entered by the counting commission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationReturn {
    pub poll: Code,
    pub station: Code,
    /// Votes per option (choose-one and choose-up-to-k polls).
    pub per_option: BTreeMap<String, u64>,
    pub spoiled: u64,
    /// Ranked paper ballots, entered one by one.
    pub ballots: Vec<BallotContent>,
    pub commission: String,
}

/// A member a station marked offline who had already voted elsewhere: for the counting commission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationConflict {
    pub poll: Code,
    pub station: Code,
    pub member: i64,
    /// Where the member had already voted.
    pub already: String,
    /// The counting commission's recorded decision (rules version 2); `None` while unresolved.
    pub resolution: Option<ConflictResolution>,
}

/// How the counting commission resolved a member marked twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictResolution {
    pub outcome: ConflictOutcome,
    /// The commission's decision (its number, date and grounds).
    pub decision: String,
    pub decided_at: Timestamp,
}

/// What the commission found about a member marked twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictOutcome {
    /// The member did not vote at this station: its list's mark was an error, and the station's
    /// paper count is checked against one voter fewer.
    MarkStruck,
    /// The member voted twice. Both ballots are secret and cannot be told apart, so both stay in
    /// the count; the case goes to the party's control commission.
    VotedTwice,
}

impl ConflictOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictOutcome::MarkStruck => "mark_struck",
            ConflictOutcome::VotedTwice => "voted_twice",
        }
    }
}

/// The count of a poll, with ratings for candidate polls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollResult {
    pub poll: Code,
    /// The count's outcome as JSON text (rounds, ties, matrix).
    pub outcome: String,
    /// The ratings as JSON text, for candidate polls; empty otherwise.
    pub ratings: String,
    pub electronic: u64,
    pub paper: u64,
}

/// One line of an open board: the tracker beside its ballot and the opening that proves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenEntry {
    pub tracker: Hash32,
    pub ballot: BallotContent,
    pub opening: Hash32,
}

/// One line of a sealed board: the tracker beside its ballot hash, which only the voter's
/// opening links to a ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SealedEntry {
    pub tracker: Hash32,
    pub ballot_hash: Hash32,
}

/// The public bulletin board of a counted poll: what anyone may download and recount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Board {
    pub poll: Code,
    pub title: String,
    pub mode: BoardMode,
    pub method: Method,
    pub seats: u32,
    pub options: Vec<PollOption>,
    /// Options struck at the count (candidates who withdrew after the ballot was made).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub struck: Vec<String>,
    pub events: Vec<PollEvent>,
    /// Open mode: every tracker beside its ballot.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<OpenEntry>,
    /// Sealed mode: every tracker beside its ballot hash.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub receipts: Vec<SealedEntry>,
    /// Sealed mode: the electronic ballots apart, in the order of their text (no link to a tracker).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ballots: Vec<BallotContent>,
    /// Paper results of the polling stations.
    pub stations: Vec<StationReturn>,
}

/// Builds the board of a poll from its sealed ballots (in tracker order) and station returns.
pub fn board(poll: &Poll, sealed: &[SealedBallot], stations: &[StationReturn]) -> Board {
    let mut out = Board {
        poll: poll.code.clone(),
        title: poll.title.clone(),
        mode: poll.board,
        method: poll.method,
        seats: poll.seats,
        options: poll.options.clone(),
        struck: poll.struck.clone(),
        events: poll.events.clone(),
        entries: Vec::new(),
        receipts: Vec::new(),
        ballots: Vec::new(),
        stations: stations.to_vec(),
    };
    match poll.board {
        BoardMode::Open => {
            out.entries = sealed
                .iter()
                .map(|b| OpenEntry {
                    tracker: b.tracker,
                    ballot: b.content.clone(),
                    opening: b.opening,
                })
                .collect();
        }
        BoardMode::Sealed => {
            out.receipts = sealed
                .iter()
                .map(|b| SealedEntry {
                    tracker: b.tracker,
                    ballot_hash: crate::ballot::ballot_hash(
                        &poll.code, &b.tracker, &b.content, &b.opening,
                    ),
                })
                .collect();
            out.ballots = contents_in_text_order(sealed);
        }
    }
    out
}

/// The contents of sealed ballots ordered by their canonical text: a function of which ballots
/// there are, whatever their trackers, the casting order or the box's physical order.
pub fn contents_in_text_order(sealed: &[SealedBallot]) -> Vec<BallotContent> {
    let mut ballots: Vec<(String, &BallotContent)> = sealed
        .iter()
        .map(|b| (b.content.canonical_json(), &b.content))
        .collect();
    ballots.sort_by(|a, b| a.0.cmp(&b.0));
    ballots.into_iter().map(|(_, b)| b.clone()).collect()
}

/// The ballots of a poll as a BLT file for `mandat tally`: candidates are the option codes
/// (struck ones marked withdrawn); electronic and paper ballots one by one, station counts as
/// weighted single marks.
pub fn board_blt(
    poll: &Poll,
    sealed: &[SealedBallot],
    stations: &[StationReturn],
) -> Result<String, crate::count::BallotError> {
    use crate::count::{Ballots, Election, write_blt};
    let codes = poll.option_codes();
    let index = |code: &str| codes.iter().position(|c| c == code);
    let mut ballots = Ballots::new(codes.clone())?;
    for struck in &poll.struck {
        if let Some(i) = index(struck) {
            ballots.withdraw(i)?;
        }
    }
    let mut push =
        |weight: u64, content: &BallotContent| -> Result<(), crate::count::BallotError> {
            let groups: Vec<Vec<usize>> = content
                .0
                .iter()
                .map(|g| g.iter().filter_map(|c| index(c)).collect())
                .collect();
            ballots.push(weight, &groups)
        };
    // In the order of their text, never the box's (tracker) order: the sealed board lists the
    // trackers in that order, and the two lists side by side would undo the seal.
    for content in contents_in_text_order(sealed) {
        push(1, &content)?;
    }
    for r in stations {
        for b in &r.ballots {
            push(1, b)?;
        }
        for (option, votes) in &r.per_option {
            if *votes > 0 {
                push(*votes, &BallotContent(vec![vec![option.clone()]]))?;
            }
        }
        if r.spoiled > 0 {
            push(r.spoiled, &BallotContent(Vec::new()))?;
        }
    }
    Ok(write_blt(&Election {
        ballots,
        seats: poll.seats as usize,
        title: poll.title.clone(),
    }))
}

/// Whether a member is in the electorate of a members' poll (`Electorate::Members`) when its
/// roll freezes: an active member whose unit is in the poll's area, `area` being the poll's
/// unit and every unit under it (`Snapshot::subtree`). Suspended and expelled members are not;
/// the day a member joined does not matter (the roll is taken from the registry as it stands
/// at the freeze, which comes at or after the cutoff). The store selects the same rows in SQL
/// as its fast path (`FreezeMembersRoll`); a test holds the two to the same answer.
pub fn in_members_electorate(
    member: &crate::model::Member,
    area: &std::collections::HashSet<Code>,
) -> bool {
    member.status == crate::model::MemberStatus::Active && area.contains(&member.unit)
}

/// Whether a meeting participant may be handed the credential for the meeting's electronic
/// votes: the meeting is registering or sitting and they are checked in (in the hall or remote).
pub fn may_receive_credential(
    meeting: &crate::meeting::model::Meeting,
    attendance: Option<&crate::meeting::model::Attendance>,
) -> Result<(), crate::RuleError> {
    use crate::meeting::model::MeetingStatus;
    if !matches!(
        meeting.status,
        MeetingStatus::Registration | MeetingStatus::Open
    ) {
        return Err(crate::RuleError::CredentialMeetingStatus {
            meeting: meeting.code.clone(),
            status: crate::decide::Term::new("meeting_status", meeting.status.as_str()),
        });
    }
    match attendance {
        Some(a) if a.present => Ok(()),
        _ => Err(crate::RuleError::CredentialNotCheckedIn {
            meeting: meeting.code.clone(),
        }),
    }
}

/// Whether a session of `scope` may vote in `poll`: a conference credential only in that
/// conference's polls; a member's sign-in in any poll whose roll holds them.
pub fn scope_allows(scope: &str, electorate: &Electorate) -> bool {
    match scope.strip_prefix("meeting:") {
        Some(meeting) => {
            matches!(electorate, Electorate::CheckedIn { meeting: m } if m.as_str() == meeting)
        }
        None => scope == "member",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod board_order_tests {
    use super::*;
    use crate::ballot::Hash32;
    use proptest::prelude::*;

    fn poll(method: Method) -> Poll {
        let at = Timestamp::UNIX_EPOCH;
        Poll {
            code: Code::parse("p-1").unwrap(),
            campaign: Code::parse("c").unwrap(),
            title: "Poll".into(),
            target: None,
            meeting: None,
            options: ["a", "b", "c", "d"]
                .iter()
                .map(|c| PollOption {
                    code: (*c).into(),
                    label: c.to_uppercase(),
                    member: None,
                })
                .collect(),
            method,
            seats: 1,
            electorate: Electorate::Members {
                unit: Code::parse("u").unwrap(),
            },
            roll_cutoff: at,
            opens_at: at,
            closes_at: at,
            board: BoardMode::Sealed,
            lot_seed_hash: None,
            status: PollStatus::Counted,
            roll_size: 0,
            events: Vec::new(),
            struck: Vec::new(),
            phase: None,
        }
    }

    /// A ballot's content from a small number: blank, one choice, or a ranking.
    fn content(n: u8) -> BallotContent {
        let codes = ["a", "b", "c", "d"];
        match n % 6 {
            0 => BallotContent(Vec::new()),
            1 | 2 => BallotContent(vec![vec![codes[(n / 6 % 4) as usize].to_string()]]),
            _ => BallotContent(
                (0..4)
                    .map(|i| vec![codes[((n as usize / 6) + i) % 4].to_string()])
                    .collect(),
            ),
        }
    }

    /// The ballots as the box would hold them: each with a tracker drawn from `seed`, sorted by
    /// tracker (the order the box is read in).
    fn boxed(contents: &[u8], seed: u64) -> Vec<SealedBallot> {
        let mut ballots: Vec<SealedBallot> = contents
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let mut bytes = [0u8; 32];
                bytes[..8].copy_from_slice(&seed.to_be_bytes());
                bytes[8..16].copy_from_slice(&(i as u64).to_be_bytes());
                let tracker = Hash32(sha2::Sha256::digest(bytes).into());
                SealedBallot {
                    tracker,
                    content: content(*n),
                    opening: Hash32([*n; 32]),
                }
            })
            .collect();
        ballots.sort_by_key(|b| b.tracker);
        ballots
    }

    use sha2::Digest;

    proptest! {
        /// The public files that list contents (the BLT and the sealed board's `ballots`) are
        /// byte-identical whatever the trackers, the casting order and the box's order: the
        /// tracker order of the board's receipts says nothing about which content is whose.
        #[test]
        fn public_ballot_lists_depend_only_on_which_ballots_there_are(
            contents in proptest::collection::vec(any::<u8>(), 1..60),
            seed_a in any::<u64>(),
            seed_b in any::<u64>(),
            rotate in any::<usize>(),
            ranked in any::<bool>(),
        ) {
            let p = poll(if ranked { Method::Schulze } else { Method::Plurality });
            let mut cast_in_other_order = contents.clone();
            let len = cast_in_other_order.len();
            cast_in_other_order.rotate_left(rotate % len);
            cast_in_other_order.reverse();
            let first = boxed(&contents, seed_a);
            let mut second = boxed(&cast_in_other_order, seed_b);
            // The physical order of the box too: rows read back in any order.
            second.reverse();
            let (blt_a, blt_b) = (board_blt(&p, &first, &[]).unwrap(), board_blt(&p, &second, &[]).unwrap());
            prop_assert_eq!(&blt_a, &blt_b);
            let (board_a, board_b) = (board(&p, &first, &[]), board(&p, &second, &[]));
            prop_assert_eq!(
                serde_json::to_string(&board_a.ballots).unwrap(),
                serde_json::to_string(&board_b.ballots).unwrap()
            );
        }
    }
}
