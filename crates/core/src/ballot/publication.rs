//! When the ballot box commits its held-back leaves to the journal and a signed checkpoint: in groups large enough that no record narrows a ballot to a few voters.
//!
//! Voters are journaled as they vote; the leaves of their ballots are not. The box holds the
//! leaves back and commits them in groups, each with a signed checkpoint over every committed
//! leaf. A group is committed only when at least `step` leaves can go while `hold_back` stay
//! behind, so that:
//!
//! * successive checkpoint roots differ by at least `step` ballots (an outsider comparing roots
//!   with the final board cannot date a ballot finer than that);
//! * the leaves still held back are never fewer than `hold_back`, so the final group, committed
//!   at the close, is at least that large, and every group is drawn from at least
//!   `step + hold_back` ballots not committed before it (the group is a random part of them).
//!
//! A poll whose voters never reach `step + hold_back` commits all its leaves once, at the
//! close: its only tie between voters and leaves is the whole poll.

/// The smallest group of voters any record may tie a set of leaves to (or the whole poll, when
/// fewer voted): the least step a server may be configured with.
pub const MIN_ANONYMITY: u64 = 50;
/// The default number of new ballots between two published roots.
pub const DEFAULT_STEP: u64 = 100;

/// How the box groups its leaves; see the module's documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Publication {
    /// New ballots between two published roots; also the step of live turnout figures.
    pub step: u64,
    /// Leaves that always stay held back until the close.
    pub hold_back: u64,
}

impl Default for Publication {
    fn default() -> Self {
        Publication {
            step: DEFAULT_STEP,
            hold_back: DEFAULT_STEP,
        }
    }
}

impl Publication {
    /// A publication with `step` new ballots between roots, holding back as many; refused below
    /// [`MIN_ANONYMITY`].
    pub fn with_step(step: u64) -> Result<Publication, String> {
        if step < MIN_ANONYMITY {
            return Err(format!(
                "a checkpoint step of {step} ballots would let a root date ballots in groups under {MIN_ANONYMITY}: give at least {MIN_ANONYMITY}"
            ));
        }
        // Holding back a whole step keeps the final root, at the close, a step from the one
        // before it too.
        Ok(Publication {
            step,
            hold_back: step,
        })
    }

    /// How many of `pending` held-back leaves to commit now: none until `step` can go with
    /// `hold_back` left; at the close, all of them.
    pub fn to_commit(&self, pending: u64, closing: bool) -> u64 {
        if closing {
            return pending;
        }
        if pending >= self.step + self.hold_back {
            pending - self.hold_back
        } else {
            0
        }
    }

    /// A live count as it may be shown while the poll is open: rounded down to a multiple of
    /// `step`, and nothing at all for a roll smaller than `step` (its count would move with
    /// each voter).
    pub fn live_count(&self, roll: u64, voted: u64) -> Option<u64> {
        if roll < self.step {
            return None;
        }
        Some(voted / self.step * self.step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nothing_is_committed_until_a_step_can_go_and_the_hold_back_stays() {
        let p = Publication::default();
        assert_eq!(p.to_commit(199, false), 0);
        assert_eq!(p.to_commit(200, false), 100);
        assert_eq!(p.to_commit(2_000, false), 1_900);
        assert_eq!(p.to_commit(7, true), 7);
        assert!(Publication::with_step(49).is_err());
    }

    #[test]
    fn live_counts_move_in_steps_and_hide_small_rolls() {
        let p = Publication::default();
        assert_eq!(p.live_count(99, 40), None);
        assert_eq!(p.live_count(1_000, 199), Some(100));
        assert_eq!(p.live_count(1_000, 200), Some(200));
    }

    proptest! {
        /// Casting in batches of any size, every committed group (including the last, at the
        /// close) leaves at least `hold_back` voters unaccounted before it, or covers the whole
        /// poll; and roots move by at least `step`.
        #[test]
        fn every_group_hides_among_enough_voters(batches in proptest::collection::vec(1u64..400, 0..60)) {
            let p = Publication::default();
            let (mut voted, mut committed) = (0u64, 0u64);
            let mut groups = Vec::new();
            for b in &batches {
                voted += b;
                let n = p.to_commit(voted - committed, false);
                if n > 0 {
                    groups.push((voted - committed, n));
                    committed += n;
                }
            }
            let last = p.to_commit(voted - committed, true);
            for (uncommitted_before, n) in &groups {
                prop_assert!(*uncommitted_before >= p.step + p.hold_back);
                prop_assert!(*n >= p.step);
            }
            prop_assert!(voted - committed == last);
            prop_assert!(last >= p.hold_back.min(voted) || groups.is_empty());
        }
    }
}
