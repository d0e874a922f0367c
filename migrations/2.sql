-- migrations/2.sql: schema version 2.  What lets anyone check the
-- record without trusting the server: the site's signing keys, the
-- declaration's texts as versioned data, and the ledger, a hash chain
-- over every accepted event.  doc/RECEIPTS.md defines the bytes.
-- "endorsectl init" runs this inside the migration's transaction; the
-- shipped texts of version 1 and the versions of the endorsements
-- already stored are filled in by db.c right after (they need SHA-256).

-- Every public key the site ever signed with, with the period it was
-- used in.  The secret key is a file beside the database, never here.
-- A key is never deleted, and only ever changes once: when it is retired.
CREATE TABLE signing_keys (
	key_id		TEXT PRIMARY KEY NOT NULL
			CHECK (length(key_id) = 16 AND key_id NOT GLOB '*[^0-9a-f]*'),
	public_key	BLOB NOT NULL UNIQUE CHECK (length(public_key) = 32),
	valid_from	TEXT NOT NULL,
	valid_until	TEXT CHECK (valid_until IS NULL OR valid_until >= valid_from)
) WITHOUT ROWID;
CREATE TRIGGER signing_keys_no_delete BEFORE DELETE ON signing_keys
BEGIN
	SELECT RAISE(ABORT, 'signing keys stay published');
END;
CREATE TRIGGER signing_keys_retire_only BEFORE UPDATE ON signing_keys
WHEN OLD.valid_until IS NOT NULL OR NEW.key_id IS NOT OLD.key_id
    OR NEW.public_key IS NOT OLD.public_key
    OR NEW.valid_from IS NOT OLD.valid_from
BEGIN
	SELECT RAISE(ABORT, 'a signing key can only be retired, once');
END;

-- The declaration's text, versioned: a version has a number and a time
-- of publication, and per language a text and the SHA-256 of that text.
-- Nothing published is ever changed or taken back.
CREATE TABLE declaration_versions (
	declaration_id	INTEGER NOT NULL REFERENCES declarations (id),
	version		INTEGER NOT NULL CHECK (version >= 1),
	published_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	PRIMARY KEY (declaration_id, version)
) WITHOUT ROWID;
CREATE TABLE declaration_texts (
	declaration_id	INTEGER NOT NULL,
	version		INTEGER NOT NULL,
	lang		TEXT NOT NULL CHECK (lang IN ('en', 'fr', 'es', 'ar')),
	text		TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 200000),
	sha256		TEXT NOT NULL CHECK (length(sha256) = 64
			    AND sha256 NOT GLOB '*[^0-9a-f]*'),
	published_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	PRIMARY KEY (declaration_id, version, lang),
	FOREIGN KEY (declaration_id, version)
	    REFERENCES declaration_versions (declaration_id, version)
) WITHOUT ROWID;
CREATE TRIGGER declaration_versions_fixed BEFORE UPDATE ON declaration_versions
BEGIN
	SELECT RAISE(ABORT, 'a published declaration version never changes');
END;
CREATE TRIGGER declaration_versions_kept BEFORE DELETE ON declaration_versions
BEGIN
	SELECT RAISE(ABORT, 'a published declaration version never changes');
END;
CREATE TRIGGER declaration_texts_fixed BEFORE UPDATE ON declaration_texts
BEGIN
	SELECT RAISE(ABORT, 'a published declaration text never changes');
END;
CREATE TRIGGER declaration_texts_kept BEFORE DELETE ON declaration_texts
BEGIN
	SELECT RAISE(ABORT, 'a published declaration text never changes');
END;

-- What each endorsement was made against: the version, and the SHA-256
-- of the text in its language.  NULL only in rows older than this
-- version that the migration could not place (it places them all).
ALTER TABLE endorsements ADD COLUMN declaration_version INTEGER;
ALTER TABLE endorsements ADD COLUMN declaration_sha256 TEXT
    CHECK (declaration_sha256 IS NULL OR length(declaration_sha256) = 64);

-- The ledger: one entry per accepted event, appended in the event's own
-- transaction.  seq counts from 1; event_sha256 is the SHA-256 of the
-- event's canonical record (rebuilt from its row by "ledger verify");
-- entry_sha256 chains it to the previous entry.  key_id and signature
-- are the receipt's Ed25519 signature of that record (none for a
-- moderation decision, which gives no receipt).  Append-only: the
-- triggers below refuse any change or deletion.
CREATE TABLE ledger (
	seq		INTEGER PRIMARY KEY CHECK (seq >= 1),
	kind		TEXT NOT NULL CHECK (kind IN ('endorsement', 'commitment',
			    'update', 'withdrawal', 'moderation')),
	ref		INTEGER NOT NULL,
	event_sha256	BLOB NOT NULL CHECK (length(event_sha256) = 32),
	prev_sha256	BLOB NOT NULL CHECK (length(prev_sha256) = 32),
	entry_sha256	BLOB NOT NULL CHECK (length(entry_sha256) = 32),
	key_id		TEXT REFERENCES signing_keys (key_id),
	signature	BLOB CHECK (signature IS NULL OR length(signature) = 64),
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (kind, ref),
	CHECK ((key_id IS NULL) = (signature IS NULL))
);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN
	SELECT RAISE(ABORT, 'the ledger is append-only');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN
	SELECT RAISE(ABORT, 'the ledger is append-only');
END;
-- The events stored before this version enter the ledger once, oldest
-- first, unsigned ("endorsectl init" does it right after and removes
-- this flag in the same transaction).  Never again: an event added
-- behind the application's back later must stay outside the chain.
INSERT INTO meta (key, value) VALUES ('ledger_backfill', 'pending');
