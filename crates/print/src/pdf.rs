//! Lays a [`Document`] out on A4 pages: wrapped text, two-column label/value blocks, ruled tables, signature lines, page numbers.

use mandat_core::document::{Block, Document};

use crate::PrintError;
use crate::canvas::{self, Info, Ink, Op, PAGE_HEIGHT, PAGE_WIDTH, Page};
use crate::fonts::{Fonts, Weight, fonts};

const MARGIN_X: f32 = 57.0;
const MARGIN_TOP: f32 = 50.0;
/// Room below the text for the page number.
const MARGIN_BOTTOM: f32 = 60.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN_BOTTOM;

const TITLE_SIZE: f32 = 15.0;
const HEADING_SIZE: f32 = 11.5;
const BODY_SIZE: f32 = 10.0;
/// Tables with many columns shrink their text to keep words whole, down to this size.
const SMALLEST_TABLE_SIZE: f32 = 7.0;
const NOTE_SIZE: f32 = 7.5;
const FOOTER_SIZE: f32 = 8.0;
/// Line height as a multiple of the type size.
const LEADING: f32 = 1.3;
/// Where the baseline sits below the top of a line, as a multiple of the type size.
const BASELINE: f32 = 0.95;
const CELL_PADDING: f32 = 4.0;
const KEY_GAP: f32 = 10.0;
const LIST_INDENT: f32 = 20.0;
/// Label/value blocks up to this many lines are not split across pages.
const KEEP_TOGETHER_LINES: usize = 12;

/// Renders a document to PDF bytes.
pub fn pdf(doc: &Document) -> Result<Vec<u8>, PrintError> {
    let fonts = fonts()?;
    let mut layout = Layout::new(fonts);
    layout.title(&doc.title);
    for block in &doc.blocks {
        layout.block(block);
    }
    let pages = layout.finish();
    canvas::write_pdf(
        &pages,
        fonts,
        &Info {
            title: &doc.title,
            lang: Some(doc.lang.as_str()),
        },
    )
}

