//! One message catalogue for Russian, Kazakh and English: Fluent files under `core/locales`, looked up by key with typed parameters.
//!
//! Everything a person reads — refusals, minutes, list sheets, cards, pages, SMS texts — is made
//! here, in the reader's language, from a key and its parameters. The record never stores a
//! sentence. Terms shared by several areas (`-meeting`, `-party-list`, …) live in `common.ftl`, so
//! that each concept has one word per language everywhere.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::Serialize;
use std::sync::LazyLock;

/// The language of a message, a document or a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Ru,
    Kk,
    En,
}

impl Lang {
    /// Every language, in the order a language switch lists them.
    pub const ALL: [Lang; 3] = [Lang::Ru, Lang::Kk, Lang::En];

    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "ru" => Some(Lang::Ru),
            "kk" => Some(Lang::Kk),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::Kk => "kk",
            Lang::En => "en",
        }
    }

    /// The first of our languages an `Accept-Language` header asks for, in the header's order
    /// (weights are rarely anything but descending).
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header.split(',').find_map(|part| {
            let tag = part.split(';').next().unwrap_or("").trim();
            let primary = tag.split(['-', '_']).next().unwrap_or("");
            Lang::parse(&primary.to_ascii_lowercase())
        })
    }

    fn index(self) -> usize {
        match self {
            Lang::Ru => 0,
            Lang::Kk => 1,
            Lang::En => 2,
        }
    }
}

/// A parameter of a message: a name, a code, a date as text, or a number (numbers choose plural
/// forms: `{ $count -> [one] … [few] … *[many] … }` in Russian).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Param {
    Text(String),
    Number(i64),
}

impl From<&str> for Param {
    fn from(value: &str) -> Param {
        Param::Text(value.to_owned())
    }
}

impl From<String> for Param {
    fn from(value: String) -> Param {
        Param::Text(value)
    }
}

impl From<&String> for Param {
    fn from(value: &String) -> Param {
        Param::Text(value.clone())
    }
}

