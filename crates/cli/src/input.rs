//! Reading an input file as text: UTF-8 with or without BOM; anything else refused with a way to convert it.

use crate::failure::Failure;
use std::path::Path;

/// The file's text, without a BOM. A file that is not UTF-8 is refused, naming the line.
pub fn read_utf8(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::Rejected(format!("{}: cannot read the file: {e}", path.display())))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            // Windows-1251 puts Cyrillic letters at bytes 0xC0..=0xFF, which are never valid alone in UTF-8.
            let cyrillic_1251 = bytes.iter().filter(|b| **b >= 0xC0).count() * 2
                > bytes.iter().filter(|b| **b >= 0x80).count();
            let guess = if cyrillic_1251 {
                " It looks like Windows-1251 (how Excel saves Cyrillic CSV on Windows)."
            } else {
                ""
            };
            Err(Failure::Rejected(format!(
                "{}: line {line}: the file is not UTF-8.{guess} Nothing was applied. Convert it and import again: \
                 `iconv -f WINDOWS-1251 -t UTF-8 {} > converted.csv`, or in Excel use Save As → \"CSV UTF-8\".",
                path.display(),
                path.display()
            )))
        }
    }
}
