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
use std::sync::atomic::{AtomicBool, Ordering};

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

/// A cursor over the lines of `text[at..end]`: yields the non-blank ones, comments removed,
/// with their 1-based numbers, and can be split in two at a line boundary.
#[derive(Debug, Clone, Copy)]
struct Lines<'a> {
    text: &'a str,
    at: usize,
    end: usize,
    /// The number of the line starting at `at`.
    number: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            at: 0,
            end: text.len(),
            number: 1,
        }
    }

    /// The bytes not read yet.
    fn rest(&self) -> &'a [u8] {
        self.text
            .as_bytes()
            .get(self.at..self.end)
            .unwrap_or_default()
    }

    /// Steps over a line of `length` bytes, its line break included.
    fn step_over(&mut self, length: usize) {
        self.at += length;
        self.number += 1;
    }

    /// The next line as written (without its line break) and its number.
    fn next_raw(&mut self) -> Option<(usize, &'a str)> {
        let rest = self.text.get(self.at..self.end).filter(|r| !r.is_empty())?;
        let (line, length) = match rest.find('\n') {
            Some(at) => (&rest[..at], at + 1),
            None => (rest, rest.len()),
        };
        let number = self.number;
        self.step_over(length);
        Some((number, line))
    }

    /// The unread lines cut in two at the first line break past the middle: the first part,
    /// and the second one numbered from 1 (see [`Lines::renumbered`]). `None` when there is
    /// no such line break.
    fn split_in_two(&self) -> Option<(Lines<'a>, Lines<'a>)> {
        let middle = self.at + (self.end - self.at) / 2;
        let line_break = self
            .text
            .as_bytes()
            .get(middle..self.end)?
            .iter()
            .position(|b| *b == b'\n')?;
        let cut = middle + line_break + 1;
        (cut < self.end).then_some((
            Lines { end: cut, ..*self },
            Lines {
                at: cut,
                number: 1,
                ..*self
            },
        ))
    }

    /// The same lines, numbered as if `lines_before` more lines came before them.
    fn renumbered(self, lines_before: usize) -> Self {
        Lines {
            number: self.number + lines_before,
            ..self
        }
    }

    /// The same position, reading on to the end of the text.
    fn to_text_end(self) -> Self {
        Lines {
            end: self.text.len(),
            ..self
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (number, line) = self.next_raw()?;
            let content = strip_comment(line);
            if !content.is_empty() {
                return Some((number, content));
            }
        }
    }
}

/// Below this many bytes of ballot lines one thread reads them all: a second thread would
/// cost more than it saves.
const MIN_BYTES_FOR_TWO_THREADS: usize = 1 << 20;

/// Parses a BLT file. Never panics; every problem is a [`ParseError`] with its line.
pub fn parse_blt(text: &str) -> Result<Election, ParseError> {
    parse_blt_with(text, MIN_BYTES_FOR_TWO_THREADS)
}

