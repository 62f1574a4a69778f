//! `methodology`: the project's methodology (docs/methodology.md, built into the server) as
//! HTML for the site's methodology page, so the page and the document cannot drift apart.

use std::sync::LazyLock;

use async_graphql::{Object, SimpleObject};
use pulldown_cmark::{Event, Options, Parser, html};
use sha2::{Digest, Sha256};

/// The document as written.
const MARKDOWN: &str = include_str!("../../../docs/methodology.md");

/// The methodology area of the root query.
#[derive(Default)]
pub struct MethodologyQuery;

/// How the figures are made, as published.
#[derive(SimpleObject, Clone)]
pub struct Methodology {
    /// The document as HTML (headings, lists, tables, links); raw HTML in the source is shown as
    /// text, never interpreted.
    pub html: String,
    /// The document as written (Markdown).
    pub markdown: String,
    /// Its language (`en`).
    pub language: String,
    /// SHA-256 of the Markdown, to cite the exact version.
    pub sha256: String,
}

static RENDERED: LazyLock<Methodology> = LazyLock::new(|| Methodology {
    html: render(MARKDOWN),
    markdown: MARKDOWN.to_owned(),
    language: "en".to_owned(),
    sha256: hex::encode(Sha256::digest(MARKDOWN.as_bytes())),
});

/// Markdown to HTML with tables; inline and block HTML become text.
fn render(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

/// The methodology area of the root query.
#[Object]
impl MethodologyQuery {
    /// The methodology: how gender is known, counting units, the co-direction rule, coverage,
    /// and the published figures compared with this data.
    async fn methodology(&self) -> Methodology {
        RENDERED.clone()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_document_renders_with_its_headings_and_tables_and_raw_html_stays_text() {
        let page = &*RENDERED;
        assert!(page.html.contains("<h1>Methodology</h1>"), "{}", &page.html[..200]);
        assert!(page.html.contains("<h2>Counting units</h2>"));
        assert!(page.html.contains("<table>"));
        assert_eq!(page.sha256.len(), 64);
        let html = render("# T\n\n<script>alert(1)</script>\n\nsome <b>bold</b>\n");
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }
}
