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

/// A desk that applies scenario lines through `mandat apply`, one file each, as an organizer does.
pub struct Desk<'a> {
    pub db: &'a TestDb,
    pub dir: &'a Path,
    pub secret: PathBuf,
    pub files: usize,
}

impl<'a> Desk<'a> {
    /// A desk on `db` whose site secret lives in `dir`.
    pub fn new(db: &'a TestDb, dir: &'a Path) -> Desk<'a> {
        Desk {
            db,
            dir,
            secret: dir.join("site.secret"),
            files: 0,
        }
    }

    /// Runs another `mandat` subcommand on the desk's database; it must succeed.
    pub fn run(&self, args: &[&str]) -> Run {
        let run = mandat(self.db, &self.secret, args);
        assert_eq!(run.code, 0, "{args:?}: {}\n{}", run.stderr, run.stdout);
        run
    }

    pub fn apply(&mut self, lines: &str) -> Run {
        self.files += 1;
        let file = self.dir.join(format!("part-{}.jsonl", self.files));
        std::fs::write(&file, lines).unwrap();
        mandat(self.db, &self.secret, &["apply", file.to_str().unwrap()])
    }

    pub fn accepted(&mut self, lines: &str) {
        let run = self.apply(lines);
        assert_eq!(run.code, 0, "{}\n{}\n{lines}", run.stderr, run.stdout);
    }

    /// Prints `meeting`'s minutes in `lang` as a PDF named `name` in the desk's folder and reads
    /// it back: the file and its text.
    pub fn minutes(&self, meeting: &str, lang: &str, name: &str) -> (PathBuf, String) {
        let pdf = self.dir.join(name);
        self.run(&[
            "minutes",
            meeting,
            "--lang",
            lang,
            "--out",
            pdf.to_str().unwrap(),
        ]);
        let text = pdftotext(&pdf);
        (pdf, text)
    }

    /// Applies one line that must be refused; returns the refusal.
    pub fn refused(&mut self, line: &str) -> String {
        let run = self.apply(line);
        assert_eq!(run.code, 2, "accepted: {line}\n{}", run.stdout);
        run.stderr
    }
}
