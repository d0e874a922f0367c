-- schema.sql: the data model of endorse, schema version 1.
--
-- "endorsectl init" runs this file on an empty database, inside one
-- transaction, then sets PRAGMA user_version = 1.  Later versions add
-- numbered migrations in src/db.c; never edit a released version's
-- statements in place.
--
-- The database refuses what the code must never write: every column that
-- must hold a value is NOT NULL, every closed list is a CHECK, every link
-- is a FOREIGN KEY (the programs turn foreign_keys on for every
-- connection), and the audit log cannot be changed once written.
--
-- Times are UTC text, 'YYYY-MM-DDTHH:MM:SSZ', so they sort and export as is.

-- Settings of this installation.  'secret' is the 32-byte key for the
-- CSRF and form-token MACs, made once here and never sent anywhere.
CREATE TABLE meta (
	key	TEXT PRIMARY KEY NOT NULL,
	value	BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('secret', randomblob(32));

-- A declaration that can be endorsed.  The texts shown to people live in
-- the language tables of the programs, keyed by slug.
CREATE TABLE declarations (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),
	title		TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	open		INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO declarations (id, slug, title) VALUES
	(1, 'mechelen-2017', 'Mechelen Declaration on Cities and Migration');

-- Every receipt code ever issued, whatever it acknowledges: one namespace,
-- so that /receipt/CODE is never ambiguous.
CREATE TABLE receipts (
	code		TEXT PRIMARY KEY NOT NULL
			CHECK (length(code) = 24 AND code NOT GLOB '*[^0-9A-HJKMNP-TV-Z]*'),
	kind		TEXT NOT NULL
			CHECK (kind IN ('endorsement', 'commitment')),
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;

-- Signing events (conferences); the kiosk URL carries the token.
CREATE TABLE events (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	date		TEXT CHECK (date IS NULL OR date GLOB
			    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	place		TEXT CHECK (place IS NULL OR length(place) <= 200),
	token		TEXT NOT NULL UNIQUE CHECK (length(token) >= 22),
	closed_at	TEXT,
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One endorsement of a declaration by one leader.  form_token and
-- fields_hash make a resent form store once: the same token with the
-- same fields finds this row again; with other fields it is refused.
CREATE TABLE endorsements (
	id		INTEGER PRIMARY KEY,
	declaration_id	INTEGER NOT NULL REFERENCES declarations (id),
	receipt		TEXT NOT NULL UNIQUE REFERENCES receipts (code),
	form_token	TEXT NOT NULL UNIQUE CHECK (length(form_token) BETWEEN 36 AND 66),
	fields_hash	BLOB NOT NULL CHECK (length(fields_hash) = 32),
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	status		TEXT NOT NULL DEFAULT 'pending'
			CHECK (status IN ('pending', 'verified', 'rejected', 'withdrawn')),
	full_name	TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
	role		TEXT NOT NULL CHECK (role IN ('mayor', 'deputy_mayor',
			    'governor', 'council_member', 'other')),
	role_other	TEXT NOT NULL DEFAULT '' CHECK (length(role_other) <= 100
			    AND (role <> 'other' OR length(role_other) > 0)),
	government_level TEXT NOT NULL CHECK (government_level IN ('local', 'regional')),
	locality	TEXT NOT NULL CHECK (length(locality) BETWEEN 1 AND 200),
	region		TEXT NOT NULL DEFAULT '' CHECK (length(region) <= 200),
	country		TEXT NOT NULL CHECK (length(country) = 2
			    AND country NOT GLOB '*[^A-Z]*'),
	email		TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254
			    AND email LIKE '%_@_%._%'),
	organisation	TEXT NOT NULL DEFAULT '' CHECK (length(organisation) <= 200),
	listed		INTEGER NOT NULL CHECK (listed IN (0, 1)),
	consent		INTEGER NOT NULL CHECK (consent = 1),
	signature	TEXT,
	event_id	INTEGER REFERENCES events (id),
	lang		TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'fr', 'es', 'ar')),
	withdrawn_at	TEXT,
	CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
-- The public lists and the admin filters read by these.
CREATE INDEX endorsements_status_country ON endorsements (status, listed, country, created_at);
CREATE INDEX endorsements_created ON endorsements (created_at);
CREATE INDEX endorsements_email ON endorsements (email);
CREATE INDEX endorsements_event ON endorsements (event_id) WHERE event_id IS NOT NULL;

-- Endorsements counted by status and country, kept by the triggers below,
-- so that the live counts on the home page read a few hundred rows at
-- most instead of every endorsement.
CREATE TABLE endorsement_counts (
	status		TEXT NOT NULL,
	country		TEXT NOT NULL,
	n		INTEGER NOT NULL CHECK (n >= 0),
	PRIMARY KEY (status, country)
) WITHOUT ROWID;
CREATE TRIGGER endorsement_counts_insert AFTER INSERT ON endorsements
BEGIN
	INSERT INTO endorsement_counts (status, country, n)
	    VALUES (NEW.status, NEW.country, 1)
	    ON CONFLICT (status, country) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER endorsement_counts_update
AFTER UPDATE OF status, country ON endorsements
BEGIN
	UPDATE endorsement_counts SET n = n - 1
	    WHERE status = OLD.status AND country = OLD.country;
	INSERT INTO endorsement_counts (status, country, n)
	    VALUES (NEW.status, NEW.country, 1)
	    ON CONFLICT (status, country) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER endorsement_counts_delete AFTER DELETE ON endorsements
BEGIN
	UPDATE endorsement_counts SET n = n - 1
	    WHERE status = OLD.status AND country = OLD.country;
END;

-- Commitment reports under an endorsement (the declaration's annex).
CREATE TABLE commitments (
	id		INTEGER PRIMARY KEY,
	endorsement_id	INTEGER NOT NULL REFERENCES endorsements (id),
	receipt		TEXT NOT NULL UNIQUE REFERENCES receipts (code),
	form_token	TEXT NOT NULL UNIQUE CHECK (length(form_token) BETWEEN 36 AND 66),
	fields_hash	BLOB NOT NULL CHECK (length(fields_hash) = 32),
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	area		TEXT NOT NULL CHECK (area IN ('inclusion', 'services', 'work',
			    'safety_justice', 'local_data', 'coordination',
			    'origin_transit_return', 'other')),
	title		TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	description	TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
	means		TEXT NOT NULL DEFAULT '' CHECK (length(means) <= 5000),
	indicators	TEXT NOT NULL DEFAULT '' CHECK (length(indicators) <= 5000),
	target_date	TEXT CHECK (target_date IS NULL OR target_date GLOB
			    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	status		TEXT NOT NULL CHECK (status IN ('planned', 'in_progress',
			    'achieved', 'dropped')),
	sdg		TEXT NOT NULL DEFAULT '' CHECK (length(sdg) <= 200),
	lang		TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'fr', 'es', 'ar'))
);
CREATE INDEX commitments_endorsement ON commitments (endorsement_id);
CREATE INDEX commitments_area ON commitments (area, created_at);

-- Follow-up updates of a report, oldest first; the latest one's status
-- is the report's status.
CREATE TABLE commitment_updates (
	id		INTEGER PRIMARY KEY,
	commitment_id	INTEGER NOT NULL REFERENCES commitments (id),
	form_token	TEXT NOT NULL UNIQUE CHECK (length(form_token) BETWEEN 36 AND 66),
	fields_hash	BLOB NOT NULL CHECK (length(fields_hash) = 32),
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	status		TEXT NOT NULL CHECK (status IN ('planned', 'in_progress',
			    'achieved', 'dropped')),
	narrative	TEXT NOT NULL CHECK (length(narrative) BETWEEN 1 AND 5000)
);
CREATE INDEX commitment_updates_commitment ON commitment_updates (commitment_id, id);

-- People who sign in at /admin/.  Passwords are argon2id strings from
-- libsodium's crypto_pwhash_str, never the password itself.
CREATE TABLE admin_users (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
	role		TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'viewer')),
	pwhash		TEXT NOT NULL CHECK (pwhash LIKE '$argon2id$%'),
	disabled	INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Admin sessions: only a hash of the token is kept, so a copy of the
-- database does not let anyone sign in.
CREATE TABLE sessions (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES admin_users (id),
	token_hash	BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	last_seen	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Moderation history of an endorsement.
CREATE TABLE status_changes (
	id		INTEGER PRIMARY KEY,
	endorsement_id	INTEGER NOT NULL REFERENCES endorsements (id),
	old_status	TEXT NOT NULL,
	new_status	TEXT NOT NULL CHECK (new_status IN ('pending', 'verified',
			    'rejected', 'withdrawn')),
	reason		TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
	user_id		INTEGER REFERENCES admin_users (id),
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX status_changes_endorsement ON status_changes (endorsement_id, id);

-- Who did what, when.  Append-only: the triggers below make the database
-- itself refuse any change or deletion.
CREATE TABLE audit_log (
	id		INTEGER PRIMARY KEY,
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	actor		TEXT NOT NULL,
	action		TEXT NOT NULL,
	target		TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	client		TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Commitments and the public lists ------------------------------

-- The continent of each ISO 3166-1 code, as src/country.c has it (the
-- integration tests check the two agree): the public lists filter by it.
CREATE TABLE countries (
	code		TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 2),
	continent	TEXT NOT NULL CHECK (continent IN ('africa', 'americas',
			    'asia', 'europe', 'oceania'))
) WITHOUT ROWID;
INSERT INTO countries (code, continent) VALUES
	('AD','europe'), ('AE','asia'), ('AF','asia'), ('AG','americas'),
	('AI','americas'), ('AL','europe'), ('AM','asia'), ('AO','africa'),
	('AQ','oceania'), ('AR','americas'), ('AS','oceania'), ('AT','europe'),
	('AU','oceania'), ('AW','americas'), ('AX','europe'), ('AZ','asia'),
	('BA','europe'), ('BB','americas'), ('BD','asia'), ('BE','europe'),
	('BF','africa'), ('BG','europe'), ('BH','asia'), ('BI','africa'),
	('BJ','africa'), ('BL','americas'), ('BM','americas'), ('BN','asia'),
	('BO','americas'), ('BQ','americas'), ('BR','americas'),
	('BS','americas'), ('BT','asia'), ('BV','americas'), ('BW','africa'),
	('BY','europe'), ('BZ','americas'), ('CA','americas'), ('CC','oceania'),
	('CD','africa'), ('CF','africa'), ('CG','africa'), ('CH','europe'),
	('CI','africa'), ('CK','oceania'), ('CL','americas'), ('CM','africa'),
	('CN','asia'), ('CO','americas'), ('CR','americas'), ('CU','americas'),
	('CV','africa'), ('CW','americas'), ('CX','oceania'), ('CY','asia'),
	('CZ','europe'), ('DE','europe'), ('DJ','africa'), ('DK','europe'),
	('DM','americas'), ('DO','americas'), ('DZ','africa'), ('EC','americas'),
	('EE','europe'), ('EG','africa'), ('EH','africa'), ('ER','africa'),
	('ES','europe'), ('ET','africa'), ('FI','europe'), ('FJ','oceania'),
	('FK','americas'), ('FM','oceania'), ('FO','europe'), ('FR','europe'),
	('GA','africa'), ('GB','europe'), ('GD','americas'), ('GE','asia'),
	('GF','americas'), ('GG','europe'), ('GH','africa'), ('GI','europe'),
	('GL','americas'), ('GM','africa'), ('GN','africa'), ('GP','americas'),
	('GQ','africa'), ('GR','europe'), ('GS','americas'), ('GT','americas'),
	('GU','oceania'), ('GW','africa'), ('GY','americas'), ('HK','asia'),
	('HM','oceania'), ('HN','americas'), ('HR','europe'), ('HT','americas'),
	('HU','europe'), ('ID','asia'), ('IE','europe'), ('IL','asia'),
	('IM','europe'), ('IN','asia'), ('IO','africa'), ('IQ','asia'),
	('IR','asia'), ('IS','europe'), ('IT','europe'), ('JE','europe'),
	('JM','americas'), ('JO','asia'), ('JP','asia'), ('KE','africa'),
	('KG','asia'), ('KH','asia'), ('KI','oceania'), ('KM','africa'),
	('KN','americas'), ('KP','asia'), ('KR','asia'), ('KW','asia'),
	('KY','americas'), ('KZ','asia'), ('LA','asia'), ('LB','asia'),
	('LC','americas'), ('LI','europe'), ('LK','asia'), ('LR','africa'),
	('LS','africa'), ('LT','europe'), ('LU','europe'), ('LV','europe'),
	('LY','africa'), ('MA','africa'), ('MC','europe'), ('MD','europe'),
	('ME','europe'), ('MF','americas'), ('MG','africa'), ('MH','oceania'),
	('MK','europe'), ('ML','africa'), ('MM','asia'), ('MN','asia'),
	('MO','asia'), ('MP','oceania'), ('MQ','americas'), ('MR','africa'),
	('MS','americas'), ('MT','europe'), ('MU','africa'), ('MV','asia'),
	('MW','africa'), ('MX','americas'), ('MY','asia'), ('MZ','africa'),
	('NA','africa'), ('NC','oceania'), ('NE','africa'), ('NF','oceania'),
	('NG','africa'), ('NI','americas'), ('NL','europe'), ('NO','europe'),
	('NP','asia'), ('NR','oceania'), ('NU','oceania'), ('NZ','oceania'),
	('OM','asia'), ('PA','americas'), ('PE','americas'), ('PF','oceania'),
	('PG','oceania'), ('PH','asia'), ('PK','asia'), ('PL','europe'),
	('PM','americas'), ('PN','oceania'), ('PR','americas'), ('PS','asia'),
	('PT','europe'), ('PW','oceania'), ('PY','americas'), ('QA','asia'),
	('RE','africa'), ('RO','europe'), ('RS','europe'), ('RU','europe'),
	('RW','africa'), ('SA','asia'), ('SB','oceania'), ('SC','africa'),
	('SD','africa'), ('SE','europe'), ('SG','asia'), ('SH','africa'),
	('SI','europe'), ('SJ','europe'), ('SK','europe'), ('SL','africa'),
	('SM','europe'), ('SN','africa'), ('SO','africa'), ('SR','americas'),
	('SS','africa'), ('ST','africa'), ('SV','americas'), ('SX','americas'),
	('SY','asia'), ('SZ','africa'), ('TC','americas'), ('TD','africa'),
	('TF','africa'), ('TG','africa'), ('TH','asia'), ('TJ','asia'),
	('TK','oceania'), ('TL','asia'), ('TM','asia'), ('TN','africa'),
	('TO','oceania'), ('TR','asia'), ('TT','americas'), ('TV','oceania'),
	('TW','asia'), ('TZ','africa'), ('UA','europe'), ('UG','africa'),
	('UM','oceania'), ('US','americas'), ('UY','americas'), ('UZ','asia'),
	('VA','europe'), ('VC','americas'), ('VE','americas'), ('VG','americas'),
	('VI','americas'), ('VN','asia'), ('VU','oceania'), ('WF','oceania'),
	('WS','oceania'), ('YE','asia'), ('YT','africa'), ('ZA','africa'),
	('ZM','africa'), ('ZW','africa');

-- The public list of signatories: one row per endorsement that is
-- verified and whose signer agreed to be listed, kept by the triggers
-- below.  Its indexes answer every filter of /signatories newest first
-- (by id) a page at a time, whatever the size of endorsements.
CREATE TABLE signatory_list (
	endorsement_id	INTEGER PRIMARY KEY REFERENCES endorsements (id),
	country		TEXT NOT NULL,
	continent	TEXT NOT NULL
);
CREATE INDEX signatory_list_country ON signatory_list (country, endorsement_id);
CREATE INDEX signatory_list_continent ON signatory_list (continent, endorsement_id);

CREATE TRIGGER signatory_list_insert AFTER INSERT ON endorsements
WHEN NEW.status = 'verified' AND NEW.listed = 1
BEGIN
	INSERT INTO signatory_list (endorsement_id, country, continent)
	    SELECT NEW.id, NEW.country, continent FROM countries
	    WHERE code = NEW.country;
END;
CREATE TRIGGER signatory_list_update
AFTER UPDATE OF status, listed, country ON endorsements
WHEN OLD.status IS NOT NEW.status OR OLD.listed IS NOT NEW.listed
    OR OLD.country IS NOT NEW.country
BEGIN
	DELETE FROM signatory_list WHERE endorsement_id = OLD.id;
	INSERT INTO signatory_list (endorsement_id, country, continent)
	    SELECT NEW.id, NEW.country, continent FROM countries
	    WHERE code = NEW.country
	    AND NEW.status = 'verified' AND NEW.listed = 1;
END;
CREATE TRIGGER signatory_list_delete AFTER DELETE ON endorsements
BEGIN
	DELETE FROM signatory_list WHERE endorsement_id = OLD.id;
END;

-- The public list of commitment reports: one row per report whose
-- endorsement is on signatory_list, with the report's latest status and
-- the signer's place, so that /commitments filters by area, status,
-- country and continent from an index.
CREATE TABLE commitment_list (
	commitment_id	INTEGER PRIMARY KEY REFERENCES commitments (id),
	endorsement_id	INTEGER NOT NULL,
	area		TEXT NOT NULL,
	status		TEXT NOT NULL,
	country		TEXT NOT NULL,
	continent	TEXT NOT NULL
);
CREATE INDEX commitment_list_endorsement ON commitment_list (endorsement_id);
CREATE INDEX commitment_list_area ON commitment_list (area, commitment_id);
CREATE INDEX commitment_list_status ON commitment_list (status, commitment_id);
CREATE INDEX commitment_list_country ON commitment_list (country, commitment_id);
CREATE INDEX commitment_list_continent ON commitment_list (continent, commitment_id);

CREATE TRIGGER commitment_list_report AFTER INSERT ON commitments
BEGIN
	INSERT INTO commitment_list (commitment_id, endorsement_id, area,
	    status, country, continent)
	    SELECT NEW.id, NEW.endorsement_id, NEW.area, NEW.status,
	    country, continent FROM signatory_list
	    WHERE endorsement_id = NEW.endorsement_id;
END;
-- Updates come in id order: the one inserted last is the latest.
CREATE TRIGGER commitment_list_update AFTER INSERT ON commitment_updates
BEGIN
	UPDATE commitment_list SET status = NEW.status
	    WHERE commitment_id = NEW.commitment_id;
END;
CREATE TRIGGER commitment_list_listed AFTER INSERT ON signatory_list
BEGIN
	INSERT INTO commitment_list (commitment_id, endorsement_id, area,
	    status, country, continent)
	    SELECT c.id, c.endorsement_id, c.area,
	    coalesce((SELECT u.status FROM commitment_updates u
	        WHERE u.commitment_id = c.id ORDER BY u.id DESC LIMIT 1),
	        c.status),
	    NEW.country, NEW.continent FROM commitments c
	    WHERE c.endorsement_id = NEW.endorsement_id;
END;
CREATE TRIGGER commitment_list_unlisted AFTER DELETE ON signatory_list
BEGIN
	DELETE FROM commitment_list WHERE endorsement_id = OLD.endorsement_id;
END;

-- The counts at the top of the public lists (signatories per continent,
-- reports per area), kept by triggers so that no page counts rows.
CREATE TABLE list_counts (
	list		TEXT NOT NULL CHECK (list IN ('continent', 'area')),
	key		TEXT NOT NULL,
	n		INTEGER NOT NULL CHECK (n >= 0),
	PRIMARY KEY (list, key)
) WITHOUT ROWID;
CREATE TRIGGER list_counts_signatory_in AFTER INSERT ON signatory_list
BEGIN
	INSERT INTO list_counts (list, key, n) VALUES ('continent', NEW.continent, 1)
	    ON CONFLICT (list, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER list_counts_signatory_out AFTER DELETE ON signatory_list
BEGIN
	UPDATE list_counts SET n = n - 1
	    WHERE list = 'continent' AND key = OLD.continent;
END;
CREATE TRIGGER list_counts_report_in AFTER INSERT ON commitment_list
BEGIN
	INSERT INTO list_counts (list, key, n) VALUES ('area', NEW.area, 1)
	    ON CONFLICT (list, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER list_counts_report_out AFTER DELETE ON commitment_list
BEGIN
	UPDATE list_counts SET n = n - 1 WHERE list = 'area' AND key = OLD.area;
END;

-- Admin console.
-- Failed sign-ins, recent ones only: the login slows down an account and
-- a client address after too many (src/admin/login.c).  Not the audit:
-- rows here are purged once they are too old to count.
CREATE TABLE login_failures (
	id		INTEGER PRIMARY KEY,
	username	TEXT NOT NULL CHECK (length(username) <= 64),
	client		TEXT NOT NULL CHECK (length(client) <= 64),
	created_at	TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX login_failures_username ON login_failures (username, created_at);
CREATE INDEX login_failures_client ON login_failures (client, created_at);
-- Likely duplicates: the same place and role, or the same email, in any case.
CREATE INDEX endorsements_place ON endorsements (country, locality COLLATE NOCASE, role);
CREATE INDEX endorsements_email_nocase ON endorsements (email COLLATE NOCASE);
CREATE INDEX commitments_created ON commitments (created_at);
