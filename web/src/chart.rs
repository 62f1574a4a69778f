//! Small accessible SVG charts (shares over years, box plots, lines over years), written as
//! markup so the page shows them and the same text downloads as an `.svg` file.

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

use crate::table::escape;

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

/// One box of a box plot: a category's quartiles and extremes.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxRow {
    /// The category's label.
    pub label: String,
    /// Smallest, first quartile, median, third quartile, largest.
    pub five: [f64; 5],
    /// The tooltip text.
    pub title: String,
}

/// Horizontal box plots on a common logarithmic scale (budgets span three orders of magnitude),
/// with a title and a description for screen readers and each box focusable with its values.
pub fn box_plot(rows: &[BoxRow], title: &str, desc: &str, unit: &str) -> String {
    let (w, left, right, row_h, top) = (720.0, 150.0, 24.0, 44.0, 16.0);
    let h = top + row_h * rows.len() as f64 + 36.0;
    let lo = rows.iter().map(|r| r.five[0]).fold(f64::INFINITY, f64::min).max(1.0);
    let hi = rows.iter().map(|r| r.five[4]).fold(1.0, f64::max);
    let (l0, l1) = (lo.log10().floor(), hi.log10().ceil().max(lo.log10().floor() + 1.0));
    let x = |v: f64| left + (w - left - right) * (v.max(1.0).log10() - l0) / (l1 - l0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
         aria-labelledby=\"box-title box-desc\" tabindex=\"0\" class=\"chart\">\
         <title id=\"box-title\">{}</title><desc id=\"box-desc\">{}</desc>\
         <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>",
        escape(title),
        escape(desc)
    );
    let mut e = l0;
    while e <= l1 {
        let v = 10f64.powf(e);
        svg.push_str(&format!(
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{top}\" y2=\"{:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">{} {unit}</text>",
            h - 30.0,
            h - 12.0,
            if v >= 1e6 { format!("{}M", v / 1e6) } else { format!("{}k", v / 1e3) },
            x = x(v)
        ));
        e += 1.0;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_h * i as f64 + row_h / 2.0;
        let [min, q1, med, q3, max] = r.five;
        svg.push_str(&format!(
            "<g class=\"box\" tabindex=\"0\" data-median=\"{med}\"><title>{}</title>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\" fill=\"#1d1b26\">{}</text>\
             <line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#555\"/>\
             <rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"20\" fill=\"#e8dcf7\" stroke=\"#6b2fb3\"/>\
             <line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#6b2fb3\" stroke-width=\"3\"/></g>",
            escape(&r.title),
            left - 8.0,
            y + 4.0,
            escape(&r.label),
            x(min),
            x(max),
            x(q1),
            y - 10.0,
            (x(q3) - x(q1)).max(1.0),
            x(med),
            x(med),
            y - 10.0,
            y + 10.0
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// One line of a [`line_chart`].
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// What the line shows (a category's name), in the legend and the line's title.
    pub label: String,
    /// `data-series` on the line, for scripts and tests.
    pub key: String,
    /// The points in year order: year, value, tooltip.
    pub points: Vec<(i32, f64, String)>,
}

/// Colour and dash of each line in turn: the dash tells lines apart without colour.
const LINES: [(&str, &str); 4] =
    [("#6b2fb3", ""), ("#e0a100", "7 3"), ("#1d1b26", "2 3"), ("#8c8896", "9 3 2 3")];

/// Lines of values over years on a linear scale from zero, with a legend, a title and a
/// description for screen readers; the chart and each line focusable, a line's title reading
/// all its values and each point's its own. `tick` writes an axis value; ids start with `id`.
pub fn line_chart(
    id: &str,
    series: &[Series],
    title: &str,
    desc: &str,
    tick: &dyn Fn(f64) -> String,
) -> String {
    let (w, h, left, right, top, bottom) = (720.0, 320.0, 64.0, 16.0, 40.0, 28.0);
    let (pw, ph) = (w - left - right, h - top - bottom);
    let points = || series.iter().flat_map(|s| s.points.iter());
    let min = points().map(|p| p.0).min().unwrap_or(0);
    let max = points().map(|p| p.0).max().unwrap_or(0).max(min + 1);
    let high = points().map(|p| p.1).fold(0.0, f64::max);
    // A round gridline step (1, 2 or 5 times a power of ten), at most five of them.
    let power = 10f64.powf((high.max(1.0) / 5.0).log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| high / s <= 5.0);
    let step = step.unwrap_or(10.0 * power);
    let ymax = (high / step).ceil().max(1.0) * step;
    let x = |year: i32| left + pw * f64::from(year - min) / f64::from(max - min);
    let y = |v: f64| top + ph * (1.0 - v / ymax);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" tabindex=\"0\" class=\"chart\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
         <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>",
        escape(title),
        escape(desc)
    );
    let mut v = 0.0;
    while v <= ymax {
        svg.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">{}</text>",
            w - right,
            left - 6.0,
            y(v) + 4.0,
            escape(&tick(v)),
            y = y(v)
        ));
        v += step;
    }
    let every = ((max - min) / 8).max(1);
    let mut year = min;
    while year <= max {
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">{year}</text>",
            x(year),
            h - 10.0
        ));
        year += every;
    }
    for (i, (s, (colour, dash))) in series.iter().zip(LINES.iter().cycle()).enumerate() {
        let lx = left + 160.0 * i as f64;
        let tips: Vec<&str> = s.points.iter().map(|p| p.2.as_str()).collect();
        let line: Vec<String> =
            s.points.iter().map(|p| format!("{:.1},{:.1}", x(p.0), y(p.1))).collect();
        svg.push_str(&format!(
            "<g class=\"series\" tabindex=\"0\" data-series=\"{}\"><title>{} — {}</title>\
             <line x1=\"{lx}\" x2=\"{}\" y1=\"16\" y2=\"16\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-dasharray=\"{dash}\"/>\
             <text x=\"{}\" y=\"20\" font-size=\"12\" fill=\"#1d1b26\">{}</text>\
             <polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>",
            escape(&s.key),
            escape(&s.label),
            escape(&tips.join("; ")),
            lx + 24.0,
            lx + 30.0,
            escape(&s.label),
            line.join(" ")
        ));
        for p in &s.points {
            svg.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\" data-year=\"{}\" data-value=\"{}\"><title>{}</title></circle>",
                x(p.0),
                y(p.1),
                p.0,
                p.1,
                escape(&p.2)
            ));
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}
