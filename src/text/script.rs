//! Which script a character belongs to, what a language tag says about
//! the text (direction, which Han glyphs), and the font families that set
//! each script, in the order deck looks for them on the machine.

use unicode_script::{Script, UnicodeScript};

/// The regional form of Han characters: the same code point is drawn
/// differently in Chinese (simplified, traditional, Hong Kong), Japanese
/// and Korean, so each takes its own face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Han {
    /// Simplified Chinese (zh, zh-Hans, zh-CN, zh-SG): also the form used
    /// when nothing says otherwise.
    #[default]
    Simplified,
    /// Traditional Chinese (zh-Hant, zh-TW, zh-MO).
    Traditional,
    /// Hong Kong (zh-HK).
    HongKong,
    /// Japanese (ja).
    Japanese,
    /// Korean (ko).
    Korean,
}

/// What a BCP 47 language tag tells text setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Lang {
    /// Han characters' regional form; `None` when the tag is not Chinese,
    /// Japanese or Korean (then the text itself decides).
    pub han: Option<Han>,
    /// Written right to left (Arabic, Hebrew, Persian, Urdu…).
    pub rtl: bool,
}

/// Languages written right to left, by their primary subtag.
const RTL_LANGUAGES: &[&str] = &["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"];

impl Lang {
    /// Read a language tag such as "en", "ar", "zh-Hant-TW" or "ja-JP".
    /// Case does not matter; what deck does not know is ignored.
    pub fn parse(tag: &str) -> Lang {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut subtags = lower.split('-');
        let primary = subtags.next().unwrap_or("");
        let rest: Vec<&str> = subtags.collect();
        let has = |s: &str| rest.contains(&s);
        let han = match primary {
            "ja" => Some(Han::Japanese),
            "ko" => Some(Han::Korean),
            "zh" | "yue" | "cmn" => Some(if has("hans") {
                Han::Simplified
            } else if has("hant") && !has("hk") {
                Han::Traditional
            } else if has("hk") {
                Han::HongKong
            } else if has("tw") || has("mo") || primary == "yue" {
                Han::Traditional
            } else {
                Han::Simplified
            }),
            _ => None,
        };
        let rtl = if has("latn") || has("cyrl") {
            false
        } else {
            RTL_LANGUAGES.contains(&primary) || has("arab") || has("hebr")
        };
        Lang { han, rtl }
    }

    /// The Han form for text in this language: the tag's, else Japanese
    /// when the text has kana, Korean when it has Hangul, else simplified
    /// Chinese.
    pub fn han_for(self, text: impl IntoIterator<Item = char>) -> Han {
        if let Some(han) = self.han {
            return han;
        }
        for c in text {
            match c.script() {
                Script::Hiragana | Script::Katakana => return Han::Japanese,
                Script::Hangul => return Han::Korean,
                _ => {}
            }
        }
        Han::Simplified
    }
}

/// Whether `c` belongs to no script of its own (punctuation, digits,
/// combining marks): it is best drawn in the face of the text around it.
pub fn is_shared(c: char) -> bool {
    matches!(c.script(), Script::Common | Script::Inherited)
}

/// Whether `c` is drawn from an emoji font when the text faces lack it.
pub fn is_emoji(c: char) -> bool {
    matches!(u32::from(c), 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F | 0x200D)
}

/// The families to look for, best first, for a character the deck's own
/// faces lack. `[theme] fallback` fonts come before all of these. Past
/// the list, any installed face that has the character is taken.
pub fn families(c: char, han: Han) -> Vec<String> {
    if is_emoji(c) {
        // The colour face first, for when it can be drawn; today its
        // bitmaps are passed over for the monochrome ones after it.
        return ["Noto Color Emoji", "Noto Emoji", "Twemoji", "Symbola"].map(String::from).to_vec();
    }
    let script = c.script();
    let cjk = |suffix: &str| {
        vec![
            format!("Noto Sans CJK {suffix}"),
            format!("Source Han Sans {suffix}"),
            format!("Noto Serif CJK {suffix}"),
            "WenQuanYi Zen Hei".to_string(),
        ]
    };
    let named = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
    match script {
        Script::Han | Script::Bopomofo | Script::Hiragana | Script::Katakana | Script::Hangul => {
            // Kana and Hangul have one form: the Japanese and Korean faces.
            let han = match script {
                Script::Hiragana | Script::Katakana => Han::Japanese,
                Script::Hangul => Han::Korean,
                _ => han,
            };
            cjk(match han {
                Han::Simplified => "SC",
                Han::Traditional => "TC",
                Han::HongKong => "HK",
                Han::Japanese => "JP",
                Han::Korean => "KR",
            })
        }
        Script::Arabic => named(&["Noto Sans Arabic", "Noto Naskh Arabic", "Noto Kufi Arabic", "DejaVu Sans"]),
        Script::Hebrew => named(&["Noto Sans Hebrew", "Noto Serif Hebrew", "DejaVu Sans"]),
        Script::Common | Script::Inherited | Script::Unknown => {
            named(&["Noto Sans", "Noto Sans Symbols", "Noto Sans Symbols 2", "Noto Sans Math", "DejaVu Sans"])
        }
        // Noto names a family for nearly every script after it.
        other => {
            let name = other.full_name().replace('_', " ");
            vec![format!("Noto Sans {name}"), format!("Noto Serif {name}")]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_pick_the_han_form_and_direction() {
        assert_eq!(Lang::parse("zh-Hant-TW").han, Some(Han::Traditional));
        assert_eq!(Lang::parse("zh-TW").han, Some(Han::Traditional));
        assert_eq!(Lang::parse("zh-HK").han, Some(Han::HongKong));
        assert_eq!(Lang::parse("zh").han, Some(Han::Simplified));
        assert_eq!(Lang::parse("ja_JP").han, Some(Han::Japanese));
        assert_eq!(Lang::parse("en").han, None);
        assert!(Lang::parse("ar").rtl && Lang::parse("he-IL").rtl && Lang::parse("ur").rtl);
        assert!(!Lang::parse("en").rtl && !Lang::parse("ku-Latn").rtl);
    }

    #[test]
    fn without_a_tag_the_text_decides() {
        let lang = Lang::parse("en");
        assert_eq!(lang.han_for("漢字とかな".chars()), Han::Japanese);
        assert_eq!(lang.han_for("한국어 漢字".chars()), Han::Korean);
        assert_eq!(lang.han_for("人人生而自由".chars()), Han::Simplified);
        assert_eq!(Lang::parse("zh-Hant").han_for("かな".chars()), Han::Traditional);
    }

    #[test]
    fn families_follow_the_script() {
        assert_eq!(families('人', Han::Traditional)[0], "Noto Sans CJK TC");
        assert_eq!(families('あ', Han::Simplified)[0], "Noto Sans CJK JP");
        assert_eq!(families('ب', Han::Simplified)[0], "Noto Sans Arabic");
        assert_eq!(families('क', Han::Simplified)[0], "Noto Sans Devanagari");
        assert_eq!(families('ก', Han::Simplified)[0], "Noto Sans Thai");
        assert_eq!(families('😀', Han::Simplified)[0], "Noto Color Emoji");
    }
}
