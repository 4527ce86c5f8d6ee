//! What the store tests of the demo share: casting the demo's ballots and counting its polls through a real store.
#![allow(clippy::unwrap_used, clippy::panic)]

use jiff::Timestamp;
use mandat_core::ballot::ServerKey;
use mandat_core::{Code, Envelope};
use mandat_demo::DemoCast;
use mandat_store::{Cast, CastAnswer, Store};
use std::collections::HashMap;

/// Casts `casts` (sorted by time) in batches of up to 2,000, each cast at its last ballot's
/// time and ending before the first of its polls closes (`closes`).
pub async fn store_cast(store: &Store, casts: &[DemoCast], closes: &HashMap<&Code, Timestamp>) {
    let key = ServerKey::from_seed(&[7u8; 32]);
    let mut start = 0;
    while start < casts.len() {
        let mut end = start;
        let mut first_close: Option<Timestamp> = None;
        while end < casts.len()
            && end - start < 2000
            && first_close.is_none_or(|close| casts[end].at < close)
        {
            if let Some(close) = closes.get(&casts[end].poll) {
                first_close = Some(first_close.map_or(*close, |f| f.min(*close)));
            }
            end += 1;
        }
        let batch = &casts[start..end];
        let answers = store
            .cast_batch(
                batch
                    .iter()
                    .map(|c| Cast {
                        poll: c.poll.clone(),
                        voter: c.voter,
                        content: c.content.clone(),
                        device_nonce: Some(c.voter.to_string().into_bytes()),
                        request_key: format!("{}/{}", c.poll, c.voter),
                    })
                    .collect(),
                &key,
                batch[batch.len() - 1].at,
            )
            .await
            .unwrap();
        for (c, answer) in batch.iter().zip(answers) {
            assert!(
                matches!(answer, CastAnswer::Accepted(_)),
                "{} in {}: {answer:?}",
                c.voter,
                c.poll
            );
        }
        start = end;
    }
}

pub async fn store_count(store: &Store, polls: &[(Code, Timestamp)]) {
    let key = ServerKey::from_seed(&[7u8; 32]);
    for (poll, at) in polls {
        store
            .close_and_count(poll, "counting-commission:ALM", *at, "", None, 35, &key)
            .await
            .unwrap()
            .unwrap_or_else(|e| panic!("{poll}: {e}"));
    }
}

/// The first entry of a new database: the current rules, adopted before its first command.
pub fn adopt_current_rules() -> Envelope {
    Envelope {
        actor: "mandat".into(),
        held_at: mandat_demo::HELD_AT,
        command: mandat_core::command::AdoptRules {
            version: mandat_core::RulesVersion::CURRENT,
        }
        .into(),
    }
}
