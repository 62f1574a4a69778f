//! French films approved by the CNC, 2003–2024 (`data/budgets_cnc_fr/`): one row per film with
//! its visa, title, directors ("SURNAME Firstname", co-directors split on " / "), production
//! companies, budget estimate in euros, genre, financing flags and co-production shares.

use std::io::Read;

use egalite_shared::FilmGenre;

use super::Parsed;
use crate::names::display_form;

/// Bumped whenever the parser's output changes, and recorded with every ingest run.
pub const PARSER_VERSION: &str = "budgets_cnc_fr/1";

/// A director's name as the CNC writes it, split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectorName {
    /// "Firstname Surname", for display and matching.
    pub display: String,
    /// The first name(s), if the source gives any.
    pub given_name: Option<String>,
    /// The surname as written, capitals and all ("VAN DORMAEL").
    pub family_name: String,
}

/// One approved film.
#[derive(Debug, Clone, PartialEq)]
pub struct CncFilm {
    /// 1-based line in the file.
    pub line: u64,
    /// Year of approval (not of release).
    pub approval_year: i32,
    /// The visa number.
    pub visa: String,
    /// Title, with a trailing article put back in front ("Homme qui rétrécit (L')" → "L'Homme
    /// qui rétrécit").
    pub title: String,
    /// Directors in the file's order.
    pub directors: Vec<DirectorName>,
    /// Production companies in the file's order.
    pub producers: Vec<String>,
    /// Production budget estimate (devis), in euro cents.
    pub budget_cents: i64,
    /// Fiction, documentary or animation.
    pub genre: FilmGenre,
    /// Whether the CNC parity bonus was granted.
    pub parity_bonus: bool,
    /// Advance on receipts: "avant" (before shooting) or "après", if granted.
    pub advance_on_receipts: Option<String>,
    /// Pay-TV and platform pre-buyers, as listed.
    pub pay_tv: Vec<String>,
    /// Free-to-air pre-buyers, as listed.
    pub free_tv: Vec<String>,
    /// SOFICA money.
    pub sofica: bool,
    /// Tax credit: empty when flagged "X" or "OUI", another code ("D") as written.
    pub tax_credit: Option<String>,
    /// Regional aid.
    pub regional_aid: bool,
    /// Co-production shares: country as written and percent (none for a joint share).
    pub shares: Vec<(String, Option<f64>)>,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    annee_agrement: String,
    visa: String,
    titre: String,
    realisateurs: String,
    producteurs: String,
    devis_eur: String,
    genre: String,
    bonus_parite: String,
    asr: String,
    chaine_payante: String,
    chaine_clair: String,
    sofica: String,
    credit_impot: String,
    aide_regionale: String,
    nationalite: String,
}

/// Parses the CSV; an unreadable file is an error, a malformed row is rejected with its line.
pub fn parse(input: impl Read) -> Result<Parsed<CncFilm>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| record(line, row))
    })
}

