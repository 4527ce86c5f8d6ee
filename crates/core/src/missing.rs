//! What a reader asked for that the record does not hold, with its sentence in the reader's language.

use crate::i18n::{Lang, Param, Problem};
use crate::model::Code;
use std::fmt;

/// Something asked for by code that the record does not hold (a page, a file, a CLI read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    Unit(Code),
    Campaign(Code),
    Meeting(Code),
    Poll(Code),
    /// The target (the body a list is drawn for) of a campaign.
    Target {
        campaign: Code,
        target: Code,
    },
    /// A target whose list is not drafted yet.
    List {
        campaign: Code,
        target: Code,
    },
    /// A poll's bulletin board, published once the poll is counted.
    Board {
        poll: Code,
        status: &'static str,
    },
    /// A meeting whose minutes have no signed scan attached.
    SignedScan(Code),
    /// No unit at all: the registry is empty.
    AnyUnit,
    /// No campaign at all.
    AnyCampaign,
    /// Several campaigns where one was to be chosen for the reader.
    OneCampaign {
        campaigns: Vec<Code>,
    },
}

impl Problem for Missing {
    fn code(&self) -> &'static str {
        match self {
            Missing::Unit(_) => "missing_unit",
            Missing::Campaign(_) => "missing_campaign",
            Missing::Meeting(_) => "missing_meeting",
            Missing::Poll(_) => "missing_poll",
            Missing::Target { .. } => "missing_target",
            Missing::List { .. } => "missing_list",
            Missing::Board { .. } => "missing_board",
            Missing::SignedScan(_) => "missing_signed_scan",
            Missing::AnyUnit => "missing_any_unit",
            Missing::AnyCampaign => "missing_any_campaign",
            Missing::OneCampaign { .. } => "missing_one_campaign",
        }
    }

    fn params(&self, lang: Lang) -> Vec<(&'static str, Param)> {
        match self {
            Missing::Unit(code)
            | Missing::Campaign(code)
            | Missing::Meeting(code)
            | Missing::Poll(code)
            | Missing::SignedScan(code) => vec![("code", code.as_str().into())],
            Missing::Target { campaign, target } | Missing::List { campaign, target } => vec![
                ("campaign", campaign.as_str().into()),
                ("target", target.as_str().into()),
            ],
            Missing::Board { poll, status } => {
                let key = format!("refusal-term-poll_status-{status}");
                let status = if crate::i18n::has(lang, &key) {
                    crate::i18n::message(lang, &key)
                } else {
                    (*status).to_owned()
                };
                vec![("poll", poll.as_str().into()), ("status", status.into())]
            }
            Missing::AnyUnit | Missing::AnyCampaign => Vec::new(),
            Missing::OneCampaign { campaigns } => vec![
                ("count", campaigns.len().into()),
                (
                    "campaigns",
                    campaigns
                        .iter()
                        .map(Code::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                ),
            ],
        }
    }
}

/// The English sentence, for logs.
impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_missing_thing_has_a_sentence_in_every_language() {
        let code = Code::example();
        let all = [
            Missing::Unit(code.clone()),
            Missing::Campaign(code.clone()),
            Missing::Meeting(code.clone()),
            Missing::Poll(code.clone()),
            Missing::Target {
                campaign: code.clone(),
                target: code.clone(),
            },
            Missing::List {
                campaign: code.clone(),
                target: code.clone(),
            },
            Missing::SignedScan(code.clone()),
            Missing::Board {
                poll: code.clone(),
                status: "open",
            },
            Missing::AnyUnit,
            Missing::AnyCampaign,
            Missing::OneCampaign {
                campaigns: vec![code.clone(), code],
            },
        ];
        for missing in all {
            for lang in Lang::ALL {
                let text = missing.message(lang);
                assert!(
                    !text.contains('{') && !text.starts_with("problem-"),
                    "{missing:?} in {lang:?}: {text}"
                );
            }
        }
    }
}
