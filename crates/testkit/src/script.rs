//! Finds English left in Russian and Kazakh output: three Latin-script words in a row, outside codes, commands and URLs.

/// Every run of three or more Latin-script words in a row, line by line. A token with a digit
/// or one of `-_./:@=?#&` (a code, a path, a URL, a command-line option) is not a word and
/// ends a run; so does a Cyrillic word. Names are data and Cyrillic in the examples; a brand
/// ("Facebook") stands alone.
pub fn latin_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    for line in text.lines() {
        let mut run: Vec<&str> = Vec::new();
        for token in line.split_whitespace() {
            let word =
                token.trim_matches(|c: char| !c.is_alphanumeric() && !"-_/:@=?#&".contains(c));
            let word = word.trim_end_matches([':', '?']);
            let is_code = word
                .chars()
                .any(|c| c.is_ascii_digit() || "-_./:@=?#&".contains(c));
            let is_latin = !word.is_empty()
                && !is_code
                && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'');
            if is_latin {
                run.push(word);
            } else {
                if run.len() >= 3 {
                    runs.push(run.join(" "));
                }
                run.clear();
            }
        }
        if run.len() >= 3 {
            runs.push(run.join(" "));
        }
    }
    runs
}

/// The text a reader sees in an HTML page, one element's text a line: without the style sheet,
/// the tags, and `<code>` (codes and commands), with the common entities decoded.
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let after = &rest[start..];
        let skip_to = ["style", "code", "script"].iter().find_map(|tag| {
            after
                .strip_prefix(&format!("<{tag}"))
                .filter(|r| r.starts_with('>') || r.starts_with(' '))
                .and_then(|_| {
                    after
                        .find(&format!("</{tag}>"))
                        .map(|end| end + tag.len() + 3)
                })
        });
        let end = skip_to
            .or_else(|| after.find('>').map(|end| end + 1))
            .unwrap_or(after.len());
        text.push('\n');
        rest = &after[end..];
    }
    text.push_str(rest);
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_found_and_codes_commands_and_names_are_not() {
        assert_eq!(
            latin_runs("Основание: нет кворума: 40 of 137 present, at least 69 needed"),
            vec!["present at least".to_owned()]
        );
        assert_eq!(
            latin_runs("составлен; the list meets every rule"),
            vec!["the list meets every rule".to_owned()]
        );
        assert!(latin_runs("Проверка: mandat verify --anchor 97:9f86d081").is_empty());
        assert!(latin_runs("заседание ALM-KERBULAK.2020-list, голосование № 4").is_empty());
        assert!(latin_runs("Facebook, YouTube — трансляция").is_empty());
        let text = html_text("<p>a &amp; b</p><style>x y z</style><code>mandat verify it</code>");
        assert_eq!(text.trim(), "a & b");
        assert_eq!(
            latin_runs(&html_text("<td>one</td><td>two</td><p>the list meets</p>")),
            vec!["the list meets".to_owned()]
        );
    }
}
