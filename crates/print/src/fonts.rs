//! The embedded DejaVu Sans faces, parsed once per process, with their character map and advances for measuring text.

use std::collections::HashMap;
use std::sync::OnceLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::PrintError;

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Characters below this are looked up in a flat table (Latin, Cyrillic with the Kazakh
/// letters, general punctuation such as «», — and №); the rest in a map.
const DENSE_LIMIT: usize = 0x2200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// A glyph and its advance in font units.
#[derive(Clone, Copy, Debug)]
struct Mapped {
    glyph: u16,
    advance: u16,
}

/// One face: the krilla font (cheap to clone, shared by every document so its parsing is
/// paid once) and a character table, since text here needs no shaping (Cyrillic, Kazakh and
/// Latin letters are all precomposed), only a glyph and an advance per character.
pub(crate) struct Face {
    pub(crate) font: Font,
    dense: Vec<Option<Mapped>>,
    sparse: HashMap<char, Mapped>,
    missing: Mapped,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Option<Face> {
        let font = Font::new(data.into(), 0)?;
        let units_per_em = font.units_per_em();
        let font_ref = FontRef::new(data).ok()?;
        let metrics = font_ref.glyph_metrics(Size::unscaled(), LocationRef::default());
        let advance = |glyph: skrifa::GlyphId| {
            metrics.advance_width(glyph).map_or(0, |width| {
                width.round().clamp(0.0, f32::from(u16::MAX)) as u16
            })
        };
        let mut dense = vec![None; DENSE_LIMIT];
        let mut sparse = HashMap::new();
        for (code, glyph) in font_ref.charmap().mappings() {
            let (Some(character), Ok(glyph_id)) =
                (char::from_u32(code), u16::try_from(glyph.to_u32()))
            else {
                continue;
            };
            let mapped = Mapped {
                glyph: glyph_id,
                advance: advance(glyph),
            };
            match dense.get_mut(character as usize) {
                Some(slot) => *slot = Some(mapped),
                None => {
                    sparse.insert(character, mapped);
                }
            }
        }
        let missing = Mapped {
            glyph: 0,
            advance: advance(skrifa::GlyphId::new(0)),
        };
        Some(Face {
            font,
            dense,
            sparse,
            missing,
            units_per_em,
        })
    }

    fn lookup(&self, character: char) -> Mapped {
        let found = match self.dense.get(character as usize) {
            Some(slot) => *slot,
            None => self.sparse.get(&character).copied(),
        };
        found.unwrap_or(self.missing)
    }

    /// The width of `text` set on one line at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|character| u32::from(self.lookup(character).advance))
            .sum();
        units as f32 * size / self.units_per_em
    }

    /// The glyphs of `text`, one per character, each knowing the characters it stands for so
    /// that the PDF's ToUnicode map gives the text back when copied or extracted.
    pub(crate) fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(start, character)| {
                let mapped = self.lookup(character);
                KrillaGlyph::new(
                    GlyphId::new(u32::from(mapped.glyph)),
                    f32::from(mapped.advance) / self.units_per_em,
                    0.0,
                    0.0,
                    0.0,
                    start..start + character.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}

pub(crate) struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    pub(crate) fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// The faces, loaded on first use and shared for the life of the process.
pub(crate) fn fonts() -> Result<&'static Fonts, PrintError> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: Face::load(REGULAR)?,
                bold: Face::load(BOLD)?,
            })
        })
        .as_ref()
        .ok_or(PrintError::Font)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_kazakh_and_russian_letter_has_a_glyph() {
        let fonts = fonts().unwrap();
        let letters = "АаӘәБбВвГгҒғДдЕеЁёЖжЗзИиЙйКкҚқЛлМмНнҢңОоӨөПпРрСсТтУуҰұҮүФфХхҺһЦцЧчШшЩщЪъЫыІіЬьЭэЮюЯя№«»—";
        for weight in [Weight::Regular, Weight::Bold] {
            for letter in letters.chars() {
                assert_ne!(fonts.face(weight).lookup(letter).glyph, 0, "{letter}");
            }
        }
    }

    #[test]
    fn width_grows_with_text_and_size() {
        let face = fonts().unwrap().face(Weight::Regular);
        let short = face.width("Хаттама", 10.0);
        assert!(short > 20.0 && short < 60.0, "{short}");
        assert!(face.width("Хаттама №1", 10.0) > short);
        assert!((face.width("Хаттама", 20.0) - 2.0 * short).abs() < 0.01);
    }
}
