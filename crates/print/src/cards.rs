//! Mandate cards for a conference hall: eight to an A4 sheet, each with the big mandate number, the delegate's name and unit, and a QR code.

use qrcode::{Color, EcLevel, QrCode};

use crate::PrintError;
use crate::canvas::{self, Info, Ink, Op, PAGE_HEIGHT, PAGE_WIDTH, Page};
use crate::fonts::{Fonts, Weight, fonts};

/// One delegate's mandate card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// The conference's name.
    pub heading: String,
    pub full_name: String,
    pub unit: String,
    pub number: u32,
    /// What the QR code holds: the check-in token, never the number (cards are seen on
    /// livestreams, so the code must not be guessable from what is printed beside it).
    pub qr_payload: String,
    /// Small print at the bottom (e.g. "valid for check-in only").
    pub footer: String,
}

const COLUMNS: usize = 2;
const ROWS: usize = 4;
const SHEET_MARGIN: f32 = 28.0;
const CARD_WIDTH: f32 = (PAGE_WIDTH - 2.0 * SHEET_MARGIN) / COLUMNS as f32;
const CARD_HEIGHT: f32 = (PAGE_HEIGHT - 2.0 * SHEET_MARGIN) / ROWS as f32;
const PADDING: f32 = 12.0;
const QR_SIZE: f32 = 96.0;
/// The blank border a QR reader needs around the code, in modules (ISO/IEC 18004).
const QUIET_ZONE: usize = 4;

const HEADING_SIZE: f32 = 8.5;
const NUMBER_SIZE: f32 = 34.0;
const NAME_SIZE: f32 = 11.5;
const UNIT_SIZE: f32 = 8.5;
const FOOTER_SIZE: f32 = 6.5;
const LEADING: f32 = 1.25;
const BASELINE: f32 = 0.95;

/// The QR code of a payload as a square of modules, dark or light.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrModules {
    width: usize,
    dark: Vec<bool>,
}

impl QrModules {
    /// Modules per side.
    pub fn width(&self) -> usize {
        self.width
    }

    /// All modules, row by row.
    pub fn modules(&self) -> &[bool] {
        &self.dark
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }
}

/// Encodes a payload with medium error correction (a card may get creased or scuffed).
pub fn qr_modules(payload: &str) -> Result<QrModules, PrintError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|error| PrintError::Qr(error.to_string()))?;
    Ok(QrModules {
        width: code.width(),
        dark: code
            .to_colors()
            .into_iter()
            .map(|color| color == Color::Dark)
            .collect(),
    })
}

/// Renders the cards, eight to a page, as PDF bytes; the cut lines are the card borders.
pub fn mandate_cards(cards: &[Card]) -> Result<Vec<u8>, PrintError> {
    let fonts = fonts()?;
    let mut pages = Vec::new();
    for sheet in cards.chunks(COLUMNS * ROWS) {
        let mut page = Page::new();
        for (index, card) in sheet.iter().enumerate() {
            let left = SHEET_MARGIN + (index % COLUMNS) as f32 * CARD_WIDTH;
            let top = SHEET_MARGIN + (index / COLUMNS) as f32 * CARD_HEIGHT;
            draw_card(&mut page, fonts, card, left, top)?;
        }
        pages.push(page);
    }
    if pages.is_empty() {
        pages.push(Page::new());
    }
    let title = cards.first().map_or("", |card| card.heading.as_str());
    canvas::write_pdf(&pages, fonts, &Info { title, lang: None })
}

fn draw_card(
    page: &mut Page,
    fonts: &Fonts,
    card: &Card,
    left: f32,
    top: f32,
) -> Result<(), PrintError> {
    let (right, bottom) = (left + CARD_WIDTH, top + CARD_HEIGHT);
    for (from, to) in [
        ((left, top), (right, top)),
        ((right, top), (right, bottom)),
        ((right, bottom), (left, bottom)),
        ((left, bottom), (left, top)),
    ] {
        page.push(Op::Line {
            from,
            to,
            width: 0.4,
        });
    }

    let inner = CARD_WIDTH - 2.0 * PADDING;
    let mut y = top + PADDING;
    let heading = canvas::wrap_at_most(fonts, Weight::Bold, HEADING_SIZE, &card.heading, inner, 2);
    y = set_lines(
        page,
        &heading,
        left + PADDING,
        y,
        Weight::Bold,
        HEADING_SIZE,
        Ink::Black,
    );
    y += 6.0;

    let qr_left = right - PADDING - QR_SIZE;
    draw_qr(page, &qr_modules(&card.qr_payload)?, qr_left, y);

    let column = inner - QR_SIZE - 8.0;
    let number = [format!("№ {}", card.number)];
    let mut text_y = set_lines(
        page,
        &number,
        left + PADDING,
        y,
        Weight::Bold,
        NUMBER_SIZE,
        Ink::Black,
    );
    text_y += 2.0;
    let name = canvas::wrap_at_most(fonts, Weight::Bold, NAME_SIZE, &card.full_name, column, 3);
    text_y = set_lines(
        page,
        &name,
        left + PADDING,
        text_y,
        Weight::Bold,
        NAME_SIZE,
        Ink::Black,
    );
    text_y += 3.0;
    let unit = canvas::wrap_at_most(fonts, Weight::Regular, UNIT_SIZE, &card.unit, column, 3);
    set_lines(
        page,
        &unit,
        left + PADDING,
        text_y,
        Weight::Regular,
        UNIT_SIZE,
        Ink::Black,
    );

    let footer = canvas::wrap_at_most(fonts, Weight::Regular, FOOTER_SIZE, &card.footer, inner, 2);
    let footer_top = bottom - PADDING - footer.len() as f32 * FOOTER_SIZE * LEADING;
    set_lines(
        page,
        &footer,
        left + PADDING,
        footer_top,
        Weight::Regular,
        FOOTER_SIZE,
        Ink::Grey,
    );
    Ok(())
}

/// Sets lines from `top` down and returns the top of the line after them.
fn set_lines(
    page: &mut Page,
    lines: &[String],
    x: f32,
    top: f32,
    weight: Weight,
    size: f32,
    ink: Ink,
) -> f32 {
    let mut y = top;
    for line in lines {
        if !line.is_empty() {
            page.push(Op::Text {
                x,
                baseline: y + size * BASELINE,
                weight,
                size,
                ink,
                text: line.clone(),
            });
        }
        y += size * LEADING;
    }
    y
}

/// Draws the modules as filled squares, each row's runs of dark modules merged into one
/// rectangle so that no hairline seams show between neighbours.
fn draw_qr(page: &mut Page, qr: &QrModules, left: f32, top: f32) {
    let side = qr.width() + 2 * QUIET_ZONE;
    let module = QR_SIZE / side as f32;
    let origin_x = left + QUIET_ZONE as f32 * module;
    let origin_y = top + QUIET_ZONE as f32 * module;
    let mut rects = Vec::new();
    for y in 0..qr.width() {
        let mut x = 0;
        while x < qr.width() {
            if !qr.is_dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < qr.width() && qr.is_dark(x, y) {
                x += 1;
            }
            rects.push((
                origin_x + start as f32 * module,
                origin_y + y as f32 * module,
                (x - start) as f32 * module,
                module,
            ));
        }
    }
    page.push(Op::Rects(rects));
}
