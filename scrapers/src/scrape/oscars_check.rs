//! The Academy's ceremony page as a check on the nominations already held: the page names films
//! and people by title and name only, so it cannot add nominations without guessing identities;
//! instead each of its nominations is matched to the database's (same ceremony, same category,
//! same film, most names in common) and every disagreement — a winner the database does not
//! have, a nomination it lacks — goes to the review queue with both versions.

use std::collections::{BTreeSet, HashMap};

use egalite_shared::ReviewKind;
use egalite_shared::entity::{
    award, edition, festival, film, nomination, nomination_film, nomination_person, person,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::ingest::{RowCounts, review};
use crate::names::matching_key;
use crate::pages::oscars_ceremony::{CeremonyPage, Honoree};

/// Categories the Academy renamed: the page's name, and the name the bundled data keeps.
const RENAMED: &[(&str, &str)] = &[("production design", "art direction")];

/// Words that do not tell categories apart.
const FILLER: &[&str] = &["best", "film", "films", "achievement", "in", "the", "a", "of"];

fn words(name: &str) -> BTreeSet<String> {
    let key = matching_key(name);
    let key = RENAMED
        .iter()
        .find(|(now, _)| key == *now)
        .map_or(key.clone(), |(_, then)| (*then).to_owned());
    key.split_whitespace().filter(|w| !FILLER.contains(w)).map(str::to_owned).collect()
}

/// A nomination as the database holds it, for matching.
struct Held {
    id: i64,
    won: bool,
    films: BTreeSet<String>,
    names: BTreeSet<String>,
}

/// Checks every nomination on the page against the database; returns what agreed (unchanged),
/// what disagreed or was missing (rejected, each sent to review) and what could not be checked
/// (skipped: a ceremony or category the database does not hold).
pub async fn check(
    db: &impl ConnectionTrait,
    source_id: i64,
    page: &CeremonyPage,
) -> Result<RowCounts, DbErr> {
    let honorees: usize = page.categories.iter().map(|c| c.honorees.len()).sum();
    let mut counts = RowCounts { read: honorees as i64, ..Default::default() };
    let number = page.ceremony.map_or(page.year - 1928, |n| n as i32);
    let Some(oscars) =
        festival::Entity::find().filter(festival::Column::Slug.eq("oscars")).one(db).await?
    else {
        counts.skipped = counts.read;
        return Ok(counts);
    };
    let Some(ceremony) = edition::Entity::find()
        .filter(edition::Column::FestivalId.eq(oscars.id))
        .filter(edition::Column::Number.eq(number))
        .one(db)
        .await?
    else {
        tracing::info!(ceremony = number, "the database holds no such ceremony; nothing to check");
        counts.skipped = counts.read;
        return Ok(counts);
    };
    // Only the awards this ceremony gave: the names of other eras (`SOUND EDITING`) do not compete.
    let given: Vec<i64> = nomination::Entity::find()
        .select_only()
        .column(nomination::Column::AwardId)
        .filter(nomination::Column::EditionId.eq(ceremony.id))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let awards = award::Entity::find().filter(award::Column::Id.is_in(given)).all(db).await?;
    for category in &page.categories {
        let wanted = words(&category.name);
        // The category's own name first; else the one award whose name holds all its words
        // (`Sound` is the bundled data's `SOUND MIXING`).
        let exact: Vec<&award::Model> =
            awards.iter().filter(|a| words(&a.name) == wanted).collect();
        let matching: Vec<&award::Model> = if exact.is_empty() {
            awards
                .iter()
                .filter(|a| !wanted.is_empty() && wanted.is_subset(&words(&a.name)))
                .collect()
        } else {
            exact
        };
        let [award] = matching.as_slice() else {
            tracing::warn!(category = %category.name, matches = matching.len(), "no single award matches the category; not checked");
            counts.skipped += category.honorees.len() as i64;
            continue;
        };
        let held = held(db, award.id, ceremony.id).await?;
        for honoree in &category.honorees {
            let agreed = match best_match(&held, honoree) {
                Some(h) if h.won == honoree.won => true,
                Some(h) => {
                    let reason = format!(
                        "oscars.org says {} {} at the {number}th Academy Awards ({}); the database says {}",
                        describe(honoree),
                        if honoree.won { "won" } else { "did not win" },
                        category.name,
                        if h.won { "it won" } else { "it did not win" },
                    );
                    ask(db, source_id, "nominations", Some(h.id), reason).await?;
                    false
                }
                None => {
                    let reason = format!(
                        "oscars.org lists {} in {} at the {number}th Academy Awards; the database has no such nomination",
                        describe(honoree),
                        category.name,
                    );
                    ask(db, source_id, "nominations", None, reason).await?;
                    false
                }
            };
            if agreed {
                counts.unchanged += 1;
            } else {
                counts.rejected += 1;
            }
        }
    }
    Ok(counts)
}

fn describe(h: &Honoree) -> String {
    let mut parts = Vec::new();
    if !h.names.is_empty() {
        parts.push(h.names.join(", "));
    }
    if !h.films.is_empty() {
        parts.push(format!("for {}", h.films.join(", ")));
    }
    if parts.is_empty() { "a nomination without a name".to_owned() } else { parts.join(" ") }
}

/// The held nomination sharing the most titles and names with the honoree, among those whose
/// film the honoree names. The page does not always put a title in its film field (an
/// international feature's film field holds the country, its names field the title), so titles
/// and names are compared together.
fn best_match<'a>(held: &'a [Held], honoree: &Honoree) -> Option<&'a Held> {
    // A song's names read "from Barbie; Music and Lyric by …": the film is named there.
    let from = honoree.names.iter().filter_map(|n| {
        n.strip_prefix("from ").and_then(|rest| rest.split(';').next()).map(str::trim)
    });
    let texts: BTreeSet<String> = honoree
        .names
        .iter()
        .chain(&honoree.films)
        .map(String::as_str)
        .chain(from)
        .map(matching_key)
        .collect();
    held.iter()
        .filter(|h| h.films.is_empty() || !h.films.is_disjoint(&texts))
        .map(|h| (h.films.intersection(&texts).count() + h.names.intersection(&texts).count(), h))
        .filter(|(common, _)| *common > 0)
        .max_by_key(|(common, h)| (*common, std::cmp::Reverse(h.id)))
        .map(|(_, h)| h)
}

