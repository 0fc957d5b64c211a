-- The end-to-end encrypted vault. The server keeps only what the browser
-- sends: public keys, private keys wrapped by each member's passphrase,
-- collection keys wrapped for members and for the recovery key, sealed
-- entries and files, sealed recovery shares. It never sees a plaintext
-- secret, a passphrase or a private key.

-- A member's key pairs: public keys (JSON) and the blob of private keys
-- wrapped by their vault passphrase.
CREATE TABLE vault_members (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    public_keys TEXT NOT NULL,
    wrapped_keys TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, user_id)
);

-- A collection ("banque", "site web"…): its name sealed under its own key,
-- its key's version (bumped by each rotation) and that key wrapped by the
-- association's recovery key. `rotate_since` is set when someone who could
-- open it lost access and the key has not been rotated yet.
CREATE TABLE vault_collections (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    sealed_name TEXT NOT NULL,
    key_version BIGINT NOT NULL,
    recovery_wrapped TEXT,
    rotate_since BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id)
);

-- Who may open a collection: its key wrapped for that member.
CREATE TABLE vault_access (
    association_id BIGINT NOT NULL,
    collection_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    wrapped_key TEXT NOT NULL,
    key_version BIGINT NOT NULL,
    granted_by BIGINT REFERENCES users (id),
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, collection_id, user_id),
    FOREIGN KEY (association_id, collection_id) REFERENCES vault_collections (association_id, id)
);

-- An entry: login, password, address, notes, TOTP seed, recovery codes, all
-- in one sealed record bound to (collection, entry, version). "To change"
-- marks a secret someone who left could read: who changes it, by when.
CREATE TABLE vault_entries (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    collection_id BIGINT NOT NULL,
    sealed TEXT NOT NULL,
    version BIGINT NOT NULL,
    key_version BIGINT NOT NULL,
    change_since BIGINT,
    change_owner BIGINT REFERENCES users (id),
    change_by TEXT,
    change_reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id),
    FOREIGN KEY (association_id, collection_id) REFERENCES vault_collections (association_id, id)
);
CREATE INDEX vault_entries_by_collection ON vault_entries (association_id, collection_id, id);

-- The association's recovery set-up: the current split (k of n), the delay
-- before a recovery opens, the check blob proving a recovered secret right,
-- and the recovery key pair: collection keys are sealed to its public key
-- (so anyone can add a collection), its private key is sealed under the
-- secret that Shamir splits.
CREATE TABLE vault_recovery (
    association_id BIGINT NOT NULL PRIMARY KEY REFERENCES associations (id),
    split BIGINT NOT NULL,
    threshold BIGINT NOT NULL,
    delay_hours BIGINT NOT NULL,
    check_blob TEXT NOT NULL,
    public_key TEXT NOT NULL,
    sealed_private TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);

-- Each holder's share of a split, sealed to their public key.
CREATE TABLE vault_shares (
    association_id BIGINT NOT NULL,
    split BIGINT NOT NULL,
    holder BIGINT NOT NULL REFERENCES users (id),
    sealed_share TEXT NOT NULL,
    PRIMARY KEY (association_id, split, holder)
);

-- A recovery request: who asks (with a one-time public key the approvals
-- are sealed to), when it may open, whether it was cancelled or used.
CREATE TABLE vault_recovery_requests (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    split BIGINT NOT NULL,
    requester BIGINT NOT NULL REFERENCES users (id),
    request_key TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    started_at BIGINT NOT NULL,
    opens_at BIGINT NOT NULL,
    cancelled_at BIGINT,
    cancelled_by BIGINT REFERENCES users (id),
    completed_at BIGINT,
    PRIMARY KEY (association_id, id)
);

-- A holder's approval: their share, re-sealed to the request's key.
CREATE TABLE vault_recovery_approvals (
    association_id BIGINT NOT NULL,
    request_id BIGINT NOT NULL,
    holder BIGINT NOT NULL REFERENCES users (id),
    sealed_share TEXT NOT NULL,
    approved_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, request_id, holder),
    FOREIGN KEY (association_id, request_id) REFERENCES vault_recovery_requests (association_id, id)
);
