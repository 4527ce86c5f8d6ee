//! Who may stand in the primaries for a party list: age on election day, membership, residency, record.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{Body, Member, MemberStatus};

/// Minimum age on election day for a maslikhat list (local or regional).
pub const MASLIKHAT_MIN_AGE: u16 = 20;
/// Minimum age on election day for the Mazhilis list.
pub const MAZHILIS_MIN_AGE: u16 = 25;
/// Years of residence in Kazakhstan a Mazhilis candidate needs (the 2020 rule; rules version 2).
pub const MAZHILIS_MIN_RESIDENCY: u16 = 10;

/// Who may stand for a target (party list). Defaults by body: maslikhat lists at least 20
/// years old on election day, Mazhilis 25; residency 0 years unless set; no minimum length of
/// membership unless set. Membership must always be active, and an unexpunged conviction
/// always bars a candidate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityRules {
    /// Whole years of age on election day, at least.
    pub min_age: u16,
    /// Years of residence, at least (0: no requirement).
    #[serde(default)]
    pub min_residency_years: u16,
    /// Days of membership on election day, at least (0: no requirement).
    #[serde(default)]
    pub min_membership_days: u32,
    /// Whether a candidate of this target may also stand for another target of the campaign
    /// (rules version 2; default false: one candidacy per person per campaign, the 2020 rule
    /// of one region, city or district).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub other_candidacies: bool,
    /// Whether only party members may stand (default true). In 2020 any citizen with electoral
    /// rights could stand in the primaries: false lets a person registered with
    /// `register_person` stand; an expelled or suspended member never does.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub membership_required: bool,
}

fn yes() -> bool {
    true
}

impl EligibilityRules {
    /// The defaults for a list for `body` under the rules in force: from version 2, the 2020
    /// rule of 10 years' residence for the Mazhilis.
    pub fn defaults(body: Body, version: crate::rules::RulesVersion) -> EligibilityRules {
        let mut rules = EligibilityRules::for_body(body);
        if version.charter() && body == Body::Mazhilis {
            rules.min_residency_years = MAZHILIS_MIN_RESIDENCY;
        }
        rules
    }

    /// The defaults for a list for `body`.
    pub fn for_body(body: Body) -> EligibilityRules {
        let min_age = match body {
            Body::LocalMaslikhat | Body::RegionalMaslikhat => MASLIKHAT_MIN_AGE,
            Body::Mazhilis => MAZHILIS_MIN_AGE,
        };
        EligibilityRules {
            min_age,
            min_residency_years: 0,
            min_membership_days: 0,
            other_candidacies: false,
            membership_required: true,
        }
    }
}

/// What the nomination declares and the registry knows about a candidate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateFacts {
    pub birth_date: Date,
    pub status: MemberStatus,
    pub joined_on: Date,
    pub residency_years: u16,
    pub unexpunged_conviction: bool,
    /// A declared corruption offence (rules version 2 records it; always false before).
    #[serde(default)]
    pub corruption_offence: bool,
}

impl CandidateFacts {
    /// The registry's facts about `member` (birth date from the IIN, status, joining date)
    /// with what the nomination declares.
    pub fn of_member(
        member: &Member,
        residency_years: u16,
        unexpunged_conviction: bool,
    ) -> CandidateFacts {
        CandidateFacts {
            birth_date: member.birth_date(),
            status: member.status,
            joined_on: member.joined_on,
            residency_years,
            unexpunged_conviction,
            corruption_offence: false,
        }
    }
}

/// One failed rule; the message names the rule, the candidate's value and what is required.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Ineligibility {
    #[error(
        "age on election day {election_day} would be {age}; at least {min} is required for this list"
    )]
    TooYoung {
        age: i16,
        min: u16,
        election_day: Date,
    },
    #[error("membership is {status}; only active members may stand")]
    NotActive { status: String },
    #[error("not a party member; this list requires membership")]
    NotAMember,
    #[error("expelled from the party; an expelled person may not stand")]
    Expelled,
    #[error("resident {years} years; at least {min} years of residence are required")]
    Residency { years: u16, min: u16 },
    #[error("has an unexpunged conviction; a candidate must have none")]
    Conviction,
    #[error("committed a corruption offence; such a person may not stand")]
    CorruptionOffence,
    #[error(
        "a member for {days} days on election day; at least {min} days of membership are required"
    )]
    MembershipTooShort { days: i64, min: u32 },
}

