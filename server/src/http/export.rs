//! `GET /export/<name>.csv?<arguments>`: any statistic (and the budgets' financing, `financing`),
//! or an entity list, as CSV (UTF-8, RFC 4180 quoting). A statistic takes the same arguments as
//! its GraphQL field and runs through the same schema, so the two never disagree; every row names
//! the sources it rests on.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::app::AppState;
use crate::graphql::loaders;

/// The GraphQL type of a query-string argument.
#[derive(Debug, Clone, Copy)]
enum Arg {
    Int,
    Bool,
    Text,
    /// A comma-separated list of enum values.
    List,
}

/// One export: its GraphQL document, its arguments and how its answer becomes rows.
struct Export {
    name: &'static str,
    args: &'static [(&'static str, Arg)],
    query: &'static str,
    fragments: &'static [&'static str],
    rows: fn(&Value) -> Vec<Row>,
}

type Row = Vec<(String, Value)>;

const DIRECTING: &str = "fragment D on DirectorGenderCounts { films womenOnly mixed menOnly unknown restingOnInferred known knownWithoutInferred enoughData shareWithAWoman notEnoughReason }";
const NOMINATIONS: &str = "fragment N on NominationGenderCounts { nominations womenOnly mixed menOnly unknown restingOnInferred known knownWithoutInferred enoughData shareWithAWoman notEnoughReason }";
const BUDGET: &str =
    "fragment B on BudgetDistribution { category films sum mean min q1 median q3 max }";
const GENDER: &str =
    "fragment G on GenderBreakdown { total women men nonBinary unknown inferred shareWomen }";
const VISUALS: &str = "fragment V on VisualBreakdown { analyses withFaces faces { women men undetermined } shareOfFacesWomen meanFaceAreaShare { women men undetermined } meanScreenShare { women men undetermined } screenSeconds { women men undetermined } }";

