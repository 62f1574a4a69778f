//! People found by what a curator can see: an IMDb id, or a name with a film and a year. Names
//! merged into another record lead to the survivor.

use std::collections::HashMap;

use egalite_shared::entity::{film, person};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QuerySelect};

use super::careers::{self, FilmYears};
use super::merges;
use crate::names::matching_key;

/// How a curation row names its person.
#[derive(Debug, Clone, Copy)]
pub struct Tie<'a> {
    /// The name as written.
    pub name: &'a str,
    /// The IMDb person id, if given: it alone decides.
    pub imdb_id: Option<&'a str>,
    /// A film the person is credited or nominated on.
    pub film: Option<&'a str>,
    /// A year the data gives that film.
    pub year: Option<i32>,
}

/// What the database says of people and films, for tying rows to one person.
pub struct PeopleIndex {
    by_imdb: HashMap<String, i64>,
    by_key: HashMap<String, Vec<i64>>,
    films_of: HashMap<i64, Vec<i64>>,
    titles: HashMap<i64, Vec<String>>,
    years: HashMap<i64, FilmYears>,
}

impl PeopleIndex {
    /// Reads people, their films, the films' titles and years.
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        let rows: Vec<(i64, String, Option<String>)> = person::Entity::find()
            .select_only()
            .columns([person::Column::Id, person::Column::NormalizedName, person::Column::ImdbId])
            .into_tuple()
            .all(db)
            .await?;
        let mut by_imdb = HashMap::new();
        let mut by_key: HashMap<String, Vec<i64>> = HashMap::new();
        for (id, key, imdb) in rows {
            if let Some(i) = imdb {
                by_imdb.insert(i, id);
            }
            by_key.entry(key).or_default().push(id);
        }
        for (key, survivor) in merges::aliases(db).await? {
            let ids = by_key.entry(key).or_default();
            if !ids.contains(&survivor) {
                ids.push(survivor);
            }
        }
        let mut films_of: HashMap<i64, Vec<i64>> = HashMap::new();
        for (p, f) in careers::films_of_people(db).await? {
            films_of.entry(p).or_default().push(f);
        }
        let films: Vec<(i64, Option<String>, Option<String>)> = film::Entity::find()
            .select_only()
            .columns([film::Column::Id, film::Column::Title, film::Column::OriginalTitle])
            .into_tuple()
            .all(db)
            .await?;
        let titles = films
            .into_iter()
            .map(|(id, title, original)| {
                (id, title.into_iter().chain(original).map(|t| matching_key(&t)).collect())
            })
            .collect();
        let years = careers::film_year_mentions(db).await?;
        Ok(Self { by_imdb, by_key, films_of, titles, years })
    }

    /// The one person `t` names, or why there is not one.
    pub fn person(&self, t: &Tie<'_>) -> Result<i64, String> {
        if let Some(i) = t.imdb_id {
            return self
                .by_imdb
                .get(i)
                .copied()
                .ok_or_else(|| format!("no person has the IMDb id {i}"));
        }
        let (Some(film), Some(year)) = (t.film, t.year) else {
            return Err(format!("{:?} is named by name alone", t.name));
        };
        let namesakes = self.by_key.get(&matching_key(t.name)).cloned().unwrap_or_default();
        if namesakes.is_empty() {
            return Err(format!("no person is named {:?}", t.name));
        }
        let title = matching_key(film);
        let on_film = |p: &i64, near: i32| {
            self.films_of.get(p).is_some_and(|fs| {
                fs.iter().any(|f| {
                    self.titles.get(f).is_some_and(|ts| ts.contains(&title))
                        && self
                            .years
                            .get(f)
                            .is_some_and(|y| (year - near..=year + near).any(|yr| y.knows(yr)))
                })
            })
        };
        // The year as a source gives it, else a year either side (a release year against a
        // festival's or a ceremony's).
        for near in [0, 1] {
            let mut found: Vec<i64> =
                namesakes.iter().copied().filter(|p| on_film(p, near)).collect();
            found.sort_unstable();
            found.dedup();
            match found.as_slice() {
                [] => continue,
                [one] => return Ok(*one),
                many => {
                    return Err(format!(
                        "{} people named {:?} are credited on {film:?} ({year}): records {many:?}",
                        many.len(),
                        t.name
                    ));
                }
            }
        }
        Err(format!(
            "no person named {:?} is credited or nominated on {film:?} in {year} (the data has {} of that name)",
            t.name,
            namesakes.len()
        ))
    }
}
