//! The conference approves a party list only as the delegates were shown it and only when it breaks no rule; then it is frozen — on both engines.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{Desk, example_text as example, mandat};
use mandat_testkit::engines;

const WOMAN: &str = "860130411483";

fn edit(kind: &str, extra: &str, held_at: &str) -> String {
    format!(
        r#"{{"cmd":"edit_list","actor":"organizer:ALM-KERBULAK","held_at":"{held_at}","campaign":"kerbulak-2020","target":"ALM-KERBULAK-maslikhat","edit":"{kind}","iin":"{WOMAN}"{extra},"reason":"тест"}}"#
    )
}

fn list_vote(revision: u32) -> String {
    format!(
        r#"{{"cmd":"put_to_vote","actor":"secretary:ALM-KERBULAK.2020-list","held_at":"2020-11-20T11:10:00+06:00","meeting":"ALM-KERBULAK.2020-list","vote":3,"motion":"party_list","target":"ALM-KERBULAK-maslikhat","revision":{revision}}}"#
    )
}

#[tokio::test]
async fn a_list_is_approved_only_as_shown_and_only_when_it_breaks_no_rule() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        desk.accepted(&example("conference.jsonl"));
        let lists = example("lists.jsonl");
        let vote_line = lists
            .lines()
            .position(|l| l.contains(r#""motion":"party_list""#))
            .unwrap();
        let lines: Vec<&str> = lists.lines().collect();
        desk.accepted(&lines[..vote_line].join("\n"));

        // The delegates were shown revision 3; the list is at 4.
        let stale = desk.refused(&list_vote(3));
        assert!(
            stale.contains("names revision 3") && stale.contains("at revision 4"),
            "{stale}"
        );

        // An edit leaves one woman of five: the list cannot be put to the vote, and the refusal
        // names each broken rule with its shortfall.
        desk.accepted(&edit("remove", "", "2020-11-20T11:06:00+06:00"));
        let breaking = desk.refused(&list_vote(5));
        assert!(breaking.contains("cannot be put to the vote"), "{breaking}");
        assert!(
            breaking.contains("партия: не менее 30 % женщин"),
            "{breaking}"
        );
        desk.accepted(&edit("add", r#","place":6"#, "2020-11-20T11:08:00+06:00"));

        // A list is approved by a majority of those present, and by its own conference only.
        let two_thirds = list_vote(6).replace(
            r#""revision":6"#,
            r#""revision":6,"rule":"two_thirds_of_present""#,
        );
        let rule = desk.refused(&two_thirds);
        assert!(rule.contains("majority_of_present"), "{rule}");

        // The rest of the example, voting on the mended list (revision 6).
        let rest = lines[vote_line..]
            .join("\n")
            .replace(r#""revision":4"#, r#""revision":6"#);
        desk.accepted(&rest);

        // Frozen: no edits, no new draft.
        let frozen = desk.refused(&edit("remove", "", "2020-12-02T10:00:00+06:00"));
        assert!(frozen.contains("frozen"), "{frozen}");

        let verify = mandat(&db, &desk.secret, &["verify"]);
        assert_eq!(verify.code, 0, "{}\n{}", verify.stderr, verify.stdout);
    }
}
