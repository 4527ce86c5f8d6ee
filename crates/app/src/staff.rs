//! Staff accounts and role grants as use cases: adding an account with its one-time password and TOTP secret, signing staff in with password and code, and submitting a command as whoever is signed in, authorized by the policy in core.
//!
//! The password is hashed with argon2id (a PHC string, salted); the TOTP secret (RFC 6238:
//! SHA-1, 6 digits, 30 s, one step of clock skew each way) is kept sealed under a pad derived
//! from the token key, so that a copy of the database alone holds neither the password nor a
//! working second factor. Both live in the store's operational table, never in the journal.

use crate::{App, AppError};
use jiff::{SignedDuration, Timestamp};
use mandat_core::authz::{self, Denied, Principal, Signed};
use mandat_core::command::{AddAccount, DisableAccount};
use mandat_core::staff::{Grant, Login};
use mandat_core::token::TokenKey;
use mandat_core::{Command, Envelope, Iin};
use mandat_store::{Pending, Receipt, SignInFailure, StaffSession, StoreError};

/// Failed sign-ins an account takes within [`LOCK_WINDOW`] before it locks.
pub const MAX_FAILURES: i64 = 10;
/// The window of failed sign-ins, and how long a locked account waits.
pub const LOCK_WINDOW: SignedDuration = SignedDuration::from_mins(15);

/// The issuer shown in authenticator apps.
const ISSUER: &str = "mandat";
/// The domain of the pad that seals TOTP secrets.
const TOTP_SEAL: &str = "mandat/totp-seal/v1";
/// Letters of generated passwords: no 0/O, 1/I/L, easy to read out; 18 of them carry 89 bits.
const PASSWORD_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
const PASSWORD_LENGTH: usize = 18;

/// A password checked against when the login is unknown, so that an unknown login takes as
/// long to refuse as a wrong password (argon2id of "mandat-unknown-login", default parameters).
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$bWFuZGF0LWRlY295LXNhbHQ$2f7ZgTvRl0Vd4vVJbQ1mJx3cJb9f0iN8r2k6JxF0c8Q";

/// What `mandat account add|reset` shows once: the one-time password and the authenticator URI.
#[derive(Clone, Debug)]
pub struct NewSecrets {
    pub password: String,
    /// `otpauth://totp/mandat:LOGIN?secret=…&issuer=mandat` for the authenticator app.
    pub totp_uri: String,
}

/// Why a staff sign-in was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StaffRefusal {
    /// The login, the password or the code is wrong (which one is not said).
    Failed,
    /// Too many failures: the account waits until `until`.
    Locked { until: Timestamp },
    /// The account is disabled.
    Disabled { login: String },
}

fn random<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| {
        AppError::Store(StoreError::Corrupt(format!(
            "no randomness from the system: {e}"
        )))
    })?;
    Ok(bytes)
}

fn internal(what: impl std::fmt::Display) -> AppError {
    AppError::Store(StoreError::Corrupt(what.to_string()))
}

/// The TOTP of a secret for `login` (RFC 6238 defaults).
fn totp(secret: Vec<u8>, login: &Login) -> Result<totp_rs::Totp, AppError> {
    totp_rs::Builder::new()
        .with_algorithm(totp_rs::Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(login.as_str())
        .build()
        .map_err(|e| internal(format!("TOTP: {e}")))
}

/// The pad that seals a TOTP secret of `len` bytes under `key`, picked by `nonce`.
fn pad(key: &TokenKey, nonce: &str, len: usize) -> Result<Vec<u8>, AppError> {
    let mac = hex::decode(key.mac(TOTP_SEAL, nonce)).map_err(internal)?;
    if len > mac.len() {
        return Err(internal("a TOTP secret longer than its pad"));
    }
    Ok(mac[..len].to_vec())
}

fn seal(key: &TokenKey, secret: &[u8]) -> Result<(String, String), AppError> {
    let nonce = hex::encode(random::<16>()?);
    let sealed: Vec<u8> = secret
        .iter()
        .zip(pad(key, &nonce, secret.len())?)
        .map(|(s, p)| s ^ p)
        .collect();
    Ok((hex::encode(sealed), nonce))
}

fn unseal(key: &TokenKey, sealed: &str, nonce: &str) -> Result<Vec<u8>, AppError> {
    let sealed = hex::decode(sealed).map_err(|e| internal(format!("sealed TOTP secret: {e}")))?;
    Ok(sealed
        .iter()
        .zip(pad(key, nonce, sealed.len())?)
        .map(|(s, p)| s ^ p)
        .collect())
}

/// The current code of a TOTP secret at `now`: for tests and the demo.
pub fn totp_code(secret: &[u8], login: &Login, now: Timestamp) -> Result<String, AppError> {
    let seconds = u64::try_from(now.as_second()).map_err(internal)?;
    Ok(totp(secret.to_vec(), login)?.generate(seconds).to_string())
}

/// The secret an `otpauth://` URI carries (base32), as bytes: for tests and the demo.
pub fn totp_secret_of_uri(uri: &str) -> Option<Vec<u8>> {
    totp_rs::Totp::from_url(uri)
        .ok()
        .map(|t| t.secret().as_ref().to_vec())
}

async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        use argon2::PasswordHasher;
        argon2::Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| internal(format!("argon2: {e}")))
    })
    .await
    .map_err(internal)?
}

