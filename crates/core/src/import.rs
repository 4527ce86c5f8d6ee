//! Turning rows of an import file into commands: field checks, duplicates within the file, parent-first order.

use crate::command::{Command, Envelope};
use crate::command::{CreateUnit, RegisterMember};
use crate::decide::RuleError;
use crate::i18n::{self, Lang, Param, Problem};
use crate::iin::{Iin, IinError};
use crate::model::{Code, CodeError, UnitKind, UnitNames};
use crate::phone::{Phone, PhoneError};
use jiff::Timestamp;
use std::collections::HashMap;

/// What is wrong with one field of one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: FieldProblem,
}

/// What a field holds that it may not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    Empty,
    Iin(IinError),
    Phone(PhoneError),
    Code(CodeError),
    NotADate {
        text: String,
    },
    NotAUnitKind {
        text: String,
    },
    /// The same IIN is on an earlier line of the file.
    SameIin {
        first: u64,
    },
    /// The same phone is on an earlier line of the file.
    SamePhone {
        first: u64,
    },
}

impl Problem for FieldProblem {
    fn code(&self) -> &'static str {
        match self {
            FieldProblem::Empty => "field_empty",
            FieldProblem::Iin(inner) => inner.code(),
            FieldProblem::Phone(inner) => inner.code(),
            FieldProblem::Code(inner) => inner.code(),
            FieldProblem::NotADate { .. } => "not_a_date",
            FieldProblem::NotAUnitKind { .. } => "not_a_unit_kind",
            FieldProblem::SameIin { .. } => "same_iin_in_file",
            FieldProblem::SamePhone { .. } => "same_phone_in_file",
        }
    }

    fn params(&self, lang: Lang) -> Vec<(&'static str, Param)> {
        match self {
            FieldProblem::Empty => Vec::new(),
            FieldProblem::Iin(inner) => inner.params(lang),
            FieldProblem::Phone(inner) => inner.params(lang),
            FieldProblem::Code(inner) => inner.params(lang),
            FieldProblem::NotADate { text } | FieldProblem::NotAUnitKind { text } => {
                vec![("text", text.into())]
            }
            FieldProblem::SameIin { first } | FieldProblem::SamePhone { first } => {
                vec![("first", (*first).into())]
            }
        }
    }
}

impl FieldError {
    /// `field NAME: what is wrong`, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        i18n::message_with(
            lang,
            "import-field",
            &[
                ("field", self.field.into()),
                ("problem", self.problem.message(lang).into()),
            ],
        )
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Why a row of an import file was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum RowProblem {
    /// The row has another number of fields than the header.
    FieldCount {
        found: usize,
        header: usize,
        columns: String,
    },
    Fields(Vec<FieldError>),
    /// The unit's parent chain within the file loops back to itself.
    Cycle,
    /// The rules refused the command the row became.
    Refused(RuleError),
}

impl RowProblem {
    /// The reason in `lang`, as listed and as written into the reject file.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RowProblem::FieldCount {
                found,
                header,
                columns,
            } => i18n::message_with(
                lang,
                "import-field-count",
                &[
                    ("found", (*found).into()),
                    ("header", (*header).into()),
                    ("columns", columns.into()),
                ],
            ),
            RowProblem::Fields(errors) => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join("; "),
            RowProblem::Cycle => i18n::message(lang, "import-cycle"),
            RowProblem::Refused(refusal) => refusal.message(lang),
        }
    }
}

/// What is wrong with the header line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderProblem {
    UnknownColumn { column: String, expected: String },
    MissingColumn { column: String, expected: String },
    ColumnTwice { column: String },
}

impl Problem for HeaderProblem {
    fn code(&self) -> &'static str {
        match self {
            HeaderProblem::UnknownColumn { .. } => "unknown_column",
            HeaderProblem::MissingColumn { .. } => "missing_column",
            HeaderProblem::ColumnTwice { .. } => "column_twice",
        }
    }

    fn params(&self, _: Lang) -> Vec<(&'static str, Param)> {
        match self {
            HeaderProblem::UnknownColumn { column, expected }
            | HeaderProblem::MissingColumn { column, expected } => {
                vec![("column", column.into()), ("expected", expected.into())]
            }
            HeaderProblem::ColumnTwice { column } => vec![("column", column.into())],
        }
    }
}

pub const MEMBER_COLUMNS: &[&str] = &["iin", "full_name", "phone", "unit", "joined_on"];
pub const UNIT_COLUMNS: &[&str] = &["code", "parent", "kind", "name_ru", "name_kk", "name_en"];

