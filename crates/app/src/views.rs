//! What pages, files and the CLI's reports read: one place for every view of the record, so that the record kept in memory can serve them later without touching a handler.

use crate::App;
use mandat_core::ballot::{Checkpoint, Hash32, Publication};
use mandat_core::journal::Anchor;
use mandat_core::lists::{ListSheet, PartyList};
use mandat_core::meeting::minutes::Minutes;
use mandat_core::meeting::model::Meeting;
use mandat_core::meeting::progress::Progress;
use mandat_core::poll::{Board, Poll};
use mandat_core::{Code, Snapshot};
use mandat_store::{
    BoxAudit, MandateCard, PollResultRow, PublishedBoard, ReceiptStanding, StoreError, UnitRow,
    UnitTurnout,
};
use std::sync::Arc;

impl App {
    /// The journal's head: the anchor pages and documents print.
    pub async fn head(&self) -> Result<Anchor, StoreError> {
        self.store.head().await
    }

    /// The always-complete part of the record (units, campaigns, meetings, polls, lists, the
    /// active members per unit), from the record kept in memory when it is at the head.
    pub async fn snapshot(&self) -> Result<Snapshot, StoreError> {
        self.store.read_snapshot().await
    }

    /// The unit tree with member counts.
    pub async fn units(&self) -> Result<Arc<Vec<UnitRow>>, StoreError> {
        self.store.units().await
    }

    /// How far the ladder has come under `unit` in `campaign` (the only ones when not named).
    pub async fn progress(
        &self,
        unit: Option<&Code>,
        campaign: Option<&Code>,
    ) -> Result<Progress, StoreError> {
        self.store.progress(unit, campaign).await
    }

    /// A meeting's minutes as the record holds them now.
    pub async fn minutes(&self, meeting: &Code) -> Result<Minutes, StoreError> {
        self.store.minutes(meeting).await
    }

    /// The signed scan of a meeting's minutes and its file, if one is attached.
    pub async fn signed_minutes_file(
        &self,
        meeting: &Code,
    ) -> Result<Option<(mandat_core::meeting::model::SignedMinutes, Vec<u8>)>, StoreError> {
        self.store.signed_minutes_file(meeting).await
    }

    /// A meeting's minutes from a snapshot already read (for many minutes at once).
    pub async fn minutes_in(&self, snap: &Snapshot, meeting: &Code) -> Result<Minutes, StoreError> {
        self.store.minutes_in(snap, meeting).await
    }

    /// A conference's mandate cards.
    pub async fn mandate_cards(
        &self,
        meeting: &Code,
    ) -> Result<(Meeting, Vec<MandateCard>), StoreError> {
        self.store.mandate_cards(meeting).await
    }

    pub async fn poll(&self, poll: &Code) -> Result<Poll, StoreError> {
        self.store.poll(poll).await
    }

    pub async fn polls(&self) -> Result<Vec<Poll>, StoreError> {
        self.store.polls().await
    }

    /// A counted poll's result, `None` before the count.
    pub async fn poll_result(&self, poll: &Code) -> Result<Option<PollResultRow>, StoreError> {
        self.store.poll_result(poll).await
    }

    /// The members marked twice in a poll, with the commission's resolutions (rules version 2:
    /// the count waits for every one).
    pub async fn station_conflicts(
        &self,
        poll: &Code,
    ) -> Result<Vec<mandat_store::ConflictRow>, StoreError> {
        self.store.poll(poll).await?;
        self.store.station_conflicts(poll).await
    }

    /// Turnout per unit.
    pub async fn turnout(&self, poll: &Code) -> Result<Vec<UnitTurnout>, StoreError> {
        self.store.turnout(poll).await
    }

    /// A poll's signed checkpoints, oldest first.
    pub async fn checkpoints(&self, poll: &Code) -> Result<Vec<Checkpoint>, StoreError> {
        self.store.checkpoints(poll).await
    }

    /// A counted poll's bulletin board with its BLT text.
    pub async fn board(&self, poll: &Code) -> Result<(Board, String), StoreError> {
        self.store.board(poll).await
    }

    /// A counted poll's board as published (built once, kept).
    pub async fn published_board(&self, poll: &Code) -> Result<Arc<PublishedBoard>, StoreError> {
        self.store.published_board(poll).await
    }

    /// The ballot box of a poll checked against the journal now.
    pub async fn audit_box(&self, poll: &Code) -> Result<BoxAudit, StoreError> {
        self.store.audit_box(poll).await
    }

    /// Where a receipt's ballot stands in the box: on the board, held back, or committed.
    pub async fn receipt_standing(
        &self,
        poll: &Code,
        tracker: &Hash32,
        ballot_hash: &Hash32,
    ) -> Result<ReceiptStanding, StoreError> {
        self.store
            .receipt_standing(poll, tracker, ballot_hash)
            .await
    }

    /// How the live counts are published: in steps, so that a count does not move by one vote.
    pub fn publication(&self) -> Publication {
        self.store.publication()
    }

    /// The party lists, of one campaign or all.
    pub async fn party_lists(&self, campaign: Option<&Code>) -> Result<Vec<PartyList>, StoreError> {
        self.store.party_lists(campaign).await
    }

    /// A list's sheet (names, rules, history), `None` before it is drafted.
    pub async fn list_sheet(
        &self,
        campaign: &Code,
        target: &Code,
    ) -> Result<Option<ListSheet>, StoreError> {
        self.store.list_sheet(campaign, target).await
    }
}
