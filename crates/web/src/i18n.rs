//! Languages: French first, English second. Messages live in Fluent files
//! (`i18n/fr`, `i18n/en`) embedded at build time. The language comes from the
//! `preau_lang` cookie (set from the profile) or else the browser's
//! `Accept-Language`.

use axum::http::HeaderMap;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./i18n",
        fallback_language: "fr",
        // No Unicode isolation marks around arguments: they show up in emails and titles.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LazyLock<LanguageIdentifier> = LazyLock::new(|| "fr".parse().expect("fr"));
static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| "en".parse().expect("en"));

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// The code used in `lang` attributes, cookies and the profile.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses a code (`fr`, `en`, `en-GB`…).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("fr") => Some(Lang::Fr),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }

    /// The request's language: cookie, then `Accept-Language` by preference, then French.
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        if let Some(l) = crate::auth::cookie(headers, "preau_lang").and_then(|c| Lang::from_code(&c)) {
            return l;
        }
        let accept = headers.get("accept-language").and_then(|v| v.to_str().ok()).unwrap_or("");
        let mut best: Option<(f32, Lang)> = None;
        for part in accept.split(',') {
            let mut bits = part.split(';');
            let Some(lang) = bits.next().and_then(Lang::from_code) else { continue };
            let q = bits.find_map(|b| b.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::Fr, |(_, l)| l)
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }
}

/// A number a template hands over, by value or by reference.
pub trait Count {
    /// The number as `i64`.
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for usize {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (*self).count()
    }
}

/// The translator handed to every template.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    /// The message `key`; the key itself if missing (caught by the tidy check).
    pub fn t(&self, key: &str) -> String {
        LOCALES.try_lookup(self.lang.id(), key).unwrap_or_else(|| key.to_string())
    }

    /// The message `key` with one named argument.
    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        self.args(key, &[(name, value.to_string())])
    }

    /// The message `key` with a number argument (for plural forms).
    pub fn n(&self, key: &str, name: &str, value: impl Count) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Owned(name.to_string()), FluentValue::from(value.count()));
        LOCALES.try_lookup_with_args(self.lang.id(), key, &args).unwrap_or_else(|| key.to_string())
    }

    /// The message `key` with string arguments.
    pub fn args(&self, key: &str, values: &[(&str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            values.iter().map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.clone()))).collect();
        LOCALES.try_lookup_with_args(self.lang.id(), key, &args).unwrap_or_else(|| key.to_string())
    }

    /// The message `key` with text arguments, those that are whole numbers
    /// passed as numbers (so plural forms can select on them). For messages
    /// built elsewhere as a key and its arguments (the check-up's).
    pub fn message<'a>(&self, key: &str, values: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = values
            .into_iter()
            .map(|(k, v)| {
                let value = match v.parse::<i64>() {
                    Ok(n) => FluentValue::from(n),
                    Err(_) => FluentValue::from(v.to_string()),
                };
                (Cow::Owned(k.to_string()), value)
            })
            .collect();
        LOCALES.try_lookup_with_args(self.lang.id(), key, &args).unwrap_or_else(|| key.to_string())
    }

    /// A date and time (UTC) the way readers of this language write it.
    pub fn datetime(&self, unix: impl Count) -> String {
        let Some(dt) = chrono::DateTime::from_timestamp(unix.count(), 0) else { return String::new() };
        match self.lang {
            Lang::Fr => dt.format("%d/%m/%Y %H:%M").to_string(),
            Lang::En => dt.format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    /// A calendar day (stored as ISO `YYYY-MM-DD`) the way readers of this language write it.
    pub fn date(&self, iso: &str) -> String {
        match (self.lang, domain::Date::parse_iso(iso)) {
            (_, Some(d)) if d == domain::Date::MAX => self.t("date-never-ends"),
            (Lang::Fr, Some(d)) => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
            _ => iso.to_string(),
        }
    }

    /// An amount of money in cents.
    pub fn money(&self, cents: impl Count) -> String {
        match self.lang {
            Lang::Fr => domain::money::format_fr(cents.count()),
            Lang::En => domain::money::format_en(cents.count()),
        }
    }

    /// The role's name in this language.
    pub fn role(&self, code: &str) -> String {
        self.t(&format!("role-{code}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn negotiation() {
        assert_eq!(Lang::from_headers(&headers(&[])), Lang::Fr);
        assert_eq!(Lang::from_headers(&headers(&[("accept-language", "en-GB,en;q=0.9")])), Lang::En);
        assert_eq!(Lang::from_headers(&headers(&[("accept-language", "de,en;q=0.5,fr;q=0.8")])), Lang::Fr);
        assert_eq!(Lang::from_headers(&headers(&[("accept-language", "fr"), ("cookie", "preau_lang=en")])), Lang::En);
    }

    #[test]
    fn messages_exist_in_both_languages() {
        let fr = Tr { lang: Lang::Fr }.t("login-title");
        let en = Tr { lang: Lang::En }.t("login-title");
        assert_ne!(fr, "login-title");
        assert_ne!(fr, en);
        assert!(Tr { lang: Lang::Fr }.n("team-count", "count", 2i64).contains('2'));
        // Numbers given as text still choose the plural form.
        let one = Tr { lang: Lang::En }.message("checkup-mail-mx-ok", [("count", "1"), ("hosts", "mx.exemple.fr")]);
        assert_eq!(one, "One server receives mail: mx.exemple.fr.");
        let two = Tr { lang: Lang::Fr }.message("checkup-mail-mx-ok", [("count", "2"), ("hosts", "a, b")]);
        assert_eq!(two, "2 serveurs reçoivent le courriel : a, b.");
    }
}
