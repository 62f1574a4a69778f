//! World regions of production countries, to report figures by region (the inference's
//! precision differs where first names are given differently). Historic codes count where their
//! successors do (SU, YU, CSHH, DD in Europe).

/// The region a country code belongs to, or "other".
pub fn region(code: &str) -> &'static str {
    const EUROPE: &[&str] = &[
        "AD", "AL", "AM", "AT", "AZ", "BA", "BE", "BG", "BY", "CH", "CS", "CSHH", "CY", "CZ", "DD",
        "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GE", "GR", "HR", "HU", "IE", "IS", "IT", "LI",
        "LT", "LU", "LV", "MC", "MD", "ME", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU",
        "SE", "SI", "SK", "SM", "SU", "UA", "VA", "XK", "YU", "YUCS",
    ];
    const NORTH_AMERICA: &[&str] = &["US", "CA"];
    const LATIN_AMERICA: &[&str] = &[
        "AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "GT", "HN", "HT", "JM", "MX", "NI",
        "PA", "PE", "PR", "PY", "SV", "TT", "UY", "VE",
    ];
    const EAST_ASIA: &[&str] = &["CN", "HK", "JP", "KP", "KR", "MN", "MO", "TW"];
    const SOUTH_ASIA_AND_SOUTH_EAST_ASIA: &[&str] = &[
        "AF", "BD", "BT", "ID", "IN", "KH", "LA", "LK", "MM", "MY", "NP", "PH", "PK", "SG", "TH",
        "VN", "KG", "KZ", "TJ", "TM", "UZ",
    ];
    const MIDDLE_EAST_AND_NORTH_AFRICA: &[&str] = &[
        "AE", "BH", "DZ", "EG", "IL", "IQ", "IR", "JO", "KW", "LB", "LY", "MA", "OM", "PS", "QA",
        "SA", "SY", "TN", "TR", "YE",
    ];
    const OCEANIA: &[&str] = &["AU", "NZ", "PF", "FJ", "PG"];
    for (region, codes) in [
        ("Europe", EUROPE),
        ("North America", NORTH_AMERICA),
        ("Latin America", LATIN_AMERICA),
        ("East Asia", EAST_ASIA),
        ("South and Southeast Asia", SOUTH_ASIA_AND_SOUTH_EAST_ASIA),
        ("Middle East and North Africa", MIDDLE_EAST_AND_NORTH_AFRICA),
        ("Oceania", OCEANIA),
    ] {
        if codes.contains(&code) {
            return region;
        }
    }
    if code.len() == 2 { "Sub-Saharan Africa" } else { "other" }
}

/// The region most of `countries` belong to (ties: the first in alphabetical order), or
/// "no country" when there is none.
pub fn region_of(countries: &[String]) -> &'static str {
    let mut counts: std::collections::BTreeMap<&'static str, usize> = Default::default();
    for c in countries {
        *counts.entry(region(c)).or_default() += 1;
    }
    let best = counts.values().copied().max().unwrap_or(0);
    counts.into_iter().find(|(_, n)| *n == best).map_or("no country", |(r, _)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_fall_in_their_regions() {
        assert_eq!(region("FR"), "Europe");
        assert_eq!(region("SU"), "Europe");
        assert_eq!(region("SN"), "Sub-Saharan Africa");
        assert_eq!(region("KR"), "East Asia");
        assert_eq!(region_of(&["FR".into(), "SN".into(), "BE".into()]), "Europe");
        assert_eq!(region_of(&[]), "no country");
    }
}
