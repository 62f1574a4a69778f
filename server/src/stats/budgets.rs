//! Budgets by the gender of the films' directors: count, sum, mean, quartiles and extremes, per
//! year and over a range, in the source currency, with co-directed films apart; and how many
//! films of each category drew on each kind of financing. Quantiles are computed here, the same
//! way on every database (linear interpolation between closest ranks, as pandas and R's type 7
//! do), since SQLite has no percentile function.

use std::collections::{BTreeMap, BTreeSet};

use egalite_shared::{FilmGenre, FinancingKind, Gender};
use sea_orm::{ConnectionTrait, DbErr, Statement};

use super::directing::Direction;

/// The distribution of some budgets, in minor units (cents) of their currency.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Distribution {
    /// Films counted.
    pub count: i64,
    /// Sum.
    pub sum: i64,
    /// Mean.
    pub mean: f64,
    /// Smallest.
    pub min: i64,
    /// First quartile.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
    /// Largest.
    pub max: i64,
}

/// The `p`-quantile of sorted values, interpolating linearly between closest ranks.
pub fn quantile(sorted: &[i64], p: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n => {
            let h = (n - 1) as f64 * p;
            let lo = h.floor() as usize;
            let hi = h.ceil() as usize;
            sorted[lo] as f64 + (h - lo as f64) * (sorted[hi] - sorted[lo]) as f64
        }
    }
}

impl Distribution {
    /// The distribution of `values`.
    pub fn of(mut values: Vec<i64>) -> Self {
        values.sort_unstable();
        let count = values.len();
        if count == 0 {
            return Self::default();
        }
        let sum: i64 = values.iter().sum();
        Self {
            count: i64::try_from(count).unwrap_or(i64::MAX),
            sum,
            mean: sum as f64 / count as f64,
            min: values[0],
            q1: quantile(&values, 0.25),
            median: quantile(&values, 0.5),
            q3: quantile(&values, 0.75),
            max: values[count - 1],
        }
    }
}

/// Budgets of one currency by director category, per year and in all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BudgetFigures {
    /// The currency (ISO 4217).
    pub currency: String,
    /// Over the range, by category.
    pub total: Vec<(Direction, Distribution)>,
    /// Per year, by category.
    pub per_year: Vec<(i32, Vec<(Direction, Distribution)>)>,
    /// Films of each category with each kind of financing, over the range.
    pub financing: Vec<(FinancingKind, Direction, i64)>,
    /// Films counted per category over the range (the financing denominators).
    pub films: Vec<(Direction, i64)>,
    /// Films whose category rests on an inferred gender.
    pub resting_on_inferred: i64,
    /// Ids of the `sources` rows the figure was computed from.
    pub sources: Vec<i64>,
}

/// What a budgeted film brings to the figure: amount, year, its directors' genders, whether one
/// is inferred, and the directors met so far.
type BudgetedFilm = (i64, i32, Vec<Gender>, bool, BTreeSet<i64>);

/// The categories in the order they are reported.
pub const CATEGORIES: [Direction; 4] =
    [Direction::WomenOnly, Direction::Mixed, Direction::MenOnly, Direction::Unknown];

