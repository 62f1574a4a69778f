//! The entity lists: Relay connections with filters and ordering.

use async_graphql::{Context, Enum, InputObject, Object, Result};
use egalite_shared::entity::{
    analysis, award, budget, credit, edition, festival, film, film_country, nomination,
    nomination_film, nomination_person, person, section, selection, source,
};
use egalite_shared::{
    AnalysisKind, BudgetKind, FilmGenre, Gender, GenderSource, Role, SectionKind,
};
use sea_orm::sea_query::{Expr, ExprTrait, NullOrdering, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select,
};

use super::entities::{
    Analysis, Award, Budget, Credit, Edition, Film, Nomination, Person, Section, Selection, Source,
};
use super::error::{bad_input, internal};
use super::filters::{known_award, known_country, known_section, years};
use super::paging::{Page, PageArgs, page};
use super::stats::DirectorCategory;
use crate::stats::directing::Direction as Directors;

/// Ascending or descending.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    /// Smallest first.
    #[default]
    Asc,
    /// Largest first.
    Desc,
}

impl From<Direction> for Order {
    fn from(d: Direction) -> Self {
        match d {
            Direction::Asc => Order::Asc,
            Direction::Desc => Order::Desc,
        }
    }
}

/// What films are ordered by.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum FilmOrderField {
    /// Their id: the order they entered the platform.
    #[default]
    Id,
    /// Title (films without one last).
    Title,
    /// Year of release (films without one last).
    Year,
}

/// How films are ordered; ties are broken by id.
#[derive(InputObject, Clone, Copy, Default)]
pub struct FilmOrder {
    /// The field.
    #[graphql(default)]
    pub field: FilmOrderField,
    /// The direction.
    #[graphql(default)]
    pub direction: Direction,
}

/// Which films to list; every condition given must hold.
#[derive(InputObject, Clone, Default)]
pub struct FilmFilter {
    /// Selected at, or nominated at, this festival (its slug: `cannes`).
    pub festival: Option<String>,
    /// Selected in a section with this slug (`competition`, `un-certain-regard`); a slug no
    /// section has is an error.
    pub section: Option<String>,
    /// Selected in a section of this kind.
    pub section_kind: Option<SectionKind>,
    /// From this year: of the edition when a festival or section is given, else of the film.
    pub from_year: Option<i32>,
    /// To this year (included), counted as `fromYear`.
    pub to_year: Option<i32>,
    /// With this production country (ISO code: `FR`, in any case); a code the countries table
    /// lacks is an error.
    pub country: Option<String>,
    /// With a credit in this role (with `gender`: a person of that gender in it; `gender` alone
    /// means the director).
    pub role: Option<Role>,
    /// With a person of this gender in `role`.
    pub gender: Option<Gender>,
    /// Of this genre.
    pub genre: Option<FilmGenre>,
    /// Whose title holds every word of this text, ignoring case and accents.
    pub search: Option<String>,
}

/// What people are ordered by.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum PersonOrderField {
    /// Their id.
    #[default]
    Id,
    /// Name.
    Name,
}

/// How people are ordered; ties are broken by id.
#[derive(InputObject, Clone, Copy, Default)]
pub struct PersonOrder {
    /// The field.
    #[graphql(default)]
    pub field: PersonOrderField,
    /// The direction.
    #[graphql(default)]
    pub direction: Direction,
}

/// Which people to list; every condition given must hold.
#[derive(InputObject, Clone, Default)]
pub struct PersonFilter {
    /// Of this gender.
    pub gender: Option<Gender>,
    /// Whose gender is known this way.
    pub gender_source: Option<GenderSource>,
    /// Credited in this role.
    pub role: Option<Role>,
    /// Credited on a film selected at this festival, or named by one of its nominations.
    pub festival: Option<String>,
    /// From this edition year (with `festival`).
    pub from_year: Option<i32>,
    /// To this edition year (with `festival`).
    pub to_year: Option<i32>,
    /// Whose name holds every word of this text, ignoring case and accents.
    pub search: Option<String>,
}

fn col<E: EntityTrait, C: sea_orm::IdenStatic + 'static>(e: E, c: C) -> Expr {
    Expr::col((e, c))
}

