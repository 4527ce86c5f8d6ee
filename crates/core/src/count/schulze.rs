//! Schulze method: pairwise preferences, widest (strongest) paths with winning votes, and the ranking they imply.

use super::Counted;
use super::ballot::{Ballots, CANDIDATE_BITS, SHARES_PREVIOUS};
use super::outcome::{Detail, Outcome, winners_from_ranking};
use super::tiebreak::Tiebreaker;

/// Above this many candidates the pairwise matrix is built row by row.
const MAX_CANDIDATES_FOR_PLACES: usize = 64;

/// `d[i * n + j]`: total weight of ballots ranking candidate `i` above candidate `j`, over all
/// candidates (withdrawn ones are already struck out, so their rows stay zero). Unranked
/// candidates rank below every ranked one; equal preferences give no preference either way.
pub(crate) fn pairwise_matrix(ballots: &Ballots) -> Vec<u64> {
    match ballots.candidate_count() {
        0..=16 => pairwise_by_places::<16>(ballots),
        17..=32 => pairwise_by_places::<32>(ballots),
        33..=MAX_CANDIDATES_FOR_PLACES => pairwise_by_places::<64>(ballots),
        _ => pairwise_by_rows(ballots),
    }
}

/// Counts of "ranked below" masks, for ballots of weight other than 1: for each ranked
/// candidate `c`, the set of candidates below it is a bitmask, split into `BITS`-bit chunks;
/// `hist[c][chunk][value]` is the weight of ballots on which `c` was above exactly the
/// candidates `value` within that chunk. One increment per chunk replaces one per cell of row
/// `c`; the table is expanded into the matrix at the end. Counters are `u32` to keep the
/// table small (30 KB for 20 candidates with 7-bit chunks, which measured fastest); they
/// are flushed into the matrix before they could overflow.
struct BelowMasks<const BITS: usize> {
    n: usize,
    chunks: usize,
    hist: Vec<u32>,
    /// Weight that may still be added before a counter could overflow.
    room: u64,
}

impl<const BITS: usize> BelowMasks<BITS> {
    const VALUES: usize = 1 << BITS;
    const MASK: u64 = (1 << BITS) - 1;

    fn new(n: usize) -> Self {
        let chunks = n.div_ceil(BITS).max(1);
        Self {
            n,
            chunks,
            hist: vec![0; n * chunks * Self::VALUES],
            room: u64::from(u32::MAX),
        }
    }

    /// Makes room for a ballot of `weight`; false if the weight alone exceeds a counter.
    #[inline]
    fn reserve(&mut self, weight: u64, d: &mut [u64]) -> bool {
        if weight > u64::from(u32::MAX) {
            return false;
        }
        if weight > self.room {
            self.flush(d);
        }
        self.room -= weight;
        true
    }

    #[inline]
    fn add(&mut self, candidate: usize, below: u64, weight: u32) {
        let row_len = self.chunks * Self::VALUES;
        let row = &mut self.hist[candidate * row_len..(candidate + 1) * row_len];
        for (chunk, slots) in row.chunks_exact_mut(Self::VALUES).enumerate() {
            slots[((below >> (chunk * BITS)) & Self::MASK) as usize] += weight;
        }
    }

    /// Adds the counts to the matrix and clears them.
    fn flush(&mut self, d: &mut [u64]) {
        let (n, row_len) = (self.n, self.chunks * Self::VALUES);
        for candidate in 0..n {
            let row = &mut self.hist[candidate * row_len..(candidate + 1) * row_len];
            for (chunk, slots) in row.chunks_exact_mut(Self::VALUES).enumerate() {
                for (value, count) in slots.iter_mut().enumerate() {
                    if *count == 0 {
                        continue;
                    }
                    for bit in 0..BITS {
                        let other = chunk * BITS + bit;
                        if value & (1 << bit) != 0 && other < n {
                            d[candidate * n + other] += u64::from(*count);
                        }
                    }
                    *count = 0;
                }
            }
        }
        self.room = u64::from(u32::MAX);
    }
}

