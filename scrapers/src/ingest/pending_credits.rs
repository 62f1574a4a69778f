//! Questions about namesakes that people resolution answers. A source that names a person
//! shared by several records holds the credit and asks which one is meant; once the records are
//! merged into one, that one is meant: the credit is given and the question closed. So is it when
//! only one of the records was active within [`YEARS_ACTIVE_MARGIN`] years of the film (Steve
//! McQueen the actor, whose films end in 1980, did not direct *Shame* in 2011). A question about
//! two records that are now one (a possible duplicate) is closed the same way.

use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use egalite_shared::entity::{nomination_person, person_merge, review_item};
use egalite_shared::{ReviewKind, ReviewStatus, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Set,
};

use super::careers::{self, FilmYears};
use super::credits::{Place, credit_people};

/// Years either side of a film within which a namesake's other films make them active then.
pub const YEARS_ACTIVE_MARGIN: i32 = 10;

/// The one of `ids` whose other films come within [`YEARS_ACTIVE_MARGIN`] years of `film`, if
/// exactly one does.
fn the_one_active(
    ids: &[i64],
    film: i64,
    films_of: &HashMap<i64, Vec<i64>>,
    years: &HashMap<i64, FilmYears>,
) -> Option<i64> {
    let year = years.get(&film)?.year()?;
    let active = |p: &i64| {
        films_of.get(p).is_some_and(|fs| {
            fs.iter().filter(|f| **f != film).any(|f| {
                years
                    .get(f)
                    .and_then(FilmYears::year)
                    .is_some_and(|y| (y - year).abs() <= YEARS_ACTIVE_MARGIN)
            })
        })
    };
    let mut found: Vec<i64> = ids.iter().copied().filter(active).collect();
    found.sort_unstable();
    found.dedup();
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The credit a source held back, as its question proposes it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HeldCredit {
    /// The film the source names the person on.
    pub film_id: i64,
    /// The role it names them in.
    pub role: Role,
    /// Their place in the film's list of that role.
    pub position: usize,
    /// The line of the source that names them.
    pub line: Option<i64>,
    /// The nomination that honours them by name, linked to the record the credit goes to.
    #[serde(default)]
    pub nomination_id: Option<i64>,
}

/// Held credits of one source and role: their places and the one record each goes to.
type Held = (Vec<Place>, Vec<Option<i64>>);

/// What settling did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Settled {
    /// Films that gained the credit held for them.
    pub credits: i64,
    /// Questions closed.
    pub questions: i64,
}

/// Where each merged record went.
async fn survivors(db: &impl ConnectionTrait) -> Result<HashMap<i64, i64>, DbErr> {
    let rows: Vec<(i64, i64)> = person_merge::Entity::find()
        .select_only()
        .columns([person_merge::Column::MergedPersonId, person_merge::Column::SurvivorId])
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The one record all of `ids` are now, if they are one.
fn one_record(ids: &[i64], survivors: &HashMap<i64, i64>) -> Option<i64> {
    let mut now: Vec<i64> = ids.iter().map(|id| *survivors.get(id).unwrap_or(id)).collect();
    now.sort_unstable();
    now.dedup();
    match now.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Closes the open namesake questions whose records are now one, giving each held credit.
pub async fn settle(db: &impl ConnectionTrait) -> Result<Settled, DbErr> {
    let survivors = survivors(db).await?;
    let open = review_item::Entity::find()
        .filter(review_item::Column::Status.eq(ReviewStatus::Open))
        .filter(review_item::Column::Kind.eq(ReviewKind::EntityMatch))
        .filter(review_item::Column::SubjectTable.eq("people"))
        .all(db)
        .await?;
    let years = careers::film_year_mentions(db).await?;
    let mut films_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for (p, f) in careers::films_of_people(db).await? {
        films_of.entry(p).or_default().push(f);
    }
    let mut settled = Settled::default();
    // The credits to give, by the source that held them and their role: one bulk call each.
    let mut held: BTreeMap<(i64, Role), Held> = BTreeMap::new();
    let mut links: Vec<(i64, i64, usize)> = Vec::new();
    for item in open {
        let mut ids: Vec<i64> = item
            .candidates
            .as_ref()
            .and_then(|c| serde_json::from_value(c.clone()).ok())
            .unwrap_or_default();
        ids.extend(item.subject_id);
        let credit = item.proposal.get("credit").cloned().map(serde_json::from_value::<HeldCredit>);
        let merged = one_record(&ids, &survivors);
        let active = match (&credit, merged) {
            (Some(Ok(c)), None) => {
                let now: Vec<i64> = ids.iter().map(|id| *survivors.get(id).unwrap_or(id)).collect();
                the_one_active(&now, c.film_id, &films_of, &years)
            }
            _ => None,
        };
        let Some(person) = merged.or(active) else { continue };
        let note = match (credit, item.source_id) {
            (Some(Ok(c)), Some(source)) => {
                let (places, people) = held.entry((source, c.role)).or_default();
                places.push((c.film_id, c.position, c.line));
                people.push(Some(person));
                if let Some(n) = c.nomination_id {
                    links.push((n, person, c.position));
                }
                if merged.is_some() {
                    format!("the namesakes were merged into record {person}; the credit is theirs")
                } else {
                    format!(
                        "only record {person} was active within {YEARS_ACTIVE_MARGIN} years of the film; the credit is theirs"
                    )
                }
            }
            // Not a held credit (a possible duplicate): the merge itself answers the question.
            (None, _) => format!("the records were merged into record {person}"),
            // A credit that cannot be read back or placed stays a question for a curator.
            _ => continue,
        };
        let mut am: review_item::ActiveModel = item.into();
        am.status = Set(ReviewStatus::Accepted);
        am.resolved_at = Set(Some(Utc::now()));
        am.resolution_note = Set(Some(note));
        am.update(db).await?;
        settled.questions += 1;
    }
    for ((source, role), (places, people)) in held {
        let films = credit_people(db, source, role, places, people).await?;
        settled.credits += i64::try_from(films.len()).unwrap_or(i64::MAX);
    }
    for (nomination_id, person_id, position) in links {
        let linked = nomination_person::Entity::find()
            .filter(nomination_person::Column::NominationId.eq(nomination_id))
            .filter(nomination_person::Column::PersonId.eq(person_id))
            .one(db)
            .await?;
        if linked.is_none() {
            nomination_person::ActiveModel {
                nomination_id: Set(nomination_id),
                person_id: Set(person_id),
                position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(settled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namesakes_are_one_record_only_when_every_one_was_merged_into_the_same() {
        let survivors: HashMap<i64, i64> = [(8146, 59), (4822, 1086)].into_iter().collect();
        assert_eq!(one_record(&[59, 8146], &survivors), Some(59));
        assert_eq!(one_record(&[1086, 8146], &survivors), None);
        assert_eq!(one_record(&[3, 4], &survivors), None);
    }

    #[test]
    fn a_held_credit_reads_back_from_its_proposal() {
        let c = HeldCredit {
            film_id: 7,
            role: Role::Director,
            position: 1,
            line: Some(4927),
            nomination_id: Some(3),
        };
        let json = serde_json::json!({ "name": "Agnès Varda", "credit": c });
        let back: HeldCredit = serde_json::from_value(json["credit"].clone()).unwrap();
        assert_eq!(back, c);
    }
}
