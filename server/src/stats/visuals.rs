//! Posters and trailers by perceived gender, per model: faces counted, the mean share of face
//! area (posters) and of screen time (trailers) per analysis, per year and over a range. The
//! counting unit is the analysis (one poster or one trailer read by one model); a film's year is
//! its release year, else the year its budget was approved. Perceived gender is a model's reading
//! of a face: nothing here is a person's gender.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use egalite_shared::{AnalysisKind, PerceivedGender};
use sea_orm::{ConnectionTrait, DbErr, Statement, Value};

/// Totals per perceived gender.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PerGender {
    /// Perceived as women.
    pub women: f64,
    /// Perceived as men.
    pub men: f64,
    /// Undetermined.
    pub undetermined: f64,
}

impl PerGender {
    fn get_mut(&mut self, g: PerceivedGender) -> &mut f64 {
        match g {
            PerceivedGender::Woman => &mut self.women,
            PerceivedGender::Man => &mut self.men,
            PerceivedGender::Undetermined => &mut self.undetermined,
        }
    }

    fn scaled(self, by: f64) -> Self {
        Self { women: self.women / by, men: self.men / by, undetermined: self.undetermined / by }
    }
}

/// Analyses counted and summed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct VisualCounts {
    /// Analyses: the denominator.
    pub analyses: i64,
    /// Analyses that found at least one face: the denominator of the means.
    pub with_faces: i64,
    /// Faces found, per perceived gender.
    pub faces: PerGender,
    /// Mean over the analyses with faces of the share of face area (posters) per perceived
    /// gender; null for trailers.
    pub mean_face_area_share: Option<PerGender>,
    /// Mean over the analyses with faces of the share of screen time (trailers) per perceived
    /// gender; null for posters.
    pub mean_screen_share: Option<PerGender>,
    /// Seconds on screen, summed, per perceived gender (trailers).
    pub screen_seconds: Option<PerGender>,
}

/// One model's figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VisualFigures {
    /// The model's name.
    pub model: String,
    /// Made by another project and imported.
    pub external: bool,
    /// Over the range.
    pub total: VisualCounts,
    /// Per year.
    pub years: Vec<(i32, VisualCounts)>,
    /// Analyses of films with no year known, left out of the per-year figures but counted in the
    /// total.
    pub without_year: i64,
    /// Ids of the `sources` rows the figure was computed from.
    pub sources: Vec<i64>,
}

#[derive(Default)]
struct Acc {
    analyses: i64,
    with_faces: i64,
    faces: PerGender,
    area: PerGender,
    screen: PerGender,
    seconds: PerGender,
}

impl Acc {
    fn finish(&self, kind: AnalysisKind) -> VisualCounts {
        let n = self.with_faces.max(1) as f64;
        let poster = kind == AnalysisKind::Poster;
        VisualCounts {
            analyses: self.analyses,
            with_faces: self.with_faces,
            faces: self.faces,
            mean_face_area_share: (poster && self.with_faces > 0).then(|| self.area.scaled(n)),
            mean_screen_share: (!poster && self.with_faces > 0).then(|| self.screen.scaled(n)),
            screen_seconds: (!poster).then_some(self.seconds),
        }
    }
}

/// Per model, the analyses of `kind` of films of `years` (all films when `None`).
pub async fn by_perceived_gender(
    db: &impl ConnectionTrait,
    kind: AnalysisKind,
    years: Option<(i32, i32)>,
) -> Result<Vec<VisualFigures>, DbErr> {
    let sql = "SELECT a.id AS analysis_id, a.model_name AS model, a.external AS external, \
         a.face_count AS face_count, a.source_id AS source_id, \
         COALESCE(f.year, (SELECT MIN(b.year) FROM budgets b WHERE b.film_id = f.id)) AS year, \
         x.perceived_gender AS perceived_gender, x.faces AS faces, \
         x.face_area_share AS face_area_share, x.screen_seconds AS screen_seconds, \
         x.screen_share AS screen_share \
         FROM analyses a LEFT JOIN films f ON f.id = a.film_id \
         LEFT JOIN analysis_figures x ON x.analysis_id = a.id \
         WHERE a.kind = $1 ORDER BY a.id";
    let values: Vec<Value> = vec![kind.as_str().into()];
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values))
        .await?;
    // analysis → (model, external, year, face count, figures)
    type Row = (String, bool, Option<i32>, i32, Vec<(PerceivedGender, i32, f64, f64, f64)>);
    let mut analyses: BTreeMap<i64, Row> = BTreeMap::new();
    let mut sources: HashMap<String, BTreeSet<i64>> = HashMap::new();
    for r in rows {
        let id: i64 = r.try_get("", "analysis_id")?;
        let model: String = r.try_get("", "model")?;
        if let Some(s) = r.try_get::<Option<i64>>("", "source_id")? {
            sources.entry(model.clone()).or_default().insert(s);
        }
        let entry = analyses.entry(id).or_insert((
            model,
            r.try_get("", "external")?,
            r.try_get("", "year")?,
            r.try_get::<Option<i32>>("", "face_count")?.unwrap_or(0),
            Vec::new(),
        ));
        let Some(g) = r.try_get::<Option<String>>("", "perceived_gender")? else { continue };
        let g: PerceivedGender = g
            .parse()
            .map_err(|e| DbErr::Custom(format!("analysis_figures.perceived_gender: {e}")))?;
        entry.4.push((
            g,
            r.try_get("", "faces")?,
            r.try_get::<Option<f64>>("", "face_area_share")?.unwrap_or(0.0),
            r.try_get::<Option<f64>>("", "screen_share")?.unwrap_or(0.0),
            r.try_get::<Option<f64>>("", "screen_seconds")?.unwrap_or(0.0),
        ));
    }
    // model → (external, total, per year, without year)
    let mut models: BTreeMap<String, (bool, Acc, BTreeMap<i32, Acc>, i64)> = BTreeMap::new();
    for (model, external, year, face_count, figures) in analyses.into_values() {
        if let (Some((from, to)), Some(y)) = (years, year) {
            if y < from || y > to {
                continue;
            }
        } else if years.is_some() {
            continue;
        }
        let m =
            models.entry(model).or_insert_with(|| (external, Acc::default(), BTreeMap::new(), 0));
        let add = |acc: &mut Acc| {
            acc.analyses += 1;
            let faces: i32 = figures.iter().map(|f| f.1).sum();
            if faces.max(face_count) > 0 {
                acc.with_faces += 1;
            }
            for &(g, n, area, screen, seconds) in &figures {
                *acc.faces.get_mut(g) += f64::from(n);
                *acc.area.get_mut(g) += area;
                *acc.screen.get_mut(g) += screen;
                *acc.seconds.get_mut(g) += seconds;
            }
        };
        add(&mut m.1);
        match year {
            Some(y) => add(m.2.entry(y).or_default()),
            None => m.3 += 1,
        }
    }
    Ok(models
        .into_iter()
        .map(|(model, (external, total, per_year, without_year))| VisualFigures {
            sources: sources.get(&model).map(|s| s.iter().copied().collect()).unwrap_or_default(),
            model,
            external,
            total: total.finish(kind),
            years: per_year.into_iter().map(|(y, a)| (y, a.finish(kind))).collect(),
            without_year,
        })
        .collect())
}