/// The id of the festival with `slug`; an unknown slug is an error listing the known ones.
pub async fn festival_id(db: &DatabaseConnection, slug: &str) -> Result<i64> {
    let all = festival::Entity::find()
        .order_by_asc(festival::Column::Id)
        .all(db)
        .await
        .map_err(|e| internal("listing festivals", e))?;
    all.iter().find(|f| f.slug == slug).map(|f| f.id).ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(|f| f.slug.as_str()).collect();
        bad_input(format!("unknown festival {slug:?}: one of {}", known.join(", ")))
    })
}

/// Search words of `text`, folded as names and titles are stored; empty text is an error.
pub fn search_words(text: &str) -> Result<Vec<String>> {
    let key = egalite_scrapers::names::matching_key(text);
    if key.is_empty() {
        return Err(bad_input(format!("search text {text:?} holds no letter or digit")));
    }
    Ok(key.split(' ').map(str::to_owned).collect())
}

/// Films selected in the sections that match, in editions of the range.
fn films_selected(
    festival: Option<i64>,
    section: Option<&str>,
    kind: Option<SectionKind>,
    (from, to): (i32, i32),
) -> SelectStatement {
    let mut q = Query::select();
    q.column((selection::Entity, selection::Column::FilmId))
        .from(selection::Entity)
        .inner_join(
            section::Entity,
            col(section::Entity, section::Column::Id)
                .equals((selection::Entity, selection::Column::SectionId)),
        )
        .inner_join(
            edition::Entity,
            col(edition::Entity, edition::Column::Id)
                .equals((section::Entity, section::Column::EditionId)),
        )
        .and_where(col(edition::Entity, edition::Column::Year).between(from, to));
    if let Some(f) = festival {
        q.and_where(col(edition::Entity, edition::Column::FestivalId).eq(f));
    }
    if let Some(s) = section {
        q.and_where(col(section::Entity, section::Column::Slug).eq(s));
    }
    if let Some(k) = kind {
        q.and_where(col(section::Entity, section::Column::Kind).eq(k.as_str()));
    }
    q
}

/// Films named by a nomination at the festival's editions of the range.
fn films_nominated(festival: i64, (from, to): (i32, i32)) -> SelectStatement {
    Query::select()
        .column((nomination_film::Entity, nomination_film::Column::FilmId))
        .from(nomination_film::Entity)
        .inner_join(
            nomination::Entity,
            col(nomination::Entity, nomination::Column::Id)
                .equals((nomination_film::Entity, nomination_film::Column::NominationId)),
        )
        .inner_join(
            edition::Entity,
            col(edition::Entity, edition::Column::Id)
                .equals((nomination::Entity, nomination::Column::EditionId)),
        )
        .and_where(col(edition::Entity, edition::Column::FestivalId).eq(festival))
        .and_where(col(edition::Entity, edition::Column::Year).between(from, to))
        .to_owned()
}

/// Films with a credit in `role`, held by a person of `gender` when given.
fn films_credited(role: Role, gender: Option<Gender>) -> SelectStatement {
    let mut q = Query::select();
    q.column((credit::Entity, credit::Column::FilmId))
        .from(credit::Entity)
        .and_where(col(credit::Entity, credit::Column::Role).eq(role.as_str()));
    if let Some(g) = gender {
        q.inner_join(
            person::Entity,
            col(person::Entity, person::Column::Id)
                .equals((credit::Entity, credit::Column::PersonId)),
        )
        .and_where(col(person::Entity, person::Column::Gender).eq(g.as_str()));
    }
    q
}

