//! The BLT ballot format (as used by OpenSTV, ERS and most STV software): parser and writer.
//!
//! ```text
//! 4 2            # 4 candidates, 2 seats
//! -4             # optional: candidate 4 withdrawn
//! 3 1 3 0        # 3 ballots: candidate 1, then candidate 3
//! 1 2=3 1 0      # 1 ballot: 2 and 3 equal first, then 1
//! 0              # end of ballots
//! "Alice"        # candidate names in order, in double quotes
//! "Bob"
//! "Carol"
//! "Dave"
//! "Board election"   # title
//! ```
//!
//! `#` starts a comment outside quotes. Inside quotes `\"` and `\\` stand for `"` and `\`.

use std::fmt::Write as _;

use thiserror::Error;

use super::ballot::{BallotError, Ballots, MAX_CANDIDATES};

/// A ballot file: the candidates and ballots, the number of seats and a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Election {
    pub ballots: Ballots,
    pub seats: usize,
    pub title: String,
}

/// Malformed input, with the 1-based line where the problem is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}: {problem}")]
pub struct ParseError {
    pub line: usize,
    pub problem: ParseProblem,
}

/// What is wrong with a line of a ballot file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseProblem {
    #[error(
        "the file is empty; the first line must give the number of candidates and of seats, like \"4 2\""
    )]
    Empty,
    #[error("expected the number of candidates and of seats, like \"4 2\", found \"{0}\"")]
    BadHeader(String),
    #[error(
        "the number of seats must be between 1 and the number of candidates ({candidates}), found {seats}"
    )]
    BadSeats { seats: usize, candidates: usize },
    #[error("{0} candidates is more than the {MAX_CANDIDATES} supported")]
    TooManyCandidates(usize),
    #[error(
        "withdrawn candidates are written as negative candidate numbers like \"-2\", found \"{0}\""
    )]
    BadWithdrawn(String),
    #[error("expected a ballot weight (a whole number of ballots), found \"{0}\"")]
    BadWeight(String),
    #[error("a ballot weight must be at least 1; a line with just 0 ends the ballots")]
    ZeroWeight,
    #[error(
        "expected a candidate number like \"3\" or equal preferences like \"2=5\", found \"{0}\""
    )]
    BadPreference(String),
    #[error("there is no candidate {number}: candidates are numbered 1 to {candidates}")]
    UnknownCandidate { number: usize, candidates: usize },
    #[error("candidate {0} appears more than once on this ballot")]
    RepeatedCandidate(usize),
    #[error("a ballot line must end with 0")]
    MissingEndOfBallot,
    #[error("nothing may follow the 0 that ends a ballot, found \"{0}\"")]
    TextAfterEndOfBallot(String),
    #[error("the file ends before the line with a single 0 that closes the ballots")]
    MissingEndOfBallots,
    #[error(
        "the file ends before the name of candidate {0}; every candidate needs a name in double quotes"
    )]
    MissingName(usize),
    #[error("expected a name or title in double quotes, found \"{0}\"")]
    ExpectedQuoted(String),
    #[error("a quoted name or title is not closed with \"")]
    UnclosedQuote,
    #[error("unexpected text after the title: \"{0}\"")]
    TextAfterTitle(String),
    #[error("the total weight of the ballots does not fit in 64 bits")]
    TotalWeightOverflow,
    #[error("the header row must name at least one candidate")]
    EmptyHeader,
    #[error("expected {expected} cells (one per candidate), found {found}")]
    WrongCellCount { expected: usize, found: usize },
    #[error(
        "a rank is a whole number from 1 (first choice) up, or empty for unranked; found \"{0}\""
    )]
    BadRank(String),
    #[error("a cell in quotes is not closed with \"")]
    UnclosedCell,
    #[error("{0}")]
    BadCandidates(BallotError),
}

impl ParseProblem {
    pub(crate) fn at(self, line: usize) -> ParseError {
        ParseError {
            line,
            problem: self,
        }
    }

    /// A ballot refused by [`Ballots`], in the file's 1-based candidate numbering.
    pub(crate) fn from_ballot(error: BallotError) -> Self {
        match error {
            BallotError::UnknownCandidate { number, count } => Self::UnknownCandidate {
                number: number + 1,
                candidates: count,
            },
            BallotError::RepeatedCandidate { number } => Self::RepeatedCandidate(number + 1),
            BallotError::ZeroWeight => Self::ZeroWeight,
            BallotError::TotalWeightOverflow => Self::TotalWeightOverflow,
            BallotError::TooManyCandidates { count } => Self::TooManyCandidates(count),
            other => Self::BadCandidates(other),
        }
    }
}

