//! The domain schema: reference data, provenance, festivals and their editions, films and people
//! with credits, selections and awards, budgets and financing, posters and trailers with their
//! analyses and faces, and the operational tables (ingest runs, jobs, review queue, tokens, audit).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::columns::{
    created_at, fk, id, index, one_of, one_of_null, ref_id, ref_id_null, updated_at,
};

/// Gender of a person.
const GENDERS: &[&str] = &["woman", "man", "non_binary", "unknown"];
/// How a person's gender is known.
const GENDER_SOURCES: &[&str] = &["declared", "curated", "inferred_from_first_name"];
/// Perceived gender of a face.
const PERCEIVED: &[&str] = &["woman", "man", "undetermined"];
const ROLES: &[&str] =
    &["director", "screenwriter", "producer", "cinematographer", "composer", "editor", "lead_cast"];
const SECTION_KINDS: &[&str] =
    &["competition", "out_of_competition", "parallel", "short_film", "label", "other"];
const FESTIVAL_KINDS: &[&str] = &["festival", "award_ceremony"];
const ORGANISATION_KINDS: &[&str] =
    &["production_company", "broadcaster", "fund", "distributor", "other"];
const COMPANY_ROLES: &[&str] =
    &["production", "co_production", "pre_buying_broadcaster", "fund", "distribution"];
