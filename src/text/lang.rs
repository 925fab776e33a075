//! Which language `loa` speaks to people.
//!
//! Vietnamese first: a station's service and a technician's fresh machine
//! have no locale set (or `C`/`POSIX`), and they get Vietnamese. A developer
//! whose locale names another language (`LANG=en_US.UTF-8`) gets English.
//! `LOA_LANG=vi` or `LOA_LANG=en` overrides both. Machine output (`--json`,
//! log records, manifests) is English codes whatever the language.

use std::sync::OnceLock;

/// A language the message catalogue has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Tiếng Việt: the default.
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The language's code, as `LOA_LANG` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// The language of this process, decided once from its environment.
pub fn current() -> Lang {
    static CURRENT: OnceLock<Lang> = OnceLock::new();
    *CURRENT.get_or_init(|| {
        let var = |name: &str| std::env::var(name).ok();
        from_environment(
            var("LOA_LANG").as_deref(),
            var("LC_ALL").as_deref(),
            var("LC_MESSAGES").as_deref(),
            var("LANG").as_deref(),
        )
    })
}

/// The language the variables choose: `LOA_LANG` (`vi` or `en`) if set;
/// else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not
/// empty (as POSIX orders them): Vietnamese for `vi…`, `C`, `POSIX` (and
/// `C.UTF-8`), English for any other language; Vietnamese when none is set.
pub fn from_environment(
    loa_lang: Option<&str>,
    lc_all: Option<&str>,
    lc_messages: Option<&str>,
    lang: Option<&str>,
) -> Lang {
    if let Some(choice) = loa_lang.and_then(named) {
        return choice;
    }
    let locale = [lc_all, lc_messages, lang]
        .into_iter()
        .flatten()
        .find(|value| !value.is_empty());
    match locale {
        None => Lang::Vi,
        Some(locale) => {
            let language = locale.split(['.', '@', '_']).next().unwrap_or_default();
            match language {
                "C" | "POSIX" | "vi" => Lang::Vi,
                _ => Lang::En,
            }
        }
    }
}

fn named(value: &str) -> Option<Lang> {
    match value.trim().to_ascii_lowercase().as_str() {
        "vi" | "vie" | "vietnamese" | "tiếng việt" => Some(Lang::Vi),
        "en" | "eng" | "english" => Some(Lang::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_station_with_no_locale_speaks_vietnamese() {
        assert_eq!(from_environment(None, None, None, None), Lang::Vi);
        assert_eq!(from_environment(None, Some(""), None, Some("C")), Lang::Vi);
        assert_eq!(
            from_environment(None, None, None, Some("C.UTF-8")),
            Lang::Vi
        );
        assert_eq!(from_environment(None, None, None, Some("POSIX")), Lang::Vi);
        assert_eq!(
            from_environment(None, None, None, Some("vi_VN.UTF-8")),
            Lang::Vi
        );
    }

    #[test]
    fn another_language_in_the_locale_gets_english() {
        assert_eq!(
            from_environment(None, None, None, Some("en_US.UTF-8")),
            Lang::En
        );
        assert_eq!(from_environment(None, None, None, Some("fr_FR")), Lang::En);
        // LC_ALL wins over LANG, LC_MESSAGES over LANG.
        assert_eq!(
            from_environment(None, Some("de_DE.UTF-8"), None, Some("vi_VN")),
            Lang::En
        );
        assert_eq!(
            from_environment(None, None, Some("vi_VN"), Some("en_US")),
            Lang::Vi
        );
    }

    #[test]
    fn loa_lang_overrides_the_locale() {
        assert_eq!(
            from_environment(Some("en"), None, None, Some("vi_VN")),
            Lang::En
        );
        assert_eq!(
            from_environment(Some("vi"), Some("en_US"), None, None),
            Lang::Vi
        );
        // An unknown value is ignored.
        assert_eq!(
            from_environment(Some("xx"), None, None, Some("en_US")),
            Lang::En
        );
    }
}
