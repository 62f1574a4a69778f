//! Readers of the bundled raw files in `data/`, written apart from the ingesters: the end-to-end
//! tests count from these what the engine should find, so that a figure the API gives is checked
//! against a count the engine took no part in.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};
use egalite_shared::entity::person;
use egalite_shared::{Gender, GenderSource};

/// The bundled datasets' folder.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

/// The category of a film (or nomination) from the genders of its directors (or nominees), as
/// `woman`, `man` or `unknown`: women only, women with others, men only, or unknown.
pub fn category(genders: &[&str]) -> &'static str {
    let women = genders.iter().filter(|g| **g == "woman").count();
    let men = genders.iter().filter(|g| **g == "man").count();
    if women > 0 && women == genders.len() {
        "womenOnly"
    } else if women > 0 {
        "mixed"
    } else if men > 0 && men == genders.len() {
        "menOnly"
    } else {
        "unknown"
    }
}

fn reader(relative: &str) -> anyhow::Result<csv::Reader<std::fs::File>> {
    let path = data_dir().join(relative);
    csv::Reader::from_path(&path).with_context(|| format!("opening {}", path.display()))
}

/// One nomination of `oscars/oscars.tsv`.
#[derive(Debug, Clone)]
pub struct OscarNomination {
    /// The ceremony's number (the 96th was held in 2024).
    pub ceremony: i32,
    /// `CanonicalCategory` (`DIRECTING`).
    pub category: String,
    /// The nominees' IMDb ids (`nm…`), in order.
    pub nominee_ids: Vec<String>,
    /// Whether it won.
    pub won: bool,
}

/// Every row of `oscars/oscars.tsv`.
pub fn oscar_nominations() -> anyhow::Result<Vec<OscarNomination>> {
    let path = data_dir().join("oscars/oscars.tsv");
    // Tab-separated, quotes are part of the text, and a row without a winner ends early.
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_path(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    let mut out = Vec::new();
    for (i, row) in rdr.records().enumerate() {
        let row = row.with_context(|| format!("{} row {}", path.display(), i + 2))?;
        let field = |n: usize| row.get(n).unwrap_or_default();
        out.push(OscarNomination {
            ceremony: field(0)
                .parse()
                .with_context(|| format!("oscars.tsv row {}: ceremony {:?}", i + 2, field(0)))?,
            category: field(3).to_owned(),
            nominee_ids: field(9)
                .split('|')
                .filter(|id| id.starts_with("nm"))
                .map(str::to_owned)
                .collect(),
            won: field(10) == "True",
        });
    }
    Ok(out)
}

/// One film of `cannes_competition_gt/cannes_competition_films.csv`.
#[derive(Debug, Clone)]
pub struct CannesFilm {
    /// The edition's year.
    pub year: i32,
    /// English title.
    pub title: String,
    /// Directors' names as written.
    pub directors: Vec<String>,
    /// Production countries (ISO codes).
    pub countries: Vec<String>,
    /// IMDb title id.
    pub imdb_id: Option<String>,
}

/// Every film of the Cannes competition file.
pub fn cannes_competition() -> anyhow::Result<Vec<CannesFilm>> {
    let mut out = Vec::new();
    for (i, row) in
        reader("cannes_competition_gt/cannes_competition_films.csv")?.records().enumerate()
    {
        let row = row.with_context(|| format!("cannes_competition_films.csv row {}", i + 2))?;
        let list = |n: usize| -> Vec<String> {
            row.get(n)
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        out.push(CannesFilm {
            year: row[0]
                .parse()
                .with_context(|| format!("cannes_competition_films.csv row {}: year", i + 2))?,
            title: row[1].to_owned(),
            directors: list(3),
            countries: list(5),
            imdb_id: row[7].split('/').find(|p| p.starts_with("tt")).map(str::to_owned),
        });
    }
    Ok(out)
}

/// One row of IMDb's award lists (`festival_nominations_imdb`).
#[derive(Debug, Clone)]
pub struct ImdbAward {
    /// IMDb event id (`ev0000147` is Cannes).
    pub event: String,
    /// Edition as IMDb labels it.
    pub edition: String,
    /// Award, lower-cased (`palme d'or`).
    pub award: String,
    /// Category under the award.
    pub category: String,
    /// IMDb title id.
    pub imdb_id: String,
    /// Whether it won.
    pub won: bool,
}

/// Every row of the IMDb award file.
pub fn imdb_awards() -> anyhow::Result<Vec<ImdbAward>> {
    let mut out = Vec::new();
    let file = "festival_nominations_imdb/imdb_awards_cannes_berlin_venice_cesar_oscars.csv";
    for (i, row) in reader(file)?.records().enumerate() {
        let row = row.with_context(|| format!("{file} row {}", i + 2))?;
        out.push(ImdbAward {
            event: row[0].to_owned(),
            edition: row[2].to_owned(),
            award: row[3].to_owned(),
            category: row[4].to_owned(),
            imdb_id: row[5].to_owned(),
            won: &row[6] == "1",
        });
    }
    Ok(out)
}

/// One film of the CNC's list of approved films: the first row of a visa (a repeated visa is
/// refused by the ingest, so its later rows are left out here too).
#[derive(Debug, Clone)]
pub struct CncFilm {
    /// Year of approval.
    pub year: i32,
    /// The visa.
    pub visa: String,
    /// Directors as written ("SURNAME Firstname").
    pub directors: Vec<String>,
    /// Budget estimate in euros, to the cent.
    pub euros: f64,
    /// `FICTION`, `DOCUMENTARY` or `ANIMATION`, as the API names genres.
    pub genre: &'static str,
    /// The kinds of financing the row flags, as the API names them (`PARITY_BONUS`).
    pub financing: BTreeSet<&'static str>,
}

/// Every film of the CNC file, once per visa.
pub fn cnc_films() -> anyhow::Result<Vec<CncFilm>> {
    let file = "budgets_cnc_fr/cnc_films_agrees_2003_2024.csv";
    let mut rdr = reader(file)?;
    let headers = rdr.headers()?.clone();
    let col = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| anyhow!("{file} has no {name}"))
    };
    let (year, visa, directors, devis, genre) = (
        col("annee_agrement")?,
        col("visa")?,
        col("realisateurs")?,
        col("devis_eur")?,
        col("genre")?,
    );
    let flags = [
        (col("bonus_parite")?, "PARITY_BONUS"),
        (col("asr")?, "ADVANCE_ON_RECEIPTS"),
        (col("chaine_payante")?, "PAY_TV_PRE_BUY"),
        (col("chaine_clair")?, "FREE_TV_PRE_BUY"),
        (col("sofica")?, "SOFICA"),
        (col("credit_impot")?, "TAX_CREDIT"),
        (col("aide_regionale")?, "REGIONAL_AID"),
    ];
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, row) in rdr.records().enumerate() {
        let row = row.with_context(|| format!("{file} row {}", i + 2))?;
        if !seen.insert(row[visa].to_owned()) {
            continue;
        }
        let euros: f64 =
            row[devis].parse().with_context(|| format!("{file} row {}: devis_eur", i + 2))?;
        out.push(CncFilm {
            year: row[year].parse().with_context(|| format!("{file} row {}: year", i + 2))?,
            visa: row[visa].to_owned(),
            directors: row[directors]
                .split(" / ")
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned)
                .collect(),
            euros: (euros * 100.0).round() / 100.0,
            genre: match row[genre].trim().to_lowercase().as_str() {
                "fiction" => "FICTION",
                "documentaire" | "docu" => "DOCUMENTARY",
                "animation" | "anim" => "ANIMATION",
                other => anyhow::bail!("{file} row {}: genre {other:?}", i + 2),
            },
            // Any mark in a column means the film drew on that financing ("x", "OUI", a channel,
            // "avant"); the tax credit's undocumented "D" too.
            financing: flags
                .iter()
                .filter(|(c, _)| !row[*c].trim().is_empty())
                .map(|(_, kind)| *kind)
                .collect(),
        });
    }
    Ok(out)
}

