//! From stored ballot contents (electronic and paper) and polling-station totals to a count.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::content::{BallotContent, BallotProblem, OptionNumbers};
use crate::count::{BallotError, Ballots, CountError, Method, Outcome, TieBreak, count};

/// A polling station's paper results for a choose-one or choose-up-to-k poll: votes per
/// option code, and the spoiled ballots.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationCounts {
    pub per_option: BTreeMap<String, u64>,
    pub spoiled: u64,
}

/// Why ballots could not be counted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TallyError {
    #[error("the poll's options cannot be counted: {0}")]
    Options(BallotError),
    #[error("electronic ballot {number} is refused: {problem}")]
    Electronic {
        number: usize,
        problem: BallotProblem,
    },
    #[error("paper ballot {number} is refused: {problem}")]
    Paper {
        number: usize,
        problem: BallotProblem,
    },
    #[error(
        "{method} counts rankings, which a station's totals cannot carry: enter that station's ballots one by one instead"
    )]
    StationsNeedSingleMarks { method: &'static str },
    #[error(
        "station {station} reports votes for \"{option}\", which is not an option of this poll: correct the station's entry"
    )]
    StationUnknownOption { station: usize, option: String },
    #[error("the ballots cannot be stored for counting: {0}")]
    Ballots(BallotError),
    #[error(transparent)]
    Count(#[from] CountError),
}

