//! Data tables written as markup: one small function instead of a view per table shape keeps
//! the WebAssembly bundle small. Every cell is escaped.

/// A cell: its text and its `data-*` attribute, if any.
pub struct Cell {
    /// The text shown.
    pub text: String,
    /// `data-<name>="<value>"`, to let tests and scripts read the exact figure.
    pub data: Option<(&'static str, String)>,
}

impl Cell {
    /// A cell with text only.
    pub fn text(text: impl Into<String>) -> Self {
        Self { text: text.into(), data: None }
    }

    /// A cell with its exact value in a `data-*` attribute.
    pub fn with_data(
        text: impl Into<String>,
        name: &'static str,
        value: impl Into<String>,
    ) -> Self {
        Self { text: text.into(), data: Some((name, value.into())) }
    }
}

/// A row: its key (a `data-<key name>` attribute on the `<tr>`), a header cell and data cells.
pub struct Row {
    /// `data-<name>="<value>"` on the row.
    pub key: (&'static str, String),
    /// The row header.
    pub head: String,
    /// The cells.
    pub cells: Vec<Cell>,
}

/// Text made safe to put in markup.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The table's markup, wrapped so that it scrolls sideways on a narrow screen.
pub fn table(id: &str, caption: &str, headers: &[&str], rows: &[Row]) -> String {
    let mut out = format!("<div class=\"table-wrap\"><table id=\"{}\">", escape(id));
    if !caption.is_empty() {
        out.push_str(&format!("<caption>{}</caption>", escape(caption)));
    }
    out.push_str("<thead><tr>");
    for h in headers {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str(&format!(
            "<tr data-{}=\"{}\"><th scope=\"row\">{}</th>",
            r.key.0,
            escape(&r.key.1),
            escape(&r.head)
        ));
        for c in &r.cells {
            match &c.data {
                Some((name, value)) => out.push_str(&format!(
                    "<td data-{name}=\"{}\">{}</td>",
                    escape(value),
                    escape(&c.text)
                )),
                None => out.push_str(&format!("<td>{}</td>", escape(&c.text))),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// A heading and a list, or nothing when there are no items (already escaped markup each).
pub fn section(heading: &str, id: &str, items: &[String]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut out = format!("<h2>{}</h2><ul id=\"{}\">", escape(heading), escape(id));
    for i in items {
        out.push_str(&format!("<li>{i}</li>"));
    }
    out.push_str("</ul>");
    out
}

/// A link.
pub fn link(href: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", escape(href), escape(text))
}
