//! The journal's wire format: a command's canonical text (what is hashed) is byte for byte what it was before commands became types.
#![allow(clippy::unwrap_used)]

use mandat_core::Envelope;

/// Canonical texts recorded before the commands became structs: flattened fields (`motion`,
/// eligibility `rules`, a list `edit`), fields skipped when empty, and defaults filled in.
const RECORDED: &[&str] = &[
    r#"{"actor":"secretary:ALM-KERBULAK-P002","held_at":"2020-11-07T09:08:00Z","cmd":"put_to_vote","meeting":"ALM-KERBULAK-P002.2020","vote":3,"motion":"delegates","candidates":["641205312221","790811312967"],"rule":"majority_of_present"}"#,
    r#"{"actor":"organizing-committee:ALM-AKSU","held_at":"2020-08-14T04:00:00Z","cmd":"set_eligibility","campaign":"almaty-2020","target":"ALM-AKSU-maslikhat","min_age":20,"min_residency_years":1,"min_membership_days":365}"#,
    r#"{"actor":"organizer:ALM-KERBULAK","held_at":"2020-10-07T05:00:00Z","cmd":"edit_list","campaign":"kerbulak-2020","target":"ALM-KERBULAK-maslikhat","edit":"remove","iin":"860130411483","reason":"не представлена справка с места работы"}"#,
    r#"{"actor":"organizer:ALM-AKSU","held_at":"2020-08-04T04:00:00Z","cmd":"change_member_phone","iin":"850314400017","phone":"+77771234567","reason":"the member's written request of 4 Aug 2020"}"#,
    r#"{"actor":"ballot-box","held_at":"2020-10-01T10:00:00Z","cmd":"record_ballots","poll":"ALM-AKSU-primary-2020","voters":["860923421025","950207321035"]}"#,
    r#"{"actor":"counting-commission:ALM-KERBULAK","held_at":"2020-10-03T04:00:00Z","cmd":"count_poll","poll":"ALM-KERBULAK-primary-2020","lot_seed":null,"youth_age_limit":35}"#,
    r#"{"actor":"organizer:ALM-KERBULAK","held_at":"2020-11-03T04:14:00Z","cmd":"convene_meeting","code":"ALM-KERBULAK-P003.2020","campaign":"kerbulak-2020","unit":"ALM-KERBULAK-P003","phase":"ppo_meetings","extraordinary":false,"convened_by":"Решение бюро политсовета Кербулакского районного филиала № 14 от 3 ноября 2020 года","scheduled_at":"2020-11-07T05:00:00Z","venue":"Здание аппарата акима, с. Когалы","capacity":30,"streams":[],"quorum":{"rule":"more_than_half"},"entry_deadline":"2099-12-31T00:00:00Z","rerun_of":null}"#,
    r#"{"actor":"organizer:ALM-KERBULAK","held_at":"2020-12-01T04:00:00Z","cmd":"withdraw_from_list","campaign":"kerbulak-2020","target":"ALM-KERBULAK-maslikhat","iin":"790811312967","cause":"withdrew","decision":"заявление кандидата от 30 ноября 2020 года; решение бюро политсовета № 21 от 1 декабря 2020 года"}"#,
    r#"{"actor":"organizer:ALM","held_at":"2020-08-10T04:00:00Z","cmd":"create_campaign","code":"almaty-2020","name":"Праймериз и конференции 2020","election_day":"2021-01-10","time_zone":"Asia/Almaty"}"#,
];

#[test]
fn a_command_s_canonical_text_is_byte_for_byte_what_the_journal_recorded() {
    for text in RECORDED {
        let envelope = Envelope::parse(text).unwrap();
        assert_eq!(&envelope.canonical(), text);
    }
}