/// Checks a header against the expected columns (any order); returns each expected column's index.
pub fn header_positions(
    header: &[&str],
    expected: &[&'static str],
) -> Result<Vec<usize>, HeaderProblem> {
    let clean: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    if let Some(unknown) = clean.iter().find(|h| !expected.contains(&h.as_str())) {
        return Err(HeaderProblem::UnknownColumn {
            column: unknown.clone(),
            expected: expected.join(","),
        });
    }
    let mut positions = Vec::with_capacity(expected.len());
    for column in expected {
        let found: Vec<usize> = clean
            .iter()
            .enumerate()
            .filter(|(_, h)| h == column)
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [one] => positions.push(*one),
            [] => {
                return Err(HeaderProblem::MissingColumn {
                    column: (*column).to_owned(),
                    expected: expected.join(","),
                });
            }
            _ => {
                return Err(HeaderProblem::ColumnTwice {
                    column: (*column).to_owned(),
                });
            }
        }
    }
    Ok(positions)
}

fn field<T>(
    errors: &mut Vec<FieldError>,
    name: &'static str,
    parsed: Result<T, FieldProblem>,
) -> Option<T> {
    match parsed {
        Ok(v) => Some(v),
        Err(problem) => {
            errors.push(FieldError {
                field: name,
                problem,
            });
            None
        }
    }
}

/// One members row (fields in MEMBER_COLUMNS order) as a `register_member` command.
pub fn member_row(
    fields: &[&str],
    actor: &str,
    held_at: Timestamp,
) -> Result<Envelope, Vec<FieldError>> {
    let mut errors = Vec::new();
    let get = |i: usize| fields.get(i).copied().unwrap_or("");
    let iin = field(
        &mut errors,
        "iin",
        Iin::parse(get(0)).map_err(FieldProblem::Iin),
    );
    let full_name = get(1).trim().to_string();
    if full_name.is_empty() {
        errors.push(FieldError {
            field: "full_name",
            problem: FieldProblem::Empty,
        });
    }
    let phone = field(
        &mut errors,
        "phone",
        Phone::parse(get(2)).map_err(FieldProblem::Phone),
    );
    let unit = field(
        &mut errors,
        "unit",
        Code::parse(get(3)).map_err(FieldProblem::Code),
    );
    let joined_on = field(
        &mut errors,
        "joined_on",
        get(4)
            .trim()
            .parse::<jiff::civil::Date>()
            .map_err(|_| FieldProblem::NotADate {
                text: get(4).trim().to_owned(),
            }),
    );
    match (iin, phone, unit, joined_on) {
        (Some(iin), Some(phone), Some(unit), Some(joined_on)) if errors.is_empty() => {
            Ok(Envelope {
                actor: actor.to_string(),
                held_at,
                command: Command::RegisterMember(RegisterMember {
                    iin,
                    full_name,
                    phone,
                    unit,
                    joined_on,
                }),
            })
        }
        _ => Err(errors),
    }
}

/// One units row (fields in UNIT_COLUMNS order) as a `create_unit` command.
pub fn unit_row(
    fields: &[&str],
    actor: &str,
    held_at: Timestamp,
) -> Result<Envelope, Vec<FieldError>> {
    let mut errors = Vec::new();
    let get = |i: usize| fields.get(i).copied().unwrap_or("").trim();
    let code = field(
        &mut errors,
        "code",
        Code::parse(get(0)).map_err(FieldProblem::Code),
    );
    let parent = if get(1).is_empty() {
        Some(None)
    } else {
        field(
            &mut errors,
            "parent",
            Code::parse(get(1)).map(Some).map_err(FieldProblem::Code),
        )
    };
    let kind = field(
        &mut errors,
        "kind",
        UnitKind::parse(get(2)).ok_or_else(|| FieldProblem::NotAUnitKind {
            text: get(2).to_owned(),
        }),
    );
    if get(3).is_empty() {
        errors.push(FieldError {
            field: "name_ru",
            problem: FieldProblem::Empty,
        });
    }
    match (code, parent, kind) {
        (Some(code), Some(parent), Some(kind)) if errors.is_empty() => Ok(Envelope {
            actor: actor.to_string(),
            held_at,
            command: Command::CreateUnit(CreateUnit {
                code,
                kind,
                parent,
                names: UnitNames {
                    ru: get(3).to_string(),
                    kk: get(4).to_string(),
                    en: get(5).to_string(),
                },
            }),
        }),
        _ => Err(errors),
    }
}

/// Remembers the first line of each IIN and phone, so that a repeat names the line it repeats.
#[derive(Default)]
pub struct DuplicateCheck {
    iins: HashMap<Iin, u64>,
    phones: HashMap<Phone, u64>,
}

