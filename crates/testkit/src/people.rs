//! Made-up people for tests: valid IINs, distinct for distinct numbers.

use mandat_core::{Iin, Sex};

/// The `n`th IIN of someone of `sex` born on `born` (the check digit rules some serials out:
/// those are skipped by thousands, so numbers under 1,000 never meet).
pub fn iin(born: jiff::civil::Date, sex: Sex, n: u16) -> Iin {
    let mut serial = n;
    loop {
        if let Some(i) = Iin::compose(born, sex, serial) {
            return i;
        }
        serial += 1000;
    }
}