async fn password_matches(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        use argon2::PasswordVerifier;
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

impl App {
    /// New secrets for `login` (which must be an enabled account in the record): a one-time
    /// password and a TOTP secret, stored as an argon2id hash and sealed; every session of the
    /// account ends. Shown to the caller once.
    pub async fn reset_account(
        &self,
        login: &Login,
        now: Timestamp,
    ) -> Result<NewSecrets, AppError> {
        let key = self.key()?;
        let bytes: [u8; PASSWORD_LENGTH] = random()?;
        let password: String = bytes
            .iter()
            .map(|b| PASSWORD_ALPHABET[*b as usize % PASSWORD_ALPHABET.len()] as char)
            .collect();
        let secret: [u8; 20] = random()?;
        let totp_uri = totp(secret.to_vec(), login)?
            .to_url()
            .map_err(|e| internal(format!("TOTP URI: {e}")))?;
        let hash = hash_password(password.clone()).await?;
        let (sealed, nonce) = seal(key, &secret)?;
        self.store
            .set_staff_credentials(login, &hash, &sealed, &nonce, now)
            .await?;
        Ok(NewSecrets { password, totp_uri })
    }

    /// Adds an account (journaled as `actor`, without any secret) and gives it its secrets.
    pub async fn add_account(
        &self,
        actor: &str,
        command: AddAccount,
        now: Timestamp,
    ) -> Result<(Receipt, NewSecrets), AppError> {
        // Without the key the secrets could not be sealed: refuse before journaling anything.
        self.key()?;
        let login = command.login.clone();
        let receipt = self.submit(actor, command.into(), now, now).await?;
        let secrets = self.reset_account(&login, now).await?;
        Ok((receipt, secrets))
    }

    /// Disables an account (journaled as `actor`) and ends its sessions.
    pub async fn disable_account(
        &self,
        actor: &str,
        command: DisableAccount,
        now: Timestamp,
    ) -> Result<Receipt, AppError> {
        let login = command.login.clone();
        let receipt = self.submit(actor, command.into(), now, now).await?;
        self.store.end_staff_sessions(&login).await?;
        Ok(receipt)
    }

    /// Signs staff in with login, password and the authenticator's code at `now`: answers the
    /// session token (shown to the client only) and the session. Failures count towards the
    /// account's lock; a locked account is refused without checking anything.
    pub async fn staff_sign_in(
        &self,
        login: &str,
        password: &str,
        code: &str,
        now: Timestamp,
    ) -> Result<Result<(String, StaffSession), StaffRefusal>, AppError> {
        let key = self.key()?;
        let window_start = now - LOCK_WINDOW;
        let found = match Login::parse(login) {
            Ok(login) => self.store.staff_credentials(&login).await?,
            Err(_) => None,
        };
        let Some(found) = found else {
            // The same work as a wrong password, so that timing does not tell logins apart.
            password_matches(password.to_owned(), DECOY_HASH.to_owned()).await;
            return Ok(Err(StaffRefusal::Failed));
        };
        if found.failures >= MAX_FAILURES && found.failures_since >= window_start {
            return Ok(Err(StaffRefusal::Locked {
                until: found.failures_since + LOCK_WINDOW,
            }));
        }
        let record = self.store.read_snapshot().await?;
        if record.accounts.get(&found.login).is_none_or(|a| a.disabled) {
            return Ok(Err(StaffRefusal::Disabled {
                login: found.login.to_string(),
            }));
        }
        let password_ok = password_matches(password.to_owned(), found.password_hash.clone()).await;
        let secret = unseal(key, &found.totp_sealed, &found.totp_nonce)?;
        let seconds = u64::try_from(now.as_second()).map_err(internal)?;
        let step = totp(secret, &found.login)?.check(code.trim(), seconds);
        let step = match (password_ok, step) {
            (true, Some(step)) => i64::try_from(step).map_err(internal)?,
            _ => {
                self.store
                    .staff_failure(&found.login, window_start, now)
                    .await?;
                tracing::warn!(login = %found.login, "failed staff sign-in");
                return Ok(Err(StaffRefusal::Failed));
            }
        };
        match self
            .store
            .start_staff_session(key, &found.login, step, MAX_FAILURES, window_start, now)
            .await?
        {
            Ok(session) => Ok(Ok(session)),
            Err(SignInFailure::StepUsed) => {
                // A code seen once (over a shoulder, in a log) does not sign in again.
                self.store
                    .staff_failure(&found.login, window_start, now)
                    .await?;
                Ok(Err(StaffRefusal::Failed))
            }
            Err(SignInFailure::Locked) => Ok(Err(StaffRefusal::Locked {
                until: now + LOCK_WINDOW,
            })),
        }
    }

    /// The live staff session a token names at `now`, if any (its idle clock restarts).
    pub async fn staff_session(
        &self,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<StaffSession>, AppError> {
        let key = self.key()?;
        Ok(self.store.staff_session(key, token, now).await?)
    }

    /// Ends the staff session a token names.
    pub async fn staff_sign_out(&self, token: &str) -> Result<(), AppError> {
        let key = self.key()?;
        Ok(self.store.end_staff_session(key, token).await?)
    }

    /// Who `signed` is as the record holds them now (account facts, or the person's grants).
    pub async fn principal(&self, signed: &Signed) -> Result<Option<Principal>, AppError> {
        let record = self.store.read_snapshot().await?;
        Ok(Principal::of(signed, &record))
    }

    /// The grants in the record (of one person, or all), each with the status that ended it
    /// when its meeting or poll has closed; ordered by IIN, role and scope.
    pub async fn grants(
        &self,
        iin: Option<Iin>,
    ) -> Result<Vec<(Grant, Option<&'static str>)>, AppError> {
        use mandat_core::authz::Locate;
        let record = self.store.read_snapshot().await?;
        Ok(record
            .grants
            .values()
            .filter(|g| iin.is_none_or(|i| g.iin == i))
            .map(|g| (g.clone(), record.lapsed(g)))
            .collect())
    }

    /// Decides and records one command submitted by whoever `signed` is, if the policy allows
    /// it against the record in the same transaction: the journal's actor is theirs
    /// ([`authz::Authority`]). A refusal of the policy records nothing; one of the rules
    /// comes back as `AppError::Store(StoreError::Rule)`, also recording nothing.
    pub async fn submit_signed(
        &self,
        signed: &Signed,
        command: Command,
        held_at: Timestamp,
        now: Timestamp,
    ) -> Result<Result<Receipt, Denied>, AppError> {
        let recorded_at = now.as_millisecond();
        Ok(self
            .store
            .submit_checked(command, |record, command| {
                // A login that is not an account cannot hold a session; treat it as disabled.
                let principal = Principal::of(signed, record).ok_or_else(|| match signed {
                    Signed::Staff(login) => Denied::AccountDisabled {
                        login: login.to_string(),
                    },
                    Signed::Person(_) | Signed::Participant { .. } => Denied::NoGrantFor {
                        command: command.name(),
                    },
                })?;
                let authority = authz::authorize(&principal, command, record)?;
                Ok(Pending::new(
                    Envelope {
                        actor: authority.actor,
                        held_at,
                        command: command.clone(),
                    },
                    recorded_at,
                ))
            })
            .await?)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_totp_is_rfc_6238_with_sha1_six_digits_and_thirty_seconds() {
        // RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" gives 94287082 at
        // T = 59 s and 07081804 at T = 1111111109 s (eight digits; six are their last six).
        let login = Login::parse("tester").unwrap();
        let secret = b"12345678901234567890";
        let at = |s| Timestamp::from_second(s).unwrap();
        assert_eq!(totp_code(secret, &login, at(59)).unwrap(), "287082");
        assert_eq!(
            totp_code(secret, &login, at(1_111_111_109)).unwrap(),
            "081804"
        );
    }

    #[test]
    fn a_sealed_totp_secret_opens_only_under_its_key() {
        let key = TokenKey::derive(&[1u8; 32]);
        let secret = [7u8; 20];
        let (sealed, nonce) = seal(&key, &secret).unwrap();
        assert_ne!(hex::decode(&sealed).unwrap(), secret.to_vec());
        assert_eq!(unseal(&key, &sealed, &nonce).unwrap(), secret.to_vec());
        let other = TokenKey::derive(&[2u8; 32]);
        assert_ne!(unseal(&other, &sealed, &nonce).unwrap(), secret.to_vec());
    }

    #[test]
    fn the_decoy_hash_is_a_real_argon2id_hash_so_an_unknown_login_costs_the_same() {
        assert!(argon2::PasswordHash::new(DECOY_HASH).is_ok());
        use argon2::PasswordVerifier;
        let refused = argon2::Argon2::default().verify_password(b"x", DECOY_HASH);
        assert!(matches!(
            refused,
            Err(argon2::password_hash::Error::PasswordInvalid)
        ));
    }

    #[test]
    fn an_otpauth_uri_carries_the_secret_for_the_authenticator() {
        let login = Login::parse("aksu.org").unwrap();
        let uri = totp(vec![9u8; 20], &login).unwrap().to_url().unwrap();
        assert!(uri.starts_with("otpauth://totp/mandat:aksu.org?"), "{uri}");
        assert_eq!(totp_secret_of_uri(&uri).unwrap(), vec![9u8; 20]);
    }
}