/// The films query, filtered; also what the CSV export lists.
pub async fn films_select(db: &DatabaseConnection, f: &FilmFilter) -> Result<Select<film::Entity>> {
    let range = years(f.from_year, f.to_year)?;
    let mut q = film::Entity::find();
    let festival = match &f.festival {
        Some(slug) => Some(festival_id(db, slug).await?),
        None => None,
    };
    if let Some(slug) = &f.section {
        known_section(db, slug).await?;
    }
    if festival.is_some() || f.section.is_some() || f.section_kind.is_some() {
        let selected = films_selected(festival, f.section.as_deref(), f.section_kind, range);
        let mut any = Condition::any().add(film::Column::Id.in_subquery(selected));
        if let (Some(fid), None, None) = (festival, &f.section, f.section_kind) {
            any = any.add(film::Column::Id.in_subquery(films_nominated(fid, range)));
        }
        q = q.filter(any);
    } else if f.from_year.is_some() || f.to_year.is_some() {
        q = q.filter(film::Column::Year.between(range.0, range.1));
    }
    if let Some(code) = &f.country {
        let code = known_country(db, code).await?;
        let sub = Query::select()
            .column(film_country::Column::FilmId)
            .from(film_country::Entity)
            .and_where(col(film_country::Entity, film_country::Column::CountryCode).eq(code))
            .to_owned();
        q = q.filter(film::Column::Id.in_subquery(sub));
    }
    if f.role.is_some() || f.gender.is_some() {
        let role = f.role.unwrap_or(Role::Director);
        q = q.filter(film::Column::Id.in_subquery(films_credited(role, f.gender)));
    }
    if let Some(g) = f.genre {
        q = q.filter(film::Column::Genre.eq(g));
    }
    if let Some(text) = &f.search {
        for w in search_words(text)? {
            q = q.filter(film::Column::NormalizedTitle.contains(&w));
        }
    }
    Ok(q)
}

/// The ids of the films `f` lists, as a subquery for the lists that filter on their films.
async fn film_ids(db: &DatabaseConnection, f: &FilmFilter) -> Result<SelectStatement> {
    Ok(films_select(db, f).await?.select_only().column(film::Column::Id).into_query())
}

/// The people query, filtered.
pub async fn people_select(
    db: &DatabaseConnection,
    f: &PersonFilter,
) -> Result<Select<person::Entity>> {
    let range = years(f.from_year, f.to_year)?;
    let mut q = person::Entity::find();
    if let Some(g) = f.gender {
        q = q.filter(person::Column::Gender.eq(g));
    }
    if let Some(s) = f.gender_source {
        q = q.filter(person::Column::GenderSource.eq(s));
    }
    if let Some(role) = f.role {
        let sub = Query::select()
            .column(credit::Column::PersonId)
            .from(credit::Entity)
            .and_where(col(credit::Entity, credit::Column::Role).eq(role.as_str()))
            .to_owned();
        q = q.filter(person::Column::Id.in_subquery(sub));
    }
    if let Some(slug) = &f.festival {
        let fid = festival_id(db, slug).await?;
        let credited = Query::select()
            .column((credit::Entity, credit::Column::PersonId))
            .from(credit::Entity)
            .and_where(col(credit::Entity, credit::Column::FilmId).in_subquery(films_selected(
                Some(fid),
                None,
                None,
                range,
            )))
            .to_owned();
        let named = Query::select()
            .column((nomination_person::Entity, nomination_person::Column::PersonId))
            .from(nomination_person::Entity)
            .inner_join(
                nomination::Entity,
                col(nomination::Entity, nomination::Column::Id)
                    .equals((nomination_person::Entity, nomination_person::Column::NominationId)),
            )
            .inner_join(
                edition::Entity,
                col(edition::Entity, edition::Column::Id)
                    .equals((nomination::Entity, nomination::Column::EditionId)),
            )
            .and_where(col(edition::Entity, edition::Column::FestivalId).eq(fid))
            .and_where(col(edition::Entity, edition::Column::Year).between(range.0, range.1))
            .to_owned();
        q = q.filter(
            Condition::any()
                .add(person::Column::Id.in_subquery(credited))
                .add(person::Column::Id.in_subquery(named)),
        );
    }
    if let Some(text) = &f.search {
        for w in search_words(text)? {
            q = q.filter(person::Column::NormalizedName.contains(&w));
        }
    }
    Ok(q)
}

/// Which nominations to list; every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct NominationFilter {
    /// At this festival (its slug).
    pub festival: Option<String>,
    /// For the award with this slug.
    pub award: Option<String>,
    /// From this edition year.
    pub from_year: Option<i32>,
    /// To this edition year.
    pub to_year: Option<i32>,
    /// Won, or not.
    pub won: Option<bool>,
    /// Naming a person of this gender.
    pub gender: Option<Gender>,
    /// Naming a film selected in the section with this slug (at `festival` and in the years
    /// given, when given).
    pub section: Option<String>,
    /// Naming a film with this production country (ISO code: `FR`).
    pub country: Option<String>,
}

