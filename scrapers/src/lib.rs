//! Collection of public sources: polite fetching, content-addressed raw snapshots, and parsers
//! from snapshots to records. Fetching and parsing are separate steps, so a parser fix re-parses
//! stored snapshots without fetching again.
