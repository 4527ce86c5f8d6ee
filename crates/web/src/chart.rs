//! Charts drawn on the server as SVG, inline in the page: they print, need no script, and read out to a screen reader through their title, description and per-mark titles.
//!
//! Written by hand rather than with `plotters`: the two charts are a bar per unit and one line,
//! about a hundred lines of markup; `plotters` (even with only `svg_backend`) brings its own
//! text layout that sizes labels without knowing the browser's fonts, puts styles inline where
//! the stylesheet should rule (print, dark mode), and has no hook for the `<title>` of each mark
//! or the `role="img"` and `aria-labelledby` the page needs. Every text is escaped here.

use std::fmt::Write;

/// Escapes text for SVG/XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One bar: its label, the share it shows (0..=1000 per mille, `None` when not shown), and the
/// sentence a reader gets for it (label, figures, per cent).
pub struct Bar {
    pub label: String,
    pub per_mille: Option<u64>,
    pub figure: String,
    pub sentence: String,
}

const WIDTH: u32 = 640;
const LABEL_WIDTH: u32 = 250;
const FIGURE_WIDTH: u32 = 90;
const ROW: u32 = 26;

/// A horizontal bar chart of shares, one row per bar; `id` names its title for
/// `aria-labelledby`.
pub fn bars(id: &str, title: &str, description: &str, bars: &[Bar]) -> String {
    let height = ROW * u32::try_from(bars.len()).unwrap_or(0) + 8;
    let track = WIDTH - LABEL_WIDTH - FIGURE_WIDTH;
    let mut svg = String::with_capacity(512 + bars.len() * 400);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-bars\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(description)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = 4 + ROW * u32::try_from(i).unwrap_or(0);
        let filled = bar.per_mille.map_or(0, |p| {
            u32::try_from(p.min(1000)).unwrap_or(0) * track / 1000
        });
        let _ = write!(
            svg,
            "<g class=\"bar\"><title>{sentence}</title><text class=\"label\" x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text><rect class=\"track\" x=\"{LABEL_WIDTH}\" y=\"{ry}\" width=\"{track}\" height=\"16\"/><rect class=\"fill\" x=\"{LABEL_WIDTH}\" y=\"{ry}\" width=\"{filled}\" height=\"16\"/><text class=\"figure\" x=\"{fx}\" y=\"{ty}\">{figure}</text></g>",
            sentence = escape(&bar.sentence),
            lx = LABEL_WIDTH - 8,
            ty = y + 13,
            ry = y,
            label = escape(&truncate(&bar.label, 36)),
            fx = LABEL_WIDTH + track + 8,
            figure = escape(&bar.figure),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One point of a line: when (seconds since an origin), how many, and its sentence.
pub struct Point {
    pub x: i64,
    pub y: u64,
    pub sentence: String,
}

const LINE_HEIGHT: u32 = 220;
const PAD_LEFT: u32 = 70;
const PAD_RIGHT: u32 = 20;
const PAD_TOP: u32 = 14;
const PAD_BOTTOM: u32 = 34;

/// A line chart of a count over time, from 0 to `y_max`, between `x_labels` (the first and
/// last time as words); each point is marked with its sentence.
pub fn line(
    id: &str,
    title: &str,
    description: &str,
    points: &[Point],
    y_max: u64,
    y_max_label: &str,
    x_labels: (&str, &str),
) -> String {
    let plot_w = i64::from(WIDTH - PAD_LEFT - PAD_RIGHT);
    let plot_h = i64::from(LINE_HEIGHT - PAD_TOP - PAD_BOTTOM);
    let x0 = points.first().map_or(0, |p| p.x);
    let x1 = points.last().map_or(1, |p| p.x).max(x0 + 1);
    let y_max = y_max.max(1);
    let at = |p: &Point| {
        let x = i64::from(PAD_LEFT) + (p.x - x0) * plot_w / (x1 - x0);
        let y = i64::from(PAD_TOP) + plot_h
            - i64::try_from(
                u128::from(p.y.min(y_max)) * plot_h.unsigned_abs() as u128 / u128::from(y_max),
            )
            .unwrap_or(0);
        (x, y)
    };
    let mut svg = String::with_capacity(1024 + points.len() * 160);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-line\" viewBox=\"0 0 {WIDTH} {LINE_HEIGHT}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(description)
    );
    let bottom = PAD_TOP + u32::try_from(plot_h).unwrap_or(0);
    let right = WIDTH - PAD_RIGHT;
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{PAD_LEFT}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\"/><line class=\"axis\" x1=\"{PAD_LEFT}\" y1=\"{PAD_TOP}\" x2=\"{PAD_LEFT}\" y2=\"{bottom}\"/><text class=\"tick\" x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{ymax}</text><text class=\"tick\" x=\"{lx}\" y=\"{bottom}\" text-anchor=\"end\">0</text><text class=\"tick\" x=\"{PAD_LEFT}\" y=\"{xy}\">{from}</text><text class=\"tick\" x=\"{right}\" y=\"{xy}\" text-anchor=\"end\">{to}</text>",
        lx = PAD_LEFT - 6,
        ty = PAD_TOP + 10,
        ymax = escape(y_max_label),
        xy = bottom + 22,
        from = escape(x_labels.0),
        to = escape(x_labels.1),
    );
    if !points.is_empty() {
        svg.push_str("<polyline class=\"line\" points=\"");
        for (i, p) in points.iter().enumerate() {
            let (x, y) = at(p);
            if i > 0 {
                svg.push(' ');
            }
            let _ = write!(svg, "{x},{y}");
        }
        svg.push_str("\"/>");
        for p in points {
            let (x, y) = at(p);
            let _ = write!(
                svg,
                "<circle class=\"point\" cx=\"{x}\" cy=\"{y}\" r=\"4\"><title>{}</title></circle>",
                escape(&p.sentence)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// At most `n` characters, with an ellipsis when cut.
fn truncate(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn bars_escape_their_text_and_fill_by_share() {
        let svg = bars(
            "t",
            "Turnout <A&B>",
            "desc",
            &[
                Bar {
                    label: "Unit \"1\"".into(),
                    per_mille: Some(500),
                    figure: "50%".into(),
                    sentence: "half".into(),
                },
                Bar {
                    label: "Unit 2".into(),
                    per_mille: None,
                    figure: "—".into(),
                    sentence: "not shown".into(),
                },
            ],
        );
        assert!(svg.contains("Turnout &lt;A&amp;B&gt;"));
        assert!(svg.contains("Unit &quot;1&quot;"));
        let track = WIDTH - LABEL_WIDTH - FIGURE_WIDTH;
        assert!(svg.contains(&format!("width=\"{}\"", track / 2)));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn a_line_runs_from_the_first_point_to_the_last() {
        let points = [
            Point {
                x: 0,
                y: 0,
                sentence: "start".into(),
            },
            Point {
                x: 100,
                y: 50,
                sentence: "end".into(),
            },
        ];
        let svg = line("l", "t", "d", &points, 100, "100", ("a", "b"));
        assert!(svg.contains(&format!("points=\"{PAD_LEFT},")));
        assert_eq!(svg.matches("<circle").count(), 2);
    }
}
