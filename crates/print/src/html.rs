//! The same [`Document`] as a self-contained HTML page (inline print CSS, every text escaped), for the web application.

use std::fmt::Write;

use mandat_core::document::{Block, Document};

const STYLE: &str = "\
@page { size: A4; margin: 20mm; }
body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 10pt; line-height: 1.35; color: #000; max-width: 180mm; margin: 0 auto; padding: 1em; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 0.5em; }
h2 { font-size: 11.5pt; margin: 1.2em 0 0.3em; break-after: avoid; }
p { margin: 0 0 0.4em; white-space: pre-line; }
table { border-collapse: collapse; width: 100%; margin: 0 0 0.6em; }
table.kv th { font-weight: normal; color: #555; text-align: left; vertical-align: top; padding: 0 1em 0 0; white-space: nowrap; width: 1%; }
table.kv td { font-weight: bold; padding: 0; overflow-wrap: anywhere; }
table.grid th, table.grid td { border-bottom: 0.3pt solid #000; padding: 4pt; text-align: left; vertical-align: top; white-space: pre-line; }
table.grid thead th { border-top: 0.8pt solid #000; border-bottom-width: 0.8pt; }
table.grid tr { break-inside: avoid; }
.signatures { margin-top: 2em; break-inside: avoid; }
.signature { display: flex; align-items: flex-end; gap: 0.6em; margin-bottom: 1.6em; }
.signature .role { font-weight: bold; min-width: 9em; }
.signature .line { border-bottom: 0.5pt solid #000; height: 1.2em; }
.signature .sign { flex: 0 0 14em; }
.signature .name { flex: 1; }
.note { font-size: 7.5pt; color: #555; margin-top: 1.2em; overflow-wrap: anywhere; }
nav { font-size: 9pt; border-bottom: 0.5pt solid #ccc; margin: 0 0 1em; padding-bottom: 0.4em; }
nav p { margin: 0 0 0.2em; }
@media print { nav, aside.streams { display: none; } }
aside.streams { border: 0.5pt solid #ccc; padding: 0.5em 1em; margin: 0 0 1em; }
aside.streams h2 { margin-top: 0.3em; }
aside.streams .embed { position: relative; width: 100%; max-width: 640px; aspect-ratio: 16 / 9; }
aside.streams iframe { width: 100%; height: 100%; border: 0; }
";

/// A link of the bar above a document on the web: to the same document in another language, its
/// files, or a related page. `current` marks the page itself, shown as text rather than a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavLink {
    pub href: String,
    pub text: String,
    pub current: bool,
}

/// Renders a document as one HTML page with its language set.
pub fn html(doc: &Document) -> String {
    html_with_nav(doc, &[])
}

/// Renders a document as one HTML page with a bar of links above it, one group a line; the bar
/// is for readers on screen and is not printed, so the printed page stays the document.
pub fn html_with_nav(doc: &Document, nav: &[Vec<NavLink>]) -> String {
    html_with_nav_and_aside(doc, nav, "")
}

/// [`html_with_nav`] with `aside`, markup the caller has already escaped (the livestreams of a
/// meeting), between the title and the document; like the bar, it is not printed.
pub fn html_with_nav_and_aside(doc: &Document, nav: &[Vec<NavLink>], aside: &str) -> String {
    let mut out = String::with_capacity(8 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(doc.lang.as_str());
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    escape_into(&mut out, &doc.title);
    out.push_str("</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    nav_into(&mut out, nav);
    out.push_str("<main>\n<h1>");
    escape_into(&mut out, &doc.title);
    out.push_str("</h1>\n");
    out.push_str(aside);
    for block in &doc.blocks {
        block_into(&mut out, block);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn nav_into(out: &mut String, nav: &[Vec<NavLink>]) {
    let groups: Vec<&Vec<NavLink>> = nav.iter().filter(|group| !group.is_empty()).collect();
    if groups.is_empty() {
        return;
    }
    out.push_str("<nav>\n");
    for group in groups {
        out.push_str("<p>");
        for (index, link) in group.iter().enumerate() {
            if index > 0 {
                out.push_str(" · ");
            }
            if link.current {
                out.push_str("<strong aria-current=\"page\">");
                escape_into(out, &link.text);
                out.push_str("</strong>");
            } else {
                out.push_str("<a href=\"");
                escape_into(out, &link.href);
                out.push_str("\">");
                escape_into(out, &link.text);
                out.push_str("</a>");
            }
        }
        out.push_str("</p>\n");
    }
    out.push_str("</nav>\n");
}

fn block_into(out: &mut String, block: &Block) {
    match block {
        Block::Heading(text) => element(out, "h2", "", text),
        Block::Paragraph(text) => element(out, "p", "", text),
        Block::Note(text) => element(out, "p", "note", text),
        Block::KeyValues(pairs) => {
            out.push_str("<table class=\"kv\">\n");
            for (key, value) in pairs {
                out.push_str("<tr><th scope=\"row\">");
                escape_into(out, key);
                out.push_str("</th><td>");
                escape_into(out, value);
                out.push_str("</td></tr>\n");
            }
            out.push_str("</table>\n");
        }
        Block::Table { header, rows } => {
            out.push_str("<table class=\"grid\">\n<thead><tr>");
            for cell in header {
                element(out, "th", "", cell);
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    element(out, "td", "", cell);
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::List(items) => {
            out.push_str("<ol>\n");
            for item in items {
                element(out, "li", "", item);
                out.push('\n');
            }
            out.push_str("</ol>\n");
        }
        Block::Signatures(roles) => {
            out.push_str("<div class=\"signatures\">\n");
            for role in roles {
                out.push_str("<div class=\"signature\"><span class=\"role\">");
                escape_into(out, role);
                out.push_str("</span><span class=\"line sign\"></span>/<span class=\"line name\"></span>/</div>\n");
            }
            out.push_str("</div>\n");
        }
    }
}

fn element(out: &mut String, tag: &str, class: &str, text: &str) {
    if class.is_empty() {
        let _ = write!(out, "<{tag}>");
    } else {
        let _ = write!(out, "<{tag} class=\"{class}\">");
    }
    escape_into(out, text);
    let _ = write!(out, "</{tag}>");
    if matches!(tag, "h2" | "p") {
        out.push('\n');
    }
}

/// Escapes the five characters that could end text or an attribute early.
fn escape_into(out: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mandat_core::Lang;

    #[test]
    fn text_is_escaped_and_the_language_set() {
        let mut doc = Document::new("ХАТТАМА <№ 1>", Lang::Kk);
        doc.push(Block::Paragraph(
            "a & b <script>alert('x')</script>".to_owned(),
        ));
        doc.push(Block::KeyValues(vec![(
            "\"Төраға\"".to_owned(),
            "Гауһар".to_owned(),
        )]));
        doc.push(Block::Table {
            header: vec!["№".to_owned(), "Аты-жөні".to_owned()],
            rows: vec![vec!["1".to_owned(), "<b>Ұлан</b>".to_owned()]],
        });
        doc.push(Block::List(vec!["Күн тәртібі".to_owned()]));
        doc.push(Block::Signatures(vec!["Хатшы".to_owned()]));
        doc.push(Block::Note("12:ab".to_owned()));
        let page = html(&doc);
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"kk\">"));
        assert!(page.contains("<title>ХАТТАМА &lt;№ 1&gt;</title>"));
        assert!(page.contains("a &amp; b &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(page.contains("&quot;Төраға&quot;"));
        assert!(page.contains("<td>&lt;b&gt;Ұлан&lt;/b&gt;</td>"));
        assert!(page.contains("<li>Күн тәртібі</li>"));
        assert!(page.contains("<span class=\"role\">Хатшы</span>"));
        assert!(page.contains("<p class=\"note\">12:ab</p>"));
        assert!(!page.contains("<script>"));
        assert!(!page.contains("<nav>"), "no links asked, no bar");
    }

    #[test]
    fn the_bar_links_all_but_the_current_page_and_escapes_hrefs() {
        let doc = Document::new("Тізім", Lang::Kk);
        let link = |href: &str, text: &str, current| NavLink {
            href: href.to_owned(),
            text: text.to_owned(),
            current,
        };
        let page = html_with_nav(
            &doc,
            &[
                vec![
                    link("?lang=ru", "Русский", false),
                    link("?lang=kk", "Қазақша", true),
                ],
                vec![],
                vec![link("/x?a=1&b=\"2\"", "CSV", false)],
            ],
        );
        assert!(page.contains(
            "<nav>\n<p><a href=\"?lang=ru\">Русский</a> · <strong aria-current=\"page\">Қазақша</strong></p>\n<p><a href=\"/x?a=1&amp;b=&quot;2&quot;\">CSV</a></p>\n</nav>\n<main>"
        ));
        assert!(page.contains("@media print { nav, aside.streams { display: none; } }"));
    }
}
