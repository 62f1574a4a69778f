//! People's films and films' years, from every table that links them: credits and nominations
//! for who worked on what; a film's own year, else its earliest edition (selection or
//! nomination), else its CNC approval year. Inference reads a person's era from them, resolution
//! their years active.

use std::collections::HashMap;

use egalite_shared::entity::{
    budget, credit, edition, film, nomination, nomination_film, nomination_person, section,
    selection,
};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QuerySelect, RelationTrait};

/// Every (person, film) pair a credit or a nomination makes.
pub async fn films_of_people(db: &impl ConnectionTrait) -> Result<Vec<(i64, i64)>, DbErr> {
    let mut films_of: Vec<(i64, i64)> = credit::Entity::find()
        .select_only()
        .columns([credit::Column::PersonId, credit::Column::FilmId])
        .into_tuple()
        .all(db)
        .await?;
    let mut films_of_nomination: HashMap<i64, Vec<i64>> = HashMap::new();
    let nomination_films: Vec<(i64, i64)> = nomination_film::Entity::find()
        .select_only()
        .columns([nomination_film::Column::NominationId, nomination_film::Column::FilmId])
        .into_tuple()
        .all(db)
        .await?;
    for (n, f) in nomination_films {
        films_of_nomination.entry(n).or_default().push(f);
    }
    let nominees: Vec<(i64, i64)> = nomination_person::Entity::find()
        .select_only()
        .columns([nomination_person::Column::PersonId, nomination_person::Column::NominationId])
        .into_tuple()
        .all(db)
        .await?;
    for (p, n) in nominees {
        for f in films_of_nomination.get(&n).into_iter().flatten() {
            films_of.push((p, *f));
        }
    }
    Ok(films_of)
}

/// Every year the data gives a film: its own, and those of the editions (selections,
/// nominations) and CNC approvals that name it. A festival names a film in its edition year, the
/// Academy in its ceremony year, so one film can carry several.
pub async fn film_year_mentions(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i64, FilmYears>, DbErr> {
    let mut out: HashMap<i64, FilmYears> = HashMap::new();
    let own: Vec<(i64, Option<i32>)> = film::Entity::find()
        .select_only()
        .columns([film::Column::Id, film::Column::Year])
        .into_tuple()
        .all(db)
        .await?;
    for (f, y) in own {
        if let Some(y) = y {
            out.entry(f).or_default().own = Some(y);
        }
    }
    let mut mention = |film_id: i64, year: i32| {
        let years = &mut out.entry(film_id).or_default().mentions;
        if !years.contains(&year) {
            years.push(year);
        }
    };
    let selected: Vec<(i64, i32)> = selection::Entity::find()
        .select_only()
        .column(selection::Column::FilmId)
        .column(edition::Column::Year)
        .inner_join(section::Entity)
        .join(sea_orm::JoinType::InnerJoin, section::Relation::Edition.def())
        .into_tuple()
        .all(db)
        .await?;
    for (f, y) in selected {
        mention(f, y);
    }
    let edition_years: HashMap<i64, i32> = edition::Entity::find()
        .select_only()
        .columns([edition::Column::Id, edition::Column::Year])
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let nomination_years: HashMap<i64, i32> = nomination::Entity::find()
        .select_only()
        .columns([nomination::Column::Id, nomination::Column::EditionId])
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(n, e)| edition_years.get(&e).map(|y| (n, *y)))
        .collect();
    let nomination_films: Vec<(i64, i64)> = nomination_film::Entity::find()
        .select_only()
        .columns([nomination_film::Column::NominationId, nomination_film::Column::FilmId])
        .into_tuple()
        .all(db)
        .await?;
    for (n, f) in nomination_films {
        if let Some(y) = nomination_years.get(&n) {
            mention(f, *y);
        }
    }
    let budgeted: Vec<(i64, Option<i32>)> = budget::Entity::find()
        .select_only()
        .columns([budget::Column::FilmId, budget::Column::Year])
        .into_tuple()
        .all(db)
        .await?;
    for (f, y) in budgeted {
        if let Some(y) = y {
            mention(f, y);
        }
    }
    Ok(out)
}

/// The years the data gives one film.
#[derive(Debug, Clone, Default)]
pub struct FilmYears {
    /// The film's own year, when a source gives it.
    pub own: Option<i32>,
    /// The years of the editions and approvals that name it.
    pub mentions: Vec<i32>,
}

impl FilmYears {
    /// The film's own year, else its earliest mention.
    pub fn year(&self) -> Option<i32> {
        self.own.or_else(|| self.mentions.iter().min().copied())
    }

    /// Whether `year` is one the data gives the film.
    pub fn knows(&self, year: i32) -> bool {
        self.own == Some(year) || self.mentions.contains(&year)
    }
}

/// The year of every film that has one: its own, else its earliest edition or approval.
pub async fn film_years(db: &impl ConnectionTrait) -> Result<HashMap<i64, i32>, DbErr> {
    Ok(film_year_mentions(db)
        .await?
        .into_iter()
        .filter_map(|(f, y)| y.year().map(|y| (f, y)))
        .collect())
}

/// Each person's first and last film year.
pub async fn years_active(db: &impl ConnectionTrait) -> Result<HashMap<i64, (i32, i32)>, DbErr> {
    let years = film_years(db).await?;
    let mut out: HashMap<i64, (i32, i32)> = HashMap::new();
    for (person, film) in films_of_people(db).await? {
        if let Some(y) = years.get(&film) {
            out.entry(person)
                .and_modify(|(a, b)| {
                    *a = std::cmp::min(*a, *y);
                    *b = std::cmp::max(*b, *y);
                })
                .or_insert((*y, *y));
        }
    }
    Ok(out)
}
