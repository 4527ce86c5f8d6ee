//! Laid-out pages as plain drawing operations (text runs, lines, filled rectangles), and their writing into a PDF.
//!
//! Layout produces every page first and writes the PDF afterwards, so that a page footer can
//! say "page 2 / 3" and so that layout code never touches the PDF library.

use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::{Document as PdfDocument, SerializeSettings};

use crate::PrintError;
use crate::fonts::{Fonts, Weight};

/// A4 in points (1/72 inch).
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;

/// Ink: black for text and rules, grey for small print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ink {
    Black,
    Grey,
}

impl Ink {
    fn fill(self) -> Fill {
        let lightness = match self {
            Ink::Black => 0,
            Ink::Grey => 96,
        };
        Fill {
            paint: luma::Color::new(lightness).into(),
            ..Fill::default()
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Op {
    /// One line of text; `baseline` is measured from the top of the page.
    Text {
        x: f32,
        baseline: f32,
        weight: Weight,
        size: f32,
        ink: Ink,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
    },
    /// Filled black rectangles drawn as one path (a QR code's modules).
    Rects(Vec<(f32, f32, f32, f32)>),
}

/// A page's operations, top-left origin, y downwards.
pub(crate) type Page = Vec<Op>;

/// What the PDF says about itself: title and language (for screen readers and search).
pub(crate) struct Info<'a> {
    pub title: &'a str,
    pub lang: Option<&'a str>,
}

/// Writes the pages into a PDF, embedding the subset of the fonts they use.
pub(crate) fn write_pdf(pages: &[Page], fonts: &Fonts, info: &Info) -> Result<Vec<u8>, PrintError> {
    let settings = SerializeSettings {
        // Nothing here is tagged for accessibility yet; skipping the empty structure tree
        // keeps the file smaller.
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut pdf = PdfDocument::new_with(settings);
    let mut metadata = Metadata::new()
        .title(info.title.to_owned())
        .creator("mandat".to_owned());
    if let Some(lang) = info.lang {
        metadata = metadata.language(lang.to_owned());
    }
    pdf.set_metadata(metadata);
    let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or(PrintError::Layout)?;
    for ops in pages {
        let mut page = pdf.start_page_with(size.clone());
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, fonts, op);
        }
        surface.finish();
        page.finish();
    }
    pdf.finish()
        .map_err(|error| PrintError::Pdf(error.to_string()))
}

fn draw(surface: &mut Surface, fonts: &Fonts, op: &Op) {
    match op {
        Op::Text {
            x,
            baseline,
            weight,
            size,
            ink,
            text,
        } => {
            let face = fonts.face(*weight);
            surface.set_stroke(None);
            surface.set_fill(Some(ink.fill()));
            surface.draw_glyphs(
                Point::from_xy(*x, *baseline),
                &face.glyphs(text),
                face.font.clone(),
                text,
                *size,
                false,
            );
        }
        Op::Line { from, to, width } => {
            let mut path = PathBuilder::new();
            path.move_to(from.0, from.1);
            path.line_to(to.0, to.1);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    width: *width,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
            }
        }
        Op::Rects(rects) => {
            let mut path = PathBuilder::new();
            for &(x, y, width, height) in rects {
                if let Some(rect) = Rect::from_xywh(x, y, width, height) {
                    path.push_rect(rect);
                }
            }
            if let Some(path) = path.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(Ink::Black.fill()));
                surface.draw_path(&path);
            }
        }
    }
}

/// Splits `text` into lines no wider than `width` at `size`: at spaces where possible, inside
/// a word only when the word alone is too wide (a long link or hash). Line breaks in the text
/// are kept.
pub(crate) fn wrap(
    fonts: &Fonts,
    weight: Weight,
    size: f32,
    text: &str,
    width: f32,
) -> Vec<String> {
    let face = fonts.face(weight);
    let space = face.width(" ", size);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split_whitespace() {
            let word_width = face.width(word, size);
            if !line.is_empty() && line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width {
                line.push_str(word);
                line_width = word_width;
                continue;
            }
            // A word wider than the line: break it after a hyphen if that is enough,
            // otherwise wherever it fills the line.
            line_width = 0.0;
            for piece in word.split_inclusive('-') {
                let piece_width = face.width(piece, size);
                if !line.is_empty() && line_width + piece_width > width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                if piece_width <= width - line_width {
                    line.push_str(piece);
                    line_width += piece_width;
                    continue;
                }
                for character in piece.chars() {
                    let character_width = face.width(character.encode_utf8(&mut [0; 4]), size);
                    if !line.is_empty() && line_width + character_width > width {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(character);
                    line_width += character_width;
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Like [`wrap`], but at most `max_lines`, the last one ending in "…" if text was cut.
pub(crate) fn wrap_at_most(
    fonts: &Fonts,
    weight: Weight,
    size: f32,
    text: &str,
    width: f32,
    max_lines: usize,
) -> Vec<String> {
    let mut lines = wrap(fonts, weight, size, text, width);
    if lines.len() <= max_lines {
        return lines;
    }
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        let face = fonts.face(weight);
        while !last.is_empty() && face.width(&format!("{last}…"), size) > width {
            last.pop();
        }
        last.push('…');
    }
    lines
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::fonts::fonts;

    #[test]
    fn wrapping_keeps_every_word_and_fits_the_width() {
        let fonts = fonts().unwrap();
        let text = "Қатысуға құқылылардың жартысынан астамы қатысып отыр, кворум бар";
        let lines = wrap(fonts, Weight::Regular, 10.0, text, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(
                fonts.face(Weight::Regular).width(line, 10.0) <= 120.0,
                "{line}"
            );
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let fonts = fonts().unwrap();
        let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let lines = wrap(fonts, Weight::Regular, 10.0, hash, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), hash);
    }

    #[test]
    fn a_double_name_breaks_after_its_hyphen() {
        let fonts = fonts().unwrap();
        let name = "Мұхамбетқалиева-Сәрсенбаева";
        let first = fonts.face(Weight::Bold).width("Мұхамбетқалиева-", 11.5);
        let lines = wrap(fonts, Weight::Bold, 11.5, name, first + 2.0);
        assert_eq!(lines, ["Мұхамбетқалиева-", "Сәрсенбаева"]);
    }

    #[test]
    fn line_breaks_and_empty_text_are_kept() {
        let fonts = fonts().unwrap();
        assert_eq!(
            wrap(fonts, Weight::Regular, 10.0, "а\nб", 100.0),
            ["а", "б"]
        );
        assert_eq!(wrap(fonts, Weight::Regular, 10.0, "", 100.0), [""]);
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis() {
        let fonts = fonts().unwrap();
        let lines = wrap_at_most(
            fonts,
            Weight::Bold,
            12.0,
            "Сәрсенбаева Гауһар Мұхамбетқызы",
            60.0,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
    }
}
