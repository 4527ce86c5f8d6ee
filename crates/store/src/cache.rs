//! What public pages read often and what cannot change once made: counted polls' bulletin boards,
//! the unit tree's member counts, and the ladder's progress, meetings' minutes and party lists as of a journal head. Kept in memory, per node.

use crate::read::UnitRow;
use crate::record::Head;
use mandat_core::Code;
use mandat_core::lists::ListSheet;
use mandat_core::meeting::minutes::Minutes;
use mandat_core::meeting::progress::Progress;
use mandat_core::poll::{Board, Electorate};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// How many counted boards a node keeps (a region's rating polls fit; the oldest read goes first).
const BOARDS_KEPT: usize = 256;

/// How many (unit, campaign) progress figures a node keeps at one head (every branch of the
/// country fits).
const PROGRESS_KEPT: usize = 512;

/// How many minutes and list sheets a node keeps at one head (a region's meetings and lists fit;
/// past that the head's views are read again).
const VIEWS_KEPT: usize = 4_096;

/// How many polls' electorates a node keeps (a national campaign has a few thousand polls).
const ELECTORATES_KEPT: usize = 65_536;

/// A counted poll's published board, built once: the board, its BLT and its JSON text.
#[derive(Debug)]
pub struct PublishedBoard {
    pub board: Board,
    pub blt: String,
    pub json: String,
}

#[derive(Default)]
pub(crate) struct Caches {
    boards: Mutex<Boards>,
    /// The units with their member counts, and the journal sequence number they were read at.
    units: Mutex<Option<(i64, Arc<Vec<UnitRow>>)>>,
    /// The ladder's progress per (unit, campaign), all at one head: the status page is read far
    /// more often than the record changes, and computing it walks every meeting and delegate.
    progress: Mutex<Option<(Head, ProgressByUnit)>>,
    /// Each poll's electorate, which never changes once the poll is made.
    electorates: Mutex<HashMap<String, Electorate>>,
    /// Meetings' minutes and party lists, all at one head: a journalist's pages are read far
    /// more often than the record changes, and each is several queries.
    views: Mutex<Option<(Head, Views)>>,
}

/// The minutes and list sheets read at one head.
#[derive(Default)]
struct Views {
    minutes: HashMap<Code, Arc<Minutes>>,
    /// `None` for a target without a list yet (asked for as often as a list).
    sheets: HashMap<(Code, Code), Option<Arc<ListSheet>>>,
}

impl Views {
    fn len(&self) -> usize {
        self.minutes.len() + self.sheets.len()
    }
}

/// The ladder's progress per (unit, campaign).
type ProgressByUnit = HashMap<(Code, Code), Arc<Progress>>;

#[derive(Default)]
struct Boards {
    by_poll: HashMap<String, Arc<PublishedBoard>>,
    order: VecDeque<String>,
}

impl Caches {
    pub(crate) fn board(&self, poll: &str) -> Option<Arc<PublishedBoard>> {
        self.boards
            .lock()
            .ok()
            .and_then(|b| b.by_poll.get(poll).cloned())
    }

    /// Keeps a counted poll's board. Only counted polls come here: their boards never change.
    pub(crate) fn keep_board(&self, poll: &str, board: Arc<PublishedBoard>) {
        let Ok(mut boards) = self.boards.lock() else {
            return;
        };
        if boards.by_poll.insert(poll.to_string(), board).is_none() {
            boards.order.push_back(poll.to_string());
        }
        while boards.order.len() > BOARDS_KEPT {
            if let Some(oldest) = boards.order.pop_front() {
                boards.by_poll.remove(&oldest);
            }
        }
    }

    pub(crate) fn electorate(&self, poll: &str) -> Option<Electorate> {
        self.electorates.lock().ok()?.get(poll).cloned()
    }

    pub(crate) fn keep_electorate(&self, poll: &str, electorate: Electorate) {
        if let Ok(mut kept) = self.electorates.lock() {
            if kept.len() >= ELECTORATES_KEPT {
                kept.clear();
            }
            kept.insert(poll.to_string(), electorate);
        }
    }

    pub(crate) fn units(&self, seq: i64) -> Option<Arc<Vec<UnitRow>>> {
        match self.units.lock().ok()?.as_ref() {
            Some((at, units)) if *at == seq => Some(units.clone()),
            _ => None,
        }
    }

    pub(crate) fn keep_units(&self, seq: i64, units: Arc<Vec<UnitRow>>) {
        if let Ok(mut kept) = self.units.lock() {
            *kept = Some((seq, units));
        }
    }

    pub(crate) fn progress(
        &self,
        head: &Head,
        unit: &Code,
        campaign: &Code,
    ) -> Option<Arc<Progress>> {
        match self.progress.lock().ok()?.as_ref() {
            Some((at, kept)) if at == head => kept.get(&(unit.clone(), campaign.clone())).cloned(),
            _ => None,
        }
    }

    pub(crate) fn keep_progress(
        &self,
        head: &Head,
        unit: &Code,
        campaign: &Code,
        progress: Arc<Progress>,
    ) {
        let Ok(mut kept) = self.progress.lock() else {
            return;
        };
        if kept.as_ref().is_none_or(|(at, _)| at != head) {
            *kept = Some((head.clone(), HashMap::new()));
        }
        if let Some((_, by_unit)) = kept.as_mut()
            && by_unit.len() < PROGRESS_KEPT
        {
            by_unit.insert((unit.clone(), campaign.clone()), progress);
        }
    }
}

impl Caches {
    /// The views kept at `head`, if they are at `head`.
    fn views_at<T>(&self, head: &Head, read: impl FnOnce(&Views) -> Option<T>) -> Option<T> {
        match self.views.lock().ok()?.as_ref() {
            Some((at, views)) if at == head => read(views),
            _ => None,
        }
    }

    /// Keeps a view read at `head`; views of an earlier head go.
    fn keep_view(&self, head: &Head, keep: impl FnOnce(&mut Views)) {
        let Ok(mut kept) = self.views.lock() else {
            return;
        };
        if kept.as_ref().is_none_or(|(at, _)| at != head) {
            *kept = Some((head.clone(), Views::default()));
        }
        if let Some((_, views)) = kept.as_mut()
            && views.len() < VIEWS_KEPT
        {
            keep(views);
        }
    }

    pub(crate) fn minutes(&self, head: &Head, meeting: &Code) -> Option<Arc<Minutes>> {
        self.views_at(head, |v| v.minutes.get(meeting).cloned())
    }

    pub(crate) fn keep_minutes(&self, head: &Head, meeting: &Code, minutes: Arc<Minutes>) {
        self.keep_view(head, |v| {
            v.minutes.insert(meeting.clone(), minutes);
        });
    }

    pub(crate) fn sheet(
        &self,
        head: &Head,
        campaign: &Code,
        target: &Code,
    ) -> Option<Option<Arc<ListSheet>>> {
        self.views_at(head, |v| {
            v.sheets.get(&(campaign.clone(), target.clone())).cloned()
        })
    }

    pub(crate) fn keep_sheet(
        &self,
        head: &Head,
        campaign: &Code,
        target: &Code,
        sheet: Option<Arc<ListSheet>>,
    ) {
        self.keep_view(head, |v| {
            v.sheets.insert((campaign.clone(), target.clone()), sheet);
        });
    }
}
