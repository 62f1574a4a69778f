//! `search(text:)`: films and people whose title or name holds every word of the text, ignoring
//! case and accents (`almodovar` finds Almodóvar), best matches first.

use std::collections::HashMap;

use async_graphql::{Context, Enum, Object, Result, SimpleObject, Union};
use egalite_shared::entity::{film, person};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    Statement,
};

use super::entities::{Film, Person};
use super::error::{bad_input, internal};
use super::lists::search_words;
use super::paging::MAX_PAGE_SIZE;

/// Candidates read per kind before ranking: enough that the best are among them.
const CANDIDATES: u64 = 500;

/// What a search looks in.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum SearchKind {
    /// Film titles.
    Film,
    /// People's names.
    Person,
}

/// A film or a person.
#[derive(Union)]
pub enum SearchResult {
    /// A film.
    Film(Film),
    /// A person.
    Person(Person),
}

/// One match, with its score.
#[derive(SimpleObject)]
pub struct SearchHit {
    /// How well it matches: 4 the whole title or name, 3 its beginning, 2 the beginnings of
    /// words, 1 inside words.
    pub score: i32,
    /// Credits, selections and nominations: what ranks equal matches.
    pub weight: i64,
    /// The film or person.
    pub node: SearchResult,
}

/// How `key` (a folded title or name) matches the folded words of a query.
pub fn match_score(key: &str, words: &[String]) -> i32 {
    let query = words.join(" ");
    if key == query {
        4
    } else if key.starts_with(&query) {
        3
    } else if words
        .iter()
        .all(|w| key.split([' ', '-', '\'']).any(|part| part.starts_with(w.as_str())))
    {
        2
    } else {
        1
    }
}

async fn weights(db: &DatabaseConnection, sql: &str, ids: &[i64]) -> Result<HashMap<i64, i64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    // The ids are integers read from the database, never text from the request.
    let stmt = Statement::from_string(db.get_database_backend(), sql.replace("{ids}", &list));
    let rows = db.query_all_raw(stmt).await.map_err(|e| internal("ranking search results", e))?;
    let mut out = HashMap::new();
    for r in rows {
        let id: i64 = r.try_get("", "id").map_err(|e| internal("ranking search results", e))?;
        let n: i64 = r.try_get("", "n").map_err(|e| internal("ranking search results", e))?;
        *out.entry(id).or_default() += n;
    }
    Ok(out)
}

const FILM_WEIGHTS: &str = "SELECT film_id AS id, COUNT(*) AS n FROM selections WHERE film_id IN ({ids}) GROUP BY film_id \
     UNION ALL SELECT film_id AS id, COUNT(*) AS n FROM nomination_films WHERE film_id IN ({ids}) GROUP BY film_id";
const PERSON_WEIGHTS: &str = "SELECT person_id AS id, COUNT(*) AS n FROM credits WHERE person_id IN ({ids}) GROUP BY person_id \
     UNION ALL SELECT person_id AS id, COUNT(*) AS n FROM nomination_people WHERE person_id IN ({ids}) GROUP BY person_id";

/// `search`.
#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Films and people whose title or name holds every word of `text`, ignoring case and
    /// accents; best first: whole matches, then beginnings, then word starts, then the rest,
    /// and among equals the most credited, selected or nominated. At most `first` (≤ 100).
    async fn search(
        &self,
        ctx: &Context<'_>,
        text: String,
        kinds: Option<Vec<SearchKind>>,
        #[graphql(default = 20)] first: i32,
    ) -> Result<Vec<SearchHit>> {
        if !(0..=MAX_PAGE_SIZE).contains(&first) {
            return Err(bad_input(format!("`first` is {first}: give 0 to {MAX_PAGE_SIZE}")));
        }
        let words = search_words(&text)?;
        let kinds = kinds.unwrap_or_else(|| vec![SearchKind::Film, SearchKind::Person]);
        let db = ctx.data::<DatabaseConnection>()?;
        let mut hits: Vec<(i32, i64, String, SearchResult)> = Vec::new();
        if kinds.contains(&SearchKind::Film) {
            let mut q = film::Entity::find();
            for w in &words {
                q = q.filter(film::Column::NormalizedTitle.contains(w));
            }
            let films =
                q.limit(CANDIDATES).all(db).await.map_err(|e| internal("searching films", e))?;
            let ids: Vec<i64> = films.iter().map(|f| f.id).collect();
            let w = weights(db, FILM_WEIGHTS, &ids).await?;
            for f in films {
                let key = f.normalized_title.clone().unwrap_or_default();
                let weight = w.get(&f.id).copied().unwrap_or(0);
                hits.push((match_score(&key, &words), weight, key, SearchResult::Film(Film(f))));
            }
        }
        if kinds.contains(&SearchKind::Person) {
            let mut q = person::Entity::find();
            for w in &words {
                q = q.filter(person::Column::NormalizedName.contains(w));
            }
            let people =
                q.limit(CANDIDATES).all(db).await.map_err(|e| internal("searching people", e))?;
            let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
            let w = weights(db, PERSON_WEIGHTS, &ids).await?;
            for p in people {
                let weight = w.get(&p.id).copied().unwrap_or(0);
                let key = p.normalized_name.clone();
                hits.push((
                    match_score(&key, &words),
                    weight,
                    key,
                    SearchResult::Person(Person(p)),
                ));
            }
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        Ok(hits
            .into_iter()
            .take(first as usize)
            .map(|(score, weight, _, node)| SearchHit { score, weight, node })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn whole_matches_rank_above_beginnings_word_starts_and_insides() {
        assert_eq!(match_score("pedro almodovar", &words("pedro almodovar")), 4);
        assert_eq!(match_score("pedro almodovar", &words("pedro")), 3);
        assert_eq!(match_score("pedro almodovar", &words("almodovar")), 2);
        assert_eq!(match_score("pedro almodovar", &words("modovar")), 1);
        assert_eq!(match_score("jean-luc godard", &words("luc")), 2);
    }
}
