-- The last TOTP time step accepted for each person, so that a code works only once (RFC 6238 §5.2).
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