/// Adds `weight` to row `candidate` for every candidate in `below` (the slow path for huge weights).
fn add_row(d: &mut [u64], n: usize, candidate: usize, below: u64, weight: u64) {
    for other in 0..n {
        if below & (1 << other) != 0 {
            d[candidate * n + other] += weight;
        }
    }
}

/// The place approach, for up to `W` (16, 32 or 64) candidates. Per ballot of weight 1, the
/// place of every candidate (its group number; unranked = 255), then for every row `i` and
/// column `j` at once, `count[i][j] += (place[i] < place[j])`: fixed-width byte compares the
/// compiler turns into SIMD (n rows × W/16 vectors per ballot). The byte counters go into
/// the matrix every 255 ballots. On a million random rankings of 20 candidates this took
/// about 80 ms of CPU on a shared core, against about 110 ms for the mask histograms below
/// (used here for ballots of weight other than 1).
///
/// With many ballots, each half of them is counted on a thread of its own and the two
/// matrices added: sums of whole numbers, the same in any order.
fn pairwise_by_places<const W: usize>(ballots: &Ballots) -> Vec<u64> {
    let n = ballots.candidate_count();
    let strict = !ballots.has_equal_preferences();
    let (marks, starts, weights) = ballots.raw();
    let half = weights.len() / 2;
    let two_threads = weights.len() >= MIN_BALLOTS_FOR_TWO_THREADS
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    let (Some(first_starts), Some(second_starts), true) =
        (starts.get(..=half), starts.get(half..), two_threads)
    else {
        return places_matrix::<W>(n, strict, marks, starts, weights);
    };
    let (first_weights, second_weights) = weights.split_at(half);
    let (mut d, second) = std::thread::scope(|scope| {
        let second =
            scope.spawn(|| places_matrix::<W>(n, strict, marks, second_starts, second_weights));
        let first = places_matrix::<W>(n, strict, marks, first_starts, first_weights);
        (first, second.join())
    });
    let second = match second {
        Ok(second) => second,
        // Only a bug could stop that thread; count its half here instead.
        Err(_) => places_matrix::<W>(n, strict, marks, second_starts, second_weights),
    };
    for (cell, other) in d.iter_mut().zip(second) {
        *cell += other;
    }
    d
}

/// Below this many ballots one thread fills the pairwise matrix: a second one would cost
/// more than it saves.
const MIN_BALLOTS_FOR_TWO_THREADS: usize = 100_000;

/// [`pairwise_by_places`] for the ballots whose bounds in `marks` are `starts` (one more
/// than `weights`).
fn places_matrix<const W: usize>(
    n: usize,
    strict: bool,
    marks: &[u16],
    starts: &[usize],
    weights: &[u64],
) -> Vec<u64> {
    let mut d = vec![0u64; n * n];
    let mut counts = vec![[0u8; W]; n];
    let mut pending = 0u8;
    let mut masks = BelowMasks::<7>::new(n);
    for (bounds, &weight) in starts.windows(2).zip(weights) {
        let ballot = &marks[bounds[0]..bounds[1]];
        if ballot.is_empty() {
            continue;
        }
        if weight != 1 {
            add_by_masks(&mut masks, &mut d, n, ballot, weight);
            continue;
        }
        let mut place = [u8::MAX; W];
        if strict {
            for (level, &mark) in ballot.iter().enumerate() {
                if let Some(slot) = place.get_mut(usize::from(mark)) {
                    *slot = level as u8; // level < W <= 64
                }
            }
        } else {
            let mut level = 0u8;
            for (i, &mark) in ballot.iter().enumerate() {
                if i > 0 && mark & SHARES_PREVIOUS == 0 {
                    level += 1; // at most W - 1 groups, so never 255
                }
                if let Some(slot) = place.get_mut(usize::from(mark & CANDIDATE_BITS)) {
                    *slot = level;
                }
            }
        }
        for (candidate, row) in counts.iter_mut().enumerate() {
            let mine = place[candidate];
            for (count, &other) in row.iter_mut().zip(&place) {
                *count = count.wrapping_add(u8::from(mine < other));
            }
        }
        pending += 1;
        if pending == u8::MAX {
            drain_counts(&mut counts, &mut d, n);
            pending = 0;
        }
    }
    drain_counts(&mut counts, &mut d, n);
    masks.flush(&mut d);
    d
}

