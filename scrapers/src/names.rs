//! Names normalised for matching: Unicode NFC for display, and a matching key without case,
//! accents or punctuation, so "Agnès Varda", "AGNES VARDA" and "Agnes  Varda" meet. The original
//! spelling is always kept for display.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The name as displayed: NFC, inner white space folded, trimmed.
pub fn display_form(name: &str) -> String {
    name.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The matching key: lower case, accents removed, punctuation (but apostrophes and hyphens inside
/// words) turned to spaces, white space folded.
pub fn matching_key(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            // Letters without a decomposition that the sources spell both ways.
            'ø' => 'o',
            'ł' => 'l',
            'đ' => 'd',
            'ß' => 's',
            '’' | 'ʼ' | '`' => '\'',
            c if c.is_alphanumeric() || c == '\'' || c == '-' => c,
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_key_ignores_case_accents_and_spacing() {
        assert_eq!(matching_key("Agnès  Varda"), "agnes varda");
        assert_eq!(matching_key("AGNES VARDA"), "agnes varda");
        assert_eq!(matching_key("Nagisa Ôshima"), "nagisa oshima");
        assert_eq!(matching_key("Lars von Trier"), "lars von trier");
        assert_eq!(matching_key("Henri-Georges Clouzot"), "henri-georges clouzot");
        assert_eq!(matching_key("Krzysztof Kieślowski"), "krzysztof kieslowski");
        assert_eq!(matching_key("Anna Odell."), "anna odell");
    }

    #[test]
    fn display_form_keeps_the_spelling_in_nfc() {
        let decomposed = "Agne\u{300}s Varda";
        assert_eq!(display_form(decomposed), "Agnès Varda");
        assert_eq!(display_form("  Jean   Cocteau "), "Jean Cocteau");
    }
}