/// The nominations of one award at one ceremony, with their films' titles and people's names.
async fn held(
    db: &impl ConnectionTrait,
    award_id: i64,
    edition_id: i64,
) -> Result<Vec<Held>, DbErr> {
    let rows = nomination::Entity::find()
        .filter(nomination::Column::AwardId.eq(award_id))
        .filter(nomination::Column::EditionId.eq(edition_id))
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|n| n.id).collect();
    let films: Vec<(i64, Option<String>)> = nomination_film::Entity::find()
        .select_only()
        .column(nomination_film::Column::NominationId)
        .column(film::Column::Title)
        .inner_join(film::Entity)
        .filter(nomination_film::Column::NominationId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let people: Vec<(i64, String)> = nomination_person::Entity::find()
        .select_only()
        .column(nomination_person::Column::NominationId)
        .column(person::Column::Name)
        .inner_join(person::Entity)
        .filter(nomination_person::Column::NominationId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut by_id: HashMap<i64, Held> = rows
        .iter()
        .map(|n| {
            // A song's title is the nomination's detail.
            let names = n.detail.iter().map(|d| matching_key(d)).collect();
            (n.id, Held { id: n.id, won: n.won, films: BTreeSet::new(), names })
        })
        .collect();
    for (id, title) in films {
        if let (Some(h), Some(t)) = (by_id.get_mut(&id), title) {
            h.films.insert(matching_key(&t));
        }
    }
    for (id, name) in people {
        if let Some(h) = by_id.get_mut(&id) {
            h.names.insert(matching_key(&name));
        }
    }
    Ok(by_id.into_values().collect())
}

/// Asks curators about a nomination (or one the database lacks), once.
async fn ask(
    db: &impl ConnectionTrait,
    source_id: i64,
    table: &str,
    subject: Option<i64>,
    reason: String,
) -> Result<(), DbErr> {
    let question = review::Question {
        kind: ReviewKind::Other,
        table,
        subject,
        reason,
        proposal: serde_json::json!({ "check": "oscars.org" }),
        candidates: None,
        source_id,
    };
    review::ask(db, question).await
}
