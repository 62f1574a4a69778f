//! Relay cursor connections over any SeaORM query: `first`/`after` and `last`/`before`, at most
//! [`MAX_PAGE_SIZE`] nodes a page, with the total count of matches.

use async_graphql::connection::{Connection, CursorType, Edge};
use async_graphql::{Context, ErrorExtensions, OutputType, Result, SimpleObject};
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QuerySelect, Select};

use super::error::{bad_input, internal};

/// The most nodes one page may hold, as on GitHub's API.
pub const MAX_PAGE_SIZE: i32 = 100;

/// Nodes a page holds when neither `first` nor `last` is given.
pub const DEFAULT_PAGE_SIZE: i32 = 20;

/// A position in an ordered list. Clients treat it as opaque; it is the zero-based offset of a
/// node in the list as ordered by the query's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor(pub u64);

/// A cursor that is not one this API gave out.
#[derive(Debug, thiserror::Error)]
#[error("malformed cursor {0:?}: pass a `startCursor`, `endCursor` or edge `cursor` unchanged")]
pub struct MalformedCursor(String);

const CURSOR_PREFIX: &str = "cursor:v1:";

impl CursorType for Cursor {
    type Error = MalformedCursor;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        s.strip_prefix(CURSOR_PREFIX)
            .and_then(|n| n.parse::<u64>().ok())
            .map(Cursor)
            .ok_or_else(|| MalformedCursor(s.to_owned()))
    }

    fn encode_cursor(&self) -> String {
        format!("{CURSOR_PREFIX}{}", self.0)
    }
}

/// Fields every connection has beside its edges.
#[derive(SimpleObject)]
pub struct ConnectionTotals {
    /// How many nodes match the arguments, on every page together.
    pub total_count: u64,
}

/// A page of `T`.
pub type Page<T> = Connection<Cursor, T, ConnectionTotals>;

/// The pagination arguments of a connection field, as given.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    /// Nodes after this cursor.
    pub after: Option<String>,
    /// Nodes before this cursor.
    pub before: Option<String>,
    /// The first nodes of the window.
    pub first: Option<i32>,
    /// The last nodes of the window.
    pub last: Option<i32>,
}

/// The rows to read: `offset` then `limit` rows, and what lies outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Rows skipped.
    pub offset: u64,
    /// Rows read.
    pub limit: u64,
    /// Rows exist before the window.
    pub has_previous: bool,
    /// Rows exist after it.
    pub has_next: bool,
}

fn size(name: &str, n: Option<i32>) -> Result<Option<u64>> {
    match n {
        None => Ok(None),
        Some(n) if n < 0 => Err(bad_input(format!("`{name}` is {n}: it cannot be negative"))),
        Some(n) if n > MAX_PAGE_SIZE => Err(async_graphql::Error::new(format!(
            "`{name}` is {n}: a page holds at most {MAX_PAGE_SIZE} nodes; follow `pageInfo.endCursor` for more"
        ))
        .extend_with(|_, e| e.set("code", "PAGE_SIZE_LIMIT"))),
        Some(n) => Ok(Some(n as u64)),
    }
}

fn cursor(name: &str, c: &Option<String>) -> Result<Option<u64>> {
    c.as_deref()
        .map(|s| Cursor::decode_cursor(s).map(|c| c.0))
        .transpose()
        .map_err(|e| bad_input(format!("`{name}`: {e}")))
}

impl PageArgs {
    /// Checks the arguments without reading anything: sizes within bounds, cursors well formed.
    pub fn validate(&self) -> Result<()> {
        size("first", self.first)?;
        size("last", self.last)?;
        cursor("after", &self.after)?;
        cursor("before", &self.before)?;
        Ok(())
    }

    /// The window over a list of `total` rows.
    pub fn window(&self, total: u64) -> Result<Window> {
        let first = size("first", self.first)?;
        let last = size("last", self.last)?;
        let start = cursor("after", &self.after)?.map_or(0, |a| a.saturating_add(1)).min(total);
        let end = cursor("before", &self.before)?.map_or(total, |b| b.min(total)).max(start);
        let (mut from, mut to) = (start, end);
        match (first, last) {
            (Some(f), Some(l)) => {
                to = to.min(from.saturating_add(f));
                from = from.max(to.saturating_sub(l));
            }
            (Some(f), None) => to = to.min(from.saturating_add(f)),
            (None, Some(l)) => from = from.max(to.saturating_sub(l)),
            (None, None) => to = to.min(from.saturating_add(DEFAULT_PAGE_SIZE as u64)),
        }
        Ok(Window { offset: from, limit: to - from, has_previous: from > 0, has_next: to < total })
    }
}