const EXPORTS: &[Export] = &[
    Export {
        name: "directing",
        args: &[
            ("festival", Arg::Text),
            ("fromYear", Arg::Int),
            ("toYear", Arg::Int),
            ("includeInferred", Arg::Bool),
        ],
        query: "query($festival: String!, $fromYear: Int, $toYear: Int, $includeInferred: Boolean = true) { stats { directing(festival: $festival, fromYear: $fromYear, toYear: $toYear, includeInferred: $includeInferred) { unit includeInferred total { ...D } editions { year counts { ...D } } sources { slug } } } }",
        fragments: &[DIRECTING],
        rows: |v| per_edition(&v["stats"]["directing"], "counts"),
    },
    Export {
        name: "awards",
        args: &[
            ("festival", Arg::Text),
            ("award", Arg::Text),
            ("fromYear", Arg::Int),
            ("toYear", Arg::Int),
            ("includeInferred", Arg::Bool),
        ],
        query: "query($festival: String!, $award: String!, $fromYear: Int, $toYear: Int, $includeInferred: Boolean = true) { stats { awards(festival: $festival, award: $award, fromYear: $fromYear, toYear: $toYear, includeInferred: $includeInferred) { unit includeInferred award distinctWomenNominated distinctWomenWon nominated { ...N } won { ...N } editions { year nominated { ...N } won { ...N } } sources { slug } } } }",
        fragments: &[NOMINATIONS],
        rows: |v| {
            let s = &v["stats"]["awards"];
            let mut rows = Vec::new();
            let mut total = vec![("year".to_owned(), json!("all"))];
            flatten(&json!({ "nominated": s["nominated"], "won": s["won"] }), "", &mut total);
            rows.push(total);
            for e in s["editions"].as_array().into_iter().flatten() {
                let mut r = vec![("year".to_owned(), e["year"].clone())];
                flatten(&json!({ "nominated": e["nominated"], "won": e["won"] }), "", &mut r);
                rows.push(r);
            }
            with_context(rows, s, &["award", "unit", "includeInferred"])
        },
    },
    Export {
        name: "budgets",
        args: &[
            ("fromYear", Arg::Int),
            ("toYear", Arg::Int),
            ("genre", Arg::Text),
            ("currency", Arg::Text),
            ("includeInferred", Arg::Bool),
        ],
        query: "query($fromYear: Int, $toYear: Int, $genre: FilmGenre, $currency: String = \"EUR\", $includeInferred: Boolean = true) { stats { budgets(fromYear: $fromYear, toYear: $toYear, genre: $genre, currency: $currency, includeInferred: $includeInferred) { unit includeInferred currency total { ...B } years { year categories { ...B } } sources { slug } } } }",
        fragments: &[BUDGET],
        rows: |v| {
            let s = &v["stats"]["budgets"];
            let mut rows = Vec::new();
            for c in s["total"].as_array().into_iter().flatten() {
                let mut r = vec![("year".to_owned(), json!("all"))];
                flatten(c, "", &mut r);
                rows.push(r);
            }
            for y in s["years"].as_array().into_iter().flatten() {
                for c in y["categories"].as_array().into_iter().flatten() {
                    let mut r = vec![("year".to_owned(), y["year"].clone())];
                    flatten(c, "", &mut r);
                    rows.push(r);
                }
            }
            with_context(rows, s, &["currency", "unit", "includeInferred"])
        },
    },
    Export {
        name: "financing",
        args: &[
            ("fromYear", Arg::Int),
            ("toYear", Arg::Int),
            ("genre", Arg::Text),
            ("currency", Arg::Text),
            ("includeInferred", Arg::Bool),
        ],
        query: "query($fromYear: Int, $toYear: Int, $genre: FilmGenre, $currency: String = \"EUR\", $includeInferred: Boolean = true) { stats { budgets(fromYear: $fromYear, toYear: $toYear, genre: $genre, currency: $currency, includeInferred: $includeInferred) { unit includeInferred currency financing { kind category films share } sources { slug } } } }",
        fragments: &[],
        rows: |v| {
            let s = &v["stats"]["budgets"];
            let mut rows = Vec::new();
            for f in s["financing"].as_array().into_iter().flatten() {
                let mut r = Vec::new();
                flatten(f, "", &mut r);
                rows.push(r);
            }
            with_context(rows, s, &["currency", "unit", "includeInferred"])
        },
    },
    Export {
        name: "roles",
        args: &[
            ("festival", Arg::Text),
            ("fromYear", Arg::Int),
            ("toYear", Arg::Int),
            ("section", Arg::Text),
            ("sectionKind", Arg::Text),
            ("country", Arg::Text),
            ("roles", Arg::List),
            ("includeInferred", Arg::Bool),
        ],
        query: "query($festival: String!, $fromYear: Int, $toYear: Int, $section: String, $sectionKind: SectionKind, $country: String, $roles: [Role!], $includeInferred: Boolean = true) { stats { roles(festival: $festival, fromYear: $fromYear, toYear: $toYear, section: $section, sectionKind: $sectionKind, country: $country, roles: $roles, includeInferred: $includeInferred) { festival scope country includeInferred roles { role total { ...U } editions { year counts { ...U } } } sources { slug } } } } fragment U on RoleUnits { people { ...G } credits { ...G } films { ...D } filmsWithoutCredit }",
        fragments: &[GENDER, DIRECTING],
        rows: |v| {
            let s = &v["stats"]["roles"];
            let mut rows = Vec::new();
            for r in s["roles"].as_array().into_iter().flatten() {
                for mut row in per_edition(r, "counts") {
                    row.insert(0, ("role".to_owned(), r["role"].clone()));
                    rows.push(row);
                }
            }
            with_context(rows, s, &["festival", "scope", "country", "includeInferred"])
        },
    },
    Export {
        name: "coverage",
        args: &[
            ("festival", Arg::Text),
            ("fromYear", Arg::Int),
            ("toYear", Arg::Int),
            ("scope", Arg::Text),
        ],
        fragments: &[],
        query: "query($festival: String!, $fromYear: Int, $toYear: Int, $scope: Scope) { festival(slug: $festival) { slug coverage(fromYear: $fromYear, toYear: $toYear, scope: $scope) { year sequence films filmsWithDirectors directors directorsWithGender directorsInferred } } }",
        rows: |v| {
            let f = &v["festival"];
            f["coverage"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|e| {
                    let mut r = vec![("festival".to_owned(), f["slug"].clone())];
                    flatten(e, "", &mut r);
                    r
                })
                .collect()
        },
    },
    Export {
        name: "posters",
        args: &[("fromYear", Arg::Int), ("toYear", Arg::Int)],
        query: "query($fromYear: Int, $toYear: Int) { stats { posters(fromYear: $fromYear, toYear: $toYear) { unit model external total { ...V } years { year counts { ...V } } sources { slug } } } }",
        fragments: &[VISUALS],
        rows: |v| per_model(&v["stats"]["posters"]),
    },
    Export {
        name: "trailers",
        args: &[("fromYear", Arg::Int), ("toYear", Arg::Int)],
        query: "query($fromYear: Int, $toYear: Int) { stats { trailers(fromYear: $fromYear, toYear: $toYear) { unit model external total { ...V } years { year counts { ...V } } sources { slug } } } }",
        fragments: &[VISUALS],
        rows: |v| per_model(&v["stats"]["trailers"]),
    },
];