/// One character in a trailer, as the Data For Good predictions give it.
#[derive(Debug, Clone)]
pub struct TrailerFace {
    /// The CNC visa of the film.
    pub visa: String,
    /// `women`, `men` or `undetermined`.
    pub gender: &'static str,
    /// Seconds on screen.
    pub seconds: f64,
}

/// Every row of `posters_trailers_d4g/trailer_predictions.csv`.
pub fn trailer_faces() -> anyhow::Result<Vec<TrailerFace>> {
    let file = "posters_trailers_d4g/trailer_predictions.csv";
    let mut out = Vec::new();
    for (i, row) in reader(file)?.records().enumerate() {
        let row = row.with_context(|| format!("{file} row {}", i + 2))?;
        out.push(TrailerFace {
            visa: row[0].to_owned(),
            gender: match &row[2] {
                "Female" => "women",
                "Male" => "men",
                _ => "undetermined",
            },
            seconds: row[3].parse().with_context(|| format!("{file} row {}: seconds", i + 2))?,
        });
    }
    Ok(out)
}

/// The people table's genders, looked up by name (as the ingest folds names) or by IMDb id, as
/// `woman`, `man` or `unknown`; with inferred genders left out, an inferred one is `unknown`.
pub struct Genders {
    by_name: BTreeMap<String, (Gender, bool)>,
    by_imdb: BTreeMap<String, (i64, Gender, bool)>,
}

impl Genders {
    /// Reads the people table.
    pub async fn read(db: &sea_orm::DatabaseConnection) -> anyhow::Result<Self> {
        use sea_orm::EntityTrait;
        let people = person::Entity::find().all(db).await?;
        let inferred =
            |p: &person::Model| p.gender_source == Some(GenderSource::InferredFromFirstName);
        Ok(Self {
            by_name: people
                .iter()
                .map(|p| (p.normalized_name.clone(), (p.gender, inferred(p))))
                .collect(),
            by_imdb: people
                .iter()
                .filter_map(|p| p.imdb_id.clone().map(|i| (i, (p.id, p.gender, inferred(p)))))
                .collect(),
        })
    }

    fn label(g: Gender, inferred: bool, with_inferred: bool) -> &'static str {
        match g {
            _ if inferred && !with_inferred => "unknown",
            Gender::Woman => "woman",
            Gender::Man => "man",
            _ => "unknown",
        }
    }

    /// The gender of the person with this name; `None` when the table has no such name.
    pub fn of_name(&self, name: &str, with_inferred: bool) -> Option<&'static str> {
        let key = egalite_scrapers::names::matching_key(name);
        self.by_name.get(&key).map(|(g, i)| Self::label(*g, *i, with_inferred))
    }

    /// Whether the gender of the person with this name was inferred from a first name.
    pub fn inferred_by_name(&self, name: &str) -> bool {
        let key = egalite_scrapers::names::matching_key(name);
        self.by_name.get(&key).is_some_and(|(g, i)| *i && *g != Gender::Unknown)
    }

    /// The id and gender of the person with this IMDb id.
    pub fn of_imdb(&self, imdb: &str) -> Option<(i64, &'static str)> {
        self.by_imdb.get(imdb).map(|(id, g, i)| (*id, Self::label(*g, *i, true)))
    }
}