/// A line with its comment removed and surrounding space trimmed; `#` inside quotes is text.
fn strip_comment(line: &str) -> &str {
    // Most lines (every ballot line of a large file) have no `#` at all.
    if !line.as_bytes().contains(&b'#') {
        return line.trim();
    }
    let mut quoted = false;
    let mut escaped = false;
    for (at, ch) in line.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '#' if !quoted => return line[..at].trim(),
            _ => {}
        }
    }
    line.trim()
}

/// Non-blank lines, comments removed, with their 1-based numbers.
fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, strip_comment(line)))
        .filter(|(_, line)| !line.is_empty())
}

/// Parses a BLT file. Never panics; every problem is a [`ParseError`] with its line.
pub fn parse_blt(text: &str) -> Result<Election, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = content_lines(text).peekable();
    // Only an error needs it: counting a large file's lines is a pass of its own.
    let last_line = || text.lines().count().max(1);

    let (header_line, header) = lines.next().ok_or(ParseProblem::Empty.at(1))?;
    let (candidates, seats) = parse_header(header).map_err(|p| p.at(header_line))?;
    let names: Vec<String> = (1..=candidates).map(|c| format!("candidate {c}")).collect();
    let mut ballots =
        Ballots::new(names).map_err(|e| ParseProblem::from_ballot(e).at(header_line))?;

    let mut withdrawn = Vec::new();
    if let Some(&(line, text)) = lines.peek()
        && text.starts_with('-')
    {
        lines.next();
        for token in text.split_whitespace() {
            let number = token
                .strip_prefix('-')
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(|| ParseProblem::BadWithdrawn(token.to_owned()).at(line))?;
            let index = candidate_index(number, candidates).map_err(|p| p.at(line))?;
            withdrawn.push(index);
        }
    }

    // One line's preferences, flat, and where each group of equal ones ends; reused.
    let mut marks: Vec<usize> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    loop {
        let (line, text) = lines
            .next()
            .ok_or_else(|| ParseProblem::MissingEndOfBallots.at(last_line()))?;
        if text == "0" {
            break;
        }
        let weight = match plain_ballot_line(text.as_bytes(), candidates, &mut marks, &mut ends) {
            Some(weight) => weight,
            None => parse_ballot_line(text, candidates, &mut marks, &mut ends)
                .map_err(|p| p.at(line))?,
        };
        let pushed = if ends.len() == marks.len() {
            // No equal preferences: a plain ranking, without building groups.
            ballots.push_ranking(weight, &marks)
        } else {
            let mut start = 0;
            let groups: Vec<&[usize]> = ends
                .iter()
                .map(|&end| {
                    let group = &marks[start..end];
                    start = end;
                    group
                })
                .collect();
            ballots.push(weight, &groups)
        };
        pushed.map_err(|e| ParseProblem::from_ballot(e).at(line))?;
    }

    // Names and title: quoted strings, one or more per line.
    let mut quoted: Vec<(usize, String)> = Vec::with_capacity(candidates + 1);
    for (line, text) in lines {
        let mut rest = text;
        while !rest.is_empty() {
            if quoted.len() > candidates {
                return Err(ParseProblem::TextAfterTitle(rest.to_owned()).at(line));
            }
            let (value, after) = take_quoted(rest).map_err(|p| p.at(line))?;
            quoted.push((line, value));
            rest = after.trim_start();
        }
    }
    if quoted.len() < candidates {
        return Err(ParseProblem::MissingName(quoted.len() + 1).at(last_line()));
    }
    let title = if quoted.len() > candidates {
        quoted.pop().map(|(_, t)| t).unwrap_or_default()
    } else {
        String::new()
    };
    let names: Vec<String> = quoted.iter().map(|(_, name)| name.clone()).collect();
    ballots.rename(names).map_err(|error| {
        let line = match &error {
            BallotError::EmptyName { number } | BallotError::ControlCharacterInName { number } => {
                quoted[*number].0
            }
            BallotError::DuplicateName { second, .. } => quoted[*second].0,
            _ => last_line(),
        };
        ParseProblem::BadCandidates(error).at(line)
    })?;
    for index in withdrawn {
        ballots
            .withdraw(index)
            .map_err(|e| ParseProblem::from_ballot(e).at(last_line()))?;
    }
    Ok(Election {
        ballots,
        seats,
        title,
    })
}

