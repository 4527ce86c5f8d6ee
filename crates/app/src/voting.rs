//! Voting: signing in with the e-vote credential, reading a session, one's standing on a roll, and casting a ballot through the ballot box.

use crate::{App, AppError};
use jiff::Timestamp;
use mandat_core::ballot::{BallotContent, BallotProblem, Receipt, RequestKeyProblem};
use mandat_core::poll::{Marked, scope_allows};
use mandat_core::{Code, RuleError};
use mandat_store::{CastAnswer, Session};

/// A ballot as the voter's device sends it.
#[derive(Clone, Debug)]
pub struct Cast {
    pub choices: BallotContent,
    /// The device's nonce as hex; `None` without JavaScript.
    pub device_nonce: Option<String>,
    /// The client's idempotency key (at least 128 random bits).
    pub request_key: String,
}

/// What became of a cast.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CastOutcome {
    /// Durable: the receipt to keep.
    Accepted(Receipt),
    AlreadyVoted,
    NotOnRoll,
    /// The poll does not take ballots now; the refusal says why.
    PollNotOpen(RuleError),
    /// The ballot does not fit the poll's options or method.
    Invalid(BallotProblem),
    /// This sign-in does not vote in this poll (a conference credential in another poll).
    OutOfScope {
        scope: String,
        poll: Code,
    },
    /// The request key is not one a client should send.
    BadRequestKey(RequestKeyProblem),
    /// The device nonce is not hex.
    BadDeviceNonce,
    /// The box could not take it now; nothing was recorded: try again. The reason is for the log.
    Unavailable(String),
}

impl App {
    /// Signs in with a one-time credential at `now`: answers the session token (shown to the
    /// phone only) and the session. Goes through the store's one writer: 200 delegates signing
    /// in at once wait their turn, none gets "database is locked".
    pub async fn sign_in(&self, code: &str, now: Timestamp) -> Result<(String, Session), AppError> {
        let key = self.key()?;
        Ok(self.store.redeem_credential(key, code, now).await?)
    }

    /// The live session a token names at `now`, if any.
    pub async fn session(&self, token: &str, now: Timestamp) -> Result<Option<Session>, AppError> {
        let key = self.key()?;
        Ok(self.store.session(key, token, now).await?)
    }

    /// Whether the signed-in voter is on a poll's roll, and how they are marked (never how they voted).
    pub async fn voter_status(
        &self,
        session: &Session,
        poll: &Code,
    ) -> Result<Option<Marked>, AppError> {
        Ok(self.store.voter_status(poll, &session.iin).await?)
    }

    /// Casts the signed-in voter's ballot in `poll`; answers once it is durable. The box decides
    /// admission by the rule in core (`ballot::admit`).
    pub async fn cast(
        &self,
        session: &Session,
        poll: &Code,
        cast: Cast,
    ) -> Result<CastOutcome, AppError> {
        let electorate = self.store.poll_electorate(poll).await?;
        if !scope_allows(&session.scope, &electorate) {
            return Ok(CastOutcome::OutOfScope {
                scope: session.scope.to_string(),
                poll: poll.clone(),
            });
        }
        let key = cast.request_key.trim();
        if let Some(problem) = mandat_core::ballot::request_key_problem(key) {
            return Ok(CastOutcome::BadRequestKey(problem));
        }
        let device_nonce = match cast.device_nonce.as_deref().map(|n| hex::decode(n.trim())) {
            None => None,
            Some(Ok(nonce)) => Some(nonce),
            Some(Err(_)) => return Ok(CastOutcome::BadDeviceNonce),
        };
        let queue = self.ballots.as_ref().ok_or(AppError::NoBallotBox)?;
        let answer = queue
            .cast(mandat_store::Cast {
                poll: poll.clone(),
                voter: session.iin,
                content: cast.choices,
                device_nonce,
                request_key: key.to_string(),
            })
            .await;
        Ok(match answer {
            Ok(CastAnswer::Accepted(receipt)) => CastOutcome::Accepted(receipt),
            Ok(CastAnswer::AlreadyVoted) => CastOutcome::AlreadyVoted,
            Ok(CastAnswer::NotOnRoll) => CastOutcome::NotOnRoll,
            Ok(CastAnswer::PollNotOpen(why)) => CastOutcome::PollNotOpen(why),
            Ok(CastAnswer::Invalid(problem)) => CastOutcome::Invalid(problem),
            Ok(CastAnswer::Undecided) => {
                CastOutcome::Unavailable("the box reached no decision on this ballot".to_owned())
            }
            Err(why) => CastOutcome::Unavailable(why),
        })
    }
}
