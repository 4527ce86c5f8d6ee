//! The server's clock for polls: freezes rolls at their cutoff, opens and closes polls on time, and checks every open ballot box against the journal each minute.
//!
//! Each action is an ordinary command whose rule checks the poll's status, so on several nodes
//! only one performs it; the others' attempts are refused and ignored. Counting is left to the
//! counting commission (`mandat poll close`): paper returns and a committed lot seed come first.

use jiff::Timestamp;
use mandat_core::poll::PollStatus;
use mandat_core::{Command, Envelope};
use mandat_store::{BALLOT_BOX_ACTOR, Pending, Store};
use std::time::Duration;

/// How often the schedule looks at the polls.
const TICK: Duration = Duration::from_secs(60);

/// Runs until the process ends.
pub async fn run(store: Store) {
    let mut interval = tokio::time::interval(TICK);
    loop {
        interval.tick().await;
        if let Err(e) = tick(&store, Timestamp::now()).await {
            tracing::error!(error = %e, "the poll schedule could not run");
        }
    }
}

/// One look at every poll.
pub async fn tick(store: &Store, now: Timestamp) -> Result<(), mandat_store::StoreError> {
    for poll in store.polls().await? {
        let command = match poll.status {
            PollStatus::Scheduled if now >= poll.roll_cutoff => Some(Command::FreezeRoll {
                poll: poll.code.clone(),
            }),
            PollStatus::RollFrozen if now >= poll.opens_at && now < poll.closes_at => {
                Some(Command::OpenPoll {
                    poll: poll.code.clone(),
                })
            }
            PollStatus::Open | PollStatus::Paused if now >= poll.closes_at => {
                Some(Command::ClosePoll {
                    poll: poll.code.clone(),
                    reason: String::new(),
                })
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
                Err(mandat_store::StoreError::Rule(refused)) => {
                    tracing::info!(poll = %poll.code, %refused, "scheduled action not needed")
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}