/// The nominations query, filtered and ordered; also what the CSV export lists.
pub async fn nominations_select(
    db: &DatabaseConnection,
    f: &NominationFilter,
) -> Result<Select<nomination::Entity>> {
    let (from, to) = years(f.from_year, f.to_year)?;
    let mut editions = Query::select();
    editions
        .column(edition::Column::Id)
        .from(edition::Entity)
        .and_where(col(edition::Entity, edition::Column::Year).between(from, to));
    let fid = match &f.festival {
        Some(slug) => Some(festival_id(db, slug).await?),
        None => None,
    };
    if let Some(f) = fid {
        editions.and_where(col(edition::Entity, edition::Column::FestivalId).eq(f));
    }
    let mut q =
        nomination::Entity::find().filter(nomination::Column::EditionId.in_subquery(editions));
    if let Some(slug) = &f.award {
        let festival = fid.zip(f.festival.as_deref());
        q = q.filter(nomination::Column::AwardId.is_in(known_award(db, festival, slug).await?));
    }
    if f.section.is_some() || f.country.is_some() {
        // The section's editions are the nominations' own: same festival, same years.
        let films = FilmFilter {
            festival: f.section.as_ref().and(f.festival.clone()),
            section: f.section.clone(),
            from_year: f.section.as_ref().and(f.from_year),
            to_year: f.section.as_ref().and(f.to_year),
            country: f.country.clone(),
            ..Default::default()
        };
        let naming = Query::select()
            .column(nomination_film::Column::NominationId)
            .from(nomination_film::Entity)
            .and_where(
                col(nomination_film::Entity, nomination_film::Column::FilmId)
                    .in_subquery(film_ids(db, &films).await?),
            )
            .to_owned();
        q = q.filter(nomination::Column::Id.in_subquery(naming));
    }
    if let Some(w) = f.won {
        q = q.filter(nomination::Column::Won.eq(w));
    }
    if let Some(g) = f.gender {
        let named = Query::select()
            .column((nomination_person::Entity, nomination_person::Column::NominationId))
            .from(nomination_person::Entity)
            .inner_join(
                person::Entity,
                col(person::Entity, person::Column::Id)
                    .equals((nomination_person::Entity, nomination_person::Column::PersonId)),
            )
            .and_where(col(person::Entity, person::Column::Gender).eq(g.as_str()))
            .to_owned();
        q = q.filter(nomination::Column::Id.in_subquery(named));
    }
    let q = q
        .order_by_asc(nomination::Column::EditionId)
        .order_by_asc(nomination::Column::AwardId)
        .order_by_asc(nomination::Column::Id);
    Ok(q)
}

/// Which budgets to list; every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct BudgetFilter {
    /// From this year (the budget's).
    pub from_year: Option<i32>,
    /// To this year (included).
    pub to_year: Option<i32>,
    /// Of this kind.
    pub kind: Option<BudgetKind>,
    /// Of a film of this genre.
    pub genre: Option<FilmGenre>,
    /// Of a film whose directors fall in this category, as `stats { budgets }` counts them.
    pub directors: Option<Directors>,
}

/// Films with a director credit; with `gender`, only credits held by a person whose gender is
/// (`true`) or is not (`false`) that gender.
fn films_directed(gender: Option<(bool, Gender)>) -> SelectStatement {
    let mut q = Query::select();
    q.column((credit::Entity, credit::Column::FilmId))
        .from(credit::Entity)
        .inner_join(
            person::Entity,
            col(person::Entity, person::Column::Id)
                .equals((credit::Entity, credit::Column::PersonId)),
        )
        .and_where(col(credit::Entity, credit::Column::Role).eq(Role::Director.as_str()));
    match gender {
        Some((true, g)) => {
            q.and_where(col(person::Entity, person::Column::Gender).eq(g.as_str()));
        }
        Some((false, g)) => {
            q.and_where(col(person::Entity, person::Column::Gender).ne(g.as_str()));
        }
        None => {}
    }
    q
}

