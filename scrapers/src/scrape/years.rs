//! The `--years` argument: one year or an inclusive range.

use std::fmt;
use std::str::FromStr;

/// An inclusive range of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    /// The first year.
    pub from: i32,
    /// The last year, included.
    pub to: i32,
}

impl YearRange {
    /// Every year of the range, in order.
    pub fn years(&self) -> impl Iterator<Item = i32> {
        self.from..=self.to
    }
}

impl fmt::Display for YearRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}..{}", self.from, self.to)
        }
    }
}

/// Why `--years` could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("years {given:?}: {reason} (expected a year like 2024 or a range like 2015..2025)")]
pub struct YearRangeError {
    given: String,
    reason: &'static str,
}

fn year(s: &str) -> Option<i32> {
    s.trim().parse().ok().filter(|y| (1900..=2100).contains(y))
}

impl FromStr for YearRange {
    type Err = YearRangeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason| YearRangeError { given: s.to_owned(), reason };
        let (from, to) = match s.split_once("..") {
            Some((a, b)) => (a, b.strip_prefix('=').unwrap_or(b)),
            None => (s, s),
        };
        let (from, to) = (
            year(from).ok_or_else(|| err("not a year between 1900 and 2100"))?,
            year(to).ok_or_else(|| err("not a year between 1900 and 2100"))?,
        );
        if from > to {
            return Err(err("the range runs backwards"));
        }
        if to - from > 150 {
            return Err(err("more than 150 years"));
        }
        Ok(YearRange { from, to })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn years_and_inclusive_ranges_are_read_and_bad_ones_named() {
        assert_eq!("2024".parse::<YearRange>().unwrap(), YearRange { from: 2024, to: 2024 });
        let r: YearRange = "2015..2025".parse().unwrap();
        assert_eq!(r.years().count(), 11);
        assert_eq!("2015..=2016".parse::<YearRange>().unwrap().to, 2016);
        let e = "2025..2015".parse::<YearRange>().unwrap_err().to_string();
        assert!(e.contains("2025..2015") && e.contains("backwards"), "{e}");
        assert!("20x5".parse::<YearRange>().unwrap_err().to_string().contains("not a year"));
    }
}
