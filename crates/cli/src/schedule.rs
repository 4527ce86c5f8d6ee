//! The server's clock for polls: freezes rolls at their cutoff, opens and closes polls on time, and signs a checkpoint every minute.
//!
//! Each action is an ordinary command whose rule checks the poll's status, so on several nodes
//! only one performs it; the others' attempts are refused and ignored. Counting is left to the
//! counting commission (`mandat poll close`): paper returns and a committed lot seed come first.

use jiff::Timestamp;
use mandat_core::ballot::ServerKey;
use mandat_core::poll::PollStatus;
use mandat_core::{Command, Envelope};
use mandat_store::{BALLOT_BOX_ACTOR, Pending, Store};
use std::time::Duration;

/// How often the schedule looks at the polls.
const TICK: Duration = Duration::from_secs(60);

/// Runs until the process ends.
pub async fn run(store: Store, key: ServerKey) {
    let mut interval = tokio::time::interval(TICK);
    loop {
        interval.tick().await;
        if let Err(e) = tick(&store, &key, Timestamp::now()).await {
            tracing::error!(error = %e, "the poll schedule could not run");
        }
    }
}

/// One look at every poll.
pub async fn tick(
    store: &Store,
    key: &ServerKey,
    now: Timestamp,
) -> Result<(), mandat_store::StoreError> {
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
            match store.checkpoint(&poll.code, key, now).await? {
                Ok(c) => {
                    tracing::info!(poll = %c.poll, voters = c.voters, ballots = c.ballots, root = %c.root, "checkpoint")
                }
                Err(refused) => {
                    tracing::error!(poll = %poll.code, %refused, "ALARM: the ballot box does not match the journal")
                }
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
