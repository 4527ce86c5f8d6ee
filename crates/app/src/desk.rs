//! The registration desk: checking a participant in and handing out the e-vote credential that goes with it.

use crate::{App, AppError};
use jiff::Timestamp;
use mandat_core::authz::{Denied, Signed};
use mandat_core::command::CheckIn;
use mandat_core::meeting::card::{CardError, read_card};
use mandat_core::meeting::model::Presence;
use mandat_core::{Code, Command, Iin, RuleError};
use mandat_store::{Participant, Receipt};

/// How the person at the desk is identified.
#[derive(Clone, Debug)]
pub enum Credential {
    /// The QR code of a mandate card, checked against the site secret.
    Qr(String),
    Mandate(u32),
    Iin(Iin),
}

/// A participant checked in.
#[derive(Clone, Debug)]
pub struct CheckedIn {
    pub receipt: Receipt,
    /// The one-time code for the meeting's electronic votes, shown once to the participant;
    /// `None` when the application has no token key (it cannot store one).
    pub vote_code: Option<String>,
}

impl App {
    /// Checks a participant in to `meeting` as `actor` at `now` (a card's QR code is checked
    /// against `secret` first), then hands out the e-vote credential: no SMS is needed when a
    /// vote opens. The code is kept only as an HMAC under the token key, which the database
    /// does not hold. Both writes go through the store's one writer, so that several desks at
    /// once wait for each other instead of failing.
    pub async fn check_in(
        &self,
        secret: &[u8],
        meeting: &Code,
        credential: Credential,
        presence: Presence,
        actor: &str,
        now: Timestamp,
    ) -> Result<CheckedIn, AppError> {
        let command = check_in_command(secret, meeting, credential, presence)?;
        let receipt = self.submit(actor, command.clone(), now, now).await?;
        self.hand_out_credential(&command, receipt, now).await
    }

    /// [`App::check_in`] by whoever `signed` is, allowed by the policy in the same transaction
    /// that records it (the console's desk); cards are read with this application's site
    /// secret. A refusal of the policy records nothing and hands nothing out.
    pub async fn check_in_signed(
        &self,
        signed: &Signed,
        meeting: &Code,
        credential: Credential,
        presence: Presence,
        now: Timestamp,
    ) -> Result<Result<CheckedIn, Denied>, AppError> {
        let secret = match (&credential, self.card_secret()) {
            (Credential::Qr(_), None) => return Err(AppError::NoTokenKey),
            (_, secret) => secret.unwrap_or_default(),
        };
        let command = check_in_command(secret, meeting, credential, presence)?;
        match self
            .submit_signed(signed, command.clone(), now, now)
            .await?
        {
            Ok(receipt) => Ok(Ok(self.hand_out_credential(&command, receipt, now).await?)),
            Err(denied) => Ok(Err(denied)),
        }
    }

    /// The e-vote code of the participant a recorded check-in names, when this application
    /// keeps codes.
    async fn hand_out_credential(
        &self,
        command: &Command,
        receipt: Receipt,
        now: Timestamp,
    ) -> Result<CheckedIn, AppError> {
        let Command::CheckIn(CheckIn {
            meeting,
            iin,
            mandate,
            ..
        }) = command
        else {
            return Ok(CheckedIn {
                receipt,
                vote_code: None,
            });
        };
        let who = match (iin, mandate) {
            (Some(i), _) => Participant::Iin(*i),
            (None, Some(n)) => Participant::Mandate(*n),
            (None, None) => {
                return Ok(CheckedIn {
                    receipt,
                    vote_code: None,
                });
            }
        };
        let Some(key) = self.token_key() else {
            return Ok(CheckedIn {
                receipt,
                vote_code: None,
            });
        };
        let code = self
            .store
            .issue_vote_credential(key, meeting, who, now)
            .await?;
        Ok(CheckedIn {
            receipt,
            vote_code: Some(code),
        })
    }
}

/// The `check_in` a credential asks for; a card's QR code is read against `secret` and must
/// be of `meeting`.
fn check_in_command(
    secret: &[u8],
    meeting: &Code,
    credential: Credential,
    presence: Presence,
) -> Result<Command, AppError> {
    let (iin, mandate, card) = match credential {
        Credential::Qr(text) => {
            let card = read_card(secret, &text).map_err(|e| {
                AppError::Refused(match e {
                    CardError::NotACard => RuleError::NotACard,
                    CardError::Forged => RuleError::ForgedCard,
                })
            })?;
            if &card.meeting != meeting {
                return Err(AppError::Refused(RuleError::CardForOtherMeeting {
                    card_meeting: card.meeting,
                    meeting: meeting.clone(),
                }));
            }
            (None, Some(card.number), Some(card.generation))
        }
        Credential::Mandate(n) => (None, Some(n), None),
        Credential::Iin(i) => (Some(i), None, None),
    };
    Ok(Command::CheckIn(CheckIn {
        meeting: meeting.clone(),
        iin,
        mandate,
        card,
        mode: presence,
    }))
}
