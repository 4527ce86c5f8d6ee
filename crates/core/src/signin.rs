//! Signing people in with their IIN and a one-time code sent to the phone on record: the code's life, its tries and what a check decides.
//!
//! The store keeps, per IIN, one pending code as an HMAC, bound to the browser that asked for it
//! (the HMAC of that browser's sign-in cookie); this module decides what a check of a typed code
//! means. It never sees a code in clear, only whether its MAC matched.

use jiff::{SignedDuration, Timestamp};

/// How long a code may be used after it was sent.
pub const CODE_LIFETIME: SignedDuration = SignedDuration::from_mins(5);
/// Wrong tries a code allows; the last one locks it and a new code must be asked for.
pub const MAX_TRIES: u32 = 5;
/// Digits of a code: a million codes, five tries each, one code at a time per IIN.
pub const CODE_DIGITS: usize = 6;
/// A member's session ends after this long without a request …
pub const MEMBER_IDLE: SignedDuration = SignedDuration::from_mins(30);
/// … and in any case this long after signing in.
pub const MEMBER_LIFETIME: SignedDuration = SignedDuration::from_hours(4);

/// The pending code of one IIN as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingCode {
    pub expires_at: Timestamp,
    /// Wrong tries so far.
    pub tries: u32,
}

/// What a typed code is worth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeCheck {
    /// Signed in: the code is spent.
    Accepted,
    /// Wrong; this many tries are left.
    Wrong { tries_left: u32 },
    /// Wrong for the last time: the code is spent, ask for a new one.
    Locked,
    /// Too old, or locked before: ask for a new one.
    Expired,
    /// No code was asked for this IIN from this browser.
    NotAsked,
}

impl CodeCheck {
    /// Whether the stored code is gone after this check (spent, locked or stale).
    pub fn spends_the_code(self) -> bool {
        matches!(
            self,
            CodeCheck::Accepted | CodeCheck::Locked | CodeCheck::Expired
        )
    }
}

/// Decides a check at `now`: `pending` is the IIN's code if any, `same_browser` whether the
/// asking browser's binding matched, `code_matches` whether the typed code's MAC matched.
/// A code asked from another browser is treated as no code at all, and a wrong try there does
/// not count against the real one: someone who knows only the IIN cannot lock its owner out.
pub fn check(
    pending: Option<&PendingCode>,
    same_browser: bool,
    code_matches: bool,
    now: Timestamp,
) -> CodeCheck {
    let Some(pending) = pending else {
        return CodeCheck::NotAsked;
    };
    if !same_browser {
        return CodeCheck::NotAsked;
    }
    if pending.expires_at <= now || pending.tries >= MAX_TRIES {
        return CodeCheck::Expired;
    }
    if code_matches {
        return CodeCheck::Accepted;
    }
    let tries = pending.tries + 1;
    if tries >= MAX_TRIES {
        CodeCheck::Locked
    } else {
        CodeCheck::Wrong {
            tries_left: MAX_TRIES - tries,
        }
    }
}

/// Whether `text` has the shape of a code (digits only, spaces ignored): anything else is told
/// at once and costs no try.
pub fn code_shape_ok(text: &str) -> bool {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == CODE_DIGITS && digits.chars().all(|c| c.is_ascii_digit())
}

/// Whether a member's session started at `started_at` and last used at `seen_at` is still live at `now`.
pub fn member_session_live(started_at: Timestamp, seen_at: Timestamp, now: Timestamp) -> bool {
    now < started_at + MEMBER_LIFETIME && now < seen_at + MEMBER_IDLE
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn at(minute: i64) -> Timestamp {
        Timestamp::UNIX_EPOCH + SignedDuration::from_mins(minute)
    }

    fn pending(tries: u32) -> PendingCode {
        PendingCode {
            expires_at: at(5),
            tries,
        }
    }

    #[test]
    fn a_right_code_in_time_from_the_same_browser_signs_in() {
        assert_eq!(
            check(Some(&pending(0)), true, true, at(1)),
            CodeCheck::Accepted
        );
        assert_eq!(
            check(Some(&pending(4)), true, true, at(4)),
            CodeCheck::Accepted
        );
    }

    #[test]
    fn the_fifth_wrong_try_locks_and_a_locked_code_is_dead_even_when_right() {
        assert_eq!(
            check(Some(&pending(0)), true, false, at(1)),
            CodeCheck::Wrong { tries_left: 4 }
        );
        assert_eq!(
            check(Some(&pending(4)), true, false, at(1)),
            CodeCheck::Locked
        );
        assert_eq!(
            check(Some(&pending(5)), true, true, at(1)),
            CodeCheck::Expired
        );
    }

    #[test]
    fn a_code_expires_after_five_minutes() {
        assert_eq!(
            check(Some(&pending(0)), true, true, at(5)),
            CodeCheck::Expired
        );
    }

    #[test]
    fn a_code_asked_from_another_browser_is_no_code_and_costs_no_try() {
        let check = check(Some(&pending(0)), false, true, at(1));
        assert_eq!(check, CodeCheck::NotAsked);
        assert!(!check.spends_the_code());
    }

    #[test]
    fn a_code_has_six_digits() {
        assert!(code_shape_ok("123456"));
        assert!(code_shape_ok(" 123 456 "));
        assert!(!code_shape_ok("12345"));
        assert!(!code_shape_ok("12345a"));
    }

    #[test]
    fn a_member_session_ends_when_idle_or_old() {
        assert!(member_session_live(at(0), at(0), at(29)));
        assert!(!member_session_live(at(0), at(0), at(30)));
        assert!(member_session_live(at(0), at(230), at(239)));
        assert!(!member_session_live(at(0), at(239), at(240)));
    }
}