struct Layout<'f> {
    fonts: &'f Fonts,
    /// Pages already full.
    done: Vec<Page>,
    page: Page,
    /// The top of the next line on the current page.
    y: f32,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Self {
            fonts,
            done: Vec::new(),
            page: Vec::new(),
            y: MARGIN_TOP,
        }
    }

    fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.page));
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `height` still fits on this one (or this page is empty, so
    /// that something taller than a page is still placed, rather than looping).
    fn reserve(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, top: f32, weight: Weight, size: f32, ink: Ink, text: &str) {
        if text.is_empty() {
            return;
        }
        self.page.push(Op::Text {
            x,
            baseline: top + size * BASELINE,
            weight,
            size,
            ink,
            text: text.to_owned(),
        });
    }

    fn rule(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.page.push(Op::Line { from, to, width });
    }

    /// Wrapped lines set from `x`, breaking pages between lines.
    fn lines(&mut self, x: f32, width: f32, weight: Weight, size: f32, ink: Ink, text: &str) {
        let line_height = size * LEADING;
        for line in canvas::wrap(self.fonts, weight, size, text, width) {
            self.reserve(line_height);
            let top = self.y;
            self.text(x, top, weight, size, ink, &line);
            self.y += line_height;
        }
    }

    fn title(&mut self, title: &str) {
        let face = self.fonts.face(Weight::Bold);
        for line in canvas::wrap(self.fonts, Weight::Bold, TITLE_SIZE, title, CONTENT_WIDTH) {
            let x = MARGIN_X + (CONTENT_WIDTH - face.width(&line, TITLE_SIZE)).max(0.0) / 2.0;
            let top = self.y;
            self.text(x, top, Weight::Bold, TITLE_SIZE, Ink::Black, &line);
            self.y += TITLE_SIZE * LEADING;
        }
        self.y += 6.0;
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(text) => self.heading(text),
            Block::Paragraph(text) => {
                self.lines(
                    MARGIN_X,
                    CONTENT_WIDTH,
                    Weight::Regular,
                    BODY_SIZE,
                    Ink::Black,
                    text,
                );
                self.y += 4.0;
            }
            Block::KeyValues(pairs) => self.key_values(pairs),
            Block::Table { header, rows } => self.table(header, rows),
            Block::List(items) => self.list(items),
            Block::Signatures(roles) => self.signatures(roles),
            Block::Note(text) => {
                self.y += 8.0;
                self.lines(
                    MARGIN_X,
                    CONTENT_WIDTH,
                    Weight::Regular,
                    NOTE_SIZE,
                    Ink::Grey,
                    text,
                );
            }
        }
    }

    fn heading(&mut self, text: &str) {
        let lines = canvas::wrap(self.fonts, Weight::Bold, HEADING_SIZE, text, CONTENT_WIDTH);
        let height = lines.len() as f32 * HEADING_SIZE * LEADING;
        // Space before, and keep the heading with the first lines of what follows it.
        self.y += 8.0;
        self.reserve(height + 4.0 * BODY_SIZE * LEADING);
        for line in lines {
            let top = self.y;
            self.text(MARGIN_X, top, Weight::Bold, HEADING_SIZE, Ink::Black, &line);
            self.y += HEADING_SIZE * LEADING;
        }
        self.y += 2.0;
    }

    fn key_values(&mut self, pairs: &[(String, String)]) {
        let face = self.fonts.face(Weight::Regular);
        let widest_key = pairs
            .iter()
            .map(|(key, _)| face.width(key, BODY_SIZE))
            .fold(0.0, f32::max);
        let key_width = widest_key.min(CONTENT_WIDTH * 0.45);
        let value_x = MARGIN_X + key_width + KEY_GAP;
        let value_width = CONTENT_WIDTH - key_width - KEY_GAP;
        let line_height = BODY_SIZE * LEADING;
        let rows: Vec<(Vec<String>, Vec<String>)> = pairs
            .iter()
            .map(|(key, value)| {
                (
                    canvas::wrap(self.fonts, Weight::Regular, BODY_SIZE, key, key_width),
                    canvas::wrap(self.fonts, Weight::Bold, BODY_SIZE, value, value_width),
                )
            })
            .collect();
        let total_lines: usize = rows
            .iter()
            .map(|(keys, values)| keys.len().max(values.len()))
            .sum();
        // A short block (a vote's numbers) is kept on one page; a long one breaks between rows.
        if total_lines <= KEEP_TOGETHER_LINES {
            self.reserve(total_lines as f32 * line_height);
        }
        for (keys, values) in rows {
            self.reserve(keys.len().max(values.len()) as f32 * line_height);
            let top = self.y;
            for (index, line) in keys.iter().enumerate() {
                let line_top = top + index as f32 * line_height;
                self.text(
                    MARGIN_X,
                    line_top,
                    Weight::Regular,
                    BODY_SIZE,
                    Ink::Grey,
                    line,
                );
            }
            for (index, line) in values.iter().enumerate() {
                let line_top = top + index as f32 * line_height;
                self.text(value_x, line_top, Weight::Bold, BODY_SIZE, Ink::Black, line);
            }
            self.y = top + keys.len().max(values.len()) as f32 * line_height;
        }
        self.y += 4.0;
    }

    fn list(&mut self, items: &[String]) {
        for (index, item) in items.iter().enumerate() {
            self.reserve(BODY_SIZE * LEADING);
            let top = self.y;
            let marker = format!("{}.", index + 1);
            self.text(
                MARGIN_X,
                top,
                Weight::Regular,
                BODY_SIZE,
                Ink::Black,
                &marker,
            );
            self.lines(
                MARGIN_X + LIST_INDENT,
                CONTENT_WIDTH - LIST_INDENT,
                Weight::Regular,
                BODY_SIZE,
                Ink::Black,
                item,
            );
        }
        self.y += 4.0;
    }

    fn table(&mut self, header: &[String], rows: &[Vec<String>]) {
        let columns = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns == 0 {
            return;
        }
        let size = self.table_size(header, rows, columns);
        let widths = self.column_widths(header, rows, columns, size);
        let line_height = size * LEADING;
        let header_height = self.row_height(header, &widths, Weight::Bold, size);
        self.reserve(header_height + line_height + 2.0 * CELL_PADDING);
        self.row(header, &widths, Weight::Bold, true, size);
        for row in rows {
            let height = self.row_height(row, &widths, Weight::Regular, size);
            if self.y + height > BOTTOM && self.y > MARGIN_TOP {
                // Repeat the header on the new page so the columns stay readable.
                self.new_page();
                self.row(header, &widths, Weight::Bold, true, size);
            }
            self.row(row, &widths, Weight::Regular, false, size);
        }
        self.y += 6.0;
    }

    /// The body size, or smaller for a table with so many columns that their longest words
    /// would not fit across the page at the body size (words would break); never below
    /// [`SMALLEST_TABLE_SIZE`].
    fn table_size(&self, header: &[String], rows: &[Vec<String>], columns: usize) -> f32 {
        let mut longest_word = vec![0.0_f32; columns];
        for (row, weight) in std::iter::once((header, Weight::Bold))
            .chain(rows.iter().map(|row| (row.as_slice(), Weight::Regular)))
        {
            let face = self.fonts.face(weight);
            for (word_width, cell) in longest_word.iter_mut().zip(row) {
                for word in cell.split_whitespace() {
                    *word_width = word_width.max(face.width(word, BODY_SIZE));
                }
            }
        }
        let words: f32 = longest_word.iter().sum();
        let room = CONTENT_WIDTH - 2.0 * CELL_PADDING * columns as f32;
        if words <= room || words <= 0.0 {
            return BODY_SIZE;
        }
        // Text width scales with the size; a tenth of slack keeps the widest words whole.
        (BODY_SIZE * room / words * 0.9).max(SMALLEST_TABLE_SIZE)
    }

    /// Each column gets its natural width (its longest line) if all fit. Otherwise narrow
    /// columns keep theirs, and the wide ones, as browsers lay out tables, first get their
    /// longest word (so no word is broken while there is room) and then share what is left in
    /// proportion to how much wider each would like to be.
    fn column_widths(
        &self,
        header: &[String],
        rows: &[Vec<String>],
        columns: usize,
        size: f32,
    ) -> Vec<f32> {
        let mut natural = vec![0.0_f32; columns];
        let mut longest_word = vec![0.0_f32; columns];
        for (row, weight) in std::iter::once((header, Weight::Bold))
            .chain(rows.iter().map(|row| (row.as_slice(), Weight::Regular)))
        {
            let face = self.fonts.face(weight);
            for ((width, word_width), cell) in natural.iter_mut().zip(&mut longest_word).zip(row) {
                for line in cell.split('\n') {
                    *width = width.max(face.width(line, size) + 2.0 * CELL_PADDING);
                    for word in line.split_whitespace() {
                        *word_width = word_width.max(face.width(word, size) + 2.0 * CELL_PADDING);
                    }
                }
            }
        }
        let total: f32 = natural.iter().sum();
        if total <= CONTENT_WIDTH {
            // Give the spare room to the last column, so the table spans the page.
            let spare = CONTENT_WIDTH - total;
            if let Some(last) = natural.last_mut() {
                *last += spare;
            }
            return natural;
        }
        let fair = CONTENT_WIDTH / columns as f32;
        let is_wide = |width: f32| width > fair;
        let narrow: f32 = natural.iter().filter(|width| !is_wide(**width)).sum();
        let room = CONTENT_WIDTH - narrow;
        // A wide column's least width: its longest word, never more than its natural width.
        let least = |index: usize| longest_word[index].min(natural[index]);
        let wide: Vec<usize> = (0..columns).filter(|i| is_wide(natural[*i])).collect();
        let least_total: f32 = wide.iter().map(|i| least(*i)).sum();
        let wanted: f32 = wide.iter().map(|i| natural[*i] - least(*i)).sum();
        (0..columns)
            .map(|index| {
                let width = natural[index];
                if !is_wide(width) {
                    width
                } else if least_total >= room || wanted <= 0.0 {
                    // Not even the longest words fit: shrink them alike (words will break).
                    least(index) * room / least_total.max(1.0)
                } else {
                    least(index) + (width - least(index)) * (room - least_total) / wanted
                }
            })
            .collect()
    }

    fn row_height(&self, cells: &[String], widths: &[f32], weight: Weight, size: f32) -> f32 {
        let lines = widths
            .iter()
            .enumerate()
            .map(|(index, width)| {
                let cell = cells.get(index).map_or("", String::as_str);
                canvas::wrap(self.fonts, weight, size, cell, width - 2.0 * CELL_PADDING).len()
            })
            .max()
            .unwrap_or(1);
        lines as f32 * size * LEADING + 2.0 * CELL_PADDING
    }

    fn row(
        &mut self,
        cells: &[String],
        widths: &[f32],
        weight: Weight,
        is_header: bool,
        size: f32,
    ) {
        let height = self.row_height(cells, widths, weight, size);
        let top = self.y;
        let right = MARGIN_X + widths.iter().sum::<f32>();
        if is_header {
            self.rule((MARGIN_X, top), (right, top), 0.8);
        }
        let mut x = MARGIN_X;
        for (index, width) in widths.iter().enumerate() {
            let cell = cells.get(index).map_or("", String::as_str);
            let lines = canvas::wrap(self.fonts, weight, size, cell, width - 2.0 * CELL_PADDING);
            for (line_index, line) in lines.iter().enumerate() {
                let line_top = top + CELL_PADDING + line_index as f32 * size * LEADING;
                self.text(x + CELL_PADDING, line_top, weight, size, Ink::Black, line);
            }
            x += width;
        }
        let bottom = top + height;
        let thickness = if is_header { 0.8 } else { 0.3 };
        self.rule((MARGIN_X, bottom), (right, bottom), thickness);
        self.y = bottom;
    }

    /// "Role ____________ / ______________ /": a line to sign on, then one for the name.
    fn signatures(&mut self, roles: &[String]) {
        let face = self.fonts.face(Weight::Bold);
        let label_width = roles
            .iter()
            .map(|role| face.width(role, BODY_SIZE))
            .fold(0.0, f32::max)
            .min(CONTENT_WIDTH * 0.35);
        let row_height = 30.0;
        self.y += 16.0;
        self.reserve(roles.len() as f32 * row_height);
        let slash = self.fonts.face(Weight::Regular).width("/", BODY_SIZE);
        for role in roles {
            let top = self.y;
            let labels = canvas::wrap(self.fonts, Weight::Bold, BODY_SIZE, role, label_width);
            for (index, line) in labels.iter().enumerate() {
                let line_top = top + index as f32 * BODY_SIZE * LEADING;
                self.text(
                    MARGIN_X,
                    line_top,
                    Weight::Bold,
                    BODY_SIZE,
                    Ink::Black,
                    line,
                );
            }
            let underline = top + BODY_SIZE * 1.15;
            let start = MARGIN_X + label_width + 16.0;
            let signature_end = start + 150.0;
            let name_start = signature_end + slash + 10.0;
            let name_end = MARGIN_X + CONTENT_WIDTH - slash - 6.0;
            self.rule((start, underline), (signature_end, underline), 0.5);
            self.text(
                signature_end + 5.0,
                top,
                Weight::Regular,
                BODY_SIZE,
                Ink::Black,
                "/",
            );
            self.rule((name_start, underline), (name_end, underline), 0.5);
            self.text(
                name_end + 3.0,
                top,
                Weight::Regular,
                BODY_SIZE,
                Ink::Black,
                "/",
            );
            self.y = top + row_height;
        }
    }

    /// The pages, each numbered "n / total" at the foot when there is more than one.
    fn finish(self) -> Vec<Page> {
        let mut pages = self.done;
        pages.push(self.page);
        let total = pages.len();
        if total > 1 {
            let face = self.fonts.face(Weight::Regular);
            for (index, page) in pages.iter_mut().enumerate() {
                let number = format!("{} / {total}", index + 1);
                let x = (PAGE_WIDTH - face.width(&number, FOOTER_SIZE)) / 2.0;
                page.push(Op::Text {
                    x,
                    baseline: PAGE_HEIGHT - 30.0,
                    weight: Weight::Regular,
                    size: FOOTER_SIZE,
                    ink: Ink::Grey,
                    text: number,
                });
            }
        }
        pages
    }
}
