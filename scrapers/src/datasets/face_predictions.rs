//! Face predictions another project published for posters and trailers of CNC films
//! (`data/posters_trailers_d4g/`): one row per face on a poster, or per character (a cluster of
//! faces) in a trailer, with its perceived gender and its size or screen time. The upstream
//! files' age and ethnicity columns are not in the bundled copy, and this parser would not read
//! them: the platform never stores either.

use std::io::Read;

use egalite_shared::PerceivedGender;

use super::Parsed;

/// Bumped whenever the parser's output changes, and recorded with every ingest run.
pub const PARSER_VERSION: &str = "posters_trailers_d4g/1";

/// How big a face is, or how long a character is seen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    /// A face on a poster: the share of the poster's area it covers (0–1).
    PosterArea(f64),
    /// A character in a trailer: seconds on screen and mean share of the frame (0–1).
    ScreenTime {
        /// Seconds the character is visible.
        seconds: f64,
        /// Mean share of the frame its face covers.
        mean_size: f64,
    },
}

/// One face (poster) or character (trailer).
#[derive(Debug, Clone, PartialEq)]
pub struct FacePrediction {
    /// 1-based line in the file.
    pub line: u64,
    /// CNC visa of the film.
    pub visa: String,
    /// Allociné id of the film, whose poster or trailer was analysed.
    pub allocine_id: String,
    /// Perceived gender as the model gave it.
    pub gender: PerceivedGender,
    /// Size or screen time.
    pub measure: Measure,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    visa_number: String,
    allocine_id: String,
    gender: String,
    poster_percentage: Option<String>,
    time_on_screen: Option<String>,
    average_size_on_screen: Option<String>,
}

/// Parses either file: a poster file has `poster_percentage`, a trailer file `time_on_screen`
/// and `average_size_on_screen`.
pub fn parse(input: impl Read) -> Result<Parsed<FacePrediction>, csv::Error> {
    super::read_rows(csv::Reader::from_reader(input), |line, raw, headers| {
        raw.deserialize::<Row>(Some(headers))
            .map_err(|e| e.to_string())
            .and_then(|row| record(line, row))
    })
}

fn record(line: u64, row: Row) -> Result<FacePrediction, String> {
    let visa = row.visa_number.trim();
    if visa.is_empty() || !visa.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("visa_number {:?} is not a visa number", row.visa_number));
    }
    let allocine_id = row.allocine_id.trim();
    if allocine_id.is_empty() || !allocine_id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("allocine_id {:?} is not an Allociné id", row.allocine_id));
    }
    let gender = match row.gender.trim() {
        "Female" => PerceivedGender::Woman,
        "Male" => PerceivedGender::Man,
        "unknown" | "" => PerceivedGender::Undetermined,
        other => return Err(format!("gender {other:?} is not Female, Male or unknown")),
    };
    let measure = match (&row.poster_percentage, &row.time_on_screen, &row.average_size_on_screen) {
        (Some(p), None, None) => Measure::PosterArea(fraction(p, "poster_percentage")?),
        (None, Some(t), Some(s)) => {
            let seconds: f64 =
                t.trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.is_finite() && *v >= 0.0)
                    .ok_or_else(|| format!("time_on_screen {t:?} is not a number of seconds"))?;
            Measure::ScreenTime { seconds, mean_size: fraction(s, "average_size_on_screen")? }
        }
        _ => {
            return Err(
                "expected poster_percentage, or time_on_screen and average_size_on_screen".into()
            );
        }
    };
    Ok(FacePrediction {
        line,
        visa: visa.to_owned(),
        allocine_id: allocine_id.to_owned(),
        gender,
        measure,
    })
}

fn fraction(cell: &str, column: &str) -> Result<f64, String> {
    cell.trim()
        .parse()
        .ok()
        .filter(|v: &f64| (0.0..=1.0).contains(v))
        .ok_or_else(|| format!("{column} {cell:?} is not a share between 0 and 1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poster_and_trailer_rows_are_read_and_bad_ones_named() {
        let posters = "visa_number,allocine_id,gender,poster_percentage\n\
                       111456,277709,Female,0.0398\n\
                       111456,277709,Robot,0.1\n\
                       111456,277709,Male,1.5\n";
        let p = parse(posters.as_bytes()).unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].gender, PerceivedGender::Woman);
        assert_eq!(p.records[0].measure, Measure::PosterArea(0.0398));
        assert!(p.rejected[0].reason.contains("gender"));
        assert!(p.rejected[1].reason.contains("poster_percentage"));

        let trailers = "visa_number,allocine_id,gender,time_on_screen,average_size_on_screen\n\
                        111456,277709,unknown,12.4,0.48\n";
        let t = parse(trailers.as_bytes()).unwrap();
        assert_eq!(t.records[0].gender, PerceivedGender::Undetermined);
        assert_eq!(t.records[0].measure, Measure::ScreenTime { seconds: 12.4, mean_size: 0.48 });
    }
}