fn record(line: u64, row: Row) -> Result<CncFilm, String> {
    let approval_year: i32 = row
        .annee_agrement
        .trim()
        .parse()
        .ok()
        .filter(|y| (1946..=2100).contains(y))
        .ok_or_else(|| format!("annee_agrement {:?} is not a year", row.annee_agrement))?;
    let visa = row.visa.trim();
    if visa.is_empty() || !visa.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("visa {:?} is not a visa number", row.visa));
    }
    let title = restore_article(&display_form(&row.titre));
    if title.is_empty() {
        return Err("titre is empty".into());
    }
    // A few documentaries list no director: the film and its budget still count, under
    // "director unknown".
    let directors: Vec<DirectorName> =
        split_list(&row.realisateurs).iter().map(|d| director_name(d)).collect();
    let budget: f64 = row
        .devis_eur
        .trim()
        .parse()
        .ok()
        .filter(|b: &f64| b.is_finite() && *b > 0.0)
        .ok_or_else(|| format!("devis_eur {:?} is not a positive amount", row.devis_eur))?;
    // Cents are exact up to 2^53: the largest budgets are nine digits of euros.
    #[allow(clippy::cast_possible_truncation)]
    let budget_cents = (budget * 100.0).round() as i64;
    let genre = match row.genre.trim().to_lowercase().as_str() {
        "fiction" => FilmGenre::Fiction,
        "documentaire" | "docu" => FilmGenre::Documentary,
        "animation" | "anim" => FilmGenre::Animation,
        other => return Err(format!("genre {other:?} is not fiction, documentaire or animation")),
    };
    let parity_bonus = flag(&row.bonus_parite, "bonus_parite")?;
    let advance_on_receipts = match row.asr.trim().to_lowercase().as_str() {
        "" => None,
        "avant" => Some("avant".to_owned()),
        "après" | "apres" => Some("après".to_owned()),
        other => return Err(format!("asr {other:?} is neither avant nor après")),
    };
    let tax_credit = match row.credit_impot.trim() {
        "" => None,
        yes if yes.eq_ignore_ascii_case("x") || yes.eq_ignore_ascii_case("oui") => {
            Some(String::new())
        }
        // A code the CNC does not document ("D"): kept as written.
        other => Some(other.to_owned()),
    };
    let shares = shares(&row.nationalite)?;
    Ok(CncFilm {
        line,
        approval_year,
        visa: visa.to_owned(),
        title,
        directors,
        producers: split_list(&row.producteurs),
        budget_cents,
        genre,
        parity_bonus,
        advance_on_receipts,
        pay_tv: channels(&row.chaine_payante),
        free_tv: channels(&row.chaine_clair),
        sofica: flag(&row.sofica, "sofica")?,
        tax_credit,
        regional_aid: flag(&row.aide_regionale, "aide_regionale")?,
        shares,
    })
}

/// The "/"-separated items of a cell, trimmed, empty ones dropped. A slash with no space on
/// either side belongs to a name ("2D/3D ANIMATIONS", "LES PRODUCTIONS 50/50").
fn split_list(cell: &str) -> Vec<String> {
    let chars: Vec<char> = cell.chars().collect();
    let mut items = Vec::new();
    let mut current = String::new();
    for (i, c) in chars.iter().enumerate() {
        let spaced =
            |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| c.is_whitespace());
        if *c == '/' && (spaced(i.checked_sub(1)) || spaced(Some(i + 1))) {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(*c);
        }
    }
    items.push(current);
    items.iter().map(|s| display_form(s)).filter(|s| !s.is_empty()).collect()
}

/// The co-production shares of a "nationalite" cell. Countries listed together before one
/// percentage ("AFRIQUE DU SUD/NAMIBIE-25") share it jointly: each is kept without a share.
fn shares(cell: &str) -> Result<Vec<(String, Option<f64>)>, String> {
    let mut out = Vec::new();
    let mut joint: Vec<String> = Vec::new();
    for item in cell.split('/').map(display_form).filter(|s| !s.is_empty()) {
        if !item.ends_with(|c: char| c.is_ascii_digit() || c == '%') {
            joint.push(item);
            continue;
        }
        let (name, pct) = share(&item)?;
        if joint.is_empty() {
            out.push((name, Some(pct)));
        } else {
            out.extend(joint.drain(..).map(|n| (n, None)));
            out.push((name, None));
        }
    }
    if let Some(last) = joint.first() {
        return Err(format!("nationalite item {last:?} has no percentage"));
    }
    Ok(out)
}

/// "x", "X" or "OUI" is set, empty is not; anything else is an error naming the column.
fn flag(cell: &str, column: &str) -> Result<bool, String> {
    match cell.trim().to_lowercase().as_str() {
        "" => Ok(false),
        "x" | "oui" => Ok(true),
        other => Err(format!("{column} {other:?} is not a flag (x, OUI or empty)")),
    }
}

