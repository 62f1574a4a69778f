//! An IMDb event page's nominations as the rows of the IMDb nominations dataset, so they go
//! through the same writer (festivals, editions, awards, line-ups, films by IMDb id): the page
//! adds the films' titles, which the dataset lacks.

use crate::datasets::festival_nominations::FestivalNomination;
use crate::datasets::{Parsed, RowError};
use crate::names::display_form;
use crate::pages::imdb_event::{EventPage, NomineeKind};

/// The page's nominations as dataset rows, numbered from 1 in page order; a nomination that
/// names no film (an honorary award to a person) is set aside with the reason.
pub fn records(page: &EventPage) -> Parsed<FestivalNomination> {
    let mut parsed = Parsed { records: Vec::new(), rejected: Vec::new() };
    for (i, n) in page.nominations.iter().enumerate() {
        let line = i as u64 + 1;
        // The dataset spells awards and categories as IMDb does, in lower case, and repeats
        // the award where IMDb gives no category.
        let award = display_form(&n.award).to_lowercase();
        let category =
            n.category.as_deref().map(|c| display_form(c).to_lowercase()).unwrap_or(award.clone());
        let Some(film) = n.films.first() else {
            let who: Vec<&str> = n.people.iter().map(|p| p.name.as_str()).collect();
            parsed.rejected.push(RowError {
                line,
                reason: format!(
                    "{award} — {category} to {} names no film; only film nominations are kept",
                    if who.is_empty() { "nobody".to_owned() } else { who.join(", ") }
                ),
            });
            continue;
        };
        parsed.records.push(FestivalNomination {
            line,
            event_id: page.event_id.clone(),
            year: page.year,
            sequence: i32::try_from(page.instance).unwrap_or(1),
            award,
            category,
            imdb_id: film.imdb_id.clone(),
            title: Some(display_form(&film.name)).filter(|t| !t.is_empty()),
            original_title: film.original_name.as_deref().map(display_form),
            // The people an award to people honours; a film award's names (its producers,
            // its director) are credits, not nominees.
            nominees: match n.primary {
                NomineeKind::Person => {
                    n.people.iter().map(|p| (p.imdb_id.clone(), display_form(&p.name))).collect()
                }
                NomineeKind::Film => Vec::new(),
            },
            won: n.won,
        });
    }
    parsed
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::pages::imdb_event::{EventNomination, ImdbRef};

    fn named(id: &str, name: &str) -> ImdbRef {
        ImdbRef { imdb_id: id.into(), name: name.into(), original_name: None, note: None }
    }

    #[test]
    fn nominations_become_dataset_rows_and_filmless_ones_are_set_aside() {
        let page = EventPage {
            event_id: "ev0000147".into(),
            event_name: Some("Cannes Film Festival".into()),
            year: 2023,
            instance: 1,
            edition_id: None,
            nominations: vec![
                EventNomination {
                    award: "Palme d'Or".into(),
                    award_id: "aw0000001".into(),
                    category: None,
                    won: true,
                    primary: NomineeKind::Film,
                    films: vec![named("tt17009710", "Anatomie d'une chute")],
                    people: vec![named("nm2630323", "Justine Triet")],
                    notes: None,
                },
                EventNomination {
                    award: "Honorary Palme d'Or".into(),
                    award_id: "aw0000002".into(),
                    category: None,
                    won: true,
                    primary: NomineeKind::Person,
                    films: vec![],
                    people: vec![named("nm0000142", "Michael Douglas")],
                    notes: None,
                },
            ],
        };
        let parsed = records(&page);
        assert_eq!(parsed.records.len(), 1);
        let r = &parsed.records[0];
        assert_eq!((r.award.as_str(), r.category.as_str()), ("palme d'or", "palme d'or"));
        assert_eq!(r.title.as_deref(), Some("Anatomie d'une chute"));
        assert_eq!((r.year, r.sequence, r.won), (2023, 1, true));
        assert_eq!(parsed.rejected[0].line, 2);
        assert!(parsed.rejected[0].reason.contains("Michael Douglas"));
    }
}
