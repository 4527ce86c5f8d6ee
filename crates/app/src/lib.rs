//! mandat-app: the application layer that the CLI and the HTTP server both call.
//!
//! Every use case lives here once: submitting commands as an identified actor (the CLI's
//! `--actor`, or whoever is signed in), checking a participant in and handing out the e-vote
//! credential, signing in and reading a session, casting a ballot through the ballot box, the
//! counting commission's close, and the poll schedule. `core` decides, `store` writes; this layer puts the two together and
//! takes the time as an argument (`now`), so that a test can run it at any hour and no use
//! case reads the clock deep inside. The CLI and the web handlers only parse input and shape
//! output. Every write goes through the store's one writer (see `Store::begin_write`): under
//! contention a request waits, it never fails with "database is locked".

mod commands;
mod console;
mod dashboard;
mod desk;
mod hall;
mod mine;
mod notices;
mod polls;
mod receipts;
mod schedule;
mod signin;
mod sms;
mod staff;
mod views;
mod voting;

pub use commands::{Bulk, Refused, submit_as};
pub use console::{Console, Floor};
pub use dashboard::{Dashboard, PollTurnout, UnitShare};
pub use desk::{CheckedIn, Credential};
pub use hall::{HallView, MyStanding, meeting_of_scope};
pub use mine::{MyPoll, MyPolls, NoRoll, open_at};
pub use notices::{NoticeRefusal, NoticeReport, REMINDER_HOUR, reminder_due, send_due_reminders};
pub use polls::Close;
pub use receipts::ReceiptFinding;
pub use schedule::tick;
pub use signin::{CodeAnswer, CodeDesk, SignInHealth, SignInSettings};
pub use sms::{GatewayConfig, HttpSender, OutboxSender, SmsError, SmsSender};
pub use staff::{
    LOCK_WINDOW, MAX_FAILURES, NewSecrets, StaffRefusal, totp_code, totp_secret_of_uri,
};
pub use voting::{Cast, CastOutcome};

use mandat_core::Code;
use mandat_core::token::TokenKey;
use mandat_store::{BallotQueue, BoxAudit, Store, StoreError};

/// The application: the record, the key codes and session tokens are kept under, and the ballot
/// box's writer. Cheap to clone; one per process.
#[derive(Clone)]
pub struct App {
    store: Store,
    /// `None` serves everything but signing in, voting and handing out credentials.
    token_key: Option<TokenKey>,
    /// `None` serves everything but casting.
    ballots: Option<BallotQueue>,
    /// `None` signs no one in with an IIN and a code sent to the phone.
    codes: Option<signin::CodeDesk>,
    /// The sender of notices when there is no code desk (the CLI); else the desk's.
    sms: Option<std::sync::Arc<dyn SmsSender>>,
    /// The site secret that signs mandate cards' QR codes; `None` reads no card (the console
    /// then checks in by number or IIN only).
    card_secret: Option<std::sync::Arc<Vec<u8>>>,
    /// The latest check of each open ballot box against the journal, by this process's schedule
    /// (once a minute): the dashboard shows its alarms without reading every ballot again at
    /// each change of the record.
    audits: std::sync::Arc<std::sync::Mutex<std::collections::BTreeMap<Code, BoxAudit>>>,
}

/// Why a use case did not happen.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The store refused or failed; `StoreError::Rule` is the user's to fix.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// What the person gave does not fit (a card for another meeting, a damaged QR code).
    #[error("{0}")]
    Refused(mandat_core::RuleError),
    /// This process was started without the site secret, so it cannot sign anyone in.
    #[error(
        "this server cannot sign voters in: it was started without the site secret (the operator starts it with --secret-file)"
    )]
    NoTokenKey,
    /// This process sends no sign-in codes.
    #[error("this server does not sign members in with a code (it runs without an SMS sender)")]
    NoCodeDesk,
    /// This process runs without the ballot box.
    #[error("this server does not take ballots (it runs without the ballot box)")]
    NoBallotBox,
}

impl App {
    /// The application over `store`, without sign-in and without the ballot box.
    pub fn new(store: Store) -> App {
        App {
            store,
            token_key: None,
            ballots: None,
            codes: None,
            sms: None,
            card_secret: None,
            audits: std::sync::Arc::default(),
        }
    }

    /// Keeps the audits of the boxes open now, replacing the earlier ones.
    pub(crate) fn remember_audits(&self, audits: Vec<BoxAudit>) {
        let fresh = audits.into_iter().map(|a| (a.poll.clone(), a)).collect();
        // A poisoned lock only means a panic elsewhere mid-update; the map is still whole.
        let mut kept = self.audits.lock().unwrap_or_else(|e| e.into_inner());
        *kept = fresh;
    }

    /// The latest audit of `poll`'s box, if the schedule has checked it while open.
    pub(crate) fn latest_audit(&self, poll: &Code) -> Option<BoxAudit> {
        let kept = self.audits.lock().unwrap_or_else(|e| e.into_inner());
        kept.get(poll).cloned()
    }

    /// The same application sending notices through `sender` (a process without a code desk:
    /// the CLI's `mandat notices send`).
    pub fn with_sms_sender(mut self, sender: std::sync::Arc<dyn SmsSender>) -> App {
        self.sms = Some(sender);
        self
    }

    /// The same application reading mandate cards signed with the site secret `secret`.
    pub fn with_card_secret(mut self, secret: &[u8]) -> App {
        self.card_secret = Some(std::sync::Arc::new(secret.to_vec()));
        self
    }

    /// The site secret mandate cards are read with, if this application has it.
    pub fn card_secret(&self) -> Option<&[u8]> {
        self.card_secret.as_deref().map(Vec::as_slice)
    }

    /// The same application signing voters in with codes and tokens kept under `key`.
    pub fn with_token_key(mut self, key: TokenKey) -> App {
        self.token_key = Some(key);
        self
    }

    /// The same application taking ballots through `ballots`.
    pub fn with_ballots(mut self, ballots: BallotQueue) -> App {
        self.ballots = Some(ballots);
        self
    }

    /// The record, for reading views.
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn token_key(&self) -> Option<&TokenKey> {
        self.token_key.as_ref()
    }

    pub fn ballots(&self) -> Option<&BallotQueue> {
        self.ballots.as_ref()
    }

    fn key(&self) -> Result<&TokenKey, AppError> {
        self.token_key.as_ref().ok_or(AppError::NoTokenKey)
    }
}