/// Counts a poll: the electronic ballots, the paper ballots entered one by one, and the
/// polling stations' totals, by `method` for `seats`, ties broken by `tie_break`.
///
/// Every ballot is checked again as in [`validate`](super::validate): a stored ballot that
/// breaks the rules stops the count, since it means the box was damaged. The options are the
/// candidates in their given order (which [`TieBreak::CandidateOrder`] follows).
///
/// Station totals become weighted single-choice ballots: `n` votes for an option are `n`
/// ballots `[[option]]`, and spoiled ballots are blank ballots, counted in the turnout
/// ([`Outcome::ballots`]) but for nobody. For plurality each ballot marks one option, so this
/// is the station's ballots exactly. For approval it is equivalent for every tally, ranking
/// and winner, because approval gives each marked option one vote independently of the
/// other marks on the same ballot: a sheet marking `a` and `c` adds one vote to each, as the
/// two ballots `[[a]]` and `[[c]]` do. Two things differ and are the station commission's to
/// settle: the station's part of [`Outcome::ballots`] counts marks, not sheets (a station
/// that also reports its valid sheets should be shown with that number), and the
/// choose-up-to-k limit cannot be checked on totals (overmarked sheets must already be among
/// the spoiled). Ranked methods need each ballot's order, which totals lose: for them any
/// station entry is refused.
pub fn count_ballots<'a>(
    options: &[String],
    method: Method,
    seats: usize,
    electronic: impl IntoIterator<Item = &'a BallotContent>,
    paper: impl IntoIterator<Item = &'a BallotContent>,
    stations: &[StationCounts],
    tie_break: TieBreak,
) -> Result<Outcome, TallyError> {
    let single_mark = matches!(method, Method::Plurality | Method::Approval { .. });
    if !stations.is_empty() && !single_mark {
        return Err(TallyError::StationsNeedSingleMarks {
            method: method.name(),
        });
    }
    let mut ballots = Ballots::new(options.iter().cloned()).map_err(TallyError::Options)?;
    let mut numbers = OptionNumbers::new(options);
    // Reused for every ballot, so a count of many ballots allocates nothing per ballot.
    let mut groups: Vec<Vec<usize>> = Vec::new();

    let electronic = electronic.into_iter();
    ballots.reserve(electronic.size_hint().0, 1);
    for (index, content) in electronic.enumerate() {
        let used = numbers
            .resolve(content, method, &mut groups)
            .map_err(|problem| TallyError::Electronic {
                number: index + 1,
                problem,
            })?;
        ballots
            .push(1, &groups[..used])
            .map_err(TallyError::Ballots)?;
    }
    for (index, content) in paper.into_iter().enumerate() {
        let used = numbers
            .resolve(content, method, &mut groups)
            .map_err(|problem| TallyError::Paper {
                number: index + 1,
                problem,
            })?;
        ballots
            .push(1, &groups[..used])
            .map_err(TallyError::Ballots)?;
    }
    for (index, station) in stations.iter().enumerate() {
        for (option, &votes) in &station.per_option {
            let number =
                numbers
                    .number(option)
                    .ok_or_else(|| TallyError::StationUnknownOption {
                        station: index + 1,
                        option: option.clone(),
                    })?;
            if votes > 0 {
                ballots
                    .push_approval(votes, &[number])
                    .map_err(TallyError::Ballots)?;
            }
        }
        if station.spoiled > 0 {
            ballots
                .push::<Vec<usize>>(station.spoiled, &[])
                .map_err(TallyError::Ballots)?;
        }
    }
    Ok(count(method, &ballots, seats, &tie_break)?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn options() -> Vec<String> {
        ["ivanova", "petrov", "sidorov"].map(String::from).to_vec()
    }

    fn ballot(groups: &[&[&str]]) -> BallotContent {
        BallotContent(
            groups
                .iter()
                .map(|g| g.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        )
    }

    fn station(votes: &[(&str, u64)], spoiled: u64) -> StationCounts {
        StationCounts {
            per_option: votes.iter().map(|(o, n)| ((*o).to_owned(), *n)).collect(),
            spoiled,
        }
    }

    #[test]
    fn plurality_adds_electronic_paper_and_station_votes() {
        let electronic = [
            ballot(&[&["ivanova"]]),
            ballot(&[&["ivanova"]]),
            ballot(&[&["petrov"]]),
            ballot(&[]),
        ];
        let paper = [ballot(&[&["petrov"]]), ballot(&[&["sidorov"]])];
        let stations = [
            station(&[("petrov", 3), ("sidorov", 0)], 2),
            station(&[("sidorov", 1)], 0),
        ];
        let outcome = count_ballots(
            &options(),
            Method::Plurality,
            1,
            &electronic,
            &paper,
            &stations,
            TieBreak::CandidateOrder,
        )
        .unwrap();
        // ivanova 2, petrov 1 + 1 + 3 = 5, sidorov 1 + 1 = 2; 4 + 2 + 3 + 2 + 1 = 12 ballots.
        assert_eq!(outcome.winners, vec!["petrov"]);
        assert_eq!(outcome.ballots, 12);
        assert_eq!(
            outcome.ranking,
            vec![
                vec!["petrov".to_owned()],
                vec!["ivanova".into(), "sidorov".into()]
            ]
        );
        let two_seats = count_ballots(
            &options(),
            Method::Plurality,
            2,
            &electronic,
            &paper,
            &stations,
            TieBreak::CandidateOrder,
        )
        .unwrap();
        assert_eq!(two_seats.winners, vec!["petrov", "ivanova"]);
        assert_eq!(two_seats.ties.len(), 1, "ivanova and sidorov tie at 2");
    }

    #[test]
    fn approval_station_totals_count_each_mark() {
        let electronic = [ballot(&[&["ivanova", "sidorov"]]), ballot(&[&["sidorov"]])];
        let stations = [station(&[("ivanova", 4), ("petrov", 3), ("sidorov", 1)], 1)];
        let outcome = count_ballots(
            &options(),
            Method::Approval {
                max_choices: Some(2),
            },
            1,
            &electronic,
            &[],
            &stations,
            TieBreak::CandidateOrder,
        )
        .unwrap();
        // ivanova 1 + 4 = 5, petrov 3, sidorov 2 + 1 = 3.
        assert_eq!(outcome.winners, vec!["ivanova"]);
    }

    #[test]
    fn ranked_methods_refuse_station_totals() {
        for method in [
            Method::Borda,
            Method::Schulze,
            Method::InstantRunoff,
            Method::Stv,
        ] {
            let refused = count_ballots(
                &options(),
                method,
                1,
                &[ballot(&[&["petrov"], &["ivanova"]])],
                &[],
                &[station(&[("petrov", 1)], 0)],
                TieBreak::CandidateOrder,
            );
            assert_eq!(
                refused.unwrap_err(),
                TallyError::StationsNeedSingleMarks {
                    method: method.name()
                }
            );
            let counted = count_ballots(
                &options(),
                method,
                1,
                &[ballot(&[&["petrov"], &["ivanova"]])],
                &[ballot(&[&["petrov", "sidorov"]])],
                &[],
                TieBreak::CandidateOrder,
            )
            .unwrap();
            assert_eq!(counted.winners, vec!["petrov"], "{method}");
            assert_eq!(counted.ballots, 2);
        }
    }

    #[test]
    fn bad_ballots_and_station_entries_stop_the_count() {
        let count = |electronic: &[BallotContent], paper: &[BallotContent], stations| {
            count_ballots(
                &options(),
                Method::Plurality,
                1,
                electronic,
                paper,
                stations,
                TieBreak::CandidateOrder,
            )
        };
        let good = ballot(&[&["petrov"]]);
        assert_eq!(
            count(&[good.clone(), ballot(&[&["petrov", "ivanova"]])], &[], &[]).unwrap_err(),
            TallyError::Electronic {
                number: 2,
                problem: BallotProblem::NeedsOneChoice { given: 2 }
            }
        );
        assert_eq!(
            count(&[], &[ballot(&[&["nobody"]])], &[]).unwrap_err(),
            TallyError::Paper {
                number: 1,
                problem: BallotProblem::UnknownOption {
                    option: "nobody".into()
                }
            }
        );
        assert_eq!(
            count(&[good], &[], &[station(&[("nobody", 1)], 0)]).unwrap_err(),
            TallyError::StationUnknownOption {
                station: 1,
                option: "nobody".into()
            }
        );
        assert!(matches!(
            count_ballots(
                &[],
                Method::Plurality,
                1,
                &[],
                &[],
                &[],
                TieBreak::CandidateOrder
            ),
            Err(TallyError::Options(BallotError::NoCandidates))
        ));
    }
}
