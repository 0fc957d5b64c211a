//! Préau's types and rules. Pure: no I/O, no clock, no randomness; time and
//! random values come in as arguments so every rule is testable with fixed data.

pub mod ids;
pub mod members;
pub mod roles;
pub mod settings;
pub mod validate;

pub use ids::{AssociationId, MemberId, SessionId, UserId};
pub use roles::{Administer, Belong, Capability, Grant, HostOperator, ManageMembers, Membership, Role, TeamWork};
pub use validate::{FieldError, Invalid};

/// Seconds since the Unix epoch, UTC. Stored as `BIGINT` on both backends so
/// comparisons are exact and portable; the caller supplies "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// This instant plus `secs` seconds.
    pub fn plus(self, secs: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(secs))
    }
}
