//! Turning rows of an import file into commands: field checks, duplicates within the file, parent-first order.

use crate::command::{Command, Envelope};
use crate::command::{CreateUnit, RegisterMember};
use crate::iin::Iin;
use crate::model::{Code, UnitKind, UnitNames};
use crate::phone::Phone;
use jiff::Timestamp;
use std::collections::HashMap;

/// What is wrong with one field of one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub reason: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "field {}: {}", self.field, self.reason)
    }
}

pub const MEMBER_COLUMNS: &[&str] = &["iin", "full_name", "phone", "unit", "joined_on"];
pub const UNIT_COLUMNS: &[&str] = &["code", "parent", "kind", "name_ru", "name_kk", "name_en"];

/// Checks a header against the expected columns (any order); returns each expected column's index.
pub fn header_positions(header: &[&str], expected: &[&'static str]) -> Result<Vec<usize>, String> {
    let clean: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    if let Some(unknown) = clean.iter().find(|h| !expected.contains(&h.as_str())) {
        return Err(format!(
            "unknown column {unknown:?} in the header; the columns are: {}",
            expected.join(",")
        ));
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
                return Err(format!(
                    "the header has no column {column:?}; the columns are: {}",
                    expected.join(",")
                ));
            }
            _ => return Err(format!("the header names column {column:?} twice")),
        }
    }
    Ok(positions)
}

fn field<T, E: std::fmt::Display>(
    errors: &mut Vec<FieldError>,
    name: &'static str,
    parsed: Result<T, E>,
) -> Option<T> {
    match parsed {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(FieldError {
                field: name,
                reason: e.to_string(),
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
    let iin = field(&mut errors, "iin", Iin::parse(get(0)));
    let full_name = get(1).trim().to_string();
    if full_name.is_empty() {
        errors.push(FieldError {
            field: "full_name",
            reason: "empty".into(),
        });
    }
    let phone = field(&mut errors, "phone", Phone::parse(get(2)));
    let unit = field(&mut errors, "unit", Code::parse(get(3)));
    let joined_on = field(
        &mut errors,
        "joined_on",
        get(4)
            .trim()
            .parse::<jiff::civil::Date>()
            .map_err(|_| format!("{:?} is not a date YYYY-MM-DD", get(4).trim())),
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
    let code = field(&mut errors, "code", Code::parse(get(0)));
    let parent = if get(1).is_empty() {
        Some(None)
    } else {
        field(&mut errors, "parent", Code::parse(get(1)).map(Some))
    };
    let kind = field(
        &mut errors,
        "kind",
        UnitKind::parse(get(2)).ok_or_else(|| {
            format!(
                "{:?} is not a unit kind (central, region, district, city, primary)",
                get(2)
            )
        }),
    );
    if get(3).is_empty() {
        errors.push(FieldError {
            field: "name_ru",
            reason: "empty".into(),
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
                    reason: format!("the same IIN is on line {first}: one IIN, one member"),
                });
            } else {
                self.iins.insert(*iin, line);
            }
            if let Some(first) = self.phones.get(phone) {
                errors.push(FieldError {
                    field: "phone",
                    reason: format!(
                        "the same phone is on line {first}: one member, one mobile number"
                    ),
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
pub type LineErrors = Vec<(u64, String)>;

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
            _ => cycles.push((
                line,
                "the parent chain of this unit loops back to itself (a cycle in the unit tree): fix the parent column".to_string(),
            )),
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
        assert!(missing.contains("joined_on"), "{missing}");
        let typo = header_positions(
            &["iin", "fullname", "phone", "unit", "joined_on"],
            MEMBER_COLUMNS,
        )
        .unwrap_err();
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