/// Adds byte counters into the matrix and clears them.
fn drain_counts<const W: usize>(counts: &mut [[u8; W]], d: &mut [u64], n: usize) {
    for (candidate, row) in counts.iter_mut().enumerate() {
        for (other, count) in row.iter_mut().enumerate().take(n) {
            d[candidate * n + other] += u64::from(std::mem::take(count));
        }
    }
}

/// Adds one weighted ballot: for each ranked group, the set of candidates below it is a
/// bitmask, recorded in the histogram (see `BelowMasks`) instead of cell by cell.
fn add_by_masks(masks: &mut BelowMasks<7>, d: &mut [u64], n: usize, ballot: &[u16], weight: u64) {
    let small = masks.reserve(weight, d);
    let mut below: u64 = if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
    let mut start = 0;
    while start < ballot.len() && below != 0 {
        let mut end = start + 1;
        while end < ballot.len() && ballot[end] & SHARES_PREVIOUS != 0 {
            end += 1;
        }
        let group = &ballot[start..end];
        for &mark in group {
            below &= !(1u64 << (mark & CANDIDATE_BITS));
        }
        if below != 0 {
            for &mark in group {
                let candidate = usize::from(mark & CANDIDATE_BITS);
                if small {
                    masks.add(candidate, below, weight as u32);
                } else {
                    add_row(d, n, candidate, below, weight);
                }
            }
        }
        start = end;
    }
}

/// The plain construction: for each ranked candidate, add the weight to every cell of its row
/// whose column is ranked below. Used for more than 64 candidates.
pub(crate) fn pairwise_by_rows(ballots: &Ballots) -> Vec<u64> {
    let n = ballots.candidate_count();
    let mut d = vec![0u64; n * n];
    let mut below = vec![0u64; n];
    let (marks, starts, weights) = ballots.raw();
    for (bounds, &weight) in starts.windows(2).zip(weights) {
        let ballot = &marks[bounds[0]..bounds[1]];
        if ballot.is_empty() {
            continue;
        }
        // below[j] is the weight while j is still below the current group, 0 once ranked.
        below.fill(weight);
        let mut start = 0;
        while start < ballot.len() {
            let mut end = start + 1;
            while end < ballot.len() && ballot[end] & SHARES_PREVIOUS != 0 {
                end += 1;
            }
            let group = &ballot[start..end];
            for &mark in group {
                below[usize::from(mark & CANDIDATE_BITS)] = 0;
            }
            for &mark in group {
                let candidate = usize::from(mark & CANDIDATE_BITS);
                for (cell, &add) in d[candidate * n..(candidate + 1) * n].iter_mut().zip(&below) {
                    *cell += add;
                }
            }
            start = end;
        }
    }
    d
}

/// Strongest paths between the `standing` candidates (indices into `standing`), with the
/// strength of a direct link being the winning votes `d[i][j]` when `d[i][j] > d[j][i]`, else
/// no link. Floyd–Warshall widest-path variant, O(m³).
pub(crate) fn strongest_paths(pairwise: &[Vec<u64>]) -> Vec<Vec<u64>> {
    let m = pairwise.len();
    let mut p = vec![vec![0u64; m]; m];
    for i in 0..m {
        for j in 0..m {
            if i != j && pairwise[i][j] > pairwise[j][i] {
                p[i][j] = pairwise[i][j];
            }
        }
    }
    for k in 0..m {
        for i in 0..m {
            if i == k || p[i][k] == 0 {
                continue;
            }
            for j in 0..m {
                if j != i && j != k {
                    let through_k = p[i][k].min(p[k][j]);
                    if through_k > p[i][j] {
                        p[i][j] = through_k;
                    }
                }
            }
        }
    }
    p
}