impl Ineligibility {
    /// Every code, for the catalogue test.
    pub const CODES: &'static [&'static str] = &[
        "too_young",
        "not_active",
        "not_a_member",
        "expelled",
        "residency",
        "conviction",
        "corruption_offence",
        "membership_too_short",
    ];

    /// The stable code of the failed rule; its sentence is `refusal-ineligible-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            Ineligibility::TooYoung { .. } => "too_young",
            Ineligibility::NotActive { .. } => "not_active",
            Ineligibility::NotAMember => "not_a_member",
            Ineligibility::Expelled => "expelled",
            Ineligibility::Residency { .. } => "residency",
            Ineligibility::Conviction => "conviction",
            Ineligibility::CorruptionOffence => "corruption_offence",
            Ineligibility::MembershipTooShort { .. } => "membership_too_short",
        }
    }

    /// The sentence in `lang`.
    pub fn message(&self, lang: crate::Lang) -> String {
        use crate::i18n::Param;
        let params = match self {
            Ineligibility::TooYoung {
                age,
                min,
                election_day,
            } => vec![
                ("age", Param::from(*age)),
                ("min", Param::from(*min)),
                ("election_day", Param::from(election_day.to_string())),
            ],
            Ineligibility::NotActive { status } => vec![("status", Param::from(status))],
            Ineligibility::Residency { years, min } => {
                vec![("years", Param::from(*years)), ("min", Param::from(*min))]
            }
            Ineligibility::MembershipTooShort { days, min } => {
                vec![("days", Param::from(*days)), ("min", Param::from(*min))]
            }
            Ineligibility::Expelled
            | Ineligibility::NotAMember
            | Ineligibility::Conviction
            | Ineligibility::CorruptionOffence => Vec::new(),
        };
        crate::i18n::message_with(
            lang,
            &format!("refusal-ineligible-{}", self.code()),
            &params,
        )
    }
}

/// Every failed rule, in a fixed order: age, membership status, residency, conviction,
/// length of membership. An empty list means the candidate is eligible.
pub fn check_eligibility(
    rules: &EligibilityRules,
    facts: &CandidateFacts,
    election_day: Date,
) -> Vec<Ineligibility> {
    let mut failed = Vec::new();
    let age = age_on(facts.birth_date, election_day);
    if i32::from(age) < i32::from(rules.min_age) {
        failed.push(Ineligibility::TooYoung {
            age,
            min: rules.min_age,
            election_day,
        });
    }
    match facts.status {
        MemberStatus::Active => {}
        MemberStatus::Suspended => failed.push(Ineligibility::NotActive {
            status: facts.status.as_str().to_string(),
        }),
        MemberStatus::Expelled => failed.push(Ineligibility::Expelled),
        MemberStatus::NonMember if rules.membership_required => {
            failed.push(Ineligibility::NotAMember)
        }
        MemberStatus::NonMember => {}
    }
    if facts.residency_years < rules.min_residency_years {
        failed.push(Ineligibility::Residency {
            years: facts.residency_years,
            min: rules.min_residency_years,
        });
    }
    if facts.unexpunged_conviction {
        failed.push(Ineligibility::Conviction);
    }
    if facts.corruption_offence {
        failed.push(Ineligibility::CorruptionOffence);
    }
    // A non-member who may stand has no membership to count.
    if rules.min_membership_days > 0 && facts.status != MemberStatus::NonMember {
        let days = membership_days(facts.joined_on, election_day);
        if days < i64::from(rules.min_membership_days) {
            failed.push(Ineligibility::MembershipTooShort {
                days,
                min: rules.min_membership_days,
            });
        }
    }
    failed
}

