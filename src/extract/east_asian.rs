//! East Asian names written family name first: "Zhao Ziyang" is a Zhao, "Moon Jae-in"
//! a Moon. A lone "Zhao said" refers to them by their first word, not their last.

/// The family name of a name written family name first: a common Chinese family
/// name before a pinyin given name ("Wang Lu", "Lu Kang"), or any word before a
/// hyphenated Korean given name ("Moon Jae-in", "Choi Soon-sil").
pub fn family_name_first(name: &str) -> Option<&str> {
    let mut words = name.split(' ');
    let (family, given) = (words.next()?, words.next()?);
    if words.next().is_some() {
        return None;
    }
    let chinese = super::text::with_fold(family, |f| CHINESE_FAMILY_NAMES.contains(&f))
        && super::text::with_fold(given, is_pinyin);
    (chinese || is_korean_given_name(given)).then_some(family)
}

/// A Korean given name as news writes it, hyphenated with a lowercase second
/// syllable: "Jae-in", "Geun-hye" (but "Woong-Bae").
pub fn is_korean_given_name(word: &str) -> bool {
    word.split_once('-')
        .is_some_and(|(a, b)| !a.is_empty() && b.chars().next().is_some_and(char::is_lowercase))
}

/// Common Chinese family names in pinyin.
const CHINESE_FAMILY_NAMES: &[&str] = &[
    "bai", "cai", "cao", "chen", "cheng", "cui", "dai", "deng", "ding", "dong", "du", "duan",
    "fan", "fang", "feng", "fu", "gao", "gu", "guo", "han", "hao", "he", "hou", "hu", "hua",
    "huang", "jia", "jiang", "jin", "kang", "kong", "lei", "li", "liang", "liao", "lin", "liu",
    "long", "lu", "luo", "ma", "mao", "meng", "pan", "peng", "qian", "qin", "qiu", "ren", "shao",
    "shen", "shi", "song", "su", "sun", "tan", "tang", "tian", "wan", "wang", "wei", "wen", "wu",
    "xia", "xiao", "xie", "xiong", "xu", "xue", "yan", "yang", "yao", "ye", "yin", "yu", "yuan",
    "zeng", "zhang", "zhao", "zheng", "zhong", "zhou", "zhu", "zou",
];

/// Whether a folded word is one to three pinyin syllables ("keqiang", "xu", "jiechi"):
/// a Chinese given name, which no English first name is.
fn is_pinyin(word: &str) -> bool {
    const INITIALS: &[&str] = &[
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "r", "z", "c", "s", "y", "w", "",
    ];
    const FINALS: &[&str] = &[
        "iang", "iong", "uang", "ang", "eng", "ing", "ong", "ian", "iao", "uai", "uan", "ai", "ei",
        "ao", "ou", "an", "en", "in", "un", "er", "ia", "ie", "iu", "ua", "uo", "ui", "ue", "a",
        "o", "e", "i", "u", "v",
    ];
    fn syllables(w: &str, left: usize) -> bool {
        if w.is_empty() {
            return true;
        }
        left > 0
            && INITIALS.iter().any(|i| {
                w.strip_prefix(i).is_some_and(|rest| {
                    FINALS.iter().any(|f| {
                        rest.strip_prefix(f)
                            .is_some_and(|tail| syllables(tail, left - 1))
                    })
                })
            })
    }
    word.bytes().all(|b| b.is_ascii_lowercase()) && syllables(word, 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_name_first_names() {
        assert_eq!(family_name_first("Zhao Ziyang"), Some("Zhao"));
        assert_eq!(family_name_first("Lu Kang"), Some("Lu"));
        assert_eq!(family_name_first("Moon Jae-in"), Some("Moon"));
        // An English given name, a third word, a Korean name in Western order.
        assert_eq!(family_name_first("Richard Hu"), None);
        assert_eq!(family_name_first("Paul Ni"), None);
        assert_eq!(family_name_first("Xi Jin Ping"), None);
        assert_eq!(family_name_first("Woong-Bae Rha"), None);
    }
}
