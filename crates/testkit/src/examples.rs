//! The documented example records (docs/examples/*.jsonl), applied to a store as the CLI would, with the ballot box's own lines going in as the box writes them.

use mandat_core::Envelope;
use mandat_store::{Pending, Receipt, Store};
use std::path::PathBuf;

/// The path of `docs/examples/NAME`.
pub fn example_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples")
        .join(name)
}

/// The text of `docs/examples/NAME`.
pub fn example_text(name: &str) -> String {
    let path = example_path(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Applies `docs/examples/NAME` in one batch; every command must be accepted.
pub async fn apply_example(store: &Store, name: &str) -> Receipt {
    apply_lines(store, &example_text(name), name).await
}

/// Applies JSONL commands (blank lines and `#` comments skipped) in one batch, recorded now; every
/// command must be accepted. Lines only the ballot box writes (`record_ballots`,
/// `publish_checkpoint`, `seal_ballots`) go in through the box's own path, at their `held_at`.
pub async fn apply_lines(store: &Store, text: &str, label: &str) -> Receipt {
    let now = jiff::Timestamp::now().as_millisecond();
    let commands: Vec<Pending> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(n, l)| {
            let envelope =
                Envelope::parse(l).unwrap_or_else(|e| panic!("{label}, line {}: {e}", n + 1));
            if envelope.command.ballot_box_only() {
                let at = envelope.held_at.as_millisecond();
                Pending::from_ballot_box(envelope, at)
            } else {
                Pending::new(envelope, now)
            }
        })
        .collect();
    let mut batch = store.begin().await.expect("a write transaction");
    let results = batch.push_chunk(commands).await.expect("the batch runs");
    for (n, result) in results.iter().enumerate() {
        if let Err(e) = result {
            panic!("{label}, command {}: {e}", n + 1);
        }
    }
    batch.commit().await.expect("the batch commits")
}
