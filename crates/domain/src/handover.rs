//! Handovers (passations): when an officer changes, the checklist built
//! from the access registry — every account the leaving person holds, what
//! each kind of account brings (a bank mandate, the domain's owner contact,
//! a mailbox), and the vault's own steps.

use crate::AccessAccountId;
use crate::access::{Account, Kind};

/// What a step asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// Hand over the access: the newcomer logs in, the password and the
    /// recovery address change, the leaving person is taken off.
    Account,
    /// Change the signatories at the bank (with the board's minutes).
    BankMandate,
    /// The domain's owner contact is the association, not the person.
    DomainOwner,
    /// Redirect or hand over a mailbox.
    Mailbox,
    /// Vault collections: the newcomer gets them, the leaving person's
    /// access goes and its secrets are rotated.
    Vault,
    /// New recovery shares, so the leaving person's share is worth nothing.
    RecoveryShares,
    /// The newcomer's key fingerprint, checked face to face.
    Fingerprint,
    /// Roles in Préau.
    Roles,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::Account,
        Step::BankMandate,
        Step::DomainOwner,
        Step::Mailbox,
        Step::Vault,
        Step::RecoveryShares,
        Step::Fingerprint,
        Step::Roles,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::Account => "account",
            Step::BankMandate => "bank-mandate",
            Step::DomainOwner => "domain-owner",
            Step::Mailbox => "mailbox",
            Step::Vault => "vault",
            Step::RecoveryShares => "recovery-shares",
            Step::Fingerprint => "fingerprint",
            Step::Roles => "roles",
        }
    }

    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One step of a new checklist: what, about which account, naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub step: Step,
    pub account: Option<AccessAccountId>,
    pub subject: String,
}

/// The checklist for a person leaving an office, from the accounts they hold
/// (critical ones first, as the registry lists them).
pub fn checklist<'a>(held: impl IntoIterator<Item = (AccessAccountId, &'a Account)>) -> Vec<Planned> {
    let mut out = Vec::new();
    for (id, a) in held {
        let planned = |step| Planned { step, account: Some(id), subject: a.service.clone() };
        out.push(planned(Step::Account));
        match a.kind {
            Kind::Bank => out.push(planned(Step::BankMandate)),
            Kind::Registrar => out.push(planned(Step::DomainOwner)),
            Kind::Mailbox => out.push(planned(Step::Mailbox)),
            _ => {}
        }
    }
    for step in [Step::Vault, Step::RecoveryShares, Step::Fingerprint, Step::Roles] {
        out.push(Planned { step, account: None, subject: String::new() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::TwoFactor;

    fn account(kind: Kind, service: &str) -> Account {
        Account {
            kind,
            service: service.into(),
            address: String::new(),
            login: String::new(),
            two_factor: TwoFactor::Unknown,
            recovery: String::new(),
            critical: true,
            expires_on: None,
            verified_on: None,
            notes: String::new(),
            vault_entry: None,
        }
    }

    #[test]
    fn each_account_brings_its_steps_then_the_vault_ones() {
        let bank = account(Kind::Bank, "Crédit Coopératif");
        let registrar = account(Kind::Registrar, "Gandi");
        let social = account(Kind::Social, "Mastodon");
        let plan =
            checklist([(AccessAccountId(1), &bank), (AccessAccountId(2), &registrar), (AccessAccountId(3), &social)]);
        let steps: Vec<_> = plan.iter().map(|p| (p.step, p.account.map(|a| a.0), p.subject.as_str())).collect();
        assert_eq!(
            steps,
            [
                (Step::Account, Some(1), "Crédit Coopératif"),
                (Step::BankMandate, Some(1), "Crédit Coopératif"),
                (Step::Account, Some(2), "Gandi"),
                (Step::DomainOwner, Some(2), "Gandi"),
                (Step::Account, Some(3), "Mastodon"),
                (Step::Vault, None, ""),
                (Step::RecoveryShares, None, ""),
                (Step::Fingerprint, None, ""),
                (Step::Roles, None, ""),
            ]
        );
    }

    #[test]
    fn someone_holding_nothing_still_has_the_vault_steps() {
        let plan = checklist([]);
        assert_eq!(plan.len(), 4);
        assert!(plan.iter().all(|p| p.account.is_none()));
    }

    #[test]
    fn step_codes_round_trip() {
        for s in Step::ALL {
            assert_eq!(Step::from_code(s.code()), Some(s));
        }
    }
}
