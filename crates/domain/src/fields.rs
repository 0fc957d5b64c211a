//! Fields an association adds to its member records: their kinds, choices,
//! who sees and edits them, and the check of each value typed.

use crate::dates;
use crate::members::{fold, phone};
use crate::validate::{self, Invalid};

/// What a custom field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Date,
    YesNo,
    Choice,
    Multiple,
    Email,
    Phone,
}

impl Kind {
    pub const ALL: [Kind; 8] =
        [Kind::Text, Kind::Number, Kind::Date, Kind::YesNo, Kind::Choice, Kind::Multiple, Kind::Email, Kind::Phone];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Number => "number",
            Kind::Date => "date",
            Kind::YesNo => "yesno",
            Kind::Choice => "choice",
            Kind::Multiple => "multiple",
            Kind::Email => "email",
            Kind::Phone => "phone",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Kinds whose answers come from a list.
    pub fn has_choices(self) -> bool {
        matches!(self, Kind::Choice | Kind::Multiple)
    }
}

/// A field's definition, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    pub label: String,
    pub kind: Kind,
    pub choices: Vec<String>,
    pub required: bool,
    /// The member sees it in their own space.
    pub member_sees: bool,
    /// The member may change it there (implies `member_sees`).
    pub member_edits: bool,
    /// Shown in the members' directory, for those who joined it.
    pub in_directory: bool,
}

/// The field form as typed; choices one per line.
#[derive(Debug, Clone, Default)]
pub struct FieldInput {
    pub label: String,
    pub kind: String,
    pub choices: String,
    pub required: bool,
    pub member_sees: bool,
    pub member_edits: bool,
    pub in_directory: bool,
}

impl FieldInput {
    pub fn validate(&self) -> Result<FieldSpec, Invalid> {
        let mut inv = Invalid::default();
        let label = validate::line(&self.label, 80).unwrap_or_else(|k| {
            inv.add("label", k);
            String::new()
        });
        let kind = Kind::from_code(&self.kind).unwrap_or_else(|| {
            inv.add("kind", "error-unknown-choice");
            Kind::Text
        });
        let mut choices: Vec<String> = Vec::new();
        for c in self.choices.lines().map(str::trim).filter(|c| !c.is_empty()) {
            if !choices.iter().any(|k| fold(k) == fold(c)) {
                choices.push(c.chars().take(80).collect());
            }
        }
        if kind.has_choices() && choices.is_empty() {
            inv.add("choices", "error-choices");
        }
        if choices.len() > 50 {
            inv.add("choices", "error-too-long");
        }
        if !kind.has_choices() {
            choices.clear();
        }
        inv.into_result(FieldSpec {
            label,
            kind,
            choices,
            required: self.required,
            member_sees: self.member_sees || self.member_edits,
            member_edits: self.member_edits,
            in_directory: self.in_directory,
        })
    }
}

impl FieldSpec {
    /// Checks what was typed for this field and gives the value to store
    /// ("" when empty; several choices one per line; yes/no as `yes` or `no`).
    pub fn check(&self, typed: &[String]) -> Result<String, &'static str> {
        let first = typed.first().map_or("", |s| s.trim());
        let value = match self.kind {
            Kind::YesNo => {
                return Ok(if matches!(first, "on" | "yes" | "oui" | "true" | "1") { "yes" } else { "no" }.into());
            }
            Kind::Multiple => {
                let mut chosen = Vec::new();
                for t in typed.iter().flat_map(|t| t.split([',', '\n'])).map(str::trim).filter(|t| !t.is_empty()) {
                    let c = self.choices.iter().find(|c| fold(c) == fold(t)).ok_or("error-unknown-choice")?;
                    if !chosen.contains(c) {
                        chosen.push(c.clone());
                    }
                }
                chosen.join("\n")
            }
            _ if first.is_empty() => String::new(),
            Kind::Text => validate::line(first, 500)?,
            Kind::Number => {
                let n = first.replace(',', ".").replace([' ', '\u{a0}', '\u{202f}'], "");
                n.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or("error-number")?;
                n
            }
            Kind::Date => dates::parse_typed(first).ok_or("error-date-any")?.to_string(),
            Kind::Choice => self.choices.iter().find(|c| fold(c) == fold(first)).ok_or("error-unknown-choice")?.clone(),
            Kind::Email => validate::email(first).ok_or("error-email")?,
            Kind::Phone => phone(first).ok_or("error-phone")?,
        };
        if value.is_empty() && self.required { Err("error-required") } else { Ok(value) }
    }
}

