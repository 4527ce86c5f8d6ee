//! A plain structured document (headings, paragraphs, tables, signature lines) that the PDF and HTML renderers share.