/// The complexity of a connection field: its page size times the cost of one node, so that a
/// page of 100 costs 100 times a page of 1.
pub fn cost(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let n = first.or(last).unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE) as usize;
    n.saturating_mul(child_complexity).saturating_add(1)
}

/// Reads one page of `select` (already filtered and ordered, with a unique last key so the order
/// is stable) and wraps each row with `wrap`. The matches are counted only when the query asks for
/// `totalCount` or pages backwards from the end; otherwise one row more than the page tells
/// whether another page follows.
pub async fn page<E, M, T>(
    ctx: &Context<'_>,
    db: &impl ConnectionTrait,
    select: Select<E>,
    args: &PageArgs,
    what: &str,
    wrap: impl Fn(M) -> T,
) -> Result<Page<T>>
where
    E: EntityTrait<Model = M>,
    M: FromQueryResult + Sized + Send + Sync,
    T: OutputType,
{
    args.validate()?;
    let wants_total = ctx.look_ahead().field("totalCount").exists();
    let forward_only = args.last.is_none() && args.before.is_none();
    let (w, total, mut rows) = if !wants_total && forward_only {
        // Forward paging: the window starts after the cursor, and one extra row says whether
        // there is more.
        let w = args.window(u64::MAX)?;
        let mut rows = select
            .offset(w.offset)
            .limit(w.limit + 1)
            .all(db)
            .await
            .map_err(|e| internal(what, e))?;
        let has_next = rows.len() as u64 > w.limit;
        rows.truncate(w.limit as usize);
        (Window { has_next, ..w }, 0, rows)
    } else {
        let total = select.clone().count(db).await.map_err(|e| internal(what, e))?;
        let w = args.window(total)?;
        let rows = if w.limit == 0 {
            Vec::new()
        } else {
            select.offset(w.offset).limit(w.limit).all(db).await.map_err(|e| internal(what, e))?
        };
        (w, total, rows)
    };
    let mut conn = Connection::with_additional_fields(
        w.has_previous,
        w.has_next,
        ConnectionTotals { total_count: total },
    );
    conn.edges.extend(
        rows.drain(..)
            .enumerate()
            .map(|(i, row)| Edge::new(Cursor(w.offset + i as u64), wrap(row))),
    );
    Ok(conn)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn args(
        first: Option<i32>,
        after: Option<u64>,
        last: Option<i32>,
        before: Option<u64>,
    ) -> PageArgs {
        PageArgs {
            first,
            last,
            after: after.map(|a| Cursor(a).encode_cursor()),
            before: before.map(|b| Cursor(b).encode_cursor()),
        }
    }

    #[test]
    fn first_after_walks_forward_and_says_what_is_left() {
        let w = args(Some(10), None, None, None).window(25).unwrap();
        assert_eq!(w, Window { offset: 0, limit: 10, has_previous: false, has_next: true });
        let w = args(Some(10), Some(19), None, None).window(25).unwrap();
        assert_eq!(w, Window { offset: 20, limit: 5, has_previous: true, has_next: false });
    }

    #[test]
    fn last_before_walks_backward() {
        let w = args(None, None, Some(10), None).window(25).unwrap();
        assert_eq!(w, Window { offset: 15, limit: 10, has_previous: true, has_next: false });
        let w = args(None, None, Some(10), Some(5)).window(25).unwrap();
        assert_eq!(w, Window { offset: 0, limit: 5, has_previous: false, has_next: true });
    }

    #[test]
    fn a_cursor_past_the_end_gives_an_empty_page() {
        let w = args(Some(10), Some(1000), None, None).window(25).unwrap();
        assert_eq!(w.limit, 0);
    }

    #[test]
    fn sizes_past_the_limit_or_negative_and_foreign_cursors_are_refused() {
        assert!(args(Some(101), None, None, None).validate().is_err());
        assert!(args(Some(-1), None, None, None).validate().is_err());
        let bad = PageArgs { after: Some("42".into()), ..PageArgs::default() };
        assert!(bad.validate().is_err());
        assert!(args(Some(100), None, None, None).validate().is_ok());
    }
}