/// Whole years of age on `day`: the count of [`Iin::age_on`](crate::iin::Iin::age_on) and
/// of the list rules. The age goes up on the birthday itself; a person born on 29 February
/// has their birthday on 1 March in a non-leap year (still 19 on 28 February, 20 on 1 March).
pub fn age_on(birth: Date, day: Date) -> i16 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Days from joining to `day` (the joining day itself not counted; negative if joined after).
fn membership_days(joined_on: Date, day: Date) -> i64 {
    // Civil days are always 86 400 seconds long, so the division is exact.
    day.duration_since(joined_on).as_secs() / 86_400
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::iin::{Iin, Sex};
    use jiff::civil::date;

    const ELECTION_DAY: Date = date(2021, 1, 10);

    fn eligible() -> CandidateFacts {
        CandidateFacts {
            birth_date: date(1980, 5, 17),
            status: MemberStatus::Active,
            joined_on: date(2010, 3, 1),
            residency_years: 40,
            unexpunged_conviction: false,
            corruption_offence: false,
        }
    }

    fn strict() -> EligibilityRules {
        EligibilityRules {
            min_age: 25,
            min_residency_years: 10,
            min_membership_days: 365,
            other_candidacies: false,
            membership_required: true,
        }
    }

    #[test]
    fn a_non_member_stands_only_where_membership_is_not_required_and_an_expelled_member_never() {
        let person = CandidateFacts {
            birth_date: jiff::civil::date(1980, 1, 1),
            status: MemberStatus::NonMember,
            joined_on: jiff::civil::date(2020, 8, 20),
            residency_years: 30,
            unexpunged_conviction: false,
            corruption_offence: false,
        };
        let day = jiff::civil::date(2021, 1, 10);
        let required = strict();
        assert_eq!(
            check_eligibility(&required, &person, day),
            vec![Ineligibility::NotAMember]
        );
        let open = EligibilityRules {
            membership_required: false,
            ..strict()
        };
        // Nor does the length of membership count against a non-member.
        assert!(check_eligibility(&open, &person, day).is_empty());
        let expelled = CandidateFacts {
            status: MemberStatus::Expelled,
            joined_on: jiff::civil::date(2000, 1, 1),
            ..person
        };
        assert_eq!(
            check_eligibility(&open, &expelled, day),
            vec![Ineligibility::Expelled]
        );
    }

    #[test]
    fn defaults_follow_the_body() {
        assert_eq!(EligibilityRules::for_body(Body::LocalMaslikhat).min_age, 20);
        assert_eq!(
            EligibilityRules::for_body(Body::RegionalMaslikhat).min_age,
            20
        );
        let mazhilis = EligibilityRules::for_body(Body::Mazhilis);
        assert_eq!(mazhilis.min_age, 25);
        assert_eq!(mazhilis.min_residency_years, 0);
        assert_eq!(mazhilis.min_membership_days, 0);
    }

    #[test]
    fn rules_read_with_only_an_age() {
        let rules: EligibilityRules = serde_json::from_str(r#"{"min_age": 20}"#).unwrap();
        assert_eq!(rules, EligibilityRules::for_body(Body::LocalMaslikhat));
    }

    #[test]
    fn an_eligible_candidate_fails_nothing() {
        assert_eq!(check_eligibility(&strict(), &eligible(), ELECTION_DAY), []);
    }

    #[test]
    fn too_young_names_the_age_and_the_day() {
        let facts = CandidateFacts {
            birth_date: date(2001, 1, 11),
            ..eligible()
        };
        let rules = EligibilityRules::for_body(Body::LocalMaslikhat);
        let failed = check_eligibility(&rules, &facts, ELECTION_DAY);
        assert_eq!(
            failed,
            [Ineligibility::TooYoung {
                age: 19,
                min: 20,
                election_day: ELECTION_DAY
            }]
        );
        assert_eq!(
            failed[0].to_string(),
            "age on election day 2021-01-10 would be 19; at least 20 is required for this list"
        );
    }

    #[test]
    fn the_birthday_on_election_day_counts() {
        let rules = EligibilityRules::for_body(Body::LocalMaslikhat);
        let on_the_day = CandidateFacts {
            birth_date: date(2001, 1, 10),
            ..eligible()
        };
        assert_eq!(check_eligibility(&rules, &on_the_day, ELECTION_DAY), []);
        let day_after = CandidateFacts {
            birth_date: date(2001, 1, 11),
            ..eligible()
        };
        assert_eq!(check_eligibility(&rules, &day_after, ELECTION_DAY).len(), 1);
    }

    #[test]
    fn a_leap_day_birthday_falls_on_the_first_of_march() {
        let birth = date(2000, 2, 29);
        assert_eq!(age_on(birth, date(2020, 2, 28)), 19);
        assert_eq!(age_on(birth, date(2020, 2, 29)), 20);
        assert_eq!(age_on(birth, date(2021, 2, 28)), 20);
        assert_eq!(age_on(birth, date(2021, 3, 1)), 21);
        assert_eq!(age_on(birth, date(2000, 2, 29)), 0);
    }

    #[test]
    fn age_matches_the_iin_count() {
        let iin = Iin::compose(date(1996, 2, 29), Sex::Female, 17).unwrap();
        for day in [
            date(2021, 2, 28),
            date(2021, 3, 1),
            date(2024, 2, 28),
            date(2024, 2, 29),
            date(2025, 12, 31),
        ] {
            assert_eq!(age_on(iin.birth_date(), day), iin.age_on(day));
        }
    }

    #[test]
    fn suspended_and_expelled_members_are_refused() {
        let suspended = CandidateFacts {
            status: MemberStatus::Suspended,
            ..eligible()
        };
        let failed = check_eligibility(&strict(), &suspended, ELECTION_DAY);
        assert_eq!(
            failed,
            [Ineligibility::NotActive {
                status: "suspended".into()
            }]
        );
        assert_eq!(
            failed[0].to_string(),
            "membership is suspended; only active members may stand"
        );
        let expelled = CandidateFacts {
            status: MemberStatus::Expelled,
            ..eligible()
        };
        assert_eq!(
            check_eligibility(&strict(), &expelled, ELECTION_DAY),
            [Ineligibility::Expelled]
        );
    }

    #[test]
    fn residency_names_the_years() {
        let facts = CandidateFacts {
            residency_years: 9,
            ..eligible()
        };
        let failed = check_eligibility(&strict(), &facts, ELECTION_DAY);
        assert_eq!(failed, [Ineligibility::Residency { years: 9, min: 10 }]);
        assert_eq!(
            failed[0].to_string(),
            "resident 9 years; at least 10 years of residence are required"
        );
        // No residency rule by default.
        let rules = EligibilityRules::for_body(Body::Mazhilis);
        let facts = CandidateFacts {
            residency_years: 0,
            ..eligible()
        };
        assert_eq!(check_eligibility(&rules, &facts, ELECTION_DAY), []);
    }

    #[test]
    fn a_conviction_is_refused() {
        let facts = CandidateFacts {
            unexpunged_conviction: true,
            ..eligible()
        };
        assert_eq!(
            check_eligibility(&strict(), &facts, ELECTION_DAY),
            [Ineligibility::Conviction]
        );
    }

    #[test]
    fn membership_length_is_counted_in_days_to_election_day() {
        // 2020-01-11 → 2021-01-10: 365 days (2020 is a leap year).
        let exactly = CandidateFacts {
            joined_on: date(2020, 1, 11),
            ..eligible()
        };
        assert_eq!(check_eligibility(&strict(), &exactly, ELECTION_DAY), []);
        let short = CandidateFacts {
            joined_on: date(2020, 1, 12),
            ..eligible()
        };
        let failed = check_eligibility(&strict(), &short, ELECTION_DAY);
        assert_eq!(
            failed,
            [Ineligibility::MembershipTooShort {
                days: 364,
                min: 365
            }]
        );
        assert_eq!(
            failed[0].to_string(),
            "a member for 364 days on election day; at least 365 days of membership are required"
        );
        // Without a rule, even a member who joined after election day passes.
        let rules = EligibilityRules::for_body(Body::LocalMaslikhat);
        let late = CandidateFacts {
            joined_on: date(2021, 2, 1),
            ..eligible()
        };
        assert_eq!(check_eligibility(&rules, &late, ELECTION_DAY), []);
    }

    #[test]
    fn the_2020_defaults_ask_ten_years_of_residence_for_the_mazhilis_from_rules_version_2() {
        use crate::rules::RulesVersion;
        let v1 = EligibilityRules::defaults(Body::Mazhilis, RulesVersion::FIRST);
        let v2 = EligibilityRules::defaults(Body::Mazhilis, RulesVersion::CHARTER);
        assert_eq!((v1.min_age, v1.min_residency_years), (25, 0));
        assert_eq!((v2.min_age, v2.min_residency_years), (25, 10));
        let maslikhat = EligibilityRules::defaults(Body::LocalMaslikhat, RulesVersion::CHARTER);
        assert_eq!(maslikhat.min_residency_years, 0);
    }

    #[test]
    fn every_failure_is_listed_in_order() {
        let facts = CandidateFacts {
            birth_date: date(2000, 1, 1),
            status: MemberStatus::Expelled,
            joined_on: date(2020, 12, 31),
            residency_years: 2,
            unexpunged_conviction: true,
            corruption_offence: true,
        };
        let failed = check_eligibility(&strict(), &facts, ELECTION_DAY);
        assert_eq!(
            failed,
            [
                Ineligibility::TooYoung {
                    age: 21,
                    min: 25,
                    election_day: ELECTION_DAY
                },
                Ineligibility::Expelled,
                Ineligibility::Residency { years: 2, min: 10 },
                Ineligibility::Conviction,
                Ineligibility::CorruptionOffence,
                Ineligibility::MembershipTooShort { days: 10, min: 365 },
            ]
        );
        let json = serde_json::to_value(&failed).unwrap();
        assert_eq!(json[0]["rule"], "too_young");
        assert_eq!(json[0]["election_day"], "2021-01-10");
        assert_eq!(json[1]["rule"], "expelled");
    }
}
