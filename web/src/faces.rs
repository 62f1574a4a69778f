//! Our analyses drawn from their rows: a poster with its face boxes, and a trailer's timeline of
//! face tracks. Each is SVG markup with a title and a description, focusable, followed by the
//! table of the same rows and CSV and SVG downloads.

use serde_json::Value;

use crate::i18n::{Lang, number, percent, t, tf};
use crate::table::{Cell, Row, escape, table};
use crate::ui::data_uri;

/// Short class and key of a perceived gender.
fn gender(v: &Value) -> (&'static str, &'static str) {
    match v.as_str() {
        Some("WOMAN") => ("f-w", "face.WOMAN"),
        Some("MAN") => ("f-m", "face.MAN"),
        _ => ("f-u", "face.UNDETERMINED"),
    }
}

/// The figure, its table and its downloads.
fn figure(
    id: &str,
    svg: &str,
    caption: &str,
    headers: &[&str],
    rows: Vec<Row>,
    lang: Lang,
) -> String {
    let mut csv = headers.join(",");
    for r in &rows {
        csv.push('\n');
        csv.push_str(&r.head);
        for c in &r.cells {
            csv.push(',');
            csv.push_str(&c.text.replace(',', "."));
        }
    }
    format!(
        "<figure class=\"faces\" id=\"{id}\">{svg}<figcaption>{} \
         <a href=\"{}\" download=\"egalite-{id}.csv\">{}</a> \
         <a href=\"{}\" download=\"egalite-{id}.svg\">{}</a></figcaption>{}</figure>",
        escape(caption),
        escape(&data_uri("text/csv", &csv)),
        escape(t(lang, "explorer.download.csv")),
        escape(&data_uri("image/svg+xml", svg)),
        escape(t(lang, "explorer.download.svg")),
        table(&format!("{id}-table"), "", headers, &rows)
    )
}

/// A poster with a box on each face, or nothing when the analysis holds no boxes.
pub fn poster(a: &Value, lang: Lang, id: &str) -> String {
    let faces = a["faces"].as_array().cloned().unwrap_or_default();
    if faces.is_empty() {
        return String::new();
    }
    let p = &a["poster"];
    let (w, h) = (p["width"].as_f64().unwrap_or(1000.0), p["height"].as_f64().unwrap_or(1500.0));
    let title = tf(lang, "faces.poster.title", &[("n", faces.len().to_string())]);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" tabindex=\"0\" \
         aria-labelledby=\"{id}-t\" class=\"poster-faces\"><title id=\"{id}-t\">{}</title>",
        escape(&title)
    );
    if let Some(url) = p["imageUrl"].as_str() {
        svg.push_str(&format!("<image href=\"{}\" width=\"{w}\" height=\"{h}\"/>", escape(url)));
    }
    let mut rows = Vec::new();
    for (i, f) in faces.iter().enumerate() {
        let (class, key) = gender(&f["perceivedGender"]);
        let c = |k: &str| f[k].as_f64().unwrap_or(0.0);
        let label = format!(
            "{} {}: {}, {}",
            t(lang, "faces.face"),
            i + 1,
            t(lang, key),
            percent(lang, c("confidence"))
        );
        svg.push_str(&format!(
            "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{}</title></rect>",
            c("x") * w,
            c("y") * h,
            c("width") * w,
            c("height") * h,
            escape(&label)
        ));
        rows.push(Row {
            key: ("face", (i + 1).to_string()),
            head: (i + 1).to_string(),
            cells: vec![
                Cell::with_data(
                    t(lang, key),
                    "gender",
                    f["perceivedGender"].as_str().unwrap_or(""),
                ),
                Cell::text(percent(lang, c("confidence"))),
                Cell::text(format!(
                    "{} {} {} {}",
                    number(lang, c("x"), 3),
                    number(lang, c("y"), 3),
                    number(lang, c("width"), 3),
                    number(lang, c("height"), 3)
                )),
            ],
        });
    }
    svg.push_str("</svg>");
    let headers = [
        t(lang, "faces.face"),
        t(lang, "faces.perceived"),
        t(lang, "faces.confidence"),
        t(lang, "faces.box"),
    ];
    figure(id, &svg, &title, &headers, rows, lang)
}

/// A trailer's tracks on a time axis, a tick for each sampled frame a face was seen in.
pub fn timeline(a: &Value, lang: Lang, id: &str) -> String {
    let tracks = a["tracks"].as_array().cloned().unwrap_or_default();
    if tracks.is_empty() {
        return String::new();
    }
    let end = a["trailer"]["durationSeconds"]
        .as_f64()
        .or_else(|| tracks.iter().filter_map(|t| t["lastSeenSeconds"].as_f64()).reduce(f64::max))
        .unwrap_or(1.0)
        .max(0.1);
    let (left, width, row) = (60.0, 600.0, 18.0);
    let height = row * tracks.len() as f64 + 30.0;
    let x = |s: f64| left + width * s / end;
    let title = tf(lang, "faces.timeline.title", &[("n", tracks.len().to_string())]);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {height}\" role=\"img\" tabindex=\"0\" \
         aria-labelledby=\"{id}-t\" class=\"timeline\"><title id=\"{id}-t\">{}</title>\
         <line x1=\"{left}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#999\"/>\
         <text x=\"{left}\" y=\"{}\">0 s</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{} s</text>",
        left + width + 10.0,
        escape(&title),
        left + width,
        height - 22.0,
        height - 22.0,
        height - 6.0,
        left + width,
        height - 6.0,
        number(lang, end, 0)
    );
    let mut rows = Vec::new();
    for (i, tr) in tracks.iter().enumerate() {
        let (class, key) = gender(&tr["perceivedGender"]);
        let n = tr["number"].as_i64().unwrap_or(i as i64 + 1);
        let c = |k: &str| tr[k].as_f64().unwrap_or(0.0);
        let y = row * i as f64 + 2.0;
        let tick = c("screenSeconds") / tr["detections"].as_f64().unwrap_or(1.0).max(1.0);
        svg.push_str(&format!(
            "<g class=\"{class}\"><title>{} {n}: {}, {} s</title><text x=\"0\" y=\"{:.1}\">{n}</text>",
            t(lang, "faces.track"),
            t(lang, key),
            number(lang, c("screenSeconds"), 1),
            y + 12.0
        ));
        for f in a["faces"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["trackNumber"].as_i64() == Some(n))
        {
            let at = f["frameSeconds"].as_f64().unwrap_or(0.0);
            svg.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.2}\" height=\"{}\"/>",
                x(at),
                (width * tick / end).max(1.0),
                row - 4.0
            ));
        }
        svg.push_str("</g>");
        rows.push(Row {
            key: ("track", n.to_string()),
            head: n.to_string(),
            cells: vec![
                Cell::with_data(
                    t(lang, key),
                    "gender",
                    tr["perceivedGender"].as_str().unwrap_or(""),
                ),
                Cell::text(number(lang, c("firstSeenSeconds"), 1)),
                Cell::text(number(lang, c("lastSeenSeconds"), 1)),
                Cell::with_data(
                    number(lang, c("screenSeconds"), 1),
                    "seconds",
                    c("screenSeconds").to_string(),
                ),
            ],
        });
    }
    svg.push_str("</svg>");
    let headers = [
        t(lang, "faces.track"),
        t(lang, "faces.perceived"),
        t(lang, "faces.first"),
        t(lang, "faces.last"),
        t(lang, "faces.seconds"),
    ];
    figure(id, &svg, &title, &headers, rows, lang)
}
