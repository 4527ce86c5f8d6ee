//! A plain structured document (headings, paragraphs, tables, signature lines) that the PDF and HTML renderers share.

use crate::i18n::Lang;
use serde::Serialize;

/// A printable document: a title and a flow of blocks, with no layout of its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Shown as the first line and used as the file's title.
    pub title: String,
    pub lang: Lang,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "block", content = "content")]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// Label and value pairs, shown as two aligned columns.
    KeyValues(Vec<(String, String)>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A numbered list.
    List(Vec<String>),
    /// Role labels (chair, secretary); each gets a line for the signature and one for the name.
    Signatures(Vec<String>),
    /// Small print, such as the journal anchor.
    Note(String),
}

impl Document {
    pub fn new(title: impl Into<String>, lang: Lang) -> Self {
        Self {
            title: title.into(),
            lang,
            blocks: Vec::new(),
        }
    }

    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }
}
