//! How a command fails: a message for the person, in their language, and the exit code (2 for rejected input, 1 otherwise).

use mandat_core::i18n::{self, Param, Problem};
use mandat_core::{Lang, RuleError};
use std::process::ExitCode;

#[derive(Debug)]
pub enum Failure {
    /// The input was refused; nothing was applied. Exit code 2. The sentence is `cli-<key>`
    /// with its parameters, in the chosen language.
    Said {
        key: &'static str,
        params: Vec<(&'static str, Param)>,
    },
    /// A command was refused by the rules; nothing was applied. Printed as `code: sentence`.
    /// Exit code 2.
    Refused(Box<RuleError>),
    /// A command of a file was refused by the rules, so nothing of the file was applied. Exit
    /// code 2.
    RefusedInFile {
        file: String,
        line: usize,
        command: &'static str,
        refusal: Box<RuleError>,
    },
    /// A line of a command file is not a command; nothing of the file was applied. Exit code 2.
    UnreadableInFile {
        file: String,
        line: usize,
        error: mandat_core::command::ParseError,
    },
    /// The input cannot be used, for a reason with its own code and sentence. Exit code 2.
    Problem(Box<dyn Problem>),
    /// What the command names is not in the record. Exit code 2.
    Missing(mandat_core::Missing),
    /// A check failed (verify, a receipt, the box's audit): `cli-<key>` with its parameters.
    /// Exit code 1.
    Check {
        key: &'static str,
        params: Vec<(&'static str, Param)>,
    },
    /// Something outside the user's input went wrong. Exit code 1.
    Internal(String),
}

impl Failure {
    pub fn store(e: mandat_store::StoreError) -> Failure {
        match e {
            mandat_store::StoreError::Rule(rule) => Failure::refused(rule),
            mandat_store::StoreError::NotFound(missing) => Failure::Missing(missing),
            other => Failure::Internal(other.to_string()),
        }
    }

    /// A refusal of the rules, or an internal failure when the rules say the record was
    /// incomplete (never the user's fault).
    pub fn refused(rule: RuleError) -> Failure {
        match rule {
            RuleError::Internal { what } => Failure::Internal(what),
            refusal => Failure::Refused(Box::new(refusal)),
        }
    }

    /// An application-layer failure: refusals are the user's to fix (exit 2), the rest is internal.
    pub fn app(e: mandat_app::AppError) -> Failure {
        match e {
            mandat_app::AppError::Store(e) => Failure::store(e),
            mandat_app::AppError::Refused(rule) => Failure::refused(rule),
            other => Failure::Internal(other.to_string()),
        }
    }

    /// The input cannot be used: `code: sentence` of the problem.
    pub fn problem(problem: impl Problem + 'static) -> Failure {
        Failure::Problem(Box::new(problem))
    }

    /// A failed check whose sentence is `cli-<key>` with `params` (exit code 1).
    pub fn check(key: &'static str, params: Vec<(&'static str, Param)>) -> Failure {
        Failure::Check { key, params }
    }

    /// A refusal of the input whose sentence is `cli-<key>` with `params`.
    pub fn said(key: &'static str, params: Vec<(&'static str, Param)>) -> Failure {
        Failure::Said { key, params }
    }

    pub fn io(what: &str, e: std::io::Error) -> Failure {
        Failure::Internal(format!("{what}: {e}"))
    }

    /// What is printed on standard error, in `lang`, and the exit code.
    pub fn message(&self, lang: Lang) -> (String, u8) {
        match self {
            Failure::Said { key, params } => {
                (i18n::message_with(lang, &format!("cli-{key}"), params), 2)
            }
            Failure::Refused(refusal) => {
                (format!("{}: {}", refusal.code(), refusal.message(lang)), 2)
            }
            Failure::RefusedInFile {
                file,
                line,
                command,
                refusal,
            } => (
                i18n::message_with(
                    lang,
                    "cli-refused-in-file",
                    &[
                        ("file", file.as_str().into()),
                        ("line", (*line).into()),
                        ("command", (*command).into()),
                        ("code", refusal.code().into()),
                        ("refusal", refusal.message(lang).into()),
                    ],
                ),
                2,
            ),
            Failure::UnreadableInFile { file, line, error } => (
                i18n::message_with(
                    lang,
                    "cli-unreadable-in-file",
                    &[
                        ("file", file.as_str().into()),
                        ("line", (*line).into()),
                        ("code", error.code().into()),
                        ("error", error.message(lang).into()),
                    ],
                ),
                2,
            ),
            Failure::Problem(problem) => {
                (format!("{}: {}", problem.code(), problem.message(lang)), 2)
            }
            Failure::Missing(missing) => {
                (format!("{}: {}", missing.code(), missing.message(lang)), 2)
            }
            Failure::Check { key, params } => {
                (i18n::message_with(lang, &format!("cli-{key}"), params), 1)
            }
            Failure::Internal(m) => (
                i18n::message_with(lang, "cli-internal-error", &[("detail", m.as_str().into())]),
                1,
            ),
        }
    }

    pub fn report(self, lang: Lang) -> ExitCode {
        let (message, code) = self.message(lang);
        eprintln!("{message}");
        ExitCode::from(code)
    }
}