/// [`parse_blt`], reading the ballot lines on two threads when they take at least
/// `min_bytes_for_two_threads` (tests lower it to split small files).
fn parse_blt_with(text: &str, min_bytes_for_two_threads: usize) -> Result<Election, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Lines::new(text);
    // Only an error needs it: counting a large file's lines is a pass of its own.
    let last_line = || text.lines().count().max(1);

    let (header_line, header) = lines.next().ok_or(ParseProblem::Empty.at(1))?;
    let (candidates, seats) = parse_header(header).map_err(|p| p.at(header_line))?;
    let names: Vec<String> = (1..=candidates).map(|c| format!("candidate {c}")).collect();
    let mut ballots =
        Ballots::new(names).map_err(|e| ParseProblem::from_ballot(e).at(header_line))?;

    let mut withdrawn = Vec::new();
    let mut after_header = lines;
    if let Some((line, text)) = after_header.next()
        && text.starts_with('-')
    {
        lines = after_header;
        for token in text.split_whitespace() {
            let number = token
                .strip_prefix('-')
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(|| ParseProblem::BadWithdrawn(token.to_owned()).at(line))?;
            let index = candidate_index(number, candidates).map_err(|p| p.at(line))?;
            withdrawn.push(index);
        }
    }

    let two_threads = lines.end - lines.at >= min_bytes_for_two_threads
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    let split = if two_threads {
        lines.split_in_two()
    } else {
        None
    };
    let end = match split {
        Some((first, second)) => read_ballot_halves(first, second, candidates, &mut ballots)?,
        None => read_ballot_lines(lines, candidates, &mut ballots, None)?,
    };
    let BallotLinesEnd::Closed(lines) = end else {
        return Err(ParseProblem::MissingEndOfBallots.at(last_line()));
    };

    // Names and title: quoted strings, one or more per line.
    let mut quoted: Vec<(usize, String)> = Vec::with_capacity(candidates + 1);
    for (line, text) in lines.to_text_end() {
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

/// Where a run of ballot lines stopped.
#[derive(Debug)]
enum BallotLinesEnd<'a> {
    /// At the line with a single 0 that closes the ballots; the lines after it.
    Closed(Lines<'a>),
    /// At the end of the lines given, without that line; the next line would have this number.
    Open { next_line: usize },
}

/// Reads ballot lines into `ballots` up to the line with a single 0. Stops early, as if its
/// lines had run out, once `stop` is set (the other half of a split file no longer needs it).
fn read_ballot_lines<'a>(
    mut lines: Lines<'a>,
    candidates: usize,
    ballots: &mut Ballots,
    stop: Option<&AtomicBool>,
) -> Result<BallotLinesEnd<'a>, ParseError> {
    // One line's preferences, flat, and where each group of equal ones ends; reused.
    let mut marks: Vec<usize> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    loop {
        if stop.is_some_and(|stop| stop.load(Ordering::Relaxed)) {
            return Ok(BallotLinesEnd::Open {
                next_line: lines.number,
            });
        }
        let line = lines.number;
        if let Some((weight, length)) =
            plain_ballot_line(lines.rest(), candidates, &mut marks, &mut ends)
        {
            lines.step_over(length);
            push_ballot(ballots, weight, &marks, &ends)
                .map_err(|e| ParseProblem::from_ballot(e).at(line))?;
            continue;
        }
        let Some((line, text)) = lines.next() else {
            return Ok(BallotLinesEnd::Open {
                next_line: lines.number,
            });
        };
        if text == "0" {
            return Ok(BallotLinesEnd::Closed(lines));
        }
        let weight =
            parse_ballot_line(text, candidates, &mut marks, &mut ends).map_err(|p| p.at(line))?;
        push_ballot(ballots, weight, &marks, &ends)
            .map_err(|e| ParseProblem::from_ballot(e).at(line))?;
    }
}

/// Reads the ballot lines of `first` on this thread and those of `second` (numbered from 1)
/// on another, with the result of reading them all in order: the same ballots in the same
/// order, and the same first error at the same line. The second half is read again after
/// the first when its own reading cannot be used as it is (an error, no closing 0, a total
/// weight past 64 bits), so such files cost more time, never a different answer.
fn read_ballot_halves<'a>(
    first: Lines<'a>,
    second: Lines<'a>,
    candidates: usize,
    ballots: &mut Ballots,
) -> Result<BallotLinesEnd<'a>, ParseError> {
    let mut later = ballots.clone();
    let first_done = AtomicBool::new(false);
    let (first_end, second_end) = std::thread::scope(|scope| {
        let second_half =
            scope.spawn(|| read_ballot_lines(second, candidates, &mut later, Some(&first_done)));
        let first_end = read_ballot_lines(first, candidates, ballots, None);
        // The second half matters only when the ballots run on into it.
        if !matches!(first_end, Ok(BallotLinesEnd::Open { .. })) {
            first_done.store(true, Ordering::Relaxed);
        }
        (first_end, second_half.join())
    });
    // An error in the first half comes first in the file; a closing 0 there ends the ballots.
    let first_end = first_end?;
    let BallotLinesEnd::Open { next_line } = first_end else {
        return Ok(first_end);
    };
    let lines_before = next_line - 1;
    if let Ok(Ok(BallotLinesEnd::Closed(after))) = second_end
        && ballots.append(&later)
    {
        return Ok(BallotLinesEnd::Closed(after.renumbered(lines_before)));
    }
    read_ballot_lines(second.renumbered(lines_before), candidates, ballots, None)
}

