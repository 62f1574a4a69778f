//! `egalite people …` and `egalite eval names`: what a fact-checker asks of the people behind the
//! headline figures, printed from the database.

use std::fmt::Write as _;

use anyhow::Context as _;
use egalite_scrapers::ingest::{headline, merges, name_eval};

use crate::config::{GlobalArgs, PeopleReport};

/// `egalite people worklist|coverage|duplicates`.
pub async fn run_people(global: &GlobalArgs, report: &PeopleReport) -> anyhow::Result<()> {
    let db = crate::app::connect(global).await?;
    crate::app::migrate(&db).await?;
    let text = match report {
        PeopleReport::Worklist => {
            let people = headline::headline_people(&db).await.context("reading the line-ups")?;
            let list = headline::worklist(&people);
            eprintln!(
                "{} of the {} people of the headline line-ups have a gender inferred or unknown",
                list.len(),
                people.len()
            );
            worklist(&list)
        }
        PeopleReport::CncWorklist => {
            let list = headline::cnc_worklist(&db).await.context("reading the CNC films")?;
            eprintln!(
                "{} directors of unknown gender on CNC films of unknown category",
                list.len()
            );
            cnc_worklist(&list)
        }
        PeopleReport::Coverage => coverage(&db, &global.bundled_data).await?,
        PeopleReport::Duplicates => {
            duplicates(&merges::duplicates(&db).await.context("pairing people")?)
        }
    };
    print!("{text}");
    Ok(())
}

fn worklist(list: &[&headline::HeadlinePerson]) -> String {
    let mut out = String::from(
        "person_id\tname\timdb_id\tfilm\tyear\tlineups\tentries\tgender\tgender_source\tprobability\n",
    );
    for p in list {
        let (film, year) =
            p.film.clone().map_or((String::new(), String::new()), |(f, y)| (f, y.to_string()));
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{film}\t{year}\t{}\t{}\t{}\t{}\t{}",
            p.id,
            p.name,
            p.imdb_id.as_deref().unwrap_or(""),
            p.lineups.join(","),
            p.entries,
            p.gender,
            p.source.map_or("none".to_owned(), |s| s.to_string()),
            p.probability.map_or(String::new(), |p| format!("{p:.4}")),
        );
    }
    out
}

fn cnc_worklist(list: &[headline::CncUnknown]) -> String {
    let mut out = String::from("person_id\tname\tfilm\tyear\tfilms\n");
    for p in list {
        let _ = writeln!(out, "{}\t{}\t{}\t{}\t{}", p.id, p.name, p.film, p.year, p.films);
    }
    out
}

async fn coverage(
    db: &sea_orm::DatabaseConnection,
    data: &std::path::Path,
) -> anyhow::Result<String> {
    let people = headline::headline_people(db).await.context("reading the line-ups")?;
    let mut out = String::from("## How the genders of the headline line-ups are known\n\n");
    out.push_str("| line-up | people | declared | curated | inferred | unknown |\n|---|---|---|---|---|---|\n");
    for (lineup, c) in headline::coverage(&people) {
        let _ = writeln!(
            out,
            "| {lineup} | {} | {} | {} | {} | {} |",
            c.people, c.declared, c.curated, c.inferred, c.unknown
        );
    }
    let _ = writeln!(out, "\n## Headline people still inferred\n");
    for p in people
        .iter()
        .filter(|p| p.source == Some(egalite_shared::GenderSource::InferredFromFirstName))
    {
        let _ = writeln!(out, "- {} ({}; {})", p.name, p.lineups.join(", "), p.gender);
    }
    let _ = writeln!(out, "\n## Headline people left unknown\n");
    for p in people.iter().filter(|p| p.gender == egalite_shared::Gender::Unknown) {
        let film = p.film.as_ref().map_or(String::new(), |(f, y)| format!(", {f} ({y})"));
        let _ = writeln!(out, "- {}{film}", p.name);
    }
    out.push_str(&rechecks(data)?);
    let cnc = headline::cnc_unknown_by_year(db).await.context("reading the CNC films")?;
    out.push_str("\n## CNC films of unknown category, by approval year\n\n");
    out.push_str("| year | films | unknown (with inferred) | % | unknown (inferred left out) | % |\n|---|---|---|---|---|---|\n");
    for (year, (films, with, without)) in cnc {
        let pct = |n: i64| if films == 0 { 0.0 } else { 100.0 * n as f64 / films as f64 };
        let _ = writeln!(
            out,
            "| {year} | {films} | {with} | {:.1}% | {without} | {:.1}% |",
            pct(with),
            pct(without)
        );
    }
    Ok(out)
}

/// The second readers' verdicts per curated slice.
fn rechecks(data: &std::path::Path) -> anyhow::Result<String> {
    use egalite_scrapers::datasets::rechecks::{self, Verdict};
    let path = data.join(rechecks::FILE);
    let file = std::fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?;
    let parsed = rechecks::parse(file).with_context(|| format!("reading {}", path.display()))?;
    let mut out = String::from("\n## Re-checks of the curated slices\n\n");
    out.push_str(
        "| slice | re-checked | confirmed | wrong | unverifiable |\n|---|---|---|---|---|\n",
    );
    let mut total = [0usize; 3];
    for (slice, verdicts) in rechecks::by_slice(&parsed.records) {
        let n = |v| verdicts.get(&v).copied().unwrap_or(0);
        let row = [n(Verdict::Confirmed), n(Verdict::Wrong), n(Verdict::Unverifiable)];
        for (t, r) in total.iter_mut().zip(row) {
            *t += r;
        }
        let _ = writeln!(
            out,
            "| {slice} | {} | {} | {} | {} |",
            row.iter().sum::<usize>(),
            row[0],
            row[1],
            row[2]
        );
    }
    let _ = writeln!(
        out,
        "| all | {} | {} | {} | {} |",
        total.iter().sum::<usize>(),
        total[0],
        total[1],
        total[2]
    );
    for r in &parsed.rejected {
        let _ = writeln!(out, "\n{}, line {}: {}", path.display(), r.line, r.reason);
    }
    Ok(out)
}

fn duplicates(d: &merges::Duplicates) -> String {
    let mut out = format!("## Merged: {} records into others\n\n", d.merged.len());
    for m in &d.merged {
        let _ = writeln!(
            out,
            "- {:?} into record {} ({}): {}",
            m.merged_name, m.survivor_id, m.rule, m.evidence
        );
    }
    for (title, apart) in [("Left for review", false), ("Kept apart", true)] {
        let pairs: Vec<(&merges::Pair, &String)> = d
            .left
            .iter()
            .filter_map(|p| match &p.verdict {
                merges::Verdict::Review(r) if !apart => Some((p, r)),
                merges::Verdict::Apart(r) if apart => Some((p, r)),
                _ => None,
            })
            .collect();
        let _ = writeln!(out, "\n## {title}: {} pairs\n", pairs.len());
        for (p, reason) in pairs {
            let _ = writeln!(
                out,
                "- {:?} ({}) / {:?} ({}) — {}: {reason}",
                p.survivor_name,
                p.survivor,
                p.other_name,
                p.other,
                p.rule.as_str()
            );
        }
    }
    out
}

/// `egalite eval names`.
pub async fn run_eval_names(global: &GlobalArgs) -> anyhow::Result<()> {
    let db = crate::app::connect(global).await?;
    crate::app::migrate(&db).await?;
    let e = name_eval::evaluate_names(&db, &global.bundled_data)
        .await
        .context("evaluating the first-name inference on directors")?;
    print!("{e}");
    Ok(())
}
