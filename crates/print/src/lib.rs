//! mandat-print: documents (the minutes) as PDF and HTML, and mandate cards as PDF, with the fonts embedded so that nothing needs installing.
//!
//! The PDF text is real text: DejaVu Sans (which covers Cyrillic and the Kazakh letters) is
//! embedded as a subset with a ToUnicode map, so the minutes can be searched, copied and
//! checked with `pdftotext`. The fonts are parsed once per process and shared by every
//! document, so that printing thousands of minutes pays for it once.

mod canvas;
mod cards;
mod fonts;
mod html;
mod pdf;

pub use cards::{Card, QrModules, mandate_cards, qr_modules};
pub use html::{NavLink, html, html_with_nav, html_with_nav_and_aside};
pub use pdf::pdf;

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("the embedded fonts could not be read; the mandat-print build is damaged, rebuild it")]
    Font,
    #[error("the page size was refused by the PDF writer")]
    Layout,
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    #[error("the QR code could not be made (is the payload too long?): {0}")]
    Qr(String),
}
