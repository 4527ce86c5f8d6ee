//! The command line's own sentences, from the catalogue (`cli.ftl`) in the language chosen once at start (`--lang`, `MANDAT_LANG`).

use mandat_core::Lang;
use mandat_core::i18n::{self, Param};
use std::sync::OnceLock;

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Sets the language of everything the command prints; the first choice holds.
pub fn choose(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The language chosen at start, Russian when none was.
pub fn lang() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::Ru)
}

/// The sentence `cli-<key>` with its parameters, in the chosen language.
pub fn say(key: &str, params: &[(&str, Param)]) -> String {
    i18n::message_with(lang(), &format!("cli-{key}"), params)
}