impl DuplicateCheck {
    pub fn check(&mut self, envelope: &Envelope, line: u64) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if let Command::RegisterMember(RegisterMember { iin, phone, .. }) = &envelope.command {
            if let Some(first) = self.iins.get(iin) {
                errors.push(FieldError {
                    field: "iin",
                    problem: FieldProblem::SameIin { first: *first },
                });
            } else {
                self.iins.insert(*iin, line);
            }
            if let Some(first) = self.phones.get(phone) {
                errors.push(FieldError {
                    field: "phone",
                    problem: FieldProblem::SamePhone { first: *first },
                });
            } else {
                self.phones.insert(phone.clone(), line);
            }
        }
        errors
    }
}

/// Commands with the file line each came from.
pub type Lined = Vec<(u64, Envelope)>;
/// Lines refused, with the reason.
pub type LineErrors = Vec<(u64, RowProblem)>;

/// Puts `create_unit` commands parent-first. Units whose parents form a cycle within the file
/// are returned apart, so that each can be reported.
pub fn parent_first(units: Lined) -> (Lined, LineErrors) {
    let mut by_code: HashMap<Code, usize> = HashMap::new();
    for (i, (_, env)) in units.iter().enumerate() {
        if let Command::CreateUnit(CreateUnit { code, .. }) = &env.command {
            by_code.entry(code.clone()).or_insert(i);
        }
    }
    let parent_index = |env: &Envelope| -> Option<usize> {
        match &env.command {
            Command::CreateUnit(CreateUnit {
                parent: Some(p), ..
            }) => by_code.get(p).copied(),
            _ => None,
        }
    };
    // Depth by walking parents inside the file; a walk longer than the file is a cycle.
    let n = units.len();
    let mut depth: Vec<Option<usize>> = vec![None; n];
    let mut cyclic = vec![false; n];
    for start in 0..n {
        let mut path = Vec::new();
        let mut current = Some(start);
        let mut base = 0;
        while let Some(i) = current {
            if let Some(d) = depth[i] {
                base = d + 1;
                break;
            }
            if path.contains(&i) || cyclic[i] {
                for &p in &path {
                    cyclic[p] = true;
                }
                break;
            }
            path.push(i);
            current = parent_index(&units[i].1);
        }
        if path.iter().any(|&p| cyclic[p]) {
            continue;
        }
        for (k, &i) in path.iter().rev().enumerate() {
            depth[i] = Some(base + k);
        }
    }
    let mut ordered = Vec::new();
    let mut cycles = Vec::new();
    for (i, (line, env)) in units.into_iter().enumerate() {
        match depth[i] {
            Some(d) if !cyclic[i] => ordered.push((d, line, env)),
            _ => cycles.push((line, RowProblem::Cycle)),
        }
    }
    ordered.sort_by_key(|(d, line, _)| (*d, *line));
    (
        ordered
            .into_iter()
            .map(|(_, line, env)| (line, env))
            .collect(),
        cycles,
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn at() -> Timestamp {
        "2020-08-01T03:00:00Z".parse().unwrap()
    }

    #[test]
    fn headers_in_any_order_are_accepted_and_wrong_ones_named() {
        assert_eq!(
            header_positions(
                &["unit", "iin", "phone", "full_name", "joined_on"],
                MEMBER_COLUMNS
            )
            .unwrap(),
            vec![1, 3, 2, 0, 4]
        );
        let missing =
            header_positions(&["iin", "full_name", "phone", "unit"], MEMBER_COLUMNS).unwrap_err();
        let missing = missing.message(Lang::Ru);
        assert!(missing.contains("joined_on"), "{missing}");
        let typo = header_positions(
            &["iin", "fullname", "phone", "unit", "joined_on"],
            MEMBER_COLUMNS,
        )
        .unwrap_err();
        let typo = typo.message(Lang::Kk);
        assert!(typo.contains("fullname"), "{typo}");
    }

    #[test]
    fn every_bad_field_of_a_row_is_reported() {
        let errors =
            member_row(&["123", "", "12", "bad code!", "2020-13-01"], "a", at()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec!["iin", "full_name", "phone", "unit", "joined_on"]
        );
        for lang in [Lang::Ru, Lang::Kk] {
            let reason = RowProblem::Fields(errors.clone()).message(lang);
            for english in ["empty", "not a", "digits", "field "] {
                assert!(!reason.contains(english), "{lang:?}: {reason}");
            }
        }
    }

    #[test]
    fn units_come_out_parent_first_and_cycles_apart() {
        let row = |code: &str, parent: &str, kind: &str| {
            unit_row(&[code, parent, kind, "н", "", ""], "a", at()).unwrap()
        };
        let units = vec![
            (2, row("P1", "D1", "primary")),
            (3, row("D1", "R", "district")),
            (4, row("R", "", "region")),
            (5, row("X", "Y", "district")),
            (6, row("Y", "X", "region")),
        ];
        let (ordered, cycles) = parent_first(units);
        let lines: Vec<u64> = ordered.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![4, 3, 2]);
        assert_eq!(
            cycles.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            vec![5, 6]
        );
    }
}
