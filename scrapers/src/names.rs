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

/// Common East Asian family names: a name that starts with one may be written family name first.
const EAST_ASIAN_FAMILY_NAMES: &[&str] = &[
    "kim", "lee", "yi", "park", "pak", "choi", "jung", "jeong", "kang", "cho", "jo", "yoon",
    "jang", "lim", "im", "han", "oh", "seo", "shin", "kwon", "hwang", "ahn", "an", "song", "hong",
    "bong", "moon", "hou", "zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu",
    "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "gao", "luo", "zheng", "jia",
    "tsai", "wong", "chan", "leung", "lau", "cheung", "ho", "tsui", "tian", "diao", "bi", "lou",
    "wan", "ann", "hui", "kar", "chang", "nguyen", "tran", "le", "pham", "hoang", "dang",
];

/// Whether `word` is a common East Asian family name ("Kim", "Jia", "Tran").
pub fn is_east_asian_family_name(word: &str) -> bool {
    EAST_ASIAN_FAMILY_NAMES.contains(&matching_key(word).as_str())
}

/// The words of a name's matching key, hyphenated words split ("Kar-wai" → "kar", "wai").
fn key_words(name: &str) -> Vec<String> {
    matching_key(name)
        .split([' ', '-'])
        .map(|w| w.trim_matches('\'').to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// One word with the spelling differences of transliteration folded: Russian endings
/// (Konchalovskiy / Konchalovsky / Kontchalovski, Sergey / Sergei / Serguei, Dmitrii / Dmitry),
/// "x" for "ks" and the Western "-ander" (Aleksandr / Alexandr / Alexander), French "ou" for "u"
/// (Raoul / Raúl), an apostrophe inside a Chinese given name (Yi'nan / Yinan).
fn fold_word(word: &str) -> String {
    let mut w = word.replace('\'', "").replace("tch", "ch").replace("x", "ks").replace("ou", "u");
    w = w.replace("gue", "ge").replace("gui", "gi");
    for (from, to) in [
        ("iy", "y"),
        ("ii", "y"),
        ("yy", "y"),
        ("ij", "y"),
        ("ski", "sky"),
        ("ey", "ei"),
        ("sander", "sandr"),
    ] {
        if let Some(stem) = w.strip_suffix(from) {
            w = format!("{stem}{to}");
            break;
        }
    }
    w
}

/// The transliteration key: every word folded, in order ("Sergei Loznitsa" and "Serguei
/// Loznitsa" meet, "Andrey Konchalovskiy" and "Andrei Konchalovsky" too).
pub fn variant_key(name: &str) -> String {
    key_words(name).iter().map(|w| fold_word(w)).collect::<Vec<_>>().join(" ")
}

/// The words of the transliteration key in alphabetical order: the same for a name written
/// family name first ("Tran Anh Hung", "Anh Hung Tran"; "Wong Kar-wai", "Kar Wai Wong").
pub fn order_free_key(name: &str) -> String {
    let mut words: Vec<String> = key_words(name).iter().map(|w| fold_word(w)).collect();
    words.sort();
    words.join(" ")
}

/// The order-free key, and the keys with two neighbouring words written as one, so that a
/// given name split in syllables meets its one-word form ("Zhang Ke Jia" / "Jia Zhangke").
pub fn order_free_keys(name: &str) -> Vec<String> {
    let words: Vec<String> = key_words(name).iter().map(|w| fold_word(w)).collect();
    let sorted = |mut ws: Vec<String>| {
        ws.sort();
        ws.join(" ")
    };
    let mut out = vec![sorted(words.clone())];
    if words.len() >= 3 {
        for i in 0..words.len() - 1 {
            let mut joined = words.clone();
            let next = joined.remove(i + 1);
            joined[i].push_str(&next);
            out.push(sorted(joined));
        }
    }
    out
}

/// Whether one name gives initials where the other gives the first names in full, the family
/// name the same ("F. Fellini" / "Federico Fellini", "Alejandro G. Iñárritu" / "Alejandro
/// González Iñárritu"). Names equal word for word are not initials of each other.
pub fn initials_of_each_other(a: &str, b: &str) -> bool {
    let (wa, wb) = (spaced_words(a), spaced_words(b));
    if wa.len() != wb.len() || wa.len() < 2 || wa == wb {
        return false;
    }
    let last = wa.len() - 1;
    if fold_word(&wa[last]) != fold_word(&wb[last]) {
        return false;
    }
    let mut initial_seen = false;
    for (x, y) in wa[..last].iter().zip(&wb[..last]) {
        if fold_word(x) == fold_word(y) {
            continue;
        }
        let initial = |w: &str| w.chars().count() == 1;
        let (short, long) = if initial(x) { (x, y) } else { (y, x) };
        if !initial(short) || initial(long) || !long.starts_with(short.as_str()) {
            return false;
        }
        initial_seen = true;
    }
    initial_seen
}

/// The words of a name's matching key split on spaces only, so "Jean-Pierre" stays one word.
fn spaced_words(name: &str) -> Vec<String> {
    matching_key(name).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect()
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
    fn transliterations_and_word_order_meet_but_brothers_do_not() {
        assert_eq!(variant_key("Sergei Loznitsa"), variant_key("Sergey Loznitsa"));
        assert_eq!(variant_key("Serguei Loznitsa"), variant_key("Sergey Loznitsa"));
        assert_eq!(variant_key("Andrey Konchalovskiy"), variant_key("Andrei Konchalovsky"));
        assert_eq!(variant_key("Raúl Ruiz"), variant_key("Raoul Ruiz"));
        assert_eq!(variant_key("Aleksandr Sokurov"), variant_key("Alexandr Sokurov"));
        assert_eq!(variant_key("Aleksandr Sokurov"), variant_key("Alexander Sokurov"));
        assert_eq!(order_free_key("Diao Yi'nan"), order_free_key("Yinan Diao"));
        assert_eq!(order_free_key("Tran Anh Hung"), order_free_key("Anh Hung Tran"));
        assert_eq!(order_free_key("Wong Kar-wai"), order_free_key("Kar Wai Wong"));
        assert_eq!(order_free_key("Jia Zhangke"), order_free_key("Zhangke Jia"));
        assert!(order_free_keys("Zhang Ke Jia").contains(&order_free_key("Jia Zhangke")));
        assert_ne!(variant_key("Jean-Pierre Dardenne"), variant_key("Luc Dardenne"));
        assert_ne!(order_free_key("Paolo Taviani"), order_free_key("Vittorio Taviani"));
    }

    #[test]
    fn initials_stand_for_first_names_with_the_same_family_name() {
        assert!(initials_of_each_other("F. Fellini", "Federico Fellini"));
        assert!(initials_of_each_other("Alejandro G. Iñárritu", "Alejandro González Iñárritu"));
        assert!(!initials_of_each_other("F. Fellini", "Luca Fellini"));
        assert!(!initials_of_each_other("Paolo Taviani", "Vittorio Taviani"));
        assert!(!initials_of_each_other("J. Dardenne", "L. Dardenne"));
        assert!(!initials_of_each_other("Federico Fellini", "Federico Fellini"));
    }

    #[test]
    fn display_form_keeps_the_spelling_in_nfc() {
        let decomposed = "Agne\u{300}s Varda";
        assert_eq!(display_form(decomposed), "Agnès Varda");
        assert_eq!(display_form("  Jean   Cocteau "), "Jean Cocteau");
    }
}
