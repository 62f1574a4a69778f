//! `stats { posters, trailers }`: faces by perceived gender per model.

use async_graphql::{Context, Object, Result, SimpleObject};
use egalite_shared::AnalysisKind;
use sea_orm::DatabaseConnection;

use super::error::internal;
use super::filters::years;
use super::stats::{FigureSource, sources_of};
use crate::stats::visuals::{self, PerGender, VisualCounts, VisualFigures};

/// A number per perceived gender.
#[derive(SimpleObject)]
pub struct PerceivedGenderValues {
    /// Perceived as women.
    pub women: f64,
    /// Perceived as men.
    pub men: f64,
    /// Undetermined.
    pub undetermined: f64,
}

impl From<PerGender> for PerceivedGenderValues {
    fn from(p: PerGender) -> Self {
        Self { women: p.women, men: p.men, undetermined: p.undetermined }
    }
}

/// Analyses counted and summed.
#[derive(SimpleObject)]
pub struct VisualBreakdown {
    /// Analyses (posters or trailers, one model each): the denominator.
    pub analyses: i64,
    /// Analyses that found a face: the denominator of the means.
    pub with_faces: i64,
    /// Faces found per perceived gender.
    pub faces: PerceivedGenderValues,
    /// Faces perceived as women over faces perceived as women or men; null without any.
    pub share_of_faces_women: Option<f64>,
    /// Posters: mean share of face area per perceived gender.
    pub mean_face_area_share: Option<PerceivedGenderValues>,
    /// Trailers: mean share of screen time per perceived gender.
    pub mean_screen_share: Option<PerceivedGenderValues>,
    /// Trailers: seconds on screen per perceived gender, summed.
    pub screen_seconds: Option<PerceivedGenderValues>,
}

impl From<VisualCounts> for VisualBreakdown {
    fn from(c: VisualCounts) -> Self {
        let determined = c.faces.women + c.faces.men;
        Self {
            analyses: c.analyses,
            with_faces: c.with_faces,
            share_of_faces_women: (determined > 0.0).then(|| c.faces.women / determined),
            faces: c.faces.into(),
            mean_face_area_share: c.mean_face_area_share.map(Into::into),
            mean_screen_share: c.mean_screen_share.map(Into::into),
            screen_seconds: c.screen_seconds.map(Into::into),
        }
    }
}

/// One year's figures.
#[derive(SimpleObject)]
pub struct YearVisuals {
    /// The film's year (release, else budget approval).
    pub year: i32,
    /// Its figures.
    pub counts: VisualBreakdown,
}

/// What a poster or trailer figure counts.
#[derive(async_graphql::Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum VisualUnit {
    /// Analyses: one poster or one trailer read by one model, each once.
    Analyses,
}

/// One model's analyses of posters or trailers.
#[derive(SimpleObject)]
pub struct VisualStats {
    /// What is counted: analyses (faces are summed over them, shares averaged over them).
    pub unit: VisualUnit,
    /// Poster or trailer.
    pub kind: AnalysisKind,
    /// The model (or the external project's pipeline).
    pub model: String,
    /// Made by another project and imported.
    pub external: bool,
    /// Over the range.
    pub total: VisualBreakdown,
    /// Per year.
    pub years: Vec<YearVisuals>,
    /// Analyses of films without a known year (in the total only).
    pub without_year: i64,
    /// The sources the figure was computed from.
    pub sources: Vec<FigureSource>,
}

async fn visual_stats(
    ctx: &Context<'_>,
    kind: AnalysisKind,
    from_year: Option<i32>,
    to_year: Option<i32>,
) -> Result<Vec<VisualStats>> {
    let range = (from_year.is_some() || to_year.is_some())
        .then(|| years(from_year, to_year))
        .transpose()?;
    let db = ctx.data::<DatabaseConnection>()?;
    let figures = visuals::by_perceived_gender(db, kind, range)
        .await
        .map_err(|e| internal("counting faces by perceived gender", e))?;
    let mut out = Vec::new();
    for f in figures {
        let VisualFigures { model, external, total, years, without_year, sources } = f;
        out.push(VisualStats {
            unit: VisualUnit::Analyses,
            kind,
            model,
            external,
            total: total.into(),
            years: years
                .into_iter()
                .map(|(year, c)| YearVisuals { year, counts: c.into() })
                .collect(),
            without_year,
            sources: sources_of(db, &sources).await?,
        });
    }
    Ok(out)
}

/// `stats { posters, trailers }`.
#[derive(Default)]
pub struct VisualStatsQuery;

#[Object]
impl VisualStatsQuery {
    /// Posters by perceived gender of the faces on them, one figure per model, for films of
    /// `fromYear` to `toYear` (all films when neither is given). Perceived gender is a model's
    /// reading of a face, never a person's gender.
    async fn posters(
        &self,
        ctx: &Context<'_>,
        from_year: Option<i32>,
        to_year: Option<i32>,
    ) -> Result<Vec<VisualStats>> {
        visual_stats(ctx, AnalysisKind::Poster, from_year, to_year).await
    }

    /// Trailers by perceived gender of the faces on screen, one figure per model, as `posters`.
    async fn trailers(
        &self,
        ctx: &Context<'_>,
        from_year: Option<i32>,
        to_year: Option<i32>,
    ) -> Result<Vec<VisualStats>> {
        visual_stats(ctx, AnalysisKind::Trailer, from_year, to_year).await
    }
}