fn parse_header(text: &str) -> Result<(usize, usize), ParseProblem> {
    let bad = || ParseProblem::BadHeader(text.to_owned());
    let mut tokens = text.split_whitespace();
    let candidates = tokens
        .next()
        .and_then(|t| t.parse::<usize>().ok())
        .ok_or_else(bad)?;
    let seats = tokens
        .next()
        .and_then(|t| t.parse::<usize>().ok())
        .ok_or_else(bad)?;
    if tokens.next().is_some() {
        return Err(bad());
    }
    if candidates > MAX_CANDIDATES {
        return Err(ParseProblem::TooManyCandidates(candidates));
    }
    if seats == 0 || seats > candidates {
        return Err(ParseProblem::BadSeats { seats, candidates });
    }
    Ok((candidates, seats))
}

/// 1-based candidate number to 0-based index.
fn candidate_index(number: usize, candidates: usize) -> Result<usize, ParseProblem> {
    if (1..=candidates).contains(&number) {
        Ok(number - 1)
    } else {
        Err(ParseProblem::UnknownCandidate { number, candidates })
    }
}

/// The common case of [`parse_ballot_line`] read byte by byte: ASCII digits, `=`, spaces and
/// tabs, and nothing wrong. `None` for anything else, which the general reader then reads (and
/// explains, when it is wrong). A file of a million ballots spends most of its reading here.
fn plain_ballot_line(
    line: &[u8],
    candidates: usize,
    marks: &mut Vec<usize>,
    ends: &mut Vec<usize>,
) -> Option<u64> {
    marks.clear();
    ends.clear();
    let mut tokens = line
        .split(|b| *b == b' ' || *b == b'\t')
        .filter(|t| !t.is_empty());
    let weight = digits(tokens.next()?)?;
    if weight == 0 {
        return None;
    }
    for token in tokens.by_ref() {
        if token == b"0" {
            // Nothing may follow the end of the ballot.
            return tokens.next().is_none().then_some(weight);
        }
        for part in token.split(|b| *b == b'=') {
            let number = usize::try_from(digits(part)?).ok()?;
            if !(1..=candidates).contains(&number) {
                return None;
            }
            marks.push(number - 1);
        }
        ends.push(marks.len());
    }
    None
}

