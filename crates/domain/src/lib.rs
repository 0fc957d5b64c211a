//! Préau's types and rules. Pure: no I/O, no clock, no randomness; time and
//! random values come in as arguments so every rule is testable with fixed data.

pub mod access;
pub mod accounting;
pub mod checkup;
pub mod dates;
pub mod donations;
pub mod dues;
pub mod fields;
pub mod handover;
pub mod ids;
pub mod import;
pub mod members;
pub mod money;
pub mod privacy;
pub mod roles;
pub mod settings;
pub mod validate;
pub mod vault;

pub use dates::Date;
pub use ids::{
    AccessAccountId, AssociationId, CategoryId, HandoverId, MemberId, MembershipId, MembershipTypeId, PaymentId, UserId,
};
pub use roles::{
    Administer, Capability, Grant, HostOperator, KeepBooks, KeepRegistry, ManageMembers, Membership, PostsPayments,
    Role, TeamWork,
};
pub use validate::{FieldError, Invalid};