/// The channels of a pre-buying cell ("C+ Ciné+", "M6 W9"), two-word names kept whole.
fn channels(cell: &str) -> Vec<String> {
    const TWO_WORDS: &[(&str, &str)] = &[("Prime", "Video"), ("TV5", "Monde"), ("TV5", "Monde5")];
    let words: Vec<&str> = cell.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some(next) = words.get(i + 1)
            && TWO_WORDS.iter().any(|(a, b)| *a == words[i] && b == next)
        {
            out.push(format!("{} {next}", words[i]));
            i += 2;
        } else {
            out.push(words[i].to_owned());
            i += 1;
        }
    }
    out
}

/// "Fr-82", "FRANCE-100", "Belgique 18", "Italie-12,5" → (country as written, percent).
fn share(item: &str) -> Result<(String, f64), String> {
    let digits_from = item
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ',' || *c == '.' || *c == '%')
        .last()
        .map(|(i, _)| i)
        .ok_or_else(|| format!("nationalite item {item:?} has no percentage"))?;
    let (name, pct) = item.split_at(digits_from);
    let name = name.trim().trim_end_matches('-').trim();
    let pct: f64 = pct
        .trim_end_matches('%')
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|p| (0.0..=100.0).contains(p))
        .ok_or_else(|| format!("nationalite item {item:?} has no percentage between 0 and 100"))?;
    if name.is_empty() {
        return Err(format!("nationalite item {item:?} names no country"));
    }
    Ok((name.to_owned(), pct))
}

/// Puts a trailing article back in front: "Zone (La)" → "La Zone", "Homme (L')" → "L'Homme".
fn restore_article(title: &str) -> String {
    let Some(open) = title.rfind(" (") else {
        return title.to_owned();
    };
    let article = &title[open + 2..];
    let Some(article) = article.strip_suffix(')') else {
        return title.to_owned();
    };
    const ARTICLES: &[&str] =
        &["le", "la", "les", "l'", "un", "une", "des", "the", "a", "an", "el", "il", "lo"];
    if !ARTICLES.contains(&article.to_lowercase().as_str()) {
        return title.to_owned();
    }
    let rest = &title[..open];
    if article.ends_with('\'') { format!("{article}{rest}") } else { format!("{article} {rest}") }
}

/// "VAN DORMAEL Jaco" → "Jaco Van Dormael"; "HOLST M." → "M. Holst"; "JR" → "Jr". An alias the
/// file gives with "DIT" / "DITE" ("OHAYON DIT "JOHN WAX" Stéphane") is left out of the name, and
/// so is a first name repeated in brackets ("COSTA Ico (Federico)").
pub fn director_name(written: &str) -> DirectorName {
    let without_brackets = match (written.find(" ("), written.rfind(')')) {
        (Some(open), Some(close)) if close > open => {
            format!("{} {}", &written[..open], &written[close + 1..])
        }
        _ => written.to_owned(),
    };
    let mut tokens: Vec<&str> = without_brackets.split_whitespace().collect();
    let is_upper =
        |t: &str| t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase);
    if let Some(dit) = tokens.iter().position(|t| matches!(*t, "DIT" | "DITE")) {
        let given_from = tokens.iter().position(|t| !is_upper(t)).unwrap_or(tokens.len());
        if dit < given_from {
            // "DIT NORDINE SALHI Noureddine": the alias's last word is the family name.
            let kept: Vec<&str> = if dit == 0 {
                tokens[..given_from].last().copied().into_iter().collect()
            } else {
                tokens[..dit].to_vec()
            };
            tokens = kept.into_iter().chain(tokens[given_from..].iter().copied()).collect();
        }
    }
    // An initial after the surname belongs to the first names ("YAMEOGO S. Pierre").
    let is_initial = |t: &str| t.ends_with('.');
    let mut split = tokens.iter().take_while(|t| is_upper(t) && !is_initial(t)).count();
    if split == tokens.len() && split > 1 {
        // All capitals: trailing initials ("M.", "C.S.") are the first name.
        let initials = tokens.iter().rev().take_while(|t| t.contains('.')).count();
        split = tokens.len() - initials;
    }
    if split == 0 {
        split = tokens.len().saturating_sub(1).max(1);
    }
    let family_name = tokens[..split.min(tokens.len())].join(" ");
    let given = tokens[split.min(tokens.len())..].join(" ");
    let given_name = Some(given).filter(|g| !g.is_empty());
    let surname = title_case(&family_name);
    let display = match &given_name {
        Some(g) => format!("{g} {surname}"),
        None => surname,
    };
    DirectorName { display, given_name, family_name }
}

