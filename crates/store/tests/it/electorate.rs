//! The roll of a members' poll as the store freezes it in SQL is exactly the electorate the core rule (`poll::in_members_electorate`) selects.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use jiff::civil::Date;
use mandat_core::model::{Member, MemberStatus};
use mandat_core::poll::in_members_electorate;
use mandat_core::{Code, Envelope, Iin, Sex};
use mandat_store::{Pending, Store};
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap, HashSet};

const POLL: &str = "primaries-aksu";
/// The poll's area: this district and the units under it.
const AREA: &str = "ALM-AKSU";
const CUTOFF: &str = "2020-10-01T00:00:00Z";

/// Primary units inside the area and outside it (another district, another region).
const UNITS: [&str; 5] = [
    "ALM-AKSU-P001",
    "ALM-AKSU-P002",
    "ALM-AKSU-P003",
    "ALM-BOST-P001",
    "AST-ESIL-P001",
];

fn iin(n: u32) -> Iin {
    let born = jiff::civil::date(
        1950 + (n % 40) as i16,
        1 + (n % 12) as i8,
        1 + (n % 28) as i8,
    );
    let sex = if n.is_multiple_of(2) {
        Sex::Female
    } else {
        Sex::Male
    };
    let mut serial = (n / 960) as u16 + 1;
    loop {
        if let Some(i) = Iin::compose(born, sex, serial) {
            return i;
        }
        serial += 100;
    }
}

fn cmd(held_at: &str, mut body: Value) -> Pending {
    body["actor"] = json!("org");
    body["held_at"] = json!(held_at);
    let envelope = Envelope::parse(&body.to_string()).unwrap_or_else(|e| panic!("{body}: {e}"));
    let at: Timestamp = held_at.parse().unwrap();
    Pending::new(envelope, at.as_millisecond() + 60_000)
}

fn unit(code: &str, kind: &str, parent: Option<&str>) -> Pending {
    cmd(
        "2020-01-01T00:00:00Z",
        json!({"cmd":"create_unit","code":code,"kind":kind,"parent":parent,"names":{"ru":code,"kk":code,"en":code}}),
    )
}

