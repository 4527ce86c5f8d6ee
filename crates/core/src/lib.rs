//! mandat-core: the domain of a party's candidate-selection cycle — types, rules and decisions, with no I/O and no clock.

pub mod authz;
pub mod ballot;
pub mod command;
pub mod count;
pub mod decide;
pub mod document;
pub mod i18n;
pub mod iin;
pub mod import;
pub mod journal;
pub mod lists;
pub mod meeting;
pub mod missing;
pub mod model;
pub mod notice;
pub mod phone;
pub mod poll;
pub mod primaries;
pub mod rules;
pub mod signin;
pub mod staff;
pub mod state;
pub mod token;

pub use command::{Command, Envelope};
pub use decide::{RuleError, decide};
pub use i18n::Lang;
pub use iin::{Iin, Sex};
pub use missing::Missing;
pub use model::{
    Body, Campaign, Code, Member, MemberStatus, Phase, Target, Unit, UnitKind, UnitNames,
};
pub use phone::Phone;
pub use rules::RulesVersion;
pub use state::{Change, Shared, SharedOrd, Snapshot};
