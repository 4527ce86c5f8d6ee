//! What the command-line tests share: running the `mandat` binary on a test database, the example files, reading a PDF back as text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use mandat_testkit::TestDb;
use std::path::{Path, PathBuf};

/// What one run of the binary printed, and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The signing key kept beside a test's site secret: `SECRET.signing`.
pub fn signing_key_of(secret: &Path) -> PathBuf {
    secret.with_extension("signing")
}

/// Runs `mandat --db DB --secret-file SECRET --signing-key-file SECRET.signing ARGS…` with
/// warnings-only logs.
pub fn mandat(db: &TestDb, secret: &Path, args: &[&str]) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mandat"))
        .arg("--db")
        .arg(&db.url)
        .arg("--secret-file")
        .arg(secret)
        .arg("--signing-key-file")
        .arg(signing_key_of(secret))
        .args(args)
        .env("MANDAT_LOG", "warn")
        .env("MANDAT_LANG", "en")
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `mandat init`: makes the test's site secret and signing key, as an operator does first.
pub fn init(db: &TestDb, secret: &Path) {
    let run = mandat(db, secret, &["init"]);
    assert_eq!(run.code, 0, "init: {}\n{}", run.stderr, run.stdout);
}

/// A file of docs/examples.
pub fn example_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples")
        .join(name)
}

pub fn example_text(name: &str) -> String {
    std::fs::read_to_string(example_path(name)).unwrap()
}

/// The text of a PDF, as `pdftotext` extracts it (it must be installed: `.ci/run` does that).
pub fn pdftotext(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext is needed to read PDFs back (apt-get install poppler-utils): {e}")
        });
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout).unwrap()
}