const FINANCING_KINDS: &[&str] = &[
    "sofica",
    "tax_credit",
    "regional_aid",
    "advance_on_receipts",
    "parity_bonus",
    "pay_tv_pre_buy",
    "free_tv_pre_buy",
];
const GENRES: &[&str] = &["fiction", "documentary", "animation"];
const SOURCE_KINDS: &[&str] = &["dataset", "web_page", "api", "curation", "model"];
const BUDGET_KINDS: &[&str] = &["production_estimate", "reported_budget"];
const ANALYSIS_KINDS: &[&str] = &["poster", "trailer"];
const JOB_KINDS: &[&str] = &["scrape", "poster_analysis", "trailer_analysis"];
const JOB_STATUSES: &[&str] = &["queued", "running", "done", "failed"];
const REVIEW_KINDS: &[&str] = &["entity_match", "gender_conflict", "other"];
const REVIEW_STATUSES: &[&str] = &["open", "accepted", "rejected"];
const TOKEN_ROLES: &[&str] = &["curator", "admin"];
const RUN_STATUSES: &[&str] = &["running", "succeeded", "failed"];
const AWARD_SUBJECTS: &[&str] = &["film", "person"];

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Adds `source_id` (the source file or snapshot a row came from) and `source_line` (its line or
/// record number there) to a fact table.
fn provenance(t: &mut TableCreateStatement, table: &'static str) {
    t.col(ref_id_null("source_id")).col(big_integer_null("source_line")).foreign_key(&mut fk(
        table,
        "source_id",
        "sources",
        "id",
        false,
    ));
}

fn tables() -> Vec<TableCreateStatement> {
    let mut out = vec![
        Table::create()
            .table("countries")
            .if_not_exists()
            .col(string_len("code", 4).primary_key())
            .col(string_len_null("iso3166_3", 4))
            .col(string_len_null("alpha3", 3))
            .col(string_len_null("numeric", 3))
            .col(text("name_en"))
            .col(text("name_fr"))
            .col(integer_null("former_until"))
            .take(),
    ];

    out.push(
        Table::create()
            .table("sources")
            .if_not_exists()
            .col(id())
            .col(text("slug").unique_key())
            .col(text("title"))
            .col(one_of("kind", SOURCE_KINDS))
            .col(text_null("origin_url"))
            .col(text("licence"))
            .col(text_null("licence_url"))
            .col(date_null("retrieved_on"))
            .col(string_len_null("sha256", 64))
            .col(big_integer_null("size_bytes"))
            .col(text_null("notes"))
            .col(boolean("redistributable").default(false))
            .col(created_at())
            .take(),
    );

    out.push(
        Table::create()
            .table("raw_snapshots")
            .if_not_exists()
            .col(id())
            .col(text("url"))
            .col(text("final_url"))
            .col(text("host"))
            .col(timestamp_with_time_zone("fetched_at"))
            .col(integer("http_status"))
            .col(text_null("content_type"))
            .col(string_len("sha256", 64))
            .col(big_integer("size_bytes"))
            .col(text_null("etag"))
            .col(text_null("last_modified"))
            .col(json_binary_null("headers"))
            .col(ref_id_null("source_id"))
            .foreign_key(&mut fk("raw_snapshots", "source_id", "sources", "id", false))
            .take(),
    );

    out.push(
        Table::create()
            .table("ingest_runs")
            .if_not_exists()
            .col(id())
            .col(text("dataset"))
            .col(ref_id_null("source_id"))
            .col(string_len_null("file_sha256", 64))
            .col(text("parser_version"))
            .col(one_of("status", RUN_STATUSES))
            .col(timestamp_with_time_zone("started_at"))
            .col(timestamp_with_time_zone_null("finished_at"))
            .col(big_integer("rows_read").default(0))
            .col(big_integer("rows_inserted").default(0))
            .col(big_integer("rows_updated").default(0))
            .col(big_integer("rows_unchanged").default(0))
            .col(big_integer("rows_rejected").default(0))
            // Rows left out on purpose: another dataset loads what they say.
            .col(big_integer("rows_skipped").default(0))
            .col(text_null("error"))
            .foreign_key(&mut fk("ingest_runs", "source_id", "sources", "id", false))
            .take(),
    );

    out.push(
        Table::create()
            .table("ingest_rejects")
            .if_not_exists()
            .col(id())
            .col(ref_id("run_id"))
            .col(big_integer_null("line"))
            .col(text("reason"))
            .col(text_null("raw"))
            .foreign_key(&mut fk("ingest_rejects", "run_id", "ingest_runs", "id", true))
            .take(),
    );

    out.push(
        Table::create()
            .table("festivals")
            .if_not_exists()
            .col(id())
            .col(text("slug").unique_key())
            .col(text("name"))
            .col(text("name_en"))
            .col(text("name_fr"))
            .col(text("short_name"))
            .col(one_of("kind", FESTIVAL_KINDS))
            .col(string_len("country_code", 4))
            .col(text_null("city"))
            .col(text_null("organiser"))
            .col(integer_null("first_year"))
            .col(text_null("website"))
            .col(text_null("imdb_event_id").unique_key())
            .col(text_null("wikidata_qid").unique_key())
            .col(created_at())
            .foreign_key(&mut fk("festivals", "country_code", "countries", "code", false))
            .take(),
    );

    let mut editions = Table::create()
        .table("editions")
        .if_not_exists()
        .col(id())
        .col(ref_id("festival_id"))
        .col(integer("year"))
        // Which event of that year (IMDb's `/event/<id>/<year>/<sequence>/`): the Academy held
        // two ceremonies in 1930.
        .col(integer("sequence").default(1))
        .col(integer_null("number"))
        .col(text_null("label"))
        .col(boolean("held").default(true))
        .col(date_null("start_date"))
        .col(date_null("end_date"))
        .col(text_null("notes"))
        .foreign_key(&mut fk("editions", "festival_id", "festivals", "id", true))
        .take();
    provenance(&mut editions, "editions");
    out.push(editions);

    let mut sections = Table::create()
        .table("sections")
        .if_not_exists()
        .col(id())
        .col(ref_id("edition_id"))
        .col(text("slug"))
        .col(text("name"))
        .col(one_of("kind", SECTION_KINDS))
        .foreign_key(&mut fk("sections", "edition_id", "editions", "id", true))
        .take();
    provenance(&mut sections, "sections");
    out.push(sections);

    let mut films = Table::create()
        .table("films")
        .if_not_exists()
        .col(id())
        // A film known only by its IMDb id (a line-up that lists ids) has no title yet.
        .col(text_null("title"))
        .col(text_null("original_title"))
        // Lower-cased, accents removed: search and matching give the same results on both
        // databases (SQLite has no unaccent).
        .col(text_null("normalized_title"))
        .col(integer_null("year"))
        .col(integer_null("runtime_minutes"))
        .col(one_of_null("genre", GENRES))
        .col(text_null("imdb_id").unique_key())
        .col(text_null("wikidata_qid").unique_key())
        .col(text_null("cnc_visa").unique_key())
        .col(text_null("allocine_id"))
        .col(created_at())
        .col(updated_at())
        .take();
    provenance(&mut films, "films");
    out.push(films);

    out.push(
        Table::create()
            .table("film_countries")
            .if_not_exists()
            .col(ref_id("film_id"))
            .col(string_len("country_code", 4))
            .col(integer("position").default(0))
            .col(double_null("share_percent"))
            .col(ref_id_null("source_id"))
            .primary_key(Index::create().col("film_id").col("country_code"))
            .foreign_key(&mut fk("film_countries", "film_id", "films", "id", true))
            .foreign_key(&mut fk("film_countries", "country_code", "countries", "code", false))
            .foreign_key(&mut fk("film_countries", "source_id", "sources", "id", false))
            .take(),
    );

    let mut people = Table::create()
        .table("people")
        .if_not_exists()
        .col(id())
        .col(text("name"))
        .col(text("normalized_name"))
        .col(text_null("given_name"))
        .col(text_null("family_name"))
        .col(integer_null("birth_year"))
        .col(text_null("imdb_id").unique_key())
        .col(text_null("wikidata_qid").unique_key())
        .col(one_of("gender", GENDERS).default("unknown"))
        .col(one_of_null("gender_source", GENDER_SOURCES))
        .col(double_null("gender_probability"))
        .col(text_null("gender_evidence"))
        .col(ref_id_null("gender_source_id"))
        .col(timestamp_with_time_zone_null("gender_updated_at"))
        .col(created_at())
        .col(updated_at())
        // A known gender always says how it is known; an inferred one carries its probability.
        .check(Expr::col("gender").eq("unknown").or(Expr::col("gender_source").is_not_null()))
        .check(
            Expr::col("gender_source")
                .ne("inferred_from_first_name")
                .or(Expr::col("gender_source").is_null())
                .or(Expr::col("gender_probability").is_not_null()),
        )
        .foreign_key(&mut fk("people", "gender_source_id", "sources", "id", false))
        .take();
    provenance(&mut people, "people");
    out.push(people);

    out.push(
        Table::create()
            .table("person_nationalities")
            .if_not_exists()
            .col(ref_id("person_id"))
            .col(string_len("country_code", 4))
            .col(ref_id("source_id"))
            .primary_key(Index::create().col("person_id").col("country_code"))
            .foreign_key(&mut fk("person_nationalities", "person_id", "people", "id", true))
            .foreign_key(&mut fk(
                "person_nationalities",
                "country_code",
                "countries",
                "code",
                false,
            ))
            .foreign_key(&mut fk("person_nationalities", "source_id", "sources", "id", false))
            .take(),
    );

    let mut organisations = Table::create()
        .table("organisations")
        .if_not_exists()
        .col(id())
        .col(text("name"))
        .col(text("normalized_name"))
        .col(one_of("kind", ORGANISATION_KINDS))
        .col(string_len_null("country_code", 4))
        .col(text_null("imdb_id").unique_key())
        .col(text_null("wikidata_qid").unique_key())
        .col(created_at())
        .foreign_key(&mut fk("organisations", "country_code", "countries", "code", false))
        .take();
    provenance(&mut organisations, "organisations");
    out.push(organisations);

    let mut film_companies = Table::create()
        .table("film_companies")
        .if_not_exists()
        .col(ref_id("film_id"))
        .col(ref_id("organisation_id"))
        .col(one_of("role", COMPANY_ROLES))
        .col(integer("position").default(0))
        .primary_key(Index::create().col("film_id").col("organisation_id").col("role"))
        .foreign_key(&mut fk("film_companies", "film_id", "films", "id", true))
        .foreign_key(&mut fk("film_companies", "organisation_id", "organisations", "id", true))
        .take();
    provenance(&mut film_companies, "film_companies");
    out.push(film_companies);

    let mut credits = Table::create()
        .table("credits")
        .if_not_exists()
        .col(id())
        .col(ref_id("film_id"))
        .col(ref_id("person_id"))
        .col(one_of("role", ROLES))
        .col(integer("position").default(0))
        .col(text_null("credited_as"))
        .foreign_key(&mut fk("credits", "film_id", "films", "id", true))
        .foreign_key(&mut fk("credits", "person_id", "people", "id", true))
        .take();
    provenance(&mut credits, "credits");
    out.push(credits);

    let mut selections = Table::create()
        .table("selections")
        .if_not_exists()
        .col(id())
        .col(ref_id("section_id"))
        .col(ref_id("film_id"))
        .foreign_key(&mut fk("selections", "section_id", "sections", "id", true))
        .foreign_key(&mut fk("selections", "film_id", "films", "id", true))
        .take();
    provenance(&mut selections, "selections");
    out.push(selections);

    out.push(
        Table::create()
            .table("awards")
            .if_not_exists()
            .col(id())
            .col(ref_id("festival_id"))
            .col(text("slug"))
            .col(text("name"))
            .col(text_null("name_en"))
            .col(text_null("name_fr"))
            .col(one_of("subject", AWARD_SUBJECTS))
            .col(boolean("main_prize").default(false))
            .foreign_key(&mut fk("awards", "festival_id", "festivals", "id", true))
            .take(),
    );

    let mut nominations = Table::create()
        .table("nominations")
        .if_not_exists()
        .col(id())
        .col(ref_id("award_id"))
        .col(ref_id("edition_id"))
        .col(ref_id_null("section_id"))
        .col(boolean("won").default(false))
        .col(text_null("detail"))
        // The source's own identity for the nomination, so that a second ingest finds it again.
        .col(text("natural_key"))
        .foreign_key(&mut fk("nominations", "award_id", "awards", "id", true))
        .foreign_key(&mut fk("nominations", "edition_id", "editions", "id", true))
        .foreign_key(&mut fk("nominations", "section_id", "sections", "id", false))
        .take();
    provenance(&mut nominations, "nominations");
    out.push(nominations);

    out.push(
        Table::create()
            .table("nomination_films")
            .if_not_exists()
            .col(ref_id("nomination_id"))
            .col(ref_id("film_id"))
            .primary_key(Index::create().col("nomination_id").col("film_id"))
            .foreign_key(&mut fk("nomination_films", "nomination_id", "nominations", "id", true))
            .foreign_key(&mut fk("nomination_films", "film_id", "films", "id", true))
            .take(),
    );

    out.push(
        Table::create()
            .table("nomination_people")
            .if_not_exists()
            .col(ref_id("nomination_id"))
            .col(ref_id("person_id"))
            .col(integer("position").default(0))
            .primary_key(Index::create().col("nomination_id").col("person_id"))
            .foreign_key(&mut fk("nomination_people", "nomination_id", "nominations", "id", true))
            .foreign_key(&mut fk("nomination_people", "person_id", "people", "id", true))
            .take(),
    );

    out.push(
        Table::create()
            .table("budgets")
            .if_not_exists()
            .col(id())
            .col(ref_id("film_id"))
            .col(one_of("kind", BUDGET_KINDS))
            // Minor units (cents) of `currency`: exact sums and medians on both databases.
            .col(big_integer("amount_minor"))
            .col(string_len("currency", 3))
            .col(integer_null("year"))
            .col(ref_id("source_id"))
            .col(big_integer_null("source_line"))
            .foreign_key(&mut fk("budgets", "film_id", "films", "id", true))
            .foreign_key(&mut fk("budgets", "source_id", "sources", "id", false))
            .take(),
    );

    out.push(
        Table::create()
            .table("financings")
            .if_not_exists()
            .col(id())
            .col(ref_id("film_id"))
            .col(one_of("kind", FINANCING_KINDS))
            .col(ref_id_null("organisation_id"))
            // What the source names (a channel, a region); empty when it gives a flag only.
            .col(text("label").default(""))
            .col(big_integer_null("amount_minor"))
            .col(string_len_null("currency", 3))
            .col(ref_id("source_id"))
            .col(big_integer_null("source_line"))
            .foreign_key(&mut fk("financings", "film_id", "films", "id", true))
            .foreign_key(&mut fk("financings", "organisation_id", "organisations", "id", false))
            .foreign_key(&mut fk("financings", "source_id", "sources", "id", false))
            .take(),
    );

    let mut posters = Table::create()
        .table("posters")
        .if_not_exists()
        .col(id())
        .col(ref_id("film_id"))
        .col(text_null("url"))
        .col(string_len_null("sha256", 64).unique_key())
        .col(integer_null("width"))
        .col(integer_null("height"))
        .col(text_null("content_type"))
        .col(ref_id_null("snapshot_id"))
        .col(created_at())
        .foreign_key(&mut fk("posters", "film_id", "films", "id", true))
        .foreign_key(&mut fk("posters", "snapshot_id", "raw_snapshots", "id", false))
        .take();
    provenance(&mut posters, "posters");
    out.push(posters);

    let mut trailers = Table::create()
        .table("trailers")
        .if_not_exists()
        .col(id())
        .col(ref_id("film_id"))
        .col(text_null("url"))
        .col(string_len_null("sha256", 64).unique_key())
        .col(double_null("duration_seconds"))
        .col(integer_null("width"))
        .col(integer_null("height"))
        .col(ref_id_null("snapshot_id"))
        .col(created_at())
        .foreign_key(&mut fk("trailers", "film_id", "films", "id", true))
        .foreign_key(&mut fk("trailers", "snapshot_id", "raw_snapshots", "id", false))
        .take();
    provenance(&mut trailers, "trailers");
    out.push(trailers);

    let mut analyses = Table::create()
        .table("analyses")
        .if_not_exists()
        .col(id())
        .col(one_of("kind", ANALYSIS_KINDS))
        .col(ref_id_null("film_id"))
        .col(ref_id_null("poster_id"))
        .col(ref_id_null("trailer_id"))
        // The asset's SHA-256, or the external dataset's key for it: with the model checksum it
        // makes a re-run replace its result instead of adding one.
        .col(text("asset_key"))
        .col(text("model_name"))
        .col(text("model_version"))
        .col(text("model_sha256"))
        .col(text_null("runtime"))
        .col(boolean("external").default(false))
        .col(json_binary_null("parameters"))
        .col(integer_null("face_count"))
        .col(timestamp_with_time_zone_null("started_at"))
        .col(timestamp_with_time_zone_null("finished_at"))
        .col(created_at())
        .foreign_key(&mut fk("analyses", "film_id", "films", "id", true))
        .foreign_key(&mut fk("analyses", "poster_id", "posters", "id", true))
        .foreign_key(&mut fk("analyses", "trailer_id", "trailers", "id", true))
        .take();
    provenance(&mut analyses, "analyses");
    out.push(analyses);

    out.push(
        Table::create()
            .table("analysis_figures")
            .if_not_exists()
            .col(ref_id("analysis_id"))
            .col(one_of("perceived_gender", PERCEIVED))
            .col(integer("faces").default(0))
            .col(double_null("face_area_share"))
            .col(double_null("screen_seconds"))
            .col(double_null("screen_share"))
            .col(double_null("mean_face_size"))
            .primary_key(Index::create().col("analysis_id").col("perceived_gender"))
            .foreign_key(&mut fk("analysis_figures", "analysis_id", "analyses", "id", true))
            .take(),
    );

    out.push(
        Table::create()
            .table("face_tracks")
            .if_not_exists()
            .col(id())
            .col(ref_id("analysis_id"))
            .col(integer("track_no"))
            .col(one_of("perceived_gender", PERCEIVED))
            .col(double("confidence"))
            .col(double("first_seen_seconds"))
            .col(double("last_seen_seconds"))
            .col(double("screen_seconds"))
            .col(integer("detections"))
            .foreign_key(&mut fk("face_tracks", "analysis_id", "analyses", "id", true))
            .take(),
    );

    // Boxes are relative to the image (0..1). No age, no ethnicity: only perceived gender.
    out.push(
        Table::create()
            .table("faces")
            .if_not_exists()
            .col(id())
            .col(ref_id("analysis_id"))
            .col(ref_id_null("track_id"))
            .col(double_null("frame_seconds"))
            .col(double("x"))
            .col(double("y"))
            .col(double("width"))
            .col(double("height"))
            .col(double("detector_score"))
            .col(one_of("perceived_gender", PERCEIVED))
            .col(double("confidence"))
            .col(boolean_null("second_opinion_agrees"))
            .foreign_key(&mut fk("faces", "analysis_id", "analyses", "id", true))
            .foreign_key(&mut fk("faces", "track_id", "face_tracks", "id", true))
            .take(),
    );

    out.push(
        Table::create()
            .table("jobs")
            .if_not_exists()
            .col(id())
            .col(one_of("kind", JOB_KINDS))
            .col(text("target"))
            .col(json_binary_null("payload"))
            .col(one_of("status", JOB_STATUSES).default("queued"))
            .col(integer("priority").default(0))
            .col(integer("attempts").default(0))
            .col(integer("max_attempts").default(5))
            .col(text_null("last_error"))
            .col(timestamp_with_time_zone("run_after").default(Expr::current_timestamp()))
            .col(text_null("locked_by"))
            .col(timestamp_with_time_zone_null("locked_at"))
            .col(created_at())
            .col(updated_at())
            .col(timestamp_with_time_zone_null("finished_at"))
            .take(),
    );

    out.push(
        Table::create()
            .table("api_tokens")
            .if_not_exists()
            .col(id())
            .col(text("name"))
            .col(one_of("role", TOKEN_ROLES))
            // SHA-256 of the secret; the secret itself is shown once and never stored.
            .col(string_len("token_hash", 64).unique_key())
            .col(created_at())
            .col(timestamp_with_time_zone_null("expires_at"))
            .col(timestamp_with_time_zone_null("last_used_at"))
            .col(timestamp_with_time_zone_null("revoked_at"))
            .take(),
    );

    out.push(
        Table::create()
            .table("review_items")
            .if_not_exists()
            .col(id())
            .col(one_of("kind", REVIEW_KINDS))
            .col(one_of("status", REVIEW_STATUSES).default("open"))
            .col(text("subject_table"))
            .col(big_integer_null("subject_id"))
            .col(text("reason"))
            .col(json_binary("proposal"))
            .col(json_binary_null("candidates"))
            .col(ref_id_null("source_id"))
            .col(created_at())
            .col(timestamp_with_time_zone_null("resolved_at"))
            .col(ref_id_null("resolved_by"))
            .col(text_null("resolution_note"))
            .foreign_key(&mut fk("review_items", "source_id", "sources", "id", false))
            .foreign_key(&mut fk("review_items", "resolved_by", "api_tokens", "id", false))
            .take(),
    );

    out.push(
        Table::create()
            .table("audit_log")
            .if_not_exists()
            .col(id())
            .col(timestamp_with_time_zone("at").default(Expr::current_timestamp()))
            .col(ref_id_null("token_id"))
            .col(text("actor"))
            .col(text("action"))
            .col(text("entity"))
            .col(big_integer_null("entity_id"))
            .col(json_binary_null("before"))
            .col(json_binary_null("after"))
            .col(text_null("request_id"))
            .foreign_key(&mut fk("audit_log", "token_id", "api_tokens", "id", false))
            .take(),
    );

    out
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        // Idempotent ingestion: the natural identity of each fact.
        index("editions", &["festival_id", "year", "sequence"], true),
        index("sections", &["edition_id", "slug"], true),
        index("credits", &["film_id", "person_id", "role"], true),
        index("selections", &["section_id", "film_id"], true),
        index("awards", &["festival_id", "slug"], true),
        index("nominations", &["award_id", "edition_id", "natural_key"], true),
        index("budgets", &["film_id", "kind", "source_id"], true),
        index("financings", &["film_id", "kind", "label", "source_id"], true),
        index("organisations", &["normalized_name", "kind"], true),
        index("analyses", &["kind", "asset_key", "model_sha256"], true),
        index("face_tracks", &["analysis_id", "track_no"], true),
        index("jobs", &["kind", "target"], true),
        // Lookups and the statistics' joins.
        index("raw_snapshots", &["url", "fetched_at"], false),
        index("raw_snapshots", &["sha256"], false),
        index("ingest_runs", &["dataset", "started_at"], false),
        index("ingest_rejects", &["run_id"], false),
        index("editions", &["year"], false),
        index("sections", &["kind"], false),
        index("films", &["year"], false),
        index("films", &["normalized_title"], false),
        index("film_countries", &["country_code"], false),
        index("people", &["normalized_name"], false),
        index("people", &["gender"], false),
        index("credits", &["person_id"], false),
        index("credits", &["role", "film_id"], false),
        index("selections", &["film_id"], false),
        index("nominations", &["edition_id"], false),
        index("nominations", &["award_id", "won"], false),
        index("nomination_films", &["film_id"], false),
        index("nomination_people", &["person_id"], false),
        index("budgets", &["year"], false),
        index("financings", &["film_id"], false),
        index("posters", &["film_id"], false),
        index("trailers", &["film_id"], false),
        index("analyses", &["film_id"], false),
        index("faces", &["analysis_id"], false),
        index("jobs", &["status", "run_after", "priority"], false),
        index("review_items", &["status", "created_at"], false),
        index("audit_log", &["entity", "entity_id"], false),
        index("audit_log", &["at"], false),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in tables() {
            manager.create_table(t).await?;
        }
        for ix in indexes() {
            manager.create_index(ix).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children first: the reverse of creation order.
        for t in tables().into_iter().rev() {
            if let Some(name) = t.get_table_name() {
                manager.drop_table(Table::drop().table(name.clone()).if_exists().take()).await?;
            }
        }
        Ok(())
    }
}
