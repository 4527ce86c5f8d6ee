//! The schedule's one look: freeze rolls at their cutoff, open and close polls on time, check every open ballot box against the journal, send the day's reminders to conference delegates.
//!
//! Each action is an ordinary command whose rule checks the poll's status, so on several nodes
//! only one performs it; the others' attempts are refused and ignored. Counting is left to the
//! counting commission (`mandat poll close`): paper returns and a committed lot seed come first.

use crate::App;
use jiff::Timestamp;
use mandat_core::command::{ClosePoll, FreezeRoll, OpenPoll};
use mandat_core::poll::PollStatus;
use mandat_core::{Command, Envelope};
use mandat_store::{BALLOT_BOX_ACTOR, Pending, StoreError};

/// One look at every poll at `now`.
pub async fn tick(app: &App, now: Timestamp) -> Result<(), StoreError> {
    let store = app.store();
    let mut audits = Vec::new();
    for poll in store.polls().await? {
        let command = match poll.status {
            PollStatus::Scheduled if now >= poll.roll_cutoff => {
                Some(Command::FreezeRoll(FreezeRoll {
                    poll: poll.code.clone(),
                }))
            }
            PollStatus::RollFrozen if now >= poll.opens_at && now < poll.closes_at => {
                Some(Command::OpenPoll(OpenPoll {
                    poll: poll.code.clone(),
                }))
            }
            PollStatus::Open | PollStatus::Paused if now >= poll.closes_at => {
                Some(Command::ClosePoll(ClosePoll {
                    poll: poll.code.clone(),
                    reason: String::new(),
                }))
            }
            _ => None,
        };
        if poll.status == PollStatus::Open {
            // Checkpoints are signed by the box as it commits its groups of leaves; here the box
            // is only checked against the journal.
            let audit = store.audit_box(&poll.code).await?;
            if !audit.problems.is_empty() {
                tracing::error!(poll = %poll.code, problems = %audit.problems.join("; "), "ALARM: the ballot box does not match the journal");
            }
            audits.push(audit);
        }
        if let Some(command) = command {
            let envelope = Envelope {
                actor: BALLOT_BOX_ACTOR.into(),
                held_at: now,
                command,
            };
            match store
                .submit(Pending::new(envelope, now.as_millisecond()))
                .await
            {
                Ok(receipt) => {
                    tracing::info!(poll = %poll.code, seq = receipt.seq, "scheduled action recorded")
                }
                Err(StoreError::Rule(refused)) => {
                    tracing::info!(poll = %poll.code, %refused, "scheduled action not needed")
                }
                Err(e) => return Err(e),
            }
        }
    }
    app.remember_audits(audits);
    crate::notices::send_due_reminders(app, now).await
}