/// Adds one ballot line's preferences: `marks` flat, `ends` where each group of equal ones ends.
fn push_ballot(
    ballots: &mut Ballots,
    weight: u64,
    marks: &[usize],
    ends: &[usize],
) -> Result<(), BallotError> {
    if ends.len() == marks.len() {
        // No equal preferences: a plain ranking, without building groups.
        return ballots.push_ranking(weight, marks);
    }
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
}

/// The common case of [`parse_ballot_line`], read byte by byte from the start of `text` to
/// the end of its first line in one pass: ASCII digits, `=`, spaces and tabs, and nothing
/// wrong. Returns the weight and the length of the line, its line break (`\n` or `\r\n`)
/// included. `None` for anything else (comments, blank lines, the closing 0, mistakes),
/// which the general reader then reads and explains. A file of a million ballots spends
/// most of its reading here.
fn plain_ballot_line(
    text: &[u8],
    candidates: usize,
    marks: &mut Vec<usize>,
    ends: &mut Vec<usize>,
) -> Option<(u64, usize)> {
    marks.clear();
    ends.clear();
    let mut at = skip_blanks(text, 0);
    let weight = read_digits(text, &mut at)?;
    if weight == 0 || !ends_token(text, at) {
        return None;
    }
    loop {
        at = skip_blanks(text, at);
        let token_start = at;
        let number = read_digits(text, &mut at)?;
        if number == 0 && at == token_start + 1 && ends_token(text, at) {
            // The 0 that ends the ballot: only blanks and the line break may follow.
            at = skip_blanks(text, at);
            if text.get(at) == Some(&b'\r') {
                at += 1;
            }
            return match text.get(at) {
                None => Some((weight, at)),
                Some(b'\n') => Some((weight, at + 1)),
                Some(_) => None,
            };
        }
        marks.push(plain_candidate(number, candidates)?);
        while text.get(at) == Some(&b'=') {
            at += 1;
            marks.push(plain_candidate(read_digits(text, &mut at)?, candidates)?);
        }
        if !ends_token(text, at) {
            return None;
        }
        ends.push(marks.len());
    }
}