/// Rows whose film (`film`) falls in the directors' category `d`, by the genders the people
/// table holds: the rule of `Direction::of`, written as subqueries.
fn directed_as<C: ColumnTrait>(film: C, d: Directors) -> Condition {
    let woman = || films_directed(Some((true, Gender::Woman)));
    let not_woman = || films_directed(Some((false, Gender::Woman)));
    let not_man = || films_directed(Some((false, Gender::Man)));
    match d {
        Directors::WomenOnly => {
            Condition::all().add(film.in_subquery(woman())).add(film.not_in_subquery(not_woman()))
        }
        Directors::Mixed => {
            Condition::all().add(film.in_subquery(woman())).add(film.in_subquery(not_woman()))
        }
        Directors::MenOnly => Condition::all()
            .add(film.in_subquery(films_directed(None)))
            .add(film.not_in_subquery(not_man())),
        Directors::Unknown => Condition::all().add(film.not_in_subquery(woman())).add(
            Condition::any()
                .add(film.not_in_subquery(films_directed(None)))
                .add(film.in_subquery(not_man())),
        ),
    }
}

/// The budgets query, filtered and ordered; also what the CSV export lists.
pub fn budgets_select(f: &BudgetFilter) -> Result<Select<budget::Entity>> {
    let mut q = budget::Entity::find();
    if f.from_year.is_some() || f.to_year.is_some() {
        let (from, to) = years(f.from_year, f.to_year)?;
        q = q.filter(budget::Column::Year.between(from, to));
    }
    if let Some(k) = f.kind {
        q = q.filter(budget::Column::Kind.eq(k));
    }
    if let Some(d) = f.directors {
        q = q.filter(directed_as(budget::Column::FilmId, d));
    }
    if let Some(g) = f.genre {
        let films = Query::select()
            .column(film::Column::Id)
            .from(film::Entity)
            .and_where(col(film::Entity, film::Column::Genre).eq(g.as_str()))
            .to_owned();
        q = q.filter(budget::Column::FilmId.in_subquery(films));
    }
    let q = q.order_by_asc(budget::Column::Year).order_by_asc(budget::Column::Id);
    Ok(q)
}

/// Which editions to list.
#[derive(Debug, Clone, Default)]
pub struct EditionFilter {
    /// Of this festival (its slug).
    pub festival: Option<String>,
    /// From this year.
    pub from_year: Option<i32>,
    /// To this year (included).
    pub to_year: Option<i32>,
}

/// The editions query, filtered and ordered by year; also what the CSV export lists.
pub async fn editions_select(
    db: &DatabaseConnection,
    f: &EditionFilter,
) -> Result<Select<edition::Entity>> {
    let (from, to) = years(f.from_year, f.to_year)?;
    let mut q = edition::Entity::find().filter(edition::Column::Year.between(from, to));
    if let Some(slug) = &f.festival {
        q = q.filter(edition::Column::FestivalId.eq(festival_id(db, slug).await?));
    }
    Ok(q.order_by_asc(edition::Column::Year)
        .order_by_asc(edition::Column::FestivalId)
        .order_by_asc(edition::Column::Id))
}

/// Which sections to list.
#[derive(Debug, Clone, Default)]
pub struct SectionFilter {
    /// Of an edition of this festival (its slug).
    pub festival: Option<String>,
    /// From this edition year.
    pub from_year: Option<i32>,
    /// To this edition year (included).
    pub to_year: Option<i32>,
    /// With this slug.
    pub slug: Option<String>,
    /// Of this kind.
    pub kind: Option<SectionKind>,
}

/// The ids of the sections of `f`, as a subquery.
async fn section_ids(db: &DatabaseConnection, f: &SectionFilter) -> Result<SelectStatement> {
    let (from, to) = years(f.from_year, f.to_year)?;
    let mut q = Query::select();
    q.column((section::Entity, section::Column::Id))
        .from(section::Entity)
        .inner_join(
            edition::Entity,
            col(edition::Entity, edition::Column::Id)
                .equals((section::Entity, section::Column::EditionId)),
        )
        .and_where(col(edition::Entity, edition::Column::Year).between(from, to));
    if let Some(slug) = &f.festival {
        let fid = festival_id(db, slug).await?;
        q.and_where(col(edition::Entity, edition::Column::FestivalId).eq(fid));
    }
    if let Some(s) = &f.slug {
        known_section(db, s).await?;
        q.and_where(col(section::Entity, section::Column::Slug).eq(s.as_str()));
    }
    if let Some(k) = f.kind {
        q.and_where(col(section::Entity, section::Column::Kind).eq(k.as_str()));
    }
    Ok(q)
}

