//! Ballot admission: the one rule for whether the ballot box takes a voter's ballot now.

use jiff::Timestamp;
use thiserror::Error;

use super::content::{BallotContent, BallotProblem, validate};
use crate::Code;
use crate::poll::{Marked, Poll, PollStatus};

/// Why the box does not take a ballot, in the order the checks run.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NotAdmitted {
    #[error("you are not on the roll of this poll (the roll was frozen before it opened)")]
    NotOnRoll,
    /// Marked as having voted; `online` when through the box, where a retry of the same
    /// ballot with the same request key gets its receipt again (the box looks it up).
    #[error("you have already voted in this poll")]
    AlreadyVoted { online: bool },
    #[error(
        "poll {poll} is {status} ({opens_at} .. {closes_at}): ballots are accepted only while it is open"
    )]
    NotOpen {
        poll: Code,
        status: &'static str,
        opens_at: Timestamp,
        closes_at: Timestamp,
    },
    #[error(transparent)]
    Invalid(BallotProblem),
}

/// Whether a poll takes ballots at `now`: open, and within its window (the close is exclusive).
pub fn is_open_at(poll: &Poll, now: Timestamp) -> bool {
    poll.status == PollStatus::Open && now >= poll.opens_at && now < poll.closes_at
}

/// Where a voter stands on the roll: `marked` is their roll entry's mark, `None` when they are
/// not on the roll. Shared by the box and by the rule that records its batches.
pub fn roll_admits(marked: Option<&Marked>) -> Result<(), NotAdmitted> {
    match marked {
        None => Err(NotAdmitted::NotOnRoll),
        Some(Marked::NotYet) => Ok(()),
        Some(Marked::Online) => Err(NotAdmitted::AlreadyVoted { online: true }),
        Some(Marked::Station(_)) => Err(NotAdmitted::AlreadyVoted { online: false }),
    }
}

/// Whether the box takes this ballot from this voter at `now`: on the roll, not yet voted,
/// the poll open, the ballot valid for the poll's options and counting method.
pub fn admit(
    poll: &Poll,
    now: Timestamp,
    marked: Option<&Marked>,
    content: &BallotContent,
) -> Result<(), NotAdmitted> {
    roll_admits(marked)?;
    if !is_open_at(poll, now) {
        return Err(NotAdmitted::NotOpen {
            poll: poll.code.clone(),
            status: poll.status.as_str(),
            opens_at: poll.opens_at,
            closes_at: poll.closes_at,
        });
    }
    validate(content, &poll.option_codes(), poll.method).map_err(NotAdmitted::Invalid)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::count::Method;
    use crate::poll::{BoardMode, Electorate, PollOption};

    fn poll(status: PollStatus) -> Poll {
        let code: Code = "p".parse().unwrap();
        Poll {
            code: code.clone(),
            campaign: "c".parse().unwrap(),
            title: "t".into(),
            target: None,
            meeting: None,
            options: ["a", "b"]
                .iter()
                .map(|c| PollOption {
                    code: (*c).into(),
                    label: (*c).into(),
                    member: None,
                })
                .collect(),
            method: Method::Plurality,
            seats: 1,
            electorate: Electorate::Members { unit: code },
            roll_cutoff: "2020-01-01T00:00:00Z".parse().unwrap(),
            opens_at: "2020-01-02T00:00:00Z".parse().unwrap(),
            closes_at: "2020-01-03T00:00:00Z".parse().unwrap(),
            board: BoardMode::Sealed,
            lot_seed_hash: None,
            status,
            roll_size: 2,
            events: Vec::new(),
            struck: Vec::new(),
            phase: None,
        }
    }

    fn choose(code: &str) -> BallotContent {
        BallotContent(vec![vec![code.into()]])
    }

    #[test]
    fn the_checks_run_roll_first_then_window_then_ballot() {
        let open = poll(PollStatus::Open);
        let during: Timestamp = "2020-01-02T12:00:00Z".parse().unwrap();
        let after: Timestamp = "2020-01-03T00:00:00Z".parse().unwrap();
        assert_eq!(
            admit(&open, during, Some(&Marked::NotYet), &choose("a")),
            Ok(())
        );
        assert_eq!(
            admit(&open, after, None, &choose("zz")),
            Err(NotAdmitted::NotOnRoll)
        );
        assert_eq!(
            admit(&open, during, Some(&Marked::Online), &choose("a")),
            Err(NotAdmitted::AlreadyVoted { online: true })
        );
        assert_eq!(
            admit(
                &open,
                during,
                Some(&Marked::Station("s1".parse().unwrap())),
                &choose("a")
            ),
            Err(NotAdmitted::AlreadyVoted { online: false })
        );
        assert!(matches!(
            admit(&open, after, Some(&Marked::NotYet), &choose("zz")),
            Err(NotAdmitted::NotOpen { .. })
        ));
        assert!(matches!(
            admit(
                &poll(PollStatus::Paused),
                during,
                Some(&Marked::NotYet),
                &choose("a")
            ),
            Err(NotAdmitted::NotOpen { .. })
        ));
        assert!(matches!(
            admit(&open, during, Some(&Marked::NotYet), &choose("zz")),
            Err(NotAdmitted::Invalid(_))
        ));
    }
}
