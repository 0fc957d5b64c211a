//! Roles per association and the proofs that guard privileged operations.
//!
//! A handler cannot call a privileged store function with a bare
//! `AssociationId`: it must hold a `Grant<C>`, and the only way to get one is
//! `Grant::check` on a `Membership` read from the database.

use crate::{AssociationId, UserId};
use std::marker::PhantomData;

/// What a person is in one association.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Member,
    Editor,
    Secretary,
    Treasurer,
    Administrator,
}

impl Role {
    /// Every role, from the least to the most privileged.
    pub const ALL: [Role; 5] = [Role::Member, Role::Editor, Role::Secretary, Role::Treasurer, Role::Administrator];

    /// The stable code stored in the database and used in forms and the CLI.
    pub fn code(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Editor => "editor",
            Role::Secretary => "secretary",
            Role::Treasurer => "treasurer",
            Role::Administrator => "administrator",
        }
    }

    /// Parses a stored or typed code.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A kind of privileged operation, and which roles may perform it.
pub trait Capability {
    /// Whether `role` may perform this operation.
    fn allows(role: Role) -> bool;
}

/// Manage the association: settings, team and roles, audit log.
pub struct Administer;
impl Capability for Administer {
    fn allows(role: Role) -> bool {
        role == Role::Administrator
    }
}

/// Any team work inside the association (every role but plain member).
pub struct TeamWork;
impl Capability for TeamWork {
    fn allows(role: Role) -> bool {
        role != Role::Member
    }
}

/// Keep the member records: the bureau's secretary, treasurer and administrators.
pub struct ManageMembers;
impl Capability for ManageMembers {
    fn allows(role: Role) -> bool {
        matches!(role, Role::Secretary | Role::Treasurer | Role::Administrator)
    }
}

/// Keep the books: write entries, import statements, close a year. The
/// treasurer and administrators; the rest of the team may read the books.
pub struct KeepBooks;
impl Capability for KeepBooks {
    fn allows(role: Role) -> bool {
        matches!(role, Role::Treasurer | Role::Administrator)
    }
}

/// Keep the access registry and run handovers: the bureau (secretary,
/// treasurer, administrators). The rest of the team may read the registry,
/// which holds no secret.
pub struct KeepRegistry;
impl Capability for KeepRegistry {
    fn allows(role: Role) -> bool {
        matches!(role, Role::Secretary | Role::Treasurer | Role::Administrator)
    }
}

/// Capabilities whose holders may post a dues payment to the ledger: those
/// who keep the books, and those who record the payment (posting follows
/// recording; the entry is made by the rule, not chosen).
pub trait PostsPayments: Capability {}
impl PostsPayments for KeepBooks {}
impl PostsPayments for ManageMembers {}

/// A person's membership of an association, as read from the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub association_id: AssociationId,
    pub user_id: UserId,
    pub role: Role,
}

/// Proof that `user_id` may perform `C` in `association_id`.
/// Its fields are private: it exists only through [`Grant::check`].
pub struct Grant<C: Capability> {
    association_id: AssociationId,
    user_id: UserId,
    _capability: PhantomData<C>,
}

impl<C: Capability> Grant<C> {
    /// The proof, if the membership's role allows `C`.
    pub fn check(membership: &Membership) -> Option<Grant<C>> {
        C::allows(membership.role).then_some(Grant {
            association_id: membership.association_id,
            user_id: membership.user_id,
            _capability: PhantomData,
        })
    }

    /// The association this proof is about.
    pub fn association_id(&self) -> AssociationId {
        self.association_id
    }

    /// The person who holds it.
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// The person to record as having done it: none when the server's
    /// console acts for the association ([`HostOperator::console_grant`]).
    pub fn actor(&self) -> Option<UserId> {
        (self.user_id != CONSOLE).then_some(self.user_id)
    }
}

/// Who the server's console acts as: nobody in particular.
const CONSOLE: UserId = UserId(0);

/// Proof of acting as the host operator (server level): creating associations
/// and their first administrators. Obtained from a host operator's account,
/// a valid setup link, or the server's own console (`preau admin`).
pub struct HostOperator {
    _private: (),
}

impl HostOperator {
    /// The proof, if the account is flagged as host operator.
    pub fn check(is_host_operator: bool) -> Option<HostOperator> {
        is_host_operator.then_some(HostOperator { _private: () })
    }

    /// Whoever runs `preau admin` on the server already holds the database.
    pub fn console() -> HostOperator {
        HostOperator { _private: () }
    }

    /// The host operator may administer an association it hosts (to invite
    /// the first administrator of one it just created).
    pub fn administer(&self, association_id: AssociationId, user_id: UserId) -> Grant<Administer> {
        self.grant(association_id, user_id)
    }

    /// Any capability in an association it hosts, for the server's console
    /// acting as nobody in particular ([`Grant::actor`] is `None`).
    pub fn console_grant<C: Capability>(&self, association_id: AssociationId) -> Grant<C> {
        self.grant(association_id, CONSOLE)
    }

    /// Any capability in an association it hosts, on behalf of `user_id` (a
    /// member of its team): for the server's own commands.
    pub fn grant<C: Capability>(&self, association_id: AssociationId, user_id: UserId) -> Grant<C> {
        Grant { association_id, user_id, _capability: PhantomData }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn membership(role: Role) -> Membership {
        Membership { association_id: AssociationId(1), user_id: UserId(2), role }
    }

    #[test]
    fn only_administrators_administer() {
        for role in Role::ALL {
            assert_eq!(Grant::<Administer>::check(&membership(role)).is_some(), role == Role::Administrator);
        }
    }

    #[test]
    fn members_do_no_team_work() {
        assert!(Grant::<TeamWork>::check(&membership(Role::Member)).is_none());
        assert!(Grant::<TeamWork>::check(&membership(Role::Editor)).is_some());
        let g = Grant::<TeamWork>::check(&membership(Role::Secretary)).expect("secretaries do team work");
        assert_eq!((g.association_id(), g.user_id()), (AssociationId(1), UserId(2)));
    }

    #[test]
    fn only_treasurers_and_administrators_keep_the_books() {
        let keeps = |r| Grant::<KeepBooks>::check(&membership(r)).is_some();
        assert_eq!(Role::ALL.map(keeps), [false, false, false, true, true]);
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("root"), None);
    }
}
