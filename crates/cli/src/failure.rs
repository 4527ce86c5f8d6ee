//! How a command fails: a message for the person, and the exit code (2 for rejected input, 1 otherwise).

use std::process::ExitCode;

#[derive(Debug)]
pub enum Failure {
    /// The input was refused; nothing was applied. Exit code 2.
    Rejected(String),
    /// A check failed (verify). Exit code 1.
    Check(String),
    /// Something outside the user's input went wrong. Exit code 1.
    Internal(String),
}

impl Failure {
    pub fn store(e: mandat_store::StoreError) -> Failure {
        match e {
            mandat_store::StoreError::Rule(rule) => Failure::Rejected(rule.to_string()),
            other => Failure::Internal(other.to_string()),
        }
    }

    /// An application-layer failure: refusals are the user's to fix (exit 2), the rest is internal.
    pub fn app(e: mandat_app::AppError) -> Failure {
        match e {
            mandat_app::AppError::Store(e) => Failure::store(e),
            mandat_app::AppError::Rejected(why) => Failure::Rejected(why),
            other => Failure::Internal(other.to_string()),
        }
    }

    pub fn io(what: &str, e: std::io::Error) -> Failure {
        Failure::Internal(format!("{what}: {e}"))
    }

    pub fn report(self) -> ExitCode {
        match self {
            Failure::Rejected(m) => {
                eprintln!("{m}");
                ExitCode::from(2)
            }
            Failure::Check(m) => {
                eprintln!("{m}");
                ExitCode::from(1)
            }
            Failure::Internal(m) => {
                eprintln!("error: {m}");
                ExitCode::from(1)
            }
        }
    }
}