/// The position of the first byte from `at` that is not a space or a tab.
fn skip_blanks(text: &[u8], mut at: usize) -> usize {
    while matches!(text.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// Whether a token ends at `at`: at a blank, a line break or the end of the text.
fn ends_token(text: &[u8], at: usize) -> bool {
    matches!(text.get(at), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
}

/// Most digits [`read_digits`] reads: any 19 digits fit in 64 bits.
const MAX_PLAIN_DIGITS: usize = 19;

/// The whole number written in ASCII digits from `at`, moving `at` past them; `None` when
/// there are none or more than [`MAX_PLAIN_DIGITS`] (left to the general reader).
fn read_digits(text: &[u8], at: &mut usize) -> Option<u64> {
    let start = *at;
    let mut number: u64 = 0;
    while let Some(digit) = text
        .get(*at)
        .map(|b| b.wrapping_sub(b'0'))
        .filter(|d| *d <= 9)
    {
        // Cannot wrap within MAX_PLAIN_DIGITS digits; an overflow check per digit cost more
        // than any other step of reading a ballot line.
        number = number.wrapping_mul(10).wrapping_add(u64::from(digit));
        *at += 1;
    }
    (*at > start && *at - start <= MAX_PLAIN_DIGITS).then_some(number)
}

/// 1-based candidate number to 0-based index, `None` when there is no such candidate.
fn plain_candidate(number: u64, candidates: usize) -> Option<usize> {
    let number = usize::try_from(number).ok()?;
    (1..=candidates).contains(&number).then(|| number - 1)
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
        /// The byte-level reader of plain lines reads exactly what the general one reads, up
        /// to the end of the first line, and leaves every other line (odd spaces, signs,
        /// mistakes) to it.
        #[test]
        fn plain_lines_read_as_the_general_reader_reads_them(
            line in "[ \t0-9=+x\u{a0}\r]{0,24}",
            candidates in 1usize..12,
        ) {
            let (mut plain_marks, mut plain_ends) = (Vec::new(), Vec::new());
            let (mut marks, mut ends) = (Vec::new(), Vec::new());
            let text = format!("{line}\n1 1 0\n");
            let plain = plain_ballot_line(text.as_bytes(), candidates, &mut plain_marks, &mut plain_ends);
            let general = parse_ballot_line(line.trim(), candidates, &mut marks, &mut ends);
            if let Some((weight, length)) = plain {
                prop_assert_eq!(length, line.len() + 1);
                prop_assert_eq!(general, Ok(weight));
                prop_assert_eq!(plain_marks, marks);
                prop_assert_eq!(plain_ends, ends);
            }
        }

        /// Read on two threads, any file of ballot lines (good or bad) gives what reading it
        /// in order gives: the same ballots, or the same first error at the same line.
        #[test]
        fn two_threads_read_what_one_reads(
            lines in proptest::collection::vec(
                prop_oneof![
                    4 => "[1-3]( [1-4]){0,4} 0",
                    1 => "[1-3] [1-4]=[1-4] 0",
                    1 => "# a comment|",
                    1 => "1844674407370955161[0-9] 1 0",
                    1 => "[0-9x =]{0,8}",
                ],
                0..40,
            ),
            closed in any::<bool>(),
        ) {
            let mut text = String::from("4 1\n");
            for line in &lines {
                text.push_str(line);
                text.push('\n');
            }
            if closed {
                text.push_str("0\n\"A\"\n\"B\"\n\"C\"\n\"D\"\n");
            }
            let in_order = parse_blt_with(&text, usize::MAX);
            for min_bytes in [1, text.len() / 3] {
                let in_two = parse_blt_with(&text, min_bytes);
                prop_assert_eq!(&in_two, &in_order);
                if let (Ok(two), Ok(one)) = (&in_two, &in_order) {
                    prop_assert_eq!(two.ballots.total_weight(), one.ballots.total_weight());
                    prop_assert_eq!(
                        two.ballots.has_equal_preferences(),
                        one.ballots.has_equal_preferences()
                    );
                    prop_assert_eq!(two.ballots.first_choices(), one.ballots.first_choices());
                }
            }
        }
    }

    #[test]
    fn the_plain_reader_takes_the_usual_lines() {
        let (mut marks, mut ends) = (Vec::new(), Vec::new());
        assert_eq!(
            plain_ballot_line(b"3 1 3 0\n2 1 0\n", 4, &mut marks, &mut ends),
            Some((3, 8))
        );
        assert_eq!(
            (marks.as_slice(), ends.as_slice()),
            (&[0, 2][..], &[1, 2][..])
        );
        assert_eq!(
            plain_ballot_line(b"1\t2=3  1 0 \r\n", 4, &mut marks, &mut ends),
            Some((1, 13))
        );
        assert_eq!(
            (marks.as_slice(), ends.as_slice()),
            (&[1, 2, 0][..], &[2, 3][..])
        );
        assert_eq!(
            plain_ballot_line(b"1 4 0", 4, &mut marks, &mut ends),
            Some((1, 5))
        );
        assert_eq!(
            plain_ballot_line(b"9999999999999999999 1 0", 4, &mut marks, &mut ends),
            Some((9_999_999_999_999_999_999, 23))
        );
        for left_to_the_general_reader in [
            &b"0 1 0"[..],
            b"0\n",
            b"\n1 1 0\n",
            b"1 5 0",
            b"1 1 0 2",
            b"1 1",
            b"1 1\n0\n",
            b"+1 1 0",
            b"1 2==3 0",
            b"1 1 0 # comment",
            b"1 1 0\r2\n",
            b"18446744073709551615 1 0",
            b"1 00000000000000000001 0",
        ] {
            assert_eq!(
                plain_ballot_line(left_to_the_general_reader, 4, &mut marks, &mut ends),
                None
            );
        }
    }

    /// `count` ballot lines of 3 candidates after a header and a comment (so ballot `i` is on
    /// line `i + 2`), with the lines `replaced` (ballot number, line) put in.
    fn many_ballots(count: usize, replaced: &[(usize, &str)]) -> String {
        let mut text = String::from("3 1\n# many ballots\n");
        for i in 1..=count {
            match replaced.iter().find(|(at, _)| *at == i) {
                Some((_, line)) => text.push_str(line),
                None => {
                    let _ = write!(text, "{} {} {} 0", 1 + i % 2, 1 + i % 3, 1 + (i + 1) % 3);
                }
            }
            text.push('\n');
        }
        text.push_str("0\n\"A\"\n\"B\"\n\"C\"\n");
        text
    }

    #[test]
    fn two_threads_read_the_same_ballots_in_the_same_order() {
        let text = many_ballots(1000, &[(10, "2 1=3 0"), (700, "1 0")]);
        let in_order = parse_blt_with(&text, usize::MAX).unwrap();
        assert_eq!(in_order.ballots.len(), 1000);
        assert_eq!(parse_blt_with(&text, 1).unwrap(), in_order);
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(parse_blt_with(&crlf, 1).unwrap(), in_order);
    }

    #[test]
    fn an_error_in_the_second_half_is_told_at_its_line() {
        let text = many_ballots(1000, &[(900, "1 2 2 0")]);
        let expected = ParseProblem::RepeatedCandidate(2).at(902);
        assert_eq!(parse_blt_with(&text, usize::MAX), Err(expected.clone()));
        assert_eq!(parse_blt_with(&text, 1), Err(expected));
    }

    #[test]
    fn the_first_error_in_the_file_is_told_when_both_halves_have_one() {
        let text = many_ballots(1000, &[(2, "1 3 3 0"), (900, "1 2 x 0")]);
        let expected = ParseProblem::RepeatedCandidate(3).at(4);
        assert_eq!(parse_blt_with(&text, usize::MAX), Err(expected.clone()));
        assert_eq!(parse_blt_with(&text, 1), Err(expected));
    }

    #[test]
    fn a_weight_overflowing_across_the_halves_is_told_at_its_line() {
        let big = format!("{} 1 2 0", u64::MAX / 3);
        // Each half alone fits in 64 bits; the third big ballot overflows the whole.
        let text = many_ballots(
            1000,
            &[(100, &big), (800, &big), (900, &big), (950, "1 x 0")],
        );
        let expected = ParseProblem::TotalWeightOverflow.at(902);
        assert_eq!(parse_blt_with(&text, usize::MAX), Err(expected.clone()));
        assert_eq!(parse_blt_with(&text, 1), Err(expected));
    }

    #[test]
    fn a_file_split_after_its_ballots_reads_its_names() {
        let mut text = String::from("2 1\n1 1 2 0\n0\n\"A\"\n\"B\"\n");
        text.push_str(&"# a long comment\n".repeat(100));
        text.push_str("\"Title\"\n");
        let election = parse_blt_with(&text, 1).unwrap();
        assert_eq!(election, parse_blt_with(&text, usize::MAX).unwrap());
        assert_eq!(election.title, "Title");
        let missing_end = format!("2 1\n{}", "1 1 2 0\n".repeat(100));
        assert_eq!(
            parse_blt_with(&missing_end, 1),
            Err(ParseProblem::MissingEndOfBallots.at(101))
        );
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