/// Ranking tiers from the strongest paths: the first tier holds the candidates nobody beats
/// (`p[j][i] > p[i][j]`), then the same among the rest, and so on. Schulze's relation is
/// transitive, so every tier is non-empty.
fn tiers(paths: &[Vec<u64>]) -> Vec<Vec<usize>> {
    let mut remaining: Vec<usize> = (0..paths.len()).collect();
    let mut tiers = Vec::new();
    while !remaining.is_empty() {
        let unbeaten: Vec<usize> = remaining
            .iter()
            .copied()
            .filter(|&i| !remaining.iter().any(|&j| paths[j][i] > paths[i][j]))
            .collect();
        if unbeaten.is_empty() {
            // Unreachable for a transitive relation; kept so a bug cannot loop forever.
            tiers.push(std::mem::take(&mut remaining));
            break;
        }
        remaining.retain(|i| !unbeaten.contains(i));
        tiers.push(unbeaten);
    }
    tiers
}

/// Ranks by the Schulze relation; the top `seats` win. Ballot weights, not ballot counts,
/// fill the matrices.
pub(crate) fn count(
    ballots: &Ballots,
    standing: &[usize],
    seats: usize,
    breaker: &mut Tiebreaker<'_>,
) -> Counted {
    let n = ballots.candidate_count();
    let full = pairwise_matrix(ballots);
    let pairwise: Vec<Vec<u64>> = standing
        .iter()
        .map(|&i| standing.iter().map(|&j| full[i * n + j]).collect())
        .collect();
    let paths = strongest_paths(&pairwise);
    let ranking: Vec<Vec<usize>> = tiers(&paths)
        .into_iter()
        .map(|tier| tier.into_iter().map(|i| standing[i]).collect())
        .collect();
    let winners = winners_from_ranking(&ranking, seats, breaker);
    Counted {
        winners,
        ranking,
        rounds: Vec::new(),
        detail: Detail::Schulze {
            candidates: Outcome::names(ballots.candidates(), standing),
            pairwise,
            strongest_paths: paths,
        },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn huge_weights_overflow_no_counter() {
        // Weights past u32::MAX take the row path; weights summing past it force a flush.
        let mut ballots = Ballots::new(["A", "B", "C"]).unwrap();
        let big = u64::from(u32::MAX) + 7;
        ballots.push_ranking(big, &[0, 1, 2]).unwrap();
        for _ in 0..3 {
            ballots.push_ranking(1 << 31, &[2, 1]).unwrap();
        }
        ballots.push(5, &[vec![1, 2], vec![0]]).unwrap();
        let d = pairwise_matrix(&ballots);
        let three = 3u64 << 31;
        assert_eq!(d, vec![0, big, big, three + 5, 0, big, three + 5, three, 0]);
        assert_eq!(d, pairwise_by_rows(&ballots));
    }

    #[test]
    fn two_threads_fill_the_same_matrix_as_one() {
        let mut ballots = Ballots::new(["A", "B", "C", "D", "E"]).unwrap();
        for i in 0..MIN_BALLOTS_FOR_TWO_THREADS + 7 {
            let weight = if i % 11 == 0 { 3 } else { 1 };
            if i % 13 == 0 {
                ballots.push(weight, &[vec![i % 5, (i + 2) % 5], vec![(i + 1) % 5]])
            } else {
                ballots.push_ranking(weight, &[i % 5, (i + 3) % 5, (i + 1) % 5][..1 + i % 3])
            }
            .unwrap();
        }
        assert_eq!(pairwise_matrix(&ballots), pairwise_by_rows(&ballots));
    }
}