/// Capitals to name case: "LE BESCO" → "Le Besco", "DE OLIVEIRA" → "de Oliveira",
/// "N'DIAYE" → "N'Diaye", "LAM-LE" → "Lam-Le".
fn title_case(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_owned();
    }
    let words: Vec<&str> = name.split(' ').collect();
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            // Particles inside a surname stay lower case ("de Oliveira", "Vieira da Silva",
            // "del Toro", "Vila i Barceló"); a surname's last word never is one.
            if i < last
                && matches!(
                    lower.as_str(),
                    "de" | "du" | "des" | "d'" | "da" | "das" | "do" | "dos" | "del" | "della"
                )
            {
                return lower;
            }
            if i > 0 && i < last && matches!(lower.as_str(), "i" | "y" | "e") {
                return lower;
            }
            let mut out = String::with_capacity(w.len());
            let mut start = true;
            for c in lower.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                start = matches!(c, '-' | '\'' | '’');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cnc_names_turn_to_first_name_then_surname() {
        let n = director_name("VAN DORMAEL Jaco");
        assert_eq!(n.display, "Jaco Van Dormael");
        assert_eq!(n.given_name.as_deref(), Some("Jaco"));
        assert_eq!(n.family_name, "VAN DORMAEL");
        assert_eq!(director_name("VIEIRA DA SILVA Hugo").display, "Hugo Vieira da Silva");
        assert_eq!(director_name("DE OLIVEIRA Manoel").display, "Manoel de Oliveira");
        assert_eq!(director_name("VARDA Agnès").display, "Agnès Varda");
        assert_eq!(director_name("HOLST M.").display, "M. Holst");
        assert_eq!(director_name("LEIGH C.S.").display, "C.S. Leigh");
        let jr = director_name("JR");
        assert_eq!((jr.display.as_str(), jr.given_name), ("Jr", None));
        assert_eq!(director_name("Kafka").display, "Kafka");
        assert_eq!(director_name("LAM-LE").display, "Lam-Le");
        assert_eq!(
            director_name("BESSON Luc Jean-Marie").given_name.as_deref(),
            Some("Luc Jean-Marie")
        );
    }

    #[test]
    fn real_cnc_names_are_read_right() {
        // Rows of the bundled file, as written there.
        let read = |w: &str| {
            let n = director_name(w);
            (n.display, n.given_name)
        };
        assert_eq!(
            read("TVERDOVSKIY Ivan I."),
            ("Ivan I. Tverdovskiy".into(), Some("Ivan I.".into()))
        );
        assert_eq!(read("YAMEOGO S. Pierre").0, "S. Pierre Yameogo");
        assert_eq!(read("DE LA PATELLIÈRE Alexandre").0, "Alexandre de La Patellière");
        assert_eq!(read("DE LA PATELLIERE  Alexandre").0, "Alexandre de La Patelliere");
        assert_eq!(read("GUERRA DA MATA Joao Rui").0, "Joao Rui Guerra da Mata");
        assert_eq!(
            read("DOS SANTOS SEGUNDO Carlos Antonio").0,
            "Carlos Antonio dos Santos Segundo"
        );
        assert_eq!(read("VILA I BARCELO Père").0, "Père Vila i Barcelo");
        assert_eq!(read("PREVOT-LEYGONIE François").0, "François Prevot-Leygonie");
        assert_eq!(read("N'DIAYE Ousmane").0, "Ousmane N'Diaye");
        assert_eq!(read("COSTA Ico (Federico)"), ("Ico Costa".into(), Some("Ico".into())));
        assert_eq!(read("OHAYON DIT \"JOHN WAX\" Stéphane").0, "Stéphane Ohayon");
        assert_eq!(read("DI MARIO DITE ELEONORA DANCO Eleonora").0, "Eleonora Di Mario");
        assert_eq!(read("DIT NORDINE SALHI Noureddine").0, "Noureddine Salhi");
        assert_eq!(read("DIASTEME"), ("Diasteme".into(), None));
        assert_eq!(
            split_list("DARDENNE Jean-Pierre / DARDENNE Luc"),
            ["DARDENNE Jean-Pierre", "DARDENNE Luc"]
        );
        assert_eq!(split_list("COUTURE Leo / BALEKDJAN Anton / EUSTACHON Matteo").len(), 3);
    }

    #[test]
    fn titles_get_their_article_back() {
        assert_eq!(restore_article("Homme qui rétrécit (L')"), "L'Homme qui rétrécit");
        assert_eq!(restore_article("Zone (La)"), "La Zone");
        assert_eq!(restore_article("Tuche 5 (Les)"), "Les Tuche 5");
        assert_eq!(restore_article("Film (2019)"), "Film (2019)");
        assert_eq!(restore_article("Mon amour"), "Mon amour");
    }

    #[test]
    fn shares_and_channels_are_split() {
        assert_eq!(share("Fr-82").unwrap(), ("Fr".to_owned(), 82.0));
        assert_eq!(share("FRANCE-100").unwrap(), ("FRANCE".to_owned(), 100.0));
        assert_eq!(share("Italie-12,5").unwrap(), ("Italie".to_owned(), 12.5));
        assert!(share("Belgique").unwrap_err().contains("no percentage"));
        assert_eq!(
            shares("FRANCE-40 / AFRIQUE DU SUD/NAMIBIE-25 / Fr-62 /Italie-26").unwrap(),
            [
                ("FRANCE".to_owned(), Some(40.0)),
                ("AFRIQUE DU SUD".to_owned(), None),
                ("NAMIBIE".to_owned(), None),
                ("Fr".to_owned(), Some(62.0)),
                ("Italie".to_owned(), Some(26.0)),
            ]
        );
        assert!(shares("Fr-50 / Belgique").unwrap_err().contains("Belgique"));
        assert_eq!(split_list("2D/3D ANIMATIONS / CINEA/ X"), ["2D/3D ANIMATIONS", "CINEA", "X"]);
        assert_eq!(channels("C+ Ciné+"), ["C+", "Ciné+"]);
        assert_eq!(channels("OCS Prime Video"), ["OCS", "Prime Video"]);
        assert!(channels("").is_empty());
    }

    #[test]
    fn a_row_becomes_a_film_and_bad_cells_are_named() {
        let header = "annee_agrement,visa,titre,realisateurs,producteurs,devis_eur,genre,eof,rang,bonus_parite,asr,chaine_payante,chaine_clair,sofica,credit_impot,aide_regionale,nationalite\n";
        let csv = format!(
            "{header}2024,161827,Projet D - Love story,BESSON Luc,Luc Besson Production / EuropaCorp,45235412.0,Fiction,NON,4,x,après,C+ Ciné+,TF1 TMC,,X,x,Fr-82 / Belgique-18\n\
             2024,161828,Autre,DOE Jane,P,12.0,opéra,OUI,1,,,,,,,,Fr-100\n\
             2024,16182x,Autre,DOE Jane,P,12.0,docu,OUI,1,,,,,,,,Fr-100\n"
        );
        let p = parse(csv.as_bytes()).unwrap();
        let f = &p.records[0];
        assert_eq!(f.budget_cents, 4_523_541_200);
        assert_eq!(f.producers, ["Luc Besson Production", "EuropaCorp"]);
        assert!(f.parity_bonus && f.regional_aid && !f.sofica);
        assert_eq!(f.advance_on_receipts.as_deref(), Some("après"));
        assert_eq!(f.shares, [("Fr".to_owned(), Some(82.0)), ("Belgique".to_owned(), Some(18.0))]);
        assert_eq!(f.directors[0].display, "Luc Besson");
        assert_eq!(p.rejected.len(), 2);
        assert!(p.rejected[0].reason.contains("genre"));
        assert!(p.rejected[1].reason.contains("visa"));
    }
}
