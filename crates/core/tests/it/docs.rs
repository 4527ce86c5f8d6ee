//! The command documentation stays current: every command is in docs/commands.md, in the JSON Schema, and in a working example.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mandat_core::Envelope;
use mandat_core::command::NAMES;
use std::collections::BTreeSet;

fn repo_file(path: &str) -> String {
    let full = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn every_command_is_documented_in_the_schema_the_reference_and_an_example() {
    let schema: serde_json::Value =
        serde_json::from_str(&repo_file("docs/commands.schema.json")).unwrap();
    let reference = repo_file("docs/commands.md");
    // Every example file together must show every command.
    let mut examples = String::new();
    for file in [
        "docs/examples/registry.jsonl",
        "docs/examples/conference.jsonl",
        "docs/examples/primaries.jsonl",
        "docs/examples/lists.jsonl",
        "docs/examples/congress.jsonl",
        "docs/examples/debates.jsonl",
        "docs/examples/staff.jsonl",
    ] {
        examples.push_str(&repo_file(file));
        examples.push('\n');
    }
    let names: BTreeSet<&str> = NAMES.iter().copied().collect();

    let variants = schema["oneOf"].as_array().unwrap();
    let in_schema: BTreeSet<&str> = variants
        .iter()
        .map(|v| v["title"].as_str().unwrap())
        .collect();
    assert_eq!(in_schema, names, "docs/commands.schema.json");

    for name in NAMES {
        assert!(
            reference.contains(&format!("`{name}`")),
            "docs/commands.md lacks `{name}`"
        );
    }

    let mut exemplified = BTreeSet::new();
    for (i, line) in examples.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let envelope =
            Envelope::parse(line).unwrap_or_else(|e| panic!("example line {}: {e}", i + 1));
        let name = envelope.command.name();
        assert!(names.contains(name), "{name} is not in NAMES");
        exemplified.insert(name);
        let given: serde_json::Value = serde_json::from_str(line).unwrap();
        let variant = variants.iter().find(|v| v["title"] == name).unwrap();
        let properties = variant["properties"].as_object().unwrap();
        for key in given.as_object().unwrap().keys() {
            assert!(
                properties.contains_key(key),
                "schema of {name} lacks property {key}"
            );
        }
        for required in variant["required"].as_array().unwrap() {
            assert!(
                given.get(required.as_str().unwrap()).is_some(),
                "example {name} lacks {required}"
            );
        }
        // What the code writes back must also fit the schema.
        let canonical: serde_json::Value = serde_json::from_str(&envelope.canonical()).unwrap();
        for key in canonical.as_object().unwrap().keys() {
            assert!(
                properties.contains_key(key),
                "schema of {name} lacks canonical property {key}"
            );
        }
    }
    // A command recorded with its file (the signed scan of minutes) cannot be applied from a
    // file of commands: `mandat signed-minutes` makes it, and docs/commands.md shows it.
    let with_file: BTreeSet<&str> = ["attach_signed_minutes"].into();
    let expected: BTreeSet<&str> = names.difference(&with_file).copied().collect();
    assert_eq!(
        exemplified, expected,
        "docs/examples/*.jsonl must show every command"
    );
}

#[test]
fn every_refusal_code_is_in_docs_errors_and_the_catalogue() {
    use mandat_core::{Lang, RuleError, i18n};
    let errors = repo_file("docs/errors.md");
    for code in RuleError::CODES {
        assert!(
            errors.contains(&format!("| `{code}` |")),
            "docs/errors.md has no line for `{code}`"
        );
        for lang in Lang::ALL {
            assert!(
                i18n::has(lang, &format!("refusal-{code}")),
                "locales/{}/refusals.ftl lacks refusal-{code}",
                lang.as_str()
            );
        }
    }
    for code in mandat_core::primaries::Ineligibility::CODES {
        assert!(
            errors.contains(&format!("| `{code}` |")),
            "docs/errors.md has no line for `{code}`"
        );
        for lang in Lang::ALL {
            assert!(
                i18n::has(lang, &format!("refusal-ineligible-{code}")),
                "refusal-ineligible-{code}"
            );
        }
    }
    for code in mandat_core::ballot::BallotProblem::CODES {
        assert!(
            errors.contains(&format!("| `{code}` |")),
            "docs/errors.md has no line for `{code}`"
        );
        for lang in Lang::ALL {
            assert!(
                i18n::has(lang, &format!("refusal-ballot-{code}")),
                "refusal-ballot-{code}"
            );
        }
    }
    for code in mandat_core::meeting::MeetingError::CODES {
        assert!(
            errors.contains(&format!("| `{code}` |")),
            "docs/errors.md has no line for `{code}`"
        );
        for lang in Lang::ALL {
            assert!(
                i18n::has(lang, &format!("refusal-meeting-{code}")),
                "refusal-meeting-{code}"
            );
        }
    }
    for code in mandat_core::command::ParseError::CODES {
        assert!(
            errors.contains(&format!("| `{code}` |")),
            "docs/errors.md has no line for `{code}`"
        );
        for lang in Lang::ALL {
            assert!(
                i18n::has(lang, &format!("refusal-{code}")),
                "refusal-{code}"
            );
        }
    }
    for refusal in RuleError::examples() {
        assert!(
            RuleError::CODES.contains(&refusal.code()),
            "{} is not listed in RuleError::CODES",
            refusal.code()
        );
    }
}