/// The sections query, filtered and ordered; also what the CSV export lists.
pub async fn sections_select(
    db: &DatabaseConnection,
    f: &SectionFilter,
) -> Result<Select<section::Entity>> {
    Ok(section::Entity::find()
        .filter(section::Column::Id.in_subquery(section_ids(db, f).await?))
        .order_by_asc(section::Column::Id))
}

/// Which selections to list; every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct SelectionFilter {
    /// At this festival (its slug).
    pub festival: Option<String>,
    /// In the section with this slug.
    pub section: Option<String>,
    /// In a section of this kind.
    pub section_kind: Option<SectionKind>,
    /// From this edition year.
    pub from_year: Option<i32>,
    /// To this edition year (included).
    pub to_year: Option<i32>,
    /// Of a film with a credit in this role (with `gender`: held by a person of that gender;
    /// `gender` alone means the director).
    pub role: Option<Role>,
    /// Of a film with a person of this gender in `role`.
    pub gender: Option<Gender>,
    /// Of a film with this production country (ISO code: `FR`).
    pub country: Option<String>,
}

/// The selections query, filtered and ordered; also what the CSV export lists.
pub async fn selections_select(
    db: &DatabaseConnection,
    f: &SelectionFilter,
) -> Result<Select<selection::Entity>> {
    let sections = SectionFilter {
        festival: f.festival.clone(),
        from_year: f.from_year,
        to_year: f.to_year,
        slug: f.section.clone(),
        kind: f.section_kind,
    };
    let mut q = selection::Entity::find()
        .filter(selection::Column::SectionId.in_subquery(section_ids(db, &sections).await?));
    if f.role.is_some() || f.gender.is_some() || f.country.is_some() {
        let films = FilmFilter {
            role: f.role,
            gender: f.gender,
            country: f.country.clone(),
            ..Default::default()
        };
        q = q.filter(selection::Column::FilmId.in_subquery(film_ids(db, &films).await?));
    }
    Ok(q.order_by_asc(selection::Column::SectionId).order_by_asc(selection::Column::Id))
}

/// Which credits to list; every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct CreditFilter {
    /// In this role.
    pub role: Option<Role>,
    /// Held by a person of this gender.
    pub gender: Option<Gender>,
    /// On a film selected at this festival, or named by one of its nominations (its slug).
    pub festival: Option<String>,
    /// From this year: of the edition when a festival is given, else of the film.
    pub from_year: Option<i32>,
    /// To this year (included), counted as `fromYear`.
    pub to_year: Option<i32>,
    /// On a film with this production country (ISO code: `FR`).
    pub country: Option<String>,
}

/// The credits query, filtered and ordered; also what the CSV export lists.
pub async fn credits_select(
    db: &DatabaseConnection,
    f: &CreditFilter,
) -> Result<Select<credit::Entity>> {
    let mut q = credit::Entity::find();
    if let Some(r) = f.role {
        q = q.filter(credit::Column::Role.eq(r));
    }
    if let Some(g) = f.gender {
        let people = Query::select()
            .column(person::Column::Id)
            .from(person::Entity)
            .and_where(col(person::Entity, person::Column::Gender).eq(g.as_str()))
            .to_owned();
        q = q.filter(credit::Column::PersonId.in_subquery(people));
    }
    if f.festival.is_some() || f.from_year.is_some() || f.to_year.is_some() || f.country.is_some() {
        // The films' own filter, so that `credits` and `films` read a festival and years alike.
        let films = FilmFilter {
            festival: f.festival.clone(),
            from_year: f.from_year,
            to_year: f.to_year,
            country: f.country.clone(),
            ..Default::default()
        };
        q = q.filter(credit::Column::FilmId.in_subquery(film_ids(db, &films).await?));
    }
    Ok(q.order_by_asc(credit::Column::Id))
}

/// The awards query, of one festival (its slug) when given; also what the CSV export lists.
pub async fn awards_select(
    db: &DatabaseConnection,
    festival: Option<&str>,
) -> Result<Select<award::Entity>> {
    let mut q = award::Entity::find();
    if let Some(slug) = festival {
        q = q.filter(award::Column::FestivalId.eq(festival_id(db, slug).await?));
    }
    Ok(q.order_by_asc(award::Column::Id))
}

