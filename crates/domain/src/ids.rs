//! Typed ids: an `AssociationId` cannot be passed where a `UserId` is expected.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    };
}

id_type!(
    /// An association (a tenant). Every tenant row carries one.
    AssociationId
);
id_type!(
    /// A person who can log in; one person may belong to several associations.
    UserId
);
id_type!(
    /// A member (adhérent·e) of an association; counted per association.
    MemberId
);
id_type!(
    /// A member category or group ("étudiant", "bureau", "bienfaiteur").
    CategoryId
);
id_type!(
    /// A kind of membership with its period rule and tariff.
    MembershipTypeId
);
id_type!(
    /// One period of membership of one member.
    MembershipId
);
id_type!(
    /// One payment received from a member.
    PaymentId
);
id_type!(
    /// An outside account in the access registry (registrar, bank…).
    AccessAccountId
);
id_type!(
    /// A handover (passation) from one officer to the next.
    HandoverId
);
