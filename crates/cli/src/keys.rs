//! The two secret files kept apart from the database, and `mandat init`, the only command that
//! makes them (besides an explicit throwaway demo).
//!
//! * The **site secret** (`--secret-file`): signs mandate-card codes, and the key that e-vote codes
//!   and session tokens are stored under is derived from it. Check-in desks and the serving node
//!   hold it.
//! * The **signing key** (`--signing-key-file`): the Ed25519 seed that signs receipts and
//!   checkpoints. Only the serving node holds it; a desk's copy of the site secret cannot sign.
//!
//! Both are 32 bytes from the operating system's random source, created new (never overwriting)
//! and owner-only; a file that group or others may read or write is refused.

use crate::failure::Failure;
use mandat_core::ballot::ServerKey;
use mandat_core::token::TokenKey;
use mandat_core::{Lang, i18n};
use std::io::{Read, Write};
use std::path::Path;

/// The two files, as named on the command line.
#[derive(Clone, Copy)]
pub struct KeyFiles<'a> {
    pub secret: &'a Path,
    pub signing: &'a Path,
}

#[derive(Clone, Copy)]
enum Kind {
    Secret,
    Signing,
}

impl Kind {
    /// Which key, for the catalogue's sentences (`$kind`).
    fn code(self) -> &'static str {
        match self {
            Kind::Secret => "secret",
            Kind::Signing => "signing",
        }
    }

    fn option(self) -> &'static str {
        match self {
            Kind::Secret => "--secret-file (MANDAT_SECRET_FILE)",
            Kind::Signing => "--signing-key-file (MANDAT_SIGNING_KEY_FILE)",
        }
    }

    fn missing(self, path: &Path) -> Failure {
        Failure::said(
            "key-missing",
            vec![
                ("file", path.display().to_string().into()),
                ("kind", self.code().into()),
                ("option", self.option().into()),
            ],
        )
    }
}

/// Reads a secret file, refusing one that is missing, too open or of the wrong size.
fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, Failure> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(kind.missing(path)),
        Err(e) => return Err(Failure::io(&format!("{}: cannot read", path.display()), e)),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file
            .metadata()
            .map_err(|e| Failure::io(&format!("{}: cannot read", path.display()), e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(Failure::said(
                "key-too-open",
                vec![
                    ("file", path.display().to_string().into()),
                    ("kind", kind.code().into()),
                    ("mode", format!("{:04o}", mode & 0o7777).into()),
                ],
            ));
        }
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| Failure::io(&format!("{}: cannot read", path.display()), e))?;
    let fits = match kind {
        Kind::Secret => bytes.len() >= 32,
        Kind::Signing => bytes.len() == 32,
    };
    if !fits {
        return Err(Failure::said(
            "key-wrong-size",
            vec![
                ("file", path.display().to_string().into()),
                ("kind", kind.code().into()),
                ("bytes", bytes.len().into()),
            ],
        ));
    }
    Ok(bytes)
}

/// The site secret: for mandate cards, and (derived) for stored codes and tokens.
pub fn site_secret(path: &Path) -> Result<Vec<u8>, Failure> {
    read(path, Kind::Secret)
}

/// The key e-vote codes and session tokens are stored under, derived from the site secret.
pub fn token_key(secret_file: &Path) -> Result<TokenKey, Failure> {
    Ok(TokenKey::derive(&site_secret(secret_file)?))
}

/// The key that signs receipts and checkpoints, from its own file.
pub fn signing_key(path: &Path) -> Result<ServerKey, Failure> {
    let bytes = read(path, Kind::Signing)?;
    let mut seed = [0u8; 32];
    seed.copy_from_slice(&bytes);
    Ok(ServerKey::from_seed(&seed))
}

/// Makes a file of 32 random bytes, owner-only, atomically: written under a temporary name
/// beside it and linked into place, so that nobody ever reads it half-written and an existing
/// file is never replaced. `Ok(false)` when the file already exists.
fn make(path: &Path) -> Result<bool, Failure> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Failure::Internal(format!("no random source: {e}")))?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let Some(file_name) = file_name else {
        return Err(Failure::said(
            "key-not-a-file",
            vec![("file", path.display().to_string().into())],
        ));
    };
    let mut suffix = [0u8; 8];
    getrandom::fill(&mut suffix)
        .map_err(|e| Failure::Internal(format!("no random source: {e}")))?;
    let temporary = path.with_file_name(format!(
        ".{file_name}.{}.new",
        suffix
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options
        .open(&temporary)
        .and_then(|mut f| f.write_all(&bytes).and_then(|()| f.sync_all()));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(Failure::io(
            &format!("{}: cannot create", path.display()),
            e,
        ));
    }
    let linked = std::fs::hard_link(&temporary, path);
    let _ = std::fs::remove_file(&temporary);
    match linked {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Failure::io(
            &format!("{}: cannot create", path.display()),
            e,
        )),
    }
}

/// `mandat init`: makes whichever of the two files is missing, says what it made and where, and
/// checks the ones already there. Never overwrites.
pub fn init(files: KeyFiles, lang: Lang) -> Result<(), Failure> {
    for (path, kind) in [(files.secret, Kind::Secret), (files.signing, Kind::Signing)] {
        let made = make(path)?;
        if !made {
            read(path, kind)?;
        }
        println!(
            "{}",
            i18n::message_with(
                lang,
                if made { "cli-key-made" } else { "cli-key-kept" },
                &[
                    ("kind", kind.code().into()),
                    ("file", path.display().to_string().into()),
                ],
            )
        );
    }
    let key = signing_key(files.signing)?;
    println!("signing key id {}", key.key_id());
    println!("public key     {}", key.public_hex());
    println!("{}", i18n::message(lang, "cli-key-advice"));
    Ok(())
}

/// For an explicit throwaway demo (`mandat demo`, `mandat serve --demo`) only: makes whichever
/// file is missing and says so on stderr, naming it.
pub fn make_for_demo(files: KeyFiles, why: &str, lang: Lang) -> Result<(), Failure> {
    for (path, kind) in [(files.secret, Kind::Secret), (files.signing, Kind::Signing)] {
        if make(path)? {
            eprintln!(
                "{}",
                i18n::message_with(
                    lang,
                    "cli-key-made-for-demo",
                    &[
                        ("why", why.into()),
                        ("kind", kind.code().into()),
                        ("file", path.display().to_string().into()),
                    ],
                )
            );
        }
    }
    Ok(())
}
