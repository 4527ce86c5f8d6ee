//! `mandat tally`: recount ballots from a BLT or CSV file with any counting method.

use crate::failure::Failure;
use crate::input::read_utf8;
use mandat_core::count::{self, Method, TieBreak};
use std::path::Path;

pub struct Options<'a> {
    pub file: &'a Path,
    pub method: &'a str,
    pub seats: Option<usize>,
    pub json: bool,
    pub tie_seed: Option<&'a str>,
}

pub fn run(options: &Options<'_>) -> Result<(), Failure> {
    let path = options.file;
    let method: Method = options.method.parse().map_err(|_: count::UnknownMethod| {
        Failure::said("unknown-method", vec![("method", options.method.into())])
    })?;
    let text = read_utf8(path)?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let malformed = |e: count::ParseError| {
        Failure::said(
            "ballot-file-line",
            vec![
                ("file", path.display().to_string().into()),
                ("line", e.line.into()),
                ("problem", e.problem.to_string().into()),
            ],
        )
    };
    let (ballots, file_seats) = if is_csv {
        let ballots = count::parse_csv(&text).map_err(malformed)?;
        (ballots, 1)
    } else {
        let election = count::parse_blt(&text).map_err(malformed)?;
        (election.ballots, election.seats)
    };
    let seats = options.seats.unwrap_or(file_seats);
    let tie = match options.tie_seed {
        Some(seed) => TieBreak::lot(seed.as_bytes().to_vec()),
        None => TieBreak::CandidateOrder,
    };
    let outcome = count::count(method, &ballots, seats, &tie).map_err(Failure::problem)?;
    if options.json {
        let line = serde_json::to_string(&outcome)
            .map_err(|e| Failure::Internal(format!("cannot write the result: {e}")))?;
        println!("{line}");
    } else {
        println!(
            "{}",
            crate::words::say(
                "tally-heading",
                &[
                    ("method", outcome.method.to_string().into()),
                    ("ballots", outcome.ballots.into()),
                    ("seats", outcome.seats.into()),
                ],
            )
        );
        println!(
            "{}",
            crate::words::say(
                "tally-winners",
                &[("winners", outcome.winners.join(", ").into())]
            )
        );
        for (place, group) in outcome.ranking.iter().enumerate() {
            println!("{:>3}. {}", place + 1, group.join(" = "));
        }
        for tie in &outcome.ties {
            println!(
                "{}",
                crate::words::say(
                    "tally-tie",
                    &[("tie", serde_json::to_string(tie).unwrap_or_default().into())]
                )
            );
        }
    }
    Ok(())
}