/// Production budget estimates in `currency` from `years.0` to `years.1` (the budget's year),
/// optionally of one genre, by the gender of the films' directors.
pub async fn budgets_by_director_gender(
    db: &impl ConnectionTrait,
    currency: &str,
    years: (i32, i32),
    genre: Option<FilmGenre>,
    include_inferred: bool,
) -> Result<BudgetFigures, DbErr> {
    let (from, to) = years;
    if !currency.bytes().all(|b| b.is_ascii_uppercase()) || currency.len() != 3 {
        return Err(DbErr::Custom(format!("currency {currency:?} is not an ISO 4217 code")));
    }
    let genre_filter = genre.map_or(String::new(), |g| format!(" AND f.genre = '{}'", g.as_str()));
    // The currency is checked above; years and genre are typed.
    let sql = format!(
        "SELECT b.film_id AS film_id, b.amount_minor AS amount, b.year AS year, b.source_id AS source_id, \
         c.source_id AS credit_source, p.id AS person_id, p.gender AS gender, \
         p.gender_source AS gender_source, p.gender_source_id AS gender_source_id \
         FROM budgets b JOIN films f ON f.id = b.film_id \
         LEFT JOIN credits c ON c.film_id = b.film_id AND c.role = 'director' \
         LEFT JOIN people p ON p.id = c.person_id \
         WHERE b.currency = '{currency}' AND b.kind = 'production_estimate' \
         AND b.year BETWEEN {from} AND {to}{genre_filter}"
    );
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    let mut films: BTreeMap<i64, BudgetedFilm> = BTreeMap::new();
    let mut sources = BTreeSet::new();
    for r in rows {
        let film: i64 = r.try_get("", "film_id")?;
        let amount: i64 = r.try_get("", "amount")?;
        let year: Option<i32> = r.try_get("", "year")?;
        sources.insert(r.try_get::<i64>("", "source_id")?);
        if let Some(s) = r.try_get::<Option<i64>>("", "credit_source")? {
            sources.insert(s);
        }
        let entry = films.entry(film).or_insert((
            amount,
            year.unwrap_or(0),
            Vec::new(),
            false,
            BTreeSet::new(),
        ));
        let Some(person) = r.try_get::<Option<i64>>("", "person_id")? else { continue };
        if !entry.4.insert(person) {
            continue;
        }
        let (gender, inferred) = super::gender_of(&r)?;
        if inferred && !include_inferred {
            entry.2.push(Gender::Unknown);
            continue;
        }
        entry.2.push(gender);
        entry.3 |= inferred;
        if let Some(s) = r.try_get::<Option<i64>>("", "gender_source_id")? {
            sources.insert(s);
        }
    }
    let mut category_of = BTreeMap::new();
    let mut total: BTreeMap<u8, Vec<i64>> = BTreeMap::new();
    let mut per_year: BTreeMap<i32, BTreeMap<u8, Vec<i64>>> = BTreeMap::new();
    let mut resting_on_inferred = 0;
    for (film, (amount, year, genders, inferred, _)) in &films {
        let d = Direction::of(genders);
        if *inferred && d != Direction::Unknown {
            resting_on_inferred += 1;
        }
        category_of.insert(*film, d);
        total.entry(rank(d)).or_default().push(*amount);
        per_year.entry(*year).or_default().entry(rank(d)).or_default().push(*amount);
    }
    let by_category = |m: BTreeMap<u8, Vec<i64>>| -> Vec<(Direction, Distribution)> {
        let mut m = m;
        CATEGORIES
            .iter()
            .map(|d| (*d, Distribution::of(m.remove(&rank(*d)).unwrap_or_default())))
            .collect()
    };
    let films_per_category: Vec<(Direction, i64)> = CATEGORIES
        .iter()
        .map(|d| (*d, total.get(&rank(*d)).map_or(0, |v| i64::try_from(v.len()).unwrap_or(0))))
        .collect();
    let financing = financing_by_category(db, &category_of).await?;
    Ok(BudgetFigures {
        currency: currency.to_owned(),
        total: by_category(total),
        per_year: per_year.into_iter().map(|(y, m)| (y, by_category(m))).collect(),
        financing,
        films: films_per_category,
        resting_on_inferred,
        sources: sources.into_iter().collect(),
    })
}

fn rank(d: Direction) -> u8 {
    match d {
        Direction::WomenOnly => 0,
        Direction::Mixed => 1,
        Direction::MenOnly => 2,
        Direction::Unknown => 3,
    }
}

/// Films of each category with each kind of financing.
async fn financing_by_category(
    db: &impl ConnectionTrait,
    category_of: &BTreeMap<i64, Direction>,
) -> Result<Vec<(FinancingKind, Direction, i64)>, DbErr> {
    let sql = "SELECT DISTINCT film_id, kind FROM financings";
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    let mut counts: BTreeMap<(String, u8), i64> = BTreeMap::new();
    for r in rows {
        let film: i64 = r.try_get("", "film_id")?;
        let Some(d) = category_of.get(&film) else { continue };
        *counts.entry((r.try_get("", "kind")?, rank(*d))).or_default() += 1;
    }
    let mut out = Vec::new();
    for kind in FinancingKind::ALL {
        for d in CATEGORIES {
            let n = counts.get(&(kind.as_str().to_owned(), rank(d))).copied().unwrap_or(0);
            out.push((*kind, d, n));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_between_closest_ranks() {
        let d = Distribution::of(vec![4, 1, 3, 2]);
        assert_eq!((d.count, d.sum, d.min, d.max), (4, 10, 1, 4));
        assert!((d.mean - 2.5).abs() < 1e-12);
        assert!((d.q1 - 1.75).abs() < 1e-12);
        assert!((d.median - 2.5).abs() < 1e-12);
        assert!((d.q3 - 3.25).abs() < 1e-12);
        let one = Distribution::of(vec![7]);
        assert_eq!((one.median, one.q1, one.q3), (7.0, 7.0, 7.0));
        assert_eq!(Distribution::of(Vec::new()).count, 0);
    }
}
