//! An association's own settings, and the modules it switches on.

use crate::validate::{self, Invalid};

/// A capability an association may switch on or off ("there is no all-in-one").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Module {
    Members,
    Accounting,
    Events,
    Files,
    Vault,
    Checkup,
    Mailings,
}

impl Module {
    /// Every module, in menu order.
    pub const ALL: [Module; 7] = [
        Module::Members,
        Module::Accounting,
        Module::Events,
        Module::Files,
        Module::Vault,
        Module::Checkup,
        Module::Mailings,
    ];

    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Module::Members => "members",
            Module::Accounting => "accounting",
            Module::Events => "events",
            Module::Files => "files",
            Module::Vault => "vault",
            Module::Checkup => "checkup",
            Module::Mailings => "mailings",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Module> {
        Module::ALL.into_iter().find(|m| m.code() == code)
    }

    /// Stored form: codes separated by commas.
    pub fn join(modules: &[Module]) -> String {
        modules.iter().map(|m| m.code()).collect::<Vec<_>>().join(",")
    }

    /// Reads the stored form, ignoring codes this version does not know.
    pub fn split(stored: &str) -> Vec<Module> {
        stored.split(',').filter_map(Module::from_code).collect()
    }
}

/// The association's identity and preferences.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub name: String,
    pub address: String,
    pub siren: Option<String>,
    pub rna: Option<String>,
    pub contact_email: Option<String>,
    /// 1 (January) to 12: when the fiscal year starts.
    pub fiscal_year_start_month: i32,
    pub modules: Vec<Module>,
}

/// The settings form as typed, before checking.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct SettingsInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub siren: String,
    #[serde(default)]
    pub rna: String,
    #[serde(default)]
    pub contact_email: String,
    #[serde(default)]
    pub fiscal_year_start_month: String,
    #[serde(default)]
    pub modules: Vec<String>,
}

impl SettingsInput {
    /// Checks every field; all problems at once, each tied to its field.
    pub fn validate(&self) -> Result<Settings, Invalid> {
        let mut inv = Invalid::default();
        let name = validate::line(&self.name, 200).unwrap_or_else(|k| {
            inv.add("name", k);
            String::new()
        });
        let address = self.address.trim().to_string();
        if address.chars().count() > 500 {
            inv.add("address", "error-too-long");
        }
        let siren = optional(&self.siren, validate::siren, "siren", "error-siren", &mut inv);
        let rna = optional(&self.rna, validate::rna, "rna", "error-rna", &mut inv);
        let contact_email = optional(&self.contact_email, validate::email, "contact_email", "error-email", &mut inv);
        let month = match self.fiscal_year_start_month.trim().parse::<i32>() {
            Ok(m) if (1..=12).contains(&m) => m,
            _ => {
                inv.add("fiscal_year_start_month", "error-month");
                1
            }
        };
        let mut modules = Vec::new();
        for code in &self.modules {
            match Module::from_code(code) {
                Some(m) if !modules.contains(&m) => modules.push(m),
                Some(_) => {}
                None => inv.add("modules", "error-unknown-choice"),
            }
        }
        inv.into_result(Settings { name, address, siren, rna, contact_email, fiscal_year_start_month: month, modules })
    }
}

fn optional(
    raw: &str,
    parse: fn(&str) -> Option<String>,
    field: &'static str,
    key: &'static str,
    inv: &mut Invalid,
) -> Option<String> {
    if raw.trim().is_empty() {
        return None;
    }
    let parsed = parse(raw);
    if parsed.is_none() {
        inv.add(field, key);
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_tied_to_its_field() {
        let input = SettingsInput {
            name: " ".into(),
            siren: "123".into(),
            rna: "x".into(),
            contact_email: "nope".into(),
            fiscal_year_start_month: "13".into(),
            modules: vec!["members".into(), "teleport".into()],
            ..Default::default()
        };
        let err = input.validate().unwrap_err();
        for (field, key) in [
            ("name", "error-required"),
            ("siren", "error-siren"),
            ("rna", "error-rna"),
            ("contact_email", "error-email"),
            ("fiscal_year_start_month", "error-month"),
            ("modules", "error-unknown-choice"),
        ] {
            assert_eq!(err.for_field(field), Some(key), "{field}");
        }
    }

    #[test]
    fn good_settings_pass() {
        let input = SettingsInput {
            name: "Les Amis du Préau".into(),
            fiscal_year_start_month: "9".into(),
            modules: vec!["members".into(), "accounting".into(), "members".into()],
            ..Default::default()
        };
        let s = input.validate().unwrap();
        assert_eq!(s.fiscal_year_start_month, 9);
        assert_eq!(s.modules, vec![Module::Members, Module::Accounting]);
        assert_eq!(Module::split(&Module::join(&s.modules)), s.modules);
    }
}
