-- A classroom terminal logs in once with a device token; only its SHA-256 is kept.
ALTER TABLE classroom ADD COLUMN device_token_hash VARCHAR(64);
