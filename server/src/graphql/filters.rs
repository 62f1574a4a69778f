//! Arguments shared by many fields, checked once.

use async_graphql::Result;

use super::error::bad_input;

/// The earliest year a range starts at when `fromYear` is not given.
pub const EARLIEST_YEAR: i32 = 1800;
/// The latest year a range ends at when `toYear` is not given.
pub const LATEST_YEAR: i32 = 2200;

/// A year range from optional bounds; an inverted range is an error naming both years.
pub fn years(from: Option<i32>, to: Option<i32>) -> Result<(i32, i32)> {
    let (from, to) = (from.unwrap_or(EARLIEST_YEAR), to.unwrap_or(LATEST_YEAR));
    if from > to {
        return Err(bad_input(format!("fromYear {from} is after toYear {to}")));
    }
    Ok((from, to))
}
