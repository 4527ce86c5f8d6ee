//! A meeting's and its debates' livestreams on the meeting's public page: the YouTube player embedded (from youtube-nocookie.com, the one host the CSP lets frame), Facebook and Instagram as plain links (neither offers an embed that works without their scripts and cookies).

use crate::chart::escape;
use mandat_core::meeting::model::{Platform, Stream};
use mandat_core::{Lang, i18n};
use std::fmt::Write;

/// The only host whose frames the pages may show (see `edge::CONTENT_SECURITY_POLICY`).
pub const EMBED_HOST: &str = "https://www.youtube-nocookie.com";

/// The id of a YouTube video in a link (`watch?v=ID`, `youtu.be/ID`, `/live/ID`, `/embed/ID`,
/// `/shorts/ID`), if it names one: 11 letters, digits, `-` or `_`. A channel's page
/// (`/@name/live`) names none, so it is shown as a link.
pub fn youtube_id(url: &str) -> Option<String> {
    let rest = url
        .trim()
        .strip_prefix("https://")
        .or_else(|| url.trim().strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.trim_start_matches("www.").trim_start_matches("m.");
    let candidate = match host {
        "youtu.be" => path.split(['?', '/', '#']).next(),
        "youtube.com" | "youtube-nocookie.com" => {
            let (route, query) = path.split_once('?').unwrap_or((path, ""));
            if route == "watch" {
                query
                    .split('&')
                    .find_map(|pair| pair.strip_prefix("v="))
                    .map(|v| v.split('#').next().unwrap_or(v))
            } else {
                ["live/", "embed/", "shorts/"]
                    .iter()
                    .find_map(|prefix| route.strip_prefix(prefix))
                    .map(|id| id.split(['/', '#']).next().unwrap_or(id))
            }
        }
        _ => None,
    }?;
    let ok = candidate.len() == 11
        && candidate
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| candidate.to_owned())
}

fn platform_name(platform: Platform) -> &'static str {
    match platform {
        Platform::Youtube => "YouTube",
        Platform::Facebook => "Facebook",
        Platform::Instagram => "Instagram",
        Platform::Other => "",
    }
}

/// Streams under one heading (the meeting's, or a debate's).
pub struct StreamGroup {
    pub heading: String,
    pub streams: Vec<Stream>,
}

/// The `<aside>` with every group's streams, or nothing when there are none.
pub fn aside(lang: Lang, groups: &[StreamGroup]) -> String {
    let groups: Vec<&StreamGroup> = groups.iter().filter(|g| !g.streams.is_empty()).collect();
    if groups.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "<aside class=\"streams\" aria-labelledby=\"streams-h\">\n<h2 id=\"streams-h\">{}</h2>\n",
        escape(&i18n::message(lang, "dashboard-streams"))
    );
    for group in groups {
        let _ = writeln!(out, "<h3>{}</h3>", escape(&group.heading));
        for stream in &group.streams {
            let url = stream.url.trim();
            // Only web links are shown; anything else (javascript:, data:) never becomes a link.
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                continue;
            }
            let name = match platform_name(stream.platform) {
                "" => i18n::message(lang, "dashboard-stream-other"),
                name => name.to_owned(),
            };
            // Embedded whenever the link names a YouTube video, whatever platform was typed.
            if let Some(id) = youtube_id(url) {
                let _ = writeln!(
                    out,
                    "<div class=\"embed\"><iframe src=\"{EMBED_HOST}/embed/{id}\" title=\"{}\" loading=\"lazy\" referrerpolicy=\"strict-origin-when-cross-origin\" allow=\"encrypted-media; picture-in-picture; fullscreen\" allowfullscreen></iframe></div>",
                    escape(&i18n::message_with(
                        lang,
                        "dashboard-stream-player",
                        &[("platform", name.as_str().into())]
                    ))
                );
            }
            let _ = writeln!(
                out,
                "<p><a href=\"{}\" rel=\"noopener noreferrer\">{}</a></p>",
                escape(url),
                escape(&i18n::message_with(
                    lang,
                    "dashboard-stream-link",
                    &[("platform", name.as_str().into())]
                ))
            );
        }
    }
    out.push_str("</aside>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_links_give_their_id_and_channel_pages_none() {
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=x&v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?t=3",
            "https://www.youtube.com/live/dQw4w9WgXcQ?si=abc",
            "https://m.youtube.com/embed/dQw4w9WgXcQ",
        ] {
            assert_eq!(youtube_id(url).as_deref(), Some("dQw4w9WgXcQ"), "{url}");
        }
        for url in [
            "https://www.youtube.com/@example-aksu-branch/live",
            "https://www.youtube.com/watch?v=short",
            "https://evil.example/watch?v=dQw4w9WgXcQ",
            "javascript:alert(1)",
        ] {
            assert_eq!(youtube_id(url), None, "{url}");
        }
    }

    #[test]
    fn facebook_is_a_link_and_youtube_an_embed_from_the_nocookie_host() {
        let html = aside(
            Lang::En,
            &[StreamGroup {
                heading: "Conference".into(),
                streams: vec![
                    Stream {
                        platform: Platform::Youtube,
                        url: "https://youtu.be/dQw4w9WgXcQ".into(),
                    },
                    Stream {
                        platform: Platform::Facebook,
                        url: "https://www.facebook.com/x/live?a=1&b=2".into(),
                    },
                    Stream {
                        platform: Platform::Other,
                        url: "javascript:alert(1)".into(),
                    },
                ],
            }],
        );
        assert!(html.contains("src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\""));
        assert!(html.contains("href=\"https://www.facebook.com/x/live?a=1&amp;b=2\""));
        assert!(!html.contains("javascript:"));
        assert_eq!(html.matches("<iframe").count(), 1);
    }
}
