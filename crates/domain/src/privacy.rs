//! RGPD: consent purposes, the register of processing activities, retention
//! and what a member may correct themselves. Pure rules; the store keeps the history.

use crate::dates::Date;
use crate::members::{Member, MemberInput};
use crate::validate::{self, Invalid};

/// The purposes every association starts with (it may add its own).
pub const DEFAULT_PURPOSES: [&str; 3] = ["newsletter", "photos", "directory"];

/// Where a consent was given or withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// By the member, in their own space.
    Member,
    /// By the team, from a paper form or a conversation.
    Team,
    /// From an imported file.
    Import,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Member => "member",
            Source::Team => "team",
            Source::Import => "import",
        }
    }
}

/// A consent purpose as typed by the team.
#[derive(Debug, Clone, Default)]
pub struct PurposeInput {
    pub label: String,
    pub text: String,
}

/// A checked purpose: a short label and the full text members agree to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purpose {
    pub label: String,
    pub text: String,
}

impl PurposeInput {
    pub fn validate(&self) -> Result<Purpose, Invalid> {
        let mut inv = Invalid::default();
        let label = validate::line(&self.label, 80).unwrap_or_else(|k| {
            inv.add("label", k);
            String::new()
        });
        let text = self.text.trim().replace("\r\n", "\n");
        if text.is_empty() {
            inv.add("text", "error-required");
        } else if text.chars().count() > 2000 {
            inv.add("text", "error-too-long");
        }
        inv.into_result(Purpose { label, text })
    }
}

/// One activity of the register (RGPD article 30), as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    pub name: String,
    pub purpose: String,
    pub legal_basis: String,
    pub data_subjects: String,
    pub data_categories: String,
    pub recipients: String,
    pub retention: String,
    pub security: String,
}

impl Activity {
    /// The fields in form order, with their names.
    pub fn fields(&self) -> [(&'static str, &str); 8] {
        [
            ("name", &self.name),
            ("purpose", &self.purpose),
            ("legal_basis", &self.legal_basis),
            ("data_subjects", &self.data_subjects),
            ("data_categories", &self.data_categories),
            ("recipients", &self.recipients),
            ("retention", &self.retention),
            ("security", &self.security),
        ]
    }

    /// Trimmed; the name and purpose are required, each text at most 2,000 characters.
    pub fn validate(&self) -> Result<Activity, Invalid> {
        let mut inv = Invalid::default();
        let mut checked = self.clone();
        for (field, value) in [
            ("name", &mut checked.name),
            ("purpose", &mut checked.purpose),
            ("legal_basis", &mut checked.legal_basis),
            ("data_subjects", &mut checked.data_subjects),
            ("data_categories", &mut checked.data_categories),
            ("recipients", &mut checked.recipients),
            ("retention", &mut checked.retention),
            ("security", &mut checked.security),
        ] {
            *value = value.trim().replace("\r\n", "\n");
            if value.is_empty() && matches!(field, "name" | "purpose") {
                inv.add(field, "error-required");
            } else if value.chars().count() > 2000 {
                inv.add(field, "error-too-long");
            }
        }
        inv.into_result(checked)
    }
}

/// Whether a former member's identity is due for removal: `years` after the
/// last day their memberships covered, or after their record was created
/// when they never had one. A lifetime membership never ends.
pub fn retention_due(paid_until: Option<Date>, created: Date, today: Date, years: i32) -> bool {
    let last = paid_until.unwrap_or(created);
    last != Date::MAX && last.add_months(12 * years) < today
}

/// The first day whose records are kept: members whose last day is before it are due.
pub fn retention_cutoff(today: Date, years: i32) -> Date {
    today.add_months(-12 * years)
}

/// What a member may correct in their own space: how to reach them, not who
/// they are (names and email, the login, go through the team). Checks the
/// result with the team's rules.
pub fn self_correction(
    current: &Member,
    phone: &str,
    address: &str,
    postal_code: &str,
    city: &str,
    today: &str,
) -> Result<Member, Invalid> {
    MemberInput {
        first_name: current.first_name.clone(),
        last_name: current.last_name.clone(),
        email: current.email.clone().unwrap_or_default(),
        phone: phone.into(),
        address: address.into(),
        postal_code: postal_code.into(),
        city: city.into(),
        birth_date: current.birth_date.clone().unwrap_or_default(),
        notes: current.notes.clone(),
    }
    .validate(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn former_members_are_due_after_the_years_set() {
        let today = d("2026-11-30");
        assert!(retention_due(Some(d("2023-11-29")), d("2020-01-01"), today, 3));
        assert!(!retention_due(Some(d("2023-11-30")), d("2020-01-01"), today, 3));
        assert!(!retention_due(Some(Date::MAX), d("2000-01-01"), today, 3), "lifetime");
        assert!(retention_due(None, d("2021-01-01"), today, 3), "never a member: from the record's creation");
        assert!(!retention_due(None, d("2025-01-01"), today, 3));
        assert_eq!(retention_cutoff(today, 3), d("2023-11-30"));
    }

    #[test]
    fn members_correct_how_to_reach_them_only() {
        let me = Member {
            first_name: "Léa".into(),
            last_name: "Roux".into(),
            email: Some("lea@ex.fr".into()),
            ..Default::default()
        };
        let m = self_correction(&me, "06 12 34 56 78", "3 rue Haute", "69001", "Lyon", "2026-11-30").unwrap();
        assert_eq!((m.first_name.as_str(), m.email.as_deref(), m.city.as_str()), ("Léa", Some("lea@ex.fr"), "Lyon"));
        let bad = self_correction(&me, "call me", "", "", "", "2026-11-30").unwrap_err();
        assert_eq!(bad.for_field("phone"), Some("error-phone"));
    }

    #[test]
    fn purposes_and_activities_are_checked() {
        assert!(PurposeInput { label: "Photos".into(), text: "J'accepte…".into() }.validate().is_ok());
        let e = PurposeInput { label: " ".into(), text: "".into() }.validate().unwrap_err();
        assert_eq!((e.for_field("label"), e.for_field("text")), (Some("error-required"), Some("error-required")));
        let a =
            Activity { name: " Adhésions ".into(), purpose: "Gérer".into(), ..Default::default() }.validate().unwrap();
        assert_eq!(a.name, "Adhésions");
        assert_eq!(Activity::default().validate().unwrap_err().for_field("purpose"), Some("error-required"));
    }
}