macro_rules! number_param {
    ($($t:ty),*) => {$(
        impl From<$t> for Param {
            fn from(value: $t) -> Param {
                Param::Number(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_param!(i16, i32, i64, u8, u16, u32, u64, usize);

/// The areas of the catalogue: one Fluent file per area and language, `locales/LANG/AREA.ftl`.
macro_rules! catalogue_files {
    ($($area:literal),* $(,)?) => {
        /// `(area, [ru, kk, en])` sources, built into the binary.
        pub const FILES: &[(&str, [&str; 3])] = &[$(
            ($area, [
                include_str!(concat!("../locales/ru/", $area, ".ftl")),
                include_str!(concat!("../locales/kk/", $area, ".ftl")),
                include_str!(concat!("../locales/en/", $area, ".ftl")),
            ]),
        )*];
    };
}
catalogue_files!(
    "common",
    "refusals",
    "minutes",
    "lists",
    "cards",
    "pages",
    "sms",
    "cli",
    "api",
    "voter",
    "staff",
    "dashboard",
    "hall",
    "console"
);

/// A count as `lang` writes it: digits grouped by three with a no-break space in Russian and
/// Kazakh (12 345), with a comma in English (12,345).
pub fn count(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let separator = match lang {
        Lang::En => ",",
        Lang::Ru | Lang::Kk => "\u{a0}",
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// A share `part` of `whole` in per cent with one decimal, as `lang` writes it: 45,3 % in
/// Russian and Kazakh, 45.3% in English; 0 when `whole` is 0.
pub fn percent(lang: Lang, part: u64, whole: u64) -> String {
    // Tenths of a per cent, rounded half up, in integers.
    let tenths = if whole == 0 {
        0
    } else {
        (u128::from(part) * 2000 + u128::from(whole)) / (u128::from(whole) * 2)
    };
    let (int, frac) = (tenths / 10, tenths % 10);
    match lang {
        Lang::En => format!("{int}.{frac}%"),
        Lang::Ru | Lang::Kk => format!("{int},{frac}\u{a0}%"),
    }
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 3]> =
    LazyLock::new(|| [bundle(Lang::Ru), bundle(Lang::Kk), bundle(Lang::En)]);

fn bundle(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = match lang {
        Lang::Ru => unic_langid::langid!("ru"),
        Lang::Kk => unic_langid::langid!("kk"),
        Lang::En => unic_langid::langid!("en"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around parameters: documents are printed, not shown in a
    // mixed-direction browser, and the marks would land in PDFs and SMS texts.
    bundle.set_use_isolating(false);
    for (_, sources) in FILES {
        // A file that does not parse keeps its good entries; the catalogue test fails on it.
        let resource = match FluentResource::try_new(sources[lang.index()].to_owned()) {
            Ok(resource) => resource,
            Err((resource, _)) => resource,
        };
        bundle.add_resource_overriding(resource);
    }
    bundle
}

/// The message `key` in `lang`, without parameters.
pub fn message(lang: Lang, key: &str) -> String {
    message_with(lang, key, &[])
}

/// The message `key` in `lang` with its parameters. A key missing from the catalogue comes back
/// as itself (the catalogue test makes sure none is missing), never as a panic.
pub fn message_with(lang: Lang, key: &str, params: &[(&str, Param)]) -> String {
    let bundle = &BUNDLES[lang.index()];
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_owned();
    };
    let mut args = FluentArgs::new();
    for (name, value) in params {
        match value {
            Param::Text(text) => args.set(*name, FluentValue::from(text.as_str())),
            Param::Number(n) => args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&args), &mut errors)
        .into_owned()
}

/// An engine's error with a stable code and the parameters of its sentence.
pub trait Problem: std::fmt::Debug + Send + Sync {
    /// Stable snake_case code; its sentence is `problem-<code>` (with `-` for `_`).
    fn code(&self) -> &'static str;
    /// The sentence's parameters; nested problems come already in `lang`.
    fn params(&self, lang: Lang) -> Vec<(&'static str, Param)>;

    /// The sentence in `lang`.
    fn message(&self, lang: Lang) -> String {
        let key = format!("problem-{}", self.code().replace('_', "-"));
        message_with(lang, &key, &self.params(lang))
    }
}

/// Whether the catalogue has `key` in `lang`.
pub fn has(lang: Lang, key: &str) -> bool {
    BUNDLES[lang.index()].has_message(key)
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;
    use fluent_syntax::ast::Entry;

    #[test]
    fn counts_and_shares_are_written_as_each_language_writes_them() {
        assert_eq!(count(Lang::Ru, 0), "0");
        assert_eq!(count(Lang::Ru, 999), "999");
        assert_eq!(count(Lang::Kk, 12_345), "12\u{a0}345");
        assert_eq!(count(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(percent(Lang::Ru, 453, 1000), "45,3\u{a0}%");
        assert_eq!(percent(Lang::En, 2, 3), "66.7%");
        assert_eq!(percent(Lang::En, 1, 2000), "0.1%");
        assert_eq!(percent(Lang::En, 5, 0), "0.0%");
        assert_eq!(percent(Lang::En, 7, 7), "100.0%");
    }
    use std::collections::BTreeSet;

    fn ids(source: &str, area: &str, lang: Lang) -> BTreeSet<String> {
        let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(_, errors)| {
            panic!(
                "locales/{}/{area}.ftl does not parse: {errors:?}",
                lang.as_str()
            )
        });
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                Entry::Message(m) => Some(m.id.name.to_owned()),
                Entry::Term(t) => Some(format!("-{}", t.id.name)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_key_exists_in_every_language() {
        let mut seen = BTreeSet::new();
        for (area, sources) in FILES {
            let per_lang: Vec<BTreeSet<String>> = Lang::ALL
                .iter()
                .map(|lang| ids(sources[lang.index()], area, *lang))
                .collect();
            for (lang, keys) in Lang::ALL.iter().zip(&per_lang) {
                for other in Lang::ALL.iter().zip(&per_lang) {
                    let missing: Vec<&String> = other.1.difference(keys).collect();
                    assert!(
                        missing.is_empty(),
                        "locales/{}/{area}.ftl lacks {missing:?}, which locales/{}/{area}.ftl has",
                        lang.as_str(),
                        other.0.as_str()
                    );
                }
            }
            for key in &per_lang[0] {
                assert!(
                    seen.insert(key.clone()),
                    "{key} is defined in two areas (the second is {area}.ftl)"
                );
            }
        }
    }

    #[test]
    fn messages_take_parameters_and_russian_plurals() {
        assert_eq!(message(Lang::Kk, "language-name"), "Қазақша");
        assert_eq!(message(Lang::Ru, "no-such-key"), "no-such-key");
        let people = |lang, n: u32| message_with(lang, "people", &[("count", n.into())]);
        assert_eq!(people(Lang::Ru, 2), "2 человека");
        assert_eq!(people(Lang::Ru, 5), "5 человек");
        assert_eq!(people(Lang::Ru, 21), "21 человек");
        assert_eq!(people(Lang::En, 1), "1 person");
        assert_eq!(people(Lang::Kk, 3), "3 адам");
        assert_eq!(Lang::from_accept_language("kk-KZ,ru;q=0.8"), Some(Lang::Kk));
        assert_eq!(
            Lang::from_accept_language("de, en-GB;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("de"), None);
    }
}
