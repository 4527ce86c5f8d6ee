//! `mandat notices send`: the convocation or the reminder to a conference's delegates by SMS, each at most once (the log in the database says who has had it).

use crate::failure::Failure;
use jiff::Timestamp;
use mandat_core::Code;
use mandat_core::i18n;
use mandat_core::notice::DelegateNoticeKind;
use mandat_store::Store;

/// Sends the notice of `kind` for `meeting` through the sender the options name, and prints
/// what was sent, sent before, without a phone, or failed.
pub async fn send(
    store: &Store,
    meeting: &Code,
    kind: DelegateNoticeKind,
    sms: &crate::serve::SignInArgs,
) -> Result<(), Failure> {
    let lang = crate::words::lang();
    let refused =
        |reason: String| Failure::said("notices-refused", vec![("reason", reason.into())]);
    let Some(sender) = crate::serve::code_sender(sms, false)? else {
        return Err(refused(i18n::message(lang, "notices-no-sender")));
    };
    let app = mandat_app::App::new(store.clone()).with_sms_sender(sender);
    let report = app
        .send_notices(meeting, kind, Timestamp::now())
        .await
        .map_err(Failure::app)?
        .map_err(|refusal| refused(refusal.message(lang)))?;
    println!(
        "{}",
        i18n::message_with(
            lang,
            "dashboard-notices-done",
            &[
                ("meeting", meeting.as_str().into()),
                ("sent", i18n::count(lang, report.sent as u64).into()),
                ("already", i18n::count(lang, report.already as u64).into()),
                ("no_phone", i18n::count(lang, report.no_phone as u64).into()),
                ("failed", i18n::count(lang, report.failed as u64).into()),
            ]
        )
    );
    if report.failed > 0 {
        return Err(Failure::check(
            "notices-failed",
            vec![("failed", report.failed.into())],
        ));
    }
    Ok(())
}
