//! A simple CSV ballot format: a header row of candidate names, then one row of ranks per ballot.
//!
//! ```text
//! Alice,Bob,"Carol, Jr.",Dave
//! 1,2,,3
//! 2,1,1,
//! ,,,
//! ```
//!
//! Each row after the header is one ballot of weight 1 with one cell per candidate: the rank
//! given to that candidate, `1` being the first choice; an empty cell leaves the candidate
//! unranked. Equal numbers are equal preferences (`2,1,1,` ranks Bob and Carol equal first,
//! then Alice); gaps in the numbers are allowed and only the order counts. A row of empty
//! cells is a blank ballot. For an approval ballot, write `1` under every chosen candidate.
//! Cells may be quoted as in RFC 4180 (`"..."`, with `""` for a quote); spaces around cells
//! are ignored; blank lines are skipped; line ends may be `\n` or `\r\n`.

use super::ballot::Ballots;
use super::blt::{ParseError, ParseProblem};

/// Parses the CSV ballot format described in this module. Never panics; every problem is a
/// [`ParseError`] with the line where the offending row starts.
pub fn parse_csv(text: &str) -> Result<Ballots, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Rows {
        rest: text,
        line: 1,
    };
    let (header_line, header) = loop {
        match rows.next_row()? {
            None => return Err(ParseProblem::EmptyHeader.at(1)),
            Some((_, cells)) if is_blank(&cells) => continue,
            Some(row) => break row,
        }
    };
    let names: Vec<String> = header.iter().map(|name| name.trim().to_owned()).collect();
    let mut ballots =
        Ballots::new(names).map_err(|e| ParseProblem::from_ballot(e).at(header_line))?;
    let candidates = ballots.candidate_count();
    let mut ranked: Vec<(u64, usize)> = Vec::with_capacity(candidates);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    while let Some((line, cells)) = rows.next_row()? {
        if cells.len() == 1 && cells[0].trim().is_empty() {
            continue; // a blank line, not a row of one empty cell
        }
        if cells.len() != candidates {
            return Err(ParseProblem::WrongCellCount {
                expected: candidates,
                found: cells.len(),
            }
            .at(line));
        }
        ranked.clear();
        for (candidate, cell) in cells.iter().enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<u64>() {
                Ok(rank) if rank >= 1 => ranked.push((rank, candidate)),
                _ => return Err(ParseProblem::BadRank(cell.to_owned()).at(line)),
            }
        }
        ranked.sort_unstable();
        groups.clear();
        let mut previous_rank = None;
        for &(rank, candidate) in &ranked {
            match groups.last_mut() {
                Some(group) if previous_rank == Some(rank) => group.push(candidate),
                _ => groups.push(vec![candidate]),
            }
            previous_rank = Some(rank);
        }
        ballots
            .push(1, &groups)
            .map_err(|e| ParseProblem::from_ballot(e).at(line))?;
    }
    Ok(ballots)
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|cell| cell.trim().is_empty())
}

/// RFC 4180 rows, each with the line it starts on.
struct Rows<'a> {
    rest: &'a str,
    line: usize,
}

impl Rows<'_> {
    fn next_row(&mut self) -> Result<Option<(usize, Vec<String>)>, ParseError> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let start_line = self.line;
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut chars = self.rest.char_indices().peekable();
        let mut quoted = false;
        let mut consumed = self.rest.len();
        while let Some((at, ch)) = chars.next() {
            if quoted {
                match ch {
                    '"' if chars.peek().is_some_and(|&(_, next)| next == '"') => {
                        chars.next();
                        cell.push('"');
                    }
                    '"' => quoted = false,
                    '\n' => {
                        self.line += 1;
                        cell.push('\n');
                    }
                    _ => cell.push(ch),
                }
                continue;
            }
            match ch {
                '"' if cell.trim().is_empty() => {
                    cell.clear();
                    quoted = true;
                }
                ',' => cells.push(std::mem::take(&mut cell)),
                '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => {}
                '\n' => {
                    self.line += 1;
                    consumed = at + 1;
                    break;
                }
                _ => cell.push(ch),
            }
        }
        if quoted {
            return Err(ParseProblem::UnclosedCell.at(start_line));
        }
        cells.push(cell);
        self.rest = &self.rest[consumed..];
        Ok(Some((start_line, cells)))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn reads_ranks_equal_preferences_and_blanks() {
        let ballots =
            parse_csv("Alice,Bob,\"Carol, Jr.\",Dave\r\n1,2,,3\r\n2,1,1,\r\n\r\n,,,\r\n5, ,9,5\n")
                .unwrap();
        assert_eq!(ballots.candidates(), ["Alice", "Bob", "Carol, Jr.", "Dave"]);
        let groups: Vec<_> = ballots.iter().map(|b| b.groups()).collect();
        assert_eq!(
            groups,
            vec![
                vec![vec![0], vec![1], vec![3]],
                vec![vec![1, 2], vec![0]],
                vec![],
                vec![vec![0, 3], vec![2]],
            ]
        );
        assert_eq!(ballots.total_weight(), 4);
    }

    #[test]
    fn quoted_cells_may_hold_quotes_and_line_breaks() {
        let ballots = parse_csv("\"Say \"\"hi\"\"\",B\n1,2\n").unwrap();
        assert_eq!(ballots.candidates(), ["Say \"hi\"", "B"]);
        // The second row starts on line 4: the quoted cell above spans two lines.
        let error = parse_csv("A,B\n\"1\",\"\n\"\n1,x\n").unwrap_err();
        assert_eq!(error, ParseProblem::BadRank("x".into()).at(4));
    }

    #[test]
    fn malformed_rows_say_which_line_and_why() {
        assert_eq!(parse_csv("").unwrap_err(), ParseProblem::EmptyHeader.at(1));
        assert_eq!(
            parse_csv("A,B\n1,2\n1\n").unwrap_err(),
            ParseProblem::WrongCellCount {
                expected: 2,
                found: 1
            }
            .at(3)
        );
        assert_eq!(
            parse_csv("A,B\n0,1\n").unwrap_err(),
            ParseProblem::BadRank("0".into()).at(2)
        );
        assert_eq!(
            parse_csv("A,B\nfirst,\n").unwrap_err(),
            ParseProblem::BadRank("first".into()).at(2)
        );
        assert_eq!(
            parse_csv("A,\"B\n1,2\n").unwrap_err(),
            ParseProblem::UnclosedCell.at(1)
        );
        assert!(matches!(
            parse_csv("A,A\n").unwrap_err().problem,
            ParseProblem::BadCandidates(_)
        ));
    }
}
