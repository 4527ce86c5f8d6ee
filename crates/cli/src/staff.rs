//! `mandat account` and `mandat grant`: staff accounts with their one-time secrets, and role grants to people by IIN, journaled with the operator as actor.

use crate::failure::Failure;
use jiff::Timestamp;
use mandat_app::App;
use mandat_core::command::{AddAccount, DisableAccount, GrantRole, RevokeGrant};
use mandat_core::i18n::{self, Param};
use mandat_core::staff::{GrantScope, GrantedRole, Login, StaffRole};
use mandat_core::{Code, Iin};

fn say(key: &str, params: &[(&str, Param)]) -> String {
    i18n::message_with(crate::words::lang(), key, params)
}

fn print_secrets(login: &Login, secrets: &mandat_app::NewSecrets) {
    println!("{}", say("staff-secrets-once", &[]));
    println!(
        "  {}",
        say(
            "staff-password",
            &[("password", secrets.password.as_str().into())]
        )
    );
    println!(
        "  {}",
        say("staff-totp", &[("uri", secrets.totp_uri.as_str().into())])
    );
    // The login again, so that a printout of these three lines is complete.
    println!("  login: {login}");
}

/// `mandat account add LOGIN --role R --unit U`: journals the account, prints its secrets once.
pub async fn add(
    app: &App,
    login: Login,
    role: StaffRole,
    unit: Code,
    actor: &str,
) -> Result<(), Failure> {
    let command = AddAccount {
        login: login.clone(),
        role,
        unit: unit.clone(),
    };
    let (receipt, secrets) = app
        .add_account(actor, command, Timestamp::now())
        .await
        .map_err(Failure::app)?;
    eprintln!(
        "{}",
        say(
            "staff-account-added",
            &[
                ("login", login.as_str().into()),
                ("role", role.as_str().into()),
                ("unit", unit.as_str().into()),
                ("seq", receipt.seq.into()),
            ]
        )
    );
    print_secrets(&login, &secrets);
    Ok(())
}

/// `mandat account reset LOGIN`: new password and TOTP secret, printed once; sessions end.
pub async fn reset(app: &App, login: Login) -> Result<(), Failure> {
    let secrets = app
        .reset_account(&login, Timestamp::now())
        .await
        .map_err(Failure::app)?;
    eprintln!(
        "{}",
        say("staff-account-reset", &[("login", login.as_str().into())])
    );
    print_secrets(&login, &secrets);
    Ok(())
}

/// `mandat account disable LOGIN --reason R`.
pub async fn disable(app: &App, login: Login, reason: String, actor: &str) -> Result<(), Failure> {
    let receipt = app
        .disable_account(
            actor,
            DisableAccount {
                login: login.clone(),
                reason,
            },
            Timestamp::now(),
        )
        .await
        .map_err(Failure::app)?;
    println!(
        "{}",
        say(
            "staff-account-disabled",
            &[
                ("login", login.as_str().into()),
                ("seq", receipt.seq.into())
            ]
        )
    );
    Ok(())
}

/// Where a grant applies, as given on the command line (clap makes it exactly one).
pub struct Scope {
    pub unit: Option<Code>,
    pub meeting: Option<Code>,
    pub poll: Option<Code>,
}

impl Scope {
    fn text(&self) -> String {
        GrantScope::from_fields(
            self.unit.as_ref(),
            self.meeting.as_ref(),
            self.poll.as_ref(),
        )
        .map(|s| s.to_string())
        .unwrap_or_default()
    }
}

/// `mandat grant add IIN --role R --unit|--meeting|--poll CODE`.
pub async fn grant(
    app: &App,
    iin: Iin,
    role: GrantedRole,
    scope: Scope,
    actor: &str,
) -> Result<(), Failure> {
    let text = scope.text();
    let command = GrantRole {
        role,
        iin,
        unit: scope.unit,
        meeting: scope.meeting,
        poll: scope.poll,
    };
    let now = Timestamp::now();
    let receipt = app
        .submit(actor, command.into(), now, now)
        .await
        .map_err(Failure::app)?;
    println!(
        "{}",
        say(
            "staff-grant-added",
            &[
                ("role", role.as_str().into()),
                ("scope", text.into()),
                ("iin", iin.masked().into()),
                ("seq", receipt.seq.into()),
            ]
        )
    );
    Ok(())
}

/// `mandat grant revoke IIN --role R --unit|--meeting|--poll CODE --reason R`.
pub async fn revoke(
    app: &App,
    iin: Iin,
    role: GrantedRole,
    scope: Scope,
    reason: String,
    actor: &str,
) -> Result<(), Failure> {
    let text = scope.text();
    let command = RevokeGrant {
        role,
        iin,
        unit: scope.unit,
        meeting: scope.meeting,
        poll: scope.poll,
        reason,
    };
    let now = Timestamp::now();
    let receipt = app
        .submit(actor, command.into(), now, now)
        .await
        .map_err(Failure::app)?;
    println!(
        "{}",
        say(
            "staff-grant-revoked",
            &[
                ("role", role.as_str().into()),
                ("scope", text.into()),
                ("iin", iin.masked().into()),
                ("seq", receipt.seq.into()),
            ]
        )
    );
    Ok(())
}

/// `mandat grant list [--iin IIN] [--json]`: every grant (IINs masked), lapsed ones marked.
pub async fn list(app: &App, iin: Option<Iin>, json: bool) -> Result<(), Failure> {
    let grants = app.grants(iin).await.map_err(Failure::app)?;
    if json {
        let rows: Vec<serde_json::Value> = grants
            .iter()
            .map(|(g, lapsed)| {
                serde_json::json!({
                    "iin": g.iin.masked(),
                    "role": g.role.as_str(),
                    "scope": g.scope.to_string(),
                    "granted_seq": g.granted_seq,
                    "lapsed": lapsed,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(rows));
        return Ok(());
    }
    if grants.is_empty() {
        println!("{}", say("staff-grant-none", &[]));
    }
    for (g, lapsed) in &grants {
        let mut line = format!(
            "{}\t{}\t{}\t#{}",
            g.iin.masked(),
            g.role.as_str(),
            g.scope,
            g.granted_seq
        );
        if let Some(status) = lapsed {
            line.push('\t');
            line.push_str(&say("staff-grant-lapsed", &[("status", (*status).into())]));
        }
        println!("{line}");
    }
    Ok(())
}
