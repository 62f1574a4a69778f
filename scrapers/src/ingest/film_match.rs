//! Films found from what a page gives of them: an IMDb id; else a title with its directors,
//! first among the films an edition already holds (whose titles and directors may be missing),
//! then anywhere, near the edition's year. A title alone never decides between two films, and
//! a page's film that matches two is refused rather than guessed.

use std::collections::{HashMap, HashSet};

use egalite_shared::Role;
use egalite_shared::entity::{credit, film, person};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use super::careers::{self, FilmYears};
use crate::names::{matching_key, order_free_key};

/// Years either side of an edition within which a film found elsewhere by title and director is
/// taken to be the one a page lists: a festival shows a film the year before or after its
/// release, a ceremony honours it the year after, the CNC approves it one to three years before.
pub const YEARS_AROUND: i32 = 3;

/// A film as a page gives it.
#[derive(Debug, Clone, Copy)]
pub struct PageFilm<'a> {
    /// Its title as the page writes it.
    pub title: &'a str,
    /// Its original title, when the page gives it.
    pub original_title: Option<&'a str>,
    /// Its IMDb title id, when the page gives it.
    pub imdb_id: Option<&'a str>,
    /// Its directors as the page names them.
    pub directors: &'a [String],
    /// The edition's year.
    pub year: i32,
}

/// A film's id, title, original title and IMDb id.
type FilmIds = (i64, Option<String>, Option<String>, Option<String>);

/// What a search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// One film.
    One(i64),
    /// Several films fit: the row is refused, naming them.
    Several(Vec<i64>),
    /// No film fits.
    None,
}

/// What the database says of films, for finding the one a page lists.
pub struct FilmIndex {
    by_imdb: HashMap<String, i64>,
    by_title: HashMap<String, Vec<i64>>,
    directors: HashMap<i64, HashSet<String>>,
    years: HashMap<i64, FilmYears>,
}

impl FilmIndex {
    /// Reads every film's ids, titles, directors and years.
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        let films: Vec<FilmIds> = film::Entity::find()
            .select_only()
            .columns([
                film::Column::Id,
                film::Column::Title,
                film::Column::OriginalTitle,
                film::Column::ImdbId,
            ])
            .into_tuple()
            .all(db)
            .await?;
        let mut index = Self {
            by_imdb: HashMap::new(),
            by_title: HashMap::new(),
            directors: HashMap::new(),
            years: careers::film_year_mentions(db).await?,
        };
        for (id, title, original, imdb) in films {
            index.add(id, title.as_deref(), original.as_deref(), imdb.as_deref());
        }
        let names: HashMap<i64, String> = person::Entity::find()
            .select_only()
            .columns([person::Column::Id, person::Column::Name])
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let credits: Vec<(i64, i64)> = credit::Entity::find()
            .select_only()
            .columns([credit::Column::FilmId, credit::Column::PersonId])
            .filter(credit::Column::Role.eq(Role::Director))
            .into_tuple()
            .all(db)
            .await?;
        for (film_id, person_id) in credits {
            if let Some(name) = names.get(&person_id) {
                index.directors.entry(film_id).or_default().insert(order_free_key(name));
            }
        }
        Ok(index)
    }

    /// Records a film the run created or titled, so later rows find it.
    pub fn add(
        &mut self,
        id: i64,
        title: Option<&str>,
        original: Option<&str>,
        imdb: Option<&str>,
    ) {
        if let Some(i) = imdb {
            self.by_imdb.insert(i.to_owned(), id);
        }
        for t in title.into_iter().chain(original) {
            let ids = self.by_title.entry(matching_key(t)).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }

    /// Records directors the run credited on a film.
    pub fn add_directors(&mut self, id: i64, names: &[String]) {
        self.directors.entry(id).or_default().extend(names.iter().map(|n| order_free_key(n)));
    }

    /// Records a year that names the film (the edition it was listed in).
    pub fn add_year(&mut self, id: i64, year: i32) {
        self.years.entry(id).or_default().mentions.push(year);
    }

    /// The film with this IMDb id.
    pub fn by_imdb(&self, imdb_id: &str) -> Option<i64> {
        self.by_imdb.get(imdb_id).copied()
    }

    /// Whether the film's known directors and the page's share a name: `None` when either side
    /// names none.
    fn directors_agree(&self, film: i64, page: &[String]) -> Option<bool> {
        let known = self.directors.get(&film).filter(|d| !d.is_empty())?;
        if page.is_empty() {
            return None;
        }
        Some(page.iter().any(|n| known.contains(&order_free_key(n))))
    }

    fn titled(&self, f: &PageFilm<'_>) -> Vec<i64> {
        let mut out: Vec<i64> = [Some(f.title), f.original_title]
            .into_iter()
            .flatten()
            .flat_map(|t| self.by_title.get(&matching_key(t)).cloned().unwrap_or_default())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The film a page lists, among `pool` (the films an edition already holds for this list):
    /// its IMDb id, else its title where the directors do not disagree.
    pub fn in_pool(&self, f: &PageFilm<'_>, pool: &HashSet<i64>) -> Found {
        if let Some(id) = f.imdb_id.and_then(|i| self.by_imdb(i)) {
            return Found::One(id);
        }
        let fits: Vec<i64> = self
            .titled(f)
            .into_iter()
            .filter(|id| pool.contains(id) && self.directors_agree(*id, f.directors) != Some(false))
            .collect();
        found(fits)
    }

    /// The film a page lists, anywhere: the same title, a director in common and a year within
    /// [`YEARS_AROUND`] of the edition.
    pub fn elsewhere(&self, f: &PageFilm<'_>) -> Found {
        let near = |id: &i64| {
            self.years.get(id).is_some_and(|y| {
                (f.year - YEARS_AROUND..=f.year + YEARS_AROUND).any(|yr| y.knows(yr))
            })
        };
        let fits: Vec<i64> = self
            .titled(f)
            .into_iter()
            .filter(|id| self.directors_agree(*id, f.directors) == Some(true) && near(id))
            .collect();
        found(fits)
    }
}

fn found(ids: Vec<i64>) -> Found {
    match ids.as_slice() {
        [] => Found::None,
        [one] => Found::One(*one),
        _ => Found::Several(ids),
    }
}
