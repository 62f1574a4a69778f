//! Reference rows every installation starts with: ISO 3166 countries (current and former, with
//! English and French names) and the five festivals and ceremonies the platform follows.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// ISO 3166-1 and ISO 3166-3 countries; see `data/SOURCE.md`.
const COUNTRIES_CSV: &str = include_str!("../data/countries.csv");

#[derive(Debug, serde::Deserialize)]
struct CountryRow {
    code: String,
    iso3166_3: String,
    alpha3: String,
    numeric: String,
    name_en: String,
    name_fr: String,
    former_until: Option<i32>,
}

/// A festival or ceremony as the migration seeds it.
struct FestivalSeed {
    slug: &'static str,
    name: &'static str,
    name_en: &'static str,
    name_fr: &'static str,
    short_name: &'static str,
    kind: &'static str,
    country_code: &'static str,
    city: &'static str,
    organiser: &'static str,
    first_year: i32,
    website: &'static str,
    imdb_event_id: &'static str,
}

const FESTIVALS: &[FestivalSeed] = &[
    FestivalSeed {
        slug: "cannes",
        name: "Festival de Cannes",
        name_en: "Cannes Film Festival",
        name_fr: "Festival de Cannes",
        short_name: "Cannes",
        kind: "festival",
        country_code: "FR",
        city: "Cannes",
        organiser: "Association Française du Festival International du Film",
        first_year: 1946,
        website: "https://www.festival-cannes.com",
        imdb_event_id: "ev0000147",
    },
    FestivalSeed {
        slug: "berlin",
        name: "Internationale Filmfestspiele Berlin",
        name_en: "Berlin International Film Festival",
        name_fr: "Festival international du film de Berlin",
        short_name: "Berlinale",
        kind: "festival",
        country_code: "DE",
        city: "Berlin",
        organiser: "Kulturveranstaltungen des Bundes in Berlin GmbH",
        first_year: 1951,
        website: "https://www.berlinale.de",
        imdb_event_id: "ev0000091",
    },
    FestivalSeed {
        slug: "venice",
        name: "Mostra Internazionale d'Arte Cinematografica",
        name_en: "Venice International Film Festival",
        name_fr: "Mostra de Venise",
        short_name: "Mostra",
        kind: "festival",
        country_code: "IT",
        city: "Venezia",
        organiser: "La Biennale di Venezia",
        first_year: 1932,
        website: "https://www.labiennale.org/en/cinema",
        imdb_event_id: "ev0000681",
    },
    FestivalSeed {
        slug: "cesar",
        name: "César du cinéma",
        name_en: "César Awards",
        name_fr: "César du cinéma",
        short_name: "César",
        kind: "award_ceremony",
        country_code: "FR",
        city: "Paris",
        organiser: "Académie des Arts et Techniques du Cinéma",
        first_year: 1976,
        website: "https://www.academie-cinema.org",
        imdb_event_id: "ev0000157",
    },
    FestivalSeed {
        slug: "oscars",
        name: "Academy Awards",
        name_en: "Academy Awards",
        name_fr: "Oscars du cinéma",
        short_name: "Oscars",
        kind: "award_ceremony",
        country_code: "US",
        city: "Los Angeles",
        organiser: "Academy of Motion Picture Arts and Sciences",
        first_year: 1929,
        website: "https://www.oscars.org",
        imdb_event_id: "ev0000003",
    },
];

fn non_empty(s: String) -> Option<String> {
    if s.is_empty() { None } else { Some(s) }
}

fn countries_insert() -> Result<InsertStatement, DbErr> {
    let mut insert = Query::insert();
    insert.into_table("countries").columns([
        "code",
        "iso3166_3",
        "alpha3",
        "numeric",
        "name_en",
        "name_fr",
        "former_until",
    ]);
    let mut reader = csv::Reader::from_reader(COUNTRIES_CSV.as_bytes());
    for (i, row) in reader.deserialize::<CountryRow>().enumerate() {
        let r =
            row.map_err(|e| DbErr::Migration(format!("data/countries.csv record {}: {e}", i + 1)))?;
        insert.values_panic([
            r.code.into(),
            non_empty(r.iso3166_3).into(),
            non_empty(r.alpha3).into(),
            non_empty(r.numeric).into(),
            r.name_en.into(),
            r.name_fr.into(),
            r.former_until.into(),
        ]);
    }
    Ok(insert.on_conflict(OnConflict::column("code").do_nothing().to_owned()).take())
}

fn festivals_insert() -> InsertStatement {
    let mut insert = Query::insert();
    insert.into_table("festivals").columns([
        "slug",
        "name",
        "name_en",
        "name_fr",
        "short_name",
        "kind",
        "country_code",
        "city",
        "organiser",
        "first_year",
        "website",
        "imdb_event_id",
    ]);
    for f in FESTIVALS {
        insert.values_panic([
            f.slug.into(),
            f.name.into(),
            f.name_en.into(),
            f.name_fr.into(),
            f.short_name.into(),
            f.kind.into(),
            f.country_code.into(),
            f.city.into(),
            f.organiser.into(),
            f.first_year.into(),
            f.website.into(),
            f.imdb_event_id.into(),
        ]);
    }
    insert.on_conflict(OnConflict::column("slug").do_nothing().to_owned()).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.exec_stmt(countries_insert()?).await?;
        manager.exec_stmt(festivals_insert()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let slugs: Vec<&str> = FESTIVALS.iter().map(|f| f.slug).collect();
        manager
            .exec_stmt(
                Query::delete()
                    .from_table("festivals")
                    .and_where(Expr::col("slug").is_in(slugs))
                    .take(),
            )
            .await?;
        manager.exec_stmt(Query::delete().from_table("countries").take()).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_row_parses_and_codes_are_unique() {
        let mut reader = csv::Reader::from_reader(COUNTRIES_CSV.as_bytes());
        let rows: Vec<CountryRow> = reader.deserialize().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 280);
        let mut codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), rows.len());
        let fr = rows.iter().find(|r| r.code == "FR").unwrap();
        assert_eq!((fr.name_en.as_str(), fr.name_fr.as_str()), ("France", "France"));
        let su = rows.iter().find(|r| r.code == "SU").unwrap();
        assert_eq!(su.former_until, Some(1992));
    }

    #[test]
    fn every_seeded_festival_names_a_seeded_country() {
        for f in FESTIVALS {
            assert!(
                COUNTRIES_CSV.lines().any(|l| l.starts_with(&format!("{},", f.country_code))),
                "{}",
                f.slug
            );
        }
    }
}