#[tokio::test]
async fn the_frozen_roll_of_a_members_poll_is_what_the_core_rule_selects() {
    const MEMBERS: u32 = 3000;
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        let mut commands = vec![
            unit("ALM", "region", None),
            unit("ALM-AKSU", "district", Some("ALM")),
            unit("ALM-BOST", "district", Some("ALM")),
            unit("AST", "region", None),
            unit("AST-ESIL", "district", Some("AST")),
        ];
        for u in UNITS {
            let parent = &u[..u.rfind('-').unwrap()];
            commands.push(unit(u, "primary", Some(parent)));
        }
        commands.push(cmd(
            "2020-01-01T00:00:00Z",
            json!({"cmd":"create_campaign","code":"almaty-2020","name":"2020","election_day":"2021-01-10"}),
        ));
        commands.push(cmd(
            "2020-01-01T00:00:00Z",
            json!({"cmd":"set_phase","campaign":"almaty-2020","phase":"primary_vote","starts_local":"2020-10-10T00:00","ends_local":"2020-10-11T12:00"}),
        ));
        // Members of every unit, joined on days around the cutoff (the day before, of, after),
        // registered before the cutoff or between the cutoff and the freeze.
        let mut model: HashMap<Iin, Member> = HashMap::new();
        let cutoff_day: Date = "2020-10-01".parse().unwrap();
        let mut seen = HashSet::new();
        for n in 0..MEMBERS {
            let who = iin(n);
            if !seen.insert(who) {
                continue;
            }
            let unit_code = UNITS[(n % UNITS.len() as u32) as usize];
            // A third joined long ago and were registered before the cutoff; the others joined
            // the day before, of or after it (up to two days either side), registered after it.
            let (joined_on, registered_at) = if n.is_multiple_of(3) {
                (
                    "2018-06-01".parse::<Date>().unwrap(),
                    "2020-09-01T00:00:00Z",
                )
            } else {
                (
                    cutoff_day
                        .checked_add(jiff::Span::new().days(i64::from(n % 5) - 2))
                        .unwrap(),
                    "2020-10-04T00:00:00Z",
                )
            };
            commands.push(cmd(
                registered_at,
                json!({"cmd":"register_member","iin":who.to_string(),"full_name":format!("Member {n}"),"phone":format!("+7701{n:07}"),"unit":unit_code,"joined_on":joined_on.to_string()}),
            ));
            model.insert(
                who,
                Member {
                    id: 0,
                    iin: who,
                    full_name: format!("Member {n}"),
                    phone: mandat_core::phone::Phone::parse(&format!("+7701{n:07}")).unwrap(),
                    unit: unit_code.parse().unwrap(),
                    status: MemberStatus::Active,
                    joined_on,
                },
            );
        }
        // Suspended, expelled, and suspended then active again, between the cutoff and the freeze.
        for (n, who) in model
            .keys()
            .copied()
            .collect::<BTreeSet<Iin>>()
            .into_iter()
            .enumerate()
        {
            let steps: &[&str] = match n % 6 {
                1 => &["suspended"],
                2 => &["expelled"],
                3 => &["suspended", "active"],
                _ => &[],
            };
            for status in steps {
                commands.push(cmd(
                    "2020-10-05T12:00:00Z",
                    json!({"cmd":"set_member_status","iin":who.to_string(),"status":status,"reason":"decision of the bureau"}),
                ));
            }
            if let Some(last) = steps.last() {
                model.get_mut(&who).unwrap().status = match *last {
                    "suspended" => MemberStatus::Suspended,
                    "expelled" => MemberStatus::Expelled,
                    _ => MemberStatus::Active,
                };
            }
        }
        commands.push(cmd(
            "2020-09-20T00:00:00Z",
            json!({"cmd":"create_poll","code":POLL,"campaign":"almaty-2020","title":"Primaries","options":[{"code":"a","label":"A"},{"code":"b","label":"B"}],"method":"plurality","electorate":{"members":{"unit":AREA}},"roll_cutoff":CUTOFF,"opens_at":"2020-10-10T00:00:00Z","closes_at":"2020-10-11T00:00:00Z","phase":"primary_vote"}),
        ));
        // Sorted by time: the journal never goes back.
        commands.sort_by_key(|p| p.envelope.held_at);
        commands.push(cmd(
            "2020-10-06T00:00:00Z",
            json!({"cmd":"freeze_roll","poll":POLL}),
        ));
        let mut batch = store.begin().await.unwrap();
        for (n, r) in batch
            .push_chunk(commands)
            .await
            .unwrap()
            .into_iter()
            .enumerate()
        {
            r.unwrap_or_else(|e| panic!("{}: command {n}: {e}", db.engine));
        }
        batch.commit().await.unwrap();

        use sqlx::Row;
        let ids: HashMap<Iin, i64> = sqlx::query("SELECT id, iin FROM members")
            .fetch_all(store.pool())
            .await
            .unwrap()
            .into_iter()
            .map(|row| {
                let text: String = row.try_get("iin").unwrap();
                (text.parse().unwrap(), row.try_get::<i64, _>("id").unwrap())
            })
            .collect();
        let snapshot = store.read_snapshot().await.unwrap();
        let area: HashSet<Code> = snapshot
            .subtree(&AREA.parse().unwrap())
            .into_iter()
            .collect();
        let expected: BTreeSet<i64> = model
            .values()
            .filter(|m| in_members_electorate(m, &area))
            .map(|m| ids[&m.iin])
            .collect();
        let frozen: BTreeSet<i64> = sqlx::query("SELECT member FROM poll_roll WHERE poll = $1")
            .bind(POLL)
            .fetch_all(store.pool())
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.try_get::<i64, _>("member").unwrap())
            .collect();
        // Every case is there: inside and outside the area, each status.
        assert!(expected.len() > 500, "{}: {}", db.engine, expected.len());
        assert!(
            model
                .values()
                .any(|m| area.contains(&m.unit) && m.status != MemberStatus::Active)
        );
        assert!(
            model
                .values()
                .any(|m| !area.contains(&m.unit) && m.status == MemberStatus::Active)
        );
        assert_eq!(frozen, expected, "{}", db.engine);
        assert_eq!(
            store.poll(&POLL.parse().unwrap()).await.unwrap().roll_size,
            expected.len() as u64,
            "{}",
            db.engine
        );
        store.close().await;
    }
}