/// Nested objects become dotted columns (`people.women`); lists are left out.
fn flatten(v: &Value, prefix: &str, out: &mut Row) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                if x.is_object() {
                    flatten(x, &key, out);
                } else if !x.is_array() {
                    out.push((key, x.clone()));
                }
            }
        }
        other => out.push((prefix.to_owned(), other.clone())),
    }
}

/// A total row (`year` = `all`) and one row per edition, from a figure with `total` and
/// `editions[].year` / `editions[].<counts>`.
fn per_edition(s: &Value, counts: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut total = vec![("year".to_owned(), json!("all"))];
    flatten(&s["total"], "", &mut total);
    rows.push(total);
    for e in s["editions"].as_array().into_iter().flatten() {
        let mut r = vec![("year".to_owned(), e["year"].clone())];
        flatten(&e[counts], "", &mut r);
        rows.push(r);
    }
    let mut context = Vec::new();
    for k in ["unit", "includeInferred"] {
        if !s[k].is_null() {
            context.push(k);
        }
    }
    with_context(rows, s, &context)
}

fn per_model(list: &Value) -> Vec<Row> {
    let mut rows = Vec::new();
    for m in list.as_array().into_iter().flatten() {
        let mut figure = m.clone();
        figure["editions"] = m["years"].clone();
        for row in per_edition(&figure, "counts") {
            let mut r = vec![
                ("model".to_owned(), m["model"].clone()),
                ("external".to_owned(), m["external"].clone()),
            ];
            r.extend(row);
            rows.push(r);
        }
    }
    rows
}

