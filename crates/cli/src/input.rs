//! Reading an input file as text: UTF-8 with or without BOM; anything else refused with a way to convert it.

use crate::failure::Failure;
use std::path::Path;

/// The file's text, without a BOM. A file that is not UTF-8 is refused, naming the line.
pub fn read_utf8(path: &Path) -> Result<String, Failure> {
    let mut bytes = std::fs::read(path).map_err(|e| {
        Failure::said(
            "cannot-read",
            vec![
                ("file", path.display().to_string().into()),
                ("error", e.to_string().into()),
            ],
        )
    })?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Checked in place: a ballot file can be tens of megabytes, not to be copied.
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            // Windows-1251 puts Cyrillic letters at bytes 0xC0..=0xFF, which are never valid alone in UTF-8.
            let cyrillic_1251 = bytes.iter().filter(|b| **b >= 0xC0).count() * 2
                > bytes.iter().filter(|b| **b >= 0x80).count();
            Err(Failure::said(
                "not-utf8",
                vec![
                    ("file", path.display().to_string().into()),
                    ("line", line.into()),
                    (
                        "windows1251",
                        if cyrillic_1251 { "yes" } else { "no" }.into(),
                    ),
                ],
            ))
        }
    }
}