/// A whole number written in ASCII digits only; `None` when empty, not digits, or too large.
fn digits(token: &[u8]) -> Option<u64> {
    if token.is_empty() {
        return None;
    }
    token.iter().try_fold(0u64, |n, b| {
        let digit = b.checked_sub(b'0').filter(|d| *d <= 9)?;
        n.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

/// Reads `weight pref pref ... 0`: the candidates into `marks`, where each group of equal
/// preferences ends into `ends` (both reused between lines, so a line allocates nothing);
/// returns the weight.
fn parse_ballot_line(
    text: &str,
    candidates: usize,
    marks: &mut Vec<usize>,
    ends: &mut Vec<usize>,
) -> Result<u64, ParseProblem> {
    marks.clear();
    ends.clear();
    let mut tokens = text.split_whitespace();
    let weight_token = tokens.next().unwrap_or_default();
    let weight = weight_token
        .parse::<u64>()
        .map_err(|_| ParseProblem::BadWeight(weight_token.to_owned()))?;
    if weight == 0 {
        return Err(ParseProblem::ZeroWeight);
    }
    let mut ended = false;
    for token in tokens.by_ref() {
        if token == "0" {
            ended = true;
            break;
        }
        for part in token.split('=') {
            let number = part
                .parse::<usize>()
                .map_err(|_| ParseProblem::BadPreference(token.to_owned()))?;
            marks.push(candidate_index(number, candidates)?);
        }
        ends.push(marks.len());
    }
    if !ended {
        return Err(ParseProblem::MissingEndOfBallot);
    }
    let rest: Vec<&str> = tokens.collect();
    if !rest.is_empty() {
        return Err(ParseProblem::TextAfterEndOfBallot(rest.join(" ")));
    }
    Ok(weight)
}

/// Splits a leading `"..."` off `text`, undoing `\"` and `\\`.
fn take_quoted(text: &str) -> Result<(String, &str), ParseProblem> {
    let Some(body) = text.strip_prefix('"') else {
        return Err(ParseProblem::ExpectedQuoted(text.to_owned()));
    };
    let mut value = String::new();
    let mut chars = body.char_indices();
    while let Some((at, ch)) = chars.next() {
        match ch {
            '"' => return Ok((value, &body[at + 1..])),
            '\\' => match chars.next() {
                Some((_, escaped)) => value.push(escaped),
                None => return Err(ParseProblem::UnclosedQuote),
            },
            _ => value.push(ch),
        }
    }
    Err(ParseProblem::UnclosedQuote)
}

/// Writes a BLT file that [`parse_blt`] reads back to the same election. Equal preferences
/// are joined by `=`; withdrawn candidates go on the second line; control characters in the
/// title become spaces (names cannot contain any).
pub fn write_blt(election: &Election) -> String {
    let ballots = &election.ballots;
    let mut out = String::with_capacity(16 + ballots.len() * 24);
    let _ = writeln!(out, "{} {}", ballots.candidate_count(), election.seats);
    let withdrawn: Vec<String> = (0..ballots.candidate_count())
        .filter(|&c| ballots.is_withdrawn(c))
        .map(|c| format!("-{}", c + 1))
        .collect();
    if !withdrawn.is_empty() {
        let _ = writeln!(out, "{}", withdrawn.join(" "));
    }
    for ballot in ballots.iter() {
        let _ = write!(out, "{}", ballot.weight());
        for group in ballot.groups() {
            out.push(' ');
            for (i, candidate) in group.iter().enumerate() {
                if i > 0 {
                    out.push('=');
                }
                let _ = write!(out, "{}", candidate + 1);
            }
        }
        out.push_str(" 0\n");
    }
    out.push_str("0\n");
    for name in ballots.candidates() {
        write_quoted(&mut out, name);
    }
    let title: String = election
        .title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    write_quoted(&mut out, &title);
    out
}

fn write_quoted(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        if ch == '"' || ch == '\\' {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push_str("\"\n");
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte-level reader of plain lines reads exactly what the general one reads, and
        /// leaves every other line (odd spaces, signs, mistakes) to it.
        #[test]
        fn plain_lines_read_as_the_general_reader_reads_them(
            line in "[ \t0-9=+x\u{a0}]{0,24}",
            candidates in 1usize..12,
        ) {
            let (mut plain_marks, mut plain_ends) = (Vec::new(), Vec::new());
            let (mut marks, mut ends) = (Vec::new(), Vec::new());
            let plain = plain_ballot_line(line.trim().as_bytes(), candidates, &mut plain_marks, &mut plain_ends);
            let general = parse_ballot_line(line.trim(), candidates, &mut marks, &mut ends);
            if let Some(weight) = plain {
                prop_assert_eq!(general, Ok(weight));
                prop_assert_eq!(plain_marks, marks);
                prop_assert_eq!(plain_ends, ends);
            }
        }
    }

    #[test]
    fn the_plain_reader_takes_the_usual_lines() {
        let (mut marks, mut ends) = (Vec::new(), Vec::new());
        assert_eq!(
            plain_ballot_line(b"3 1 3 0", 4, &mut marks, &mut ends),
            Some(3)
        );
        assert_eq!(
            (marks.as_slice(), ends.as_slice()),
            (&[0, 2][..], &[1, 2][..])
        );
        assert_eq!(
            plain_ballot_line(b"1\t2=3  1 0", 4, &mut marks, &mut ends),
            Some(1)
        );
        assert_eq!(
            (marks.as_slice(), ends.as_slice()),
            (&[1, 2, 0][..], &[2, 3][..])
        );
        for left_to_the_general_reader in [
            &b"0 1 0"[..],
            b"1 5 0",
            b"1 1 0 2",
            b"1 1",
            b"+1 1 0",
            b"1 2==3 0",
        ] {
            assert_eq!(
                plain_ballot_line(left_to_the_general_reader, 4, &mut marks, &mut ends),
                None
            );
        }
    }

    const SAMPLE: &str = "\
# A sample election
4 2
-4
3 1 3 0
1 2=3 1 0   # equal preferences
2 4 1 0
0
\"Alice\"
\"Bob\"
\"Carol # not a comment\"
\"Dave\"
\"Board \\\"2025\\\"\"
";

    #[test]
    fn parses_a_full_file() {
        let election = parse_blt(SAMPLE).unwrap();
        assert_eq!(election.seats, 2);
        assert_eq!(election.title, "Board \"2025\"");
        assert_eq!(
            election.ballots.candidates(),
            ["Alice", "Bob", "Carol # not a comment", "Dave"]
        );
        assert!(election.ballots.is_withdrawn(3));
        let ballots: Vec<_> = election
            .ballots
            .iter()
            .map(|b| (b.weight(), b.groups()))
            .collect();
        assert_eq!(
            ballots,
            vec![
                (3, vec![vec![0], vec![2]]),
                (1, vec![vec![1, 2], vec![0]]),
                (2, vec![vec![3], vec![0]])
            ]
        );
    }

    #[test]
    fn writing_and_reading_gives_back_the_same_election() {
        let election = parse_blt(SAMPLE).unwrap();
        let text = write_blt(&election);
        assert_eq!(parse_blt(&text).unwrap(), election);
        assert!(text.starts_with("4 2\n-4\n3 1 3 0\n1 2=3 1 0\n"), "{text}");
    }

    #[test]
    fn the_title_is_optional() {
        let election = parse_blt("2 1\n1 1 0\n0\n\"A\" \"B\"\n").unwrap();
        assert_eq!(election.title, "");
        assert_eq!(election.ballots.candidates(), ["A", "B"]);
    }

    fn error(text: &str) -> ParseError {
        parse_blt(text).unwrap_err()
    }

    #[test]
    fn malformed_files_say_which_line_and_why() {
        assert_eq!(error(""), ParseProblem::Empty.at(1));
        assert_eq!(
            error("two 1\n"),
            ParseProblem::BadHeader("two 1".into()).at(1)
        );
        assert_eq!(
            error("2 3\n"),
            ParseProblem::BadSeats {
                seats: 3,
                candidates: 2
            }
            .at(1)
        );
        assert_eq!(
            error("2 1\n-x\n0\n"),
            ParseProblem::BadWithdrawn("-x".into()).at(2)
        );
        assert_eq!(
            error("2 1\n1 1 2\n0\n"),
            ParseProblem::MissingEndOfBallot.at(2)
        );
        assert_eq!(
            error("2 1\n1 1 3 0\n"),
            ParseProblem::UnknownCandidate {
                number: 3,
                candidates: 2
            }
            .at(2)
        );
        assert_eq!(
            error("2 1\n1 1 1 0\n"),
            ParseProblem::RepeatedCandidate(1).at(2)
        );
        assert_eq!(
            error("2 1\n1 1=x 0\n"),
            ParseProblem::BadPreference("1=x".into()).at(2)
        );
        assert_eq!(error("2 1\n0 1 0\n"), ParseProblem::ZeroWeight.at(2));
        assert_eq!(
            error("2 1\n1.5 1 0\n"),
            ParseProblem::BadWeight("1.5".into()).at(2)
        );
        assert_eq!(
            error("2 1\n1 1 0 2\n"),
            ParseProblem::TextAfterEndOfBallot("2".into()).at(2)
        );
        assert_eq!(
            error("2 1\n1 1 0\n\n"),
            ParseProblem::MissingEndOfBallots.at(3)
        );
        assert_eq!(error("2 1\n0\n\"A\"\n"), ParseProblem::MissingName(2).at(3));
        assert_eq!(
            error("2 1\n0\n\"A\"\nB\n"),
            ParseProblem::ExpectedQuoted("B".into()).at(4)
        );
        assert_eq!(
            error("2 1\n0\n\"A\"\n\"B\n"),
            ParseProblem::UnclosedQuote.at(4)
        );
        assert_eq!(
            error("2 1\n0\n\"A\"\n\"B\"\n\"T\"\n\"extra\"\n"),
            ParseProblem::TextAfterTitle("\"extra\"".into()).at(6)
        );
        assert!(matches!(
            error("2 1\n0\n\"A\"\n\"A\"\n").problem,
            ParseProblem::BadCandidates(_)
        ));
        assert_eq!(error("2 1\n0\n\"A\"\n\"A\"\n").line, 4);
        assert_eq!(
            error("1 1\n18446744073709551615 1 0\n1 1 0\n0\n\"A\"\n"),
            ParseProblem::TotalWeightOverflow.at(3)
        );
        assert_eq!(
            error("2 1\n1 1 0\n0\n\"A\"\n").to_string(),
            "line 4: the file ends before the name of candidate 2; every candidate needs a name in double quotes"
        );
    }
}