/// The values to store, or each field's id with the message key of its error.
pub type Checked = Result<Vec<(i64, String)>, Vec<(i64, &'static str)>>;

/// Checks every field's typed values (`typed(id)`).
pub fn check_all(fields: &[(i64, FieldSpec)], typed: impl Fn(i64) -> Vec<String>) -> Checked {
    let mut errors = Vec::new();
    let mut values = Vec::new();
    for (id, spec) in fields {
        match spec.check(&typed(*id)) {
            Ok(v) => values.push((*id, v)),
            Err(k) => errors.push((*id, k)),
        }
    }
    if errors.is_empty() { Ok(values) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: Kind, choices: &[&str], required: bool) -> FieldSpec {
        FieldSpec {
            label: "x".into(),
            kind,
            choices: choices.iter().map(|c| c.to_string()).collect(),
            required,
            member_sees: false,
            member_edits: false,
            in_directory: false,
        }
    }

    fn one(s: &str) -> Vec<String> {
        vec![s.to_string()]
    }

    #[test]
    fn each_kind_checks_and_normalises() {
        assert_eq!(spec(Kind::Number, &[], false).check(&one("12,5")), Ok("12.5".into()));
        assert_eq!(spec(Kind::Number, &[], false).check(&one("douze")), Err("error-number"));
        assert_eq!(spec(Kind::Date, &[], false).check(&one("14/07/2026")), Ok("2026-07-14".into()));
        assert_eq!(spec(Kind::Date, &[], false).check(&one("31/02/2024")), Err("error-date-any"));
        assert_eq!(spec(Kind::YesNo, &[], true).check(&[]), Ok("no".into()));
        assert_eq!(spec(Kind::YesNo, &[], false).check(&one("on")), Ok("yes".into()));
        let sizes = spec(Kind::Choice, &["S", "M", "L"], true);
        assert_eq!(sizes.check(&one("m")), Ok("M".into()));
        assert_eq!(sizes.check(&one("XL")), Err("error-unknown-choice"));
        assert_eq!(sizes.check(&one("")), Err("error-required"));
        let skills = spec(Kind::Multiple, &["Cuisine", "Bricolage", "Compta"], false);
        assert_eq!(skills.check(&[String::from("compta"), String::from("Cuisine")]), Ok("Compta\nCuisine".into()));
        assert_eq!(skills.check(&one("Cuisine, bricolage")), Ok("Cuisine\nBricolage".into()));
        assert_eq!(skills.check(&one("Jardinage")), Err("error-unknown-choice"));
        assert_eq!(spec(Kind::Email, &[], false).check(&one("A@B.fr")), Ok("a@b.fr".into()));
        assert_eq!(spec(Kind::Phone, &[], false).check(&one("12")), Err("error-phone"));
        assert_eq!(spec(Kind::Text, &[], false).check(&one("  ")), Ok(String::new()));
    }

    #[test]
    fn definitions_are_checked() {
        let bad = FieldInput { label: "".into(), kind: "choice".into(), ..Default::default() }.validate().unwrap_err();
        assert_eq!((bad.for_field("label"), bad.for_field("choices")), (Some("error-required"), Some("error-choices")));
        let ok = FieldInput {
            label: "Taille de t-shirt".into(),
            kind: "choice".into(),
            choices: "S\nM\n m \nL\n".into(),
            member_edits: true,
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.choices, vec!["S", "M", "L"]);
        assert!(ok.member_sees, "editing implies seeing");
        let errors = check_all(&[(3, spec(Kind::Number, &[], true)), (4, spec(Kind::Text, &[], false))], |id| {
            if id == 3 { one("") } else { one("ok") }
        });
        assert_eq!(errors, Err(vec![(3, "error-required")]));
    }
}
