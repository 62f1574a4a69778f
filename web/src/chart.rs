//! A small accessible SVG chart of shares over years, written as markup so the page shows it and
//! the same text downloads as an `.svg` file.

/// One year's point.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The year.
    pub year: i32,
    /// The share of women over the known, if any is known.
    pub share: Option<f64>,
    /// The share of the denominator whose gender is unknown.
    pub unknown: f64,
    /// The tooltip text.
    pub label: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The chart: a line of the share of women per year (0–100 %), grey bars for the unknown share,
/// a title and a description for screen readers, and each point focusable with its value.
pub fn share_chart(points: &[Point], title: &str, desc: &str) -> String {
    let (w, h, left, right, top, bottom) = (720.0, 320.0, 48.0, 24.0, 16.0, 32.0);
    let (pw, ph) = (w - left - right, h - top - bottom);
    let (min, max) = match (points.first(), points.last()) {
        (Some(a), Some(b)) => (a.year, b.year.max(a.year + 1)),
        _ => (0, 1),
    };
    let x = |year: i32| left + pw * f64::from(year - min) / f64::from(max - min);
    let y = |share: f64| top + ph * (1.0 - share);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
         aria-labelledby=\"chart-title chart-desc\" tabindex=\"0\" class=\"chart\">\
         <title id=\"chart-title\">{}</title><desc id=\"chart-desc\">{}</desc>\
         <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>",
        escape(title),
        escape(desc)
    );
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        svg.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">{}%</text>",
            w - right,
            left - 6.0,
            y(tick) + 4.0,
            (tick * 100.0) as i32,
            y = y(tick)
        ));
    }
    let step = ((max - min) / 8).max(1);
    let mut year = min;
    while year <= max {
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">{year}</text>",
            x(year),
            h - 10.0
        ));
        year += step;
    }
    let bar = (pw / f64::from(max - min + 1)).clamp(1.0, 12.0);
    for p in points.iter().filter(|p| p.unknown > 0.0) {
        svg.push_str(&format!(
            "<rect class=\"unknown\" x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"#bbb\"/>",
            x(p.year) - bar / 2.0,
            y(p.unknown),
            ph * p.unknown
        ));
    }
    let line: Vec<String> = points
        .iter()
        .filter_map(|p| p.share.map(|s| format!("{:.1},{:.1}", x(p.year), y(s))))
        .collect();
    if !line.is_empty() {
        svg.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#8a2be2\" stroke-width=\"2\"/>",
            line.join(" ")
        ));
    }
    for p in points {
        if let Some(s) = p.share {
            svg.push_str(&format!(
                "<g class=\"point\" tabindex=\"0\" data-year=\"{}\" data-share=\"{s:.6}\"><title>{}</title>\
                 <circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"#8a2be2\"/></g>",
                p.year,
                escape(&p.label),
                x(p.year),
                y(s)
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}