/// The sources query, in the order they were recorded; also what the CSV export lists.
pub fn sources_select() -> Select<source::Entity> {
    source::Entity::find().order_by_asc(source::Column::Id)
}

/// The lists of entities.
#[derive(Default)]
pub struct ListQuery;

#[Object]
impl ListQuery {
    /// Films, filtered and ordered; at most 100 a page.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "super::paging::cost(first, last, child_complexity)")]
    async fn films(
        &self,
        ctx: &Context<'_>,
        filter: Option<FilmFilter>,
        order_by: Option<FilmOrder>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Page<Film>> {
        let args = PageArgs { after, before, first, last };
        args.validate()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let q = films_select(db, &filter.unwrap_or_default()).await?;
        let order = order_by.unwrap_or_default();
        let dir: Order = order.direction.into();
        let q = match order.field {
            FilmOrderField::Id => q,
            FilmOrderField::Title => q.order_by(film::Column::NormalizedTitle, dir.clone()),
            // Films without a year last, whichever the direction.
            FilmOrderField::Year => {
                q.order_by_with_nulls(film::Column::Year, dir.clone(), NullOrdering::Last)
            }
        }
        .order_by(film::Column::Id, dir);
        page(ctx, db, q, &args, "listing films", Film).await
    }

    /// People, filtered and ordered; at most 100 a page.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "super::paging::cost(first, last, child_complexity)")]
    async fn people(
        &self,
        ctx: &Context<'_>,
        filter: Option<PersonFilter>,
        order_by: Option<PersonOrder>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Page<Person>> {
        let args = PageArgs { after, before, first, last };
        args.validate()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let q = people_select(db, &filter.unwrap_or_default()).await?;
        let order = order_by.unwrap_or_default();
        let dir: Order = order.direction.into();
        let q = match order.field {
            PersonOrderField::Id => q,
            PersonOrderField::Name => q.order_by(person::Column::NormalizedName, dir.clone()),
        }
        .order_by(person::Column::Id, dir);
        page(ctx, db, q, &args, "listing people", Person).await
    }

    /// Editions of one festival or of all, by year; at most 100 a page.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "super::paging::cost(first, last, child_complexity)")]
    async fn editions(
        &self,
        ctx: &Context<'_>,
        festival: Option<String>,
        from_year: Option<i32>,
        to_year: Option<i32>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Page<Edition>> {
        let args = PageArgs { after, before, first, last };
        args.validate()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let q = editions_select(db, &EditionFilter { festival, from_year, to_year }).await?;
        page(ctx, db, q, &args, "listing editions", Edition).await
    }

    /// Sections of editions, filtered by festival, years, slug (an unknown slug is an error) and
    /// kind; at most 100 a page.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "super::paging::cost(first, last, child_complexity)")]
    async fn sections(
        &self,
        ctx: &Context<'_>,
        festival: Option<String>,
        from_year: Option<i32>,
        to_year: Option<i32>,
        slug: Option<String>,
        kind: Option<SectionKind>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Page<Section>> {
        let args = PageArgs { after, before, first, last };
        args.validate()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let filter = SectionFilter { festival, from_year, to_year, slug, kind };
        let q = sections_select(db, &filter).await?;
        page(ctx, db, q, &args, "listing sections", Section).await
    }

    /// Selections: films in sections, filtered by festival, section slug, kind and years, and by
    /// the film: a credit in `role` (held by a person of `gender` when given; `gender` alone
    /// means the director) and a production `country` (ISO code); at most 100 a page.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "super::paging::cost(first, last, child_complexity)")]
    async fn selections(
        &self,
        ctx: &Context<'_>,
        festival: Option<String>,
        section: Option<String>,
        section_kind: Option<SectionKind>,
        from_year: Option<i32>,
        to_year: Option<i32>,
        role: Option<Role>,
        gender: Option<Gender>,
        country: Option<String>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Page<Selection>> {
        let args = PageArgs { after, before, first, last };
        args.validate()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let filter = SelectionFilter {
            festival,
            section,
            section_kind,
            from_year,
            to_year,
            role,
            gender,
            country,
        };
        let q = selections_select(db, &filter).await?;
        page(ctx, db, q, &args, "listing selections", Selection).await
    }

    /// Credits, filtered by role, the person's gender, and the film: selected at `festival` or
    /// named by one of its nominations, from `fromYear` to `toYear` (of the edition when a
    /// festival is given, else of the film), with the production `country` (ISO code); at most
    /// 100 a page.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "super::paging::cost(first, last, child_complexity)")]
    async fn credits(
        &self,
        ctx: &Context<'_>,
        role: Option<Role>,
        gender: Option<Gender>,
        festival: Option<String>,
        from_year: Option<i32>,
        to_year: Option<i32>,
        country: Option<String>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Page<Credit>> {
        let args = PageArgs { after, before, first, last };
        args.validate()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let filter = CreditFilter { role, gender, festival, from_year, to_year, country };
        let q = credits_select(db, &filter).await?;
        page(ctx, db, q, &args, "listing credits", Credit).await
    }

    /// Awards, of one festival when given; at most 100 a page.
    #[graphql(complexity = "super::paging::cost(first, last, child_complexity)")]
    async fn awards(
        &self,
        ctx: &Context<'_>,
        festival: Option<String>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Page<Award>> {
        let args = PageArgs { after, before, first, last };
        args.validate()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let q = awards_select(db, festival.as_deref()).await?;
        page(ctx, db, q, &args, "listing awards", Award).await
    }

    /// Nominations, filtered by festival, award slug (an unknown slug is an error), years, won,
    /// the gender of a person named, and the films named: selected in the section with slug
    /// `section` (of the festival's editions of the range), with the production `country` (ISO
    /// code); at most 100 a page.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "super::paging::cost(first, last, child_complexity)")]
    async fn nominations(
        &self,
        ctx: &Context<'_>,
        festival: Option<String>,
        award: Option<String>,
        from_year: Option<i32>,
        to_year: Option<i32>,
        won: Option<bool>,
        gender: Option<Gender>,
        section: Option<String>,
        country: Option<String>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Page<Nomination>> {
        let args = PageArgs { after, before, first, last };
        args.validate()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let filter =
            NominationFilter { festival, award, from_year, to_year, won, gender, section, country };
        let q = nominations_select(db, &filter).await?;
        page(ctx, db, q, &args, "listing nominations", Nomination).await
    }

    /// Budgets, filtered by year, kind, the film's genre and the category its directors fall in
    /// (`directorCategory`: women only, mixed, men only or unknown, by the genders the data
    /// holds, as `stats { budgets }` counts them); at most 100 a page.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "super::paging::cost(first, last, child_complexity)")]
    async fn budgets(
        &self,
        ctx: &Context<'_>,
        from_year: Option<i32>,
        to_year: Option<i32>,
        kind: Option<BudgetKind>,
        genre: Option<FilmGenre>,
        director_category: Option<DirectorCategory>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Page<Budget>> {
        let args = PageArgs { after, before, first, last };
        args.validate()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let filter = BudgetFilter {
            from_year,
            to_year,
            kind,
            genre,
            directors: director_category.map(Into::into),
        };
        let q = budgets_select(&filter)?;
        page(ctx, db, q, &args, "listing budgets", Budget).await
    }

    /// Analyses of posters and trailers, newest first: by kind, and ours (`external: false`, with
    /// face boxes and tracks) or imported (`external: true`); at most 100 a page.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "super::paging::cost(first, last, child_complexity)")]
    async fn analyses(
        &self,
        ctx: &Context<'_>,
        kind: Option<AnalysisKind>,
        external: Option<bool>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Page<Analysis>> {
        let args = PageArgs { after, before, first, last };
        args.validate()?;
        let db = ctx.data::<DatabaseConnection>()?;
        let mut q = analysis::Entity::find().order_by_desc(analysis::Column::Id);
        if let Some(kind) = kind {
            q = q.filter(analysis::Column::Kind.eq(kind));
        }
        if let Some(external) = external {
            q = q.filter(analysis::Column::External.eq(external));
        }
        page(ctx, db, q, &args, "listing analyses", Analysis).await
    }

    /// Every source the data was read from: datasets, dictionaries, curation files.
    #[graphql(complexity = "super::paging::cost(first, last, child_complexity)")]
    async fn sources(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> Result<Page<Source>> {
        let args = PageArgs { after, before, first, last };
        args.validate()?;
        let db = ctx.data::<DatabaseConnection>()?;
        page(ctx, db, sources_select(), &args, "listing sources", Source).await
    }
}