fn sources_of(s: &Value) -> String {
    s["sources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x["slug"].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Puts the figure's `context` fields first on every row and its sources last.
fn with_context(rows: Vec<Row>, s: &Value, context: &[&str]) -> Vec<Row> {
    let sources = sources_of(s);
    rows.into_iter()
        .map(|r| {
            let mut out: Row = context.iter().map(|k| ((*k).to_owned(), s[*k].clone())).collect();
            out.extend(r);
            out.push(("sources".to_owned(), json!(sources)));
            out
        })
        .collect()
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Rows as CSV: the header is every column in order of first appearance.
pub fn to_csv(rows: &[Row]) -> Result<String, csv::Error> {
    let mut columns: Vec<&str> = Vec::new();
    for r in rows {
        for (k, _) in r {
            if !columns.contains(&k.as_str()) {
                columns.push(k);
            }
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&columns)?;
    for r in rows {
        let by_key: HashMap<&str, &Value> = r.iter().map(|(k, v)| (k.as_str(), v)).collect();
        w.write_record(columns.iter().map(|c| by_key.get(c).map(|v| cell(v)).unwrap_or_default()))?;
    }
    let bytes = w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn problem(status: StatusCode, code: &str, message: String) -> Response {
    (
        status,
        axum::Json(json!({ "errors": [{ "message": message, "extensions": { "code": code } }] })),
    )
        .into_response()
}

/// The query-string arguments as GraphQL variables, checked against the export's arguments.
fn variables(
    export: &Export,
    params: &HashMap<String, String>,
) -> Result<Map<String, Value>, String> {
    let mut vars = Map::new();
    for (name, value) in params {
        let Some((_, ty)) = export.args.iter().find(|(n, _)| n == name) else {
            let known: Vec<&str> = export.args.iter().map(|(n, _)| *n).collect();
            return Err(format!(
                "unknown argument {name:?} for /export/{}.csv: it takes {}",
                export.name,
                known.join(", ")
            ));
        };
        let v = match ty {
            Arg::Int => json!(
                value
                    .trim()
                    .parse::<i64>()
                    .map_err(|_| format!("{name}={value:?} is not a whole number"))?
            ),
            Arg::Bool => match value.as_str() {
                "true" | "1" => json!(true),
                "false" | "0" => json!(false),
                _ => return Err(format!("{name}={value:?} is not true or false")),
            },
            Arg::Text => json!(value),
            Arg::List => {
                json!(value.split(',').map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>())
            }
        };
        vars.insert(name.clone(), v);
    }
    Ok(vars)
}

/// `GET /export/{name}`: a statistic or a list as CSV.
pub async fn export(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let name = file.strip_suffix(".csv").unwrap_or(&file);
    if let Some(list) = super::export_lists::LIST_EXPORTS.iter().find(|l| l.name == name) {
        return match (list.run)(&state, &params).await {
            Ok(csv) => csv_response(name, csv),
            Err(e) => e.into_response(),
        };
    }
    let Some(export) = EXPORTS.iter().find(|e| e.name == name) else {
        let mut known: Vec<&str> = EXPORTS.iter().map(|e| e.name).collect();
        known.extend(super::export_lists::LIST_EXPORTS.iter().map(|l| l.name));
        return problem(
            StatusCode::NOT_FOUND,
            "UNKNOWN_EXPORT",
            format!("no export named {name:?}: one of {}", known.join(", ")),
        );
    };
    let vars = match variables(export, &params) {
        Ok(v) => v,
        Err(message) => return problem(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", message),
    };
    let mut document = export.query.to_owned();
    for f in export.fragments {
        document.push(' ');
        document.push_str(f);
    }
    let request = async_graphql::Request::new(document)
        .variables(async_graphql::Variables::from_json(Value::Object(vars)))
        .data(loaders::per_request(state.db.clone()));
    let response = crate::graphql::error::with_codes(state.schema.execute(request).await);
    if let Some(e) = response.errors.first() {
        let code = e
            .extensions
            .as_ref()
            .and_then(|x| x.get("code"))
            .and_then(|c| match c {
                async_graphql::Value::String(s) => Some(s.clone()),
                _ => None,
            })
            .unwrap_or_else(|| "BAD_USER_INPUT".into());
        let status = if code == "INTERNAL" {
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::BAD_REQUEST
        };
        return problem(status, &code, e.message.clone());
    }
    let data = match response.data.into_json() {
        Ok(d) => d,
        Err(e) => {
            return problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL",
                format!("reading the answer: {e}"),
            );
        }
    };
    if data.get("festival").is_some_and(Value::is_null) {
        return problem(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            format!(
                "no festival has the slug {:?}",
                params.get("festival").cloned().unwrap_or_default()
            ),
        );
    }
    match to_csv(&(export.rows)(&data)) {
        Ok(csv) => csv_response(name, csv),
        Err(e) => {
            problem(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL", format!("writing CSV: {e}"))
        }
    }
}

/// A CSV body with its type and a file name.
pub fn csv_response(name: &str, csv: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"egalite-{name}.csv\"")),
        ],
        csv,
    )
        .into_response()
}

/// A request refused, in the API's error shape.
#[derive(Debug)]
pub struct Refusal {
    status: StatusCode,
    code: String,
    message: String,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        problem(self.status, &self.code, self.message)
    }
}

/// A refusal with its HTTP status, stable code and message.
pub fn refusal(status: StatusCode, code: &str, message: String) -> Refusal {
    Refusal { status, code: code.to_owned(), message }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks_and_keeps_utf8() {
        let rows = vec![vec![
            ("title".to_owned(), json!("Agnès, \"Varda\"\nfilm")),
            ("n".to_owned(), json!(3)),
            ("x".to_owned(), Value::Null),
        ]];
        let csv = to_csv(&rows).unwrap();
        assert_eq!(csv, "title,n,x\n\"Agnès, \"\"Varda\"\"\nfilm\",3,\n");
    }

    #[test]
    fn nested_objects_become_dotted_columns() {
        let mut row = Vec::new();
        flatten(&json!({ "people": { "women": 2, "men": 3 }, "list": [1] }), "", &mut row);
        assert_eq!(
            row,
            vec![("people.women".to_owned(), json!(2)), ("people.men".to_owned(), json!(3))]
        );
    }

    #[tokio::test]
    async fn every_export_query_is_valid_against_the_schema() {
        // Without a database every resolver fails, but only after validation: an error without
        // a path is a validation error, which is what this test looks for.
        let schema = async_graphql::Schema::build(
            crate::graphql::Query::default(),
            async_graphql::EmptyMutation,
            async_graphql::EmptySubscription,
        )
        .finish();
        for e in EXPORTS {
            let mut document = e.query.to_owned();
            for f in e.fragments {
                document.push(' ');
                document.push_str(f);
            }
            let vars = json!({ "festival": "cannes", "award": "directing" });
            let request = async_graphql::Request::new(document)
                .variables(async_graphql::Variables::from_json(vars));
            let response = schema.execute(request).await;
            let invalid: Vec<_> = response.errors.iter().filter(|e| e.path.is_empty()).collect();
            assert!(invalid.is_empty(), "{}: {invalid:?}", e.name);
        }
    }
}
