//! Whether a figure rests on enough data to be drawn. A share is drawn only where at least
//! [`MIN_KNOWN_SHARE`] of its units have a known category **and** at least [`MIN_KNOWN_UNITS`]
//! do: one known director among twenty films says nothing about the twenty. The same two
//! settings hold for every figure and every per-edition row (the methodology gives them).

/// The least part of a figure's units whose category must be known.
pub const MIN_KNOWN_SHARE: f64 = 0.9;
/// The fewest units whose category must be known.
pub const MIN_KNOWN_UNITS: i64 = 10;

/// How many of a figure's units have a known category, and whether that is enough.
#[derive(Debug, Clone, PartialEq)]
pub struct Sufficiency {
    /// Units counted (films, nominations…).
    pub units: i64,
    /// Units of known category, as the figure counts them.
    pub known: i64,
    /// Units whose category is known without any gender inferred from a first name.
    pub known_without_inferred: i64,
    /// Why a share is not drawn, when it is not.
    pub not_enough: Option<String>,
}

impl Sufficiency {
    /// Judges `known` of `units` (named `unit`, plural, in the reason).
    pub fn judge(unit: &str, units: i64, known: i64, known_without_inferred: i64) -> Self {
        let not_enough = if units == 0 {
            Some(format!("not enough data: no {unit}"))
        } else if known < MIN_KNOWN_UNITS || (known as f64) < MIN_KNOWN_SHARE * units as f64 {
            Some(format!(
                "not enough data: {known} of {units} {unit} have a known category \
                 (a share needs at least {:.0}% and {MIN_KNOWN_UNITS})",
                MIN_KNOWN_SHARE * 100.0
            ))
        } else {
            None
        };
        Self { units, known, known_without_inferred, not_enough }
    }

    /// Whether a share may be drawn.
    pub fn enough(&self) -> bool {
        self.not_enough.is_none()
    }

    /// `part` over the known units, where a share may be drawn.
    pub fn share(&self, part: i64) -> Option<f64> {
        (self.enough() && self.known > 0).then(|| part as f64 / self.known as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_needs_nine_tenths_known_and_ten_units() {
        let berlin_1990 = Sufficiency::judge("films", 20, 1, 1);
        assert!(!berlin_1990.enough());
        assert_eq!(berlin_1990.share(0), None);
        assert!(berlin_1990.not_enough.unwrap().contains("1 of 20 films"));
        let few = Sufficiency::judge("films", 9, 9, 9);
        assert!(!few.enough(), "nine known films are too few");
        let gaps = Sufficiency::judge("films", 21, 18, 18);
        assert!(!gaps.enough(), "18 of 21 is under nine tenths");
        let full = Sufficiency::judge("films", 21, 19, 12);
        assert!(full.enough());
        assert_eq!(full.share(5), Some(5.0 / 19.0));
        assert!(!Sufficiency::judge("films", 0, 0, 0).enough());
    }
}
