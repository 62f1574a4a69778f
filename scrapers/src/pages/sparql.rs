//! The W3C SPARQL 1.1 Query Results JSON format
//! (`{"head":{"vars":[…]},"results":{"bindings":[{var:{"type":…,"value":…}}]}}`): rows of
//! bound variables, each term a URI, a literal or a blank node.

use std::collections::HashMap;

use serde::Deserialize;

use super::{PageError, Snapshot};

/// One result row: the variables it binds (a variable left unbound by an OPTIONAL is absent).
pub(crate) struct Row {
    /// 1-based position in the results, for error messages.
    number: usize,
    terms: HashMap<String, Term>,
}

/// Reads a results document, checking that its head declares every variable in `vars`.
pub(crate) fn read(snapshot: &Snapshot, vars: &[&str]) -> Result<Vec<Row>, PageError> {
    let document: Document = serde_json::from_str(snapshot.text()?)
        .map_err(|e| snapshot.error(format!("SPARQL 1.1 query results in JSON ({e})")))?;
    if let Some(missing) = vars.iter().find(|v| !document.head.vars.iter().any(|h| h == *v)) {
        return Err(snapshot.error(format!(
            "a SPARQL result with the variables ?{} (head.vars lacks ?{missing})",
            vars.join(", ?")
        )));
    }
    Ok(document
        .results
        .bindings
        .into_iter()
        .enumerate()
        .map(|(i, terms)| Row { number: i + 1, terms })
        .collect())
}

impl Row {
    /// The URI bound to `var`, if bound; a bound term of another kind is an error.
    pub(crate) fn uri(&self, snapshot: &Snapshot, var: &str) -> Result<Option<&str>, PageError> {
        self.term(snapshot, var, "uri", "a URI")
    }

    /// The literal bound to `var`, if bound; a bound term of another kind is an error.
    pub(crate) fn literal(
        &self,
        snapshot: &Snapshot,
        var: &str,
    ) -> Result<Option<&str>, PageError> {
        self.term(snapshot, var, "literal", "a literal")
    }

    /// The kind of term bound to `var` (`uri`, `literal`, `bnode`), if bound.
    pub(crate) fn kind(&self, var: &str) -> Option<&str> {
        self.terms.get(var).map(|term| term.kind.as_str())
    }

    /// A [`PageError`] saying what `var` of this row should have held.
    pub(crate) fn error(&self, snapshot: &Snapshot, var: &str, expected: &str) -> PageError {
        let found = match self.terms.get(var) {
            Some(term) => format!("{} {:?}", term.kind, term.value),
            None => "nothing".to_owned(),
        };
        snapshot.error(format!("{expected} in ?{var} of result row {}, found {found}", self.number))
    }

    fn term(
        &self,
        snapshot: &Snapshot,
        var: &str,
        kind: &str,
        expected: &str,
    ) -> Result<Option<&str>, PageError> {
        match self.terms.get(var) {
            None => Ok(None),
            // Some endpoints still send SPARQL 1.0's "typed-literal".
            Some(term)
                if term.kind == kind || (kind == "literal" && term.kind == "typed-literal") =>
            {
                Ok(Some(term.value.as_str()))
            }
            Some(_) => Err(self.error(snapshot, var, expected)),
        }
    }
}

#[derive(Deserialize)]
struct Document {
    head: Head,
    results: Body,
}

#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    vars: Vec<String>,
}

#[derive(Deserialize)]
struct Body {
    bindings: Vec<HashMap<String, Term>>,
}

#[derive(Deserialize)]
struct Term {
    #[serde(rename = "type")]
    kind: String,
    value: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn snapshot(body: &str) -> Snapshot<'_> {
        Snapshot { url: "https://query.wikidata.org/sparql", sha256: "00ff", body: body.as_bytes() }
    }

    #[test]
    fn rows_give_uris_and_literals_and_leave_unbound_variables_out() {
        let body = r#"{"head":{"vars":["s","o"]},"results":{"bindings":[
            {"s":{"type":"uri","value":"http://example.org/a"},
             "o":{"type":"literal","value":"x","xml:lang":"fr"}},
            {"s":{"type":"uri","value":"http://example.org/b"}}]}}"#;
        let snapshot = snapshot(body);
        let rows = read(&snapshot, &["s", "o"]).unwrap();
        assert_eq!(rows[0].uri(&snapshot, "s").unwrap(), Some("http://example.org/a"));
        assert_eq!(rows[0].literal(&snapshot, "o").unwrap(), Some("x"));
        assert_eq!(rows[1].literal(&snapshot, "o").unwrap(), None);
        let err = rows[0].uri(&snapshot, "o").err().unwrap();
        assert_eq!(err.expected, r#"a URI in ?o of result row 1, found literal "x""#);
    }

    #[test]
    fn a_document_without_the_expected_variables_is_an_error() {
        let body = r#"{"head":{"vars":["person"]},"results":{"bindings":[]}}"#;
        let err = read(&snapshot(body), &["film", "imdb"]).err().unwrap();
        assert_eq!(
            err.expected,
            "a SPARQL result with the variables ?film, ?imdb (head.vars lacks ?film)"
        );
    }

    #[test]
    fn broken_json_is_an_error_quoting_the_json_error() {
        let err = read(&snapshot(r#"{"head":"#), &[]).err().unwrap();
        assert!(err.expected.starts_with("SPARQL 1.1 query results in JSON (EOF"), "{err}");
    }
}
