/*
 * db.c: every statement the programs run against SQLite, listed once and
 * prepared once per process (sqlbox style), and the schema migrations.
 * This is the only file that includes sqlite3.h.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "arena.h"
#include "buf.h"
#include "country.h"
#include "token.h"
#include "log.h"
#include "auth.h"
#include "db.h"
#include "proof.h"

#define NOW		"strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* A trigger that moves list_version on: name, event, WHEN clause. */
#define LIST_VERSION_BUMP(name, event, when) \
	"CREATE TRIGGER list_version_" name " " event " " when "\n" \
	"BEGIN\n\tUPDATE list_version SET n = n + 1;\nEND;\n"

/*
 * Version 3: confirmation of the e-mail address and official domains.
 * The outbox holds each confirmation mail until the mail helper of
 * endorse-web has handed it to the MTA; the raw token is kept only until
 * then (the database keeps the hash in confirm_tokens for good).
 */
static const char db_mail_sql[] =
	"ALTER TABLE endorsements ADD COLUMN confirmed_at TEXT;\n"
	"CREATE TABLE confirm_tokens (\n"
	"	endorsement_id	INTEGER PRIMARY KEY REFERENCES endorsements (id),\n"
	"	token_hash	BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),\n"
	"	expires_at	TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE outbox (\n"
	"	id		INTEGER PRIMARY KEY,\n"
	"	endorsement_id	INTEGER NOT NULL REFERENCES endorsements (id),\n"
	"	recipient	TEXT NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),\n"
	"	token		TEXT CHECK (token IS NULL OR length(token) = 43),\n"
	"	status		TEXT NOT NULL DEFAULT 'queued'\n"
	"			CHECK (status IN ('queued', 'sent', 'failed')),\n"
	"	attempts	INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),\n"
	"	next_attempt_at	TEXT NOT NULL DEFAULT (" NOW "),\n"
	"	last_error	TEXT NOT NULL DEFAULT '' CHECK (length(last_error) <= 500),\n"
	"	created_at	TEXT NOT NULL DEFAULT (" NOW "),\n"
	"	sent_at		TEXT,\n"
	"	CHECK ((status = 'sent') = (sent_at IS NOT NULL)),\n"
	"	CHECK (status = 'sent' OR token IS NOT NULL)\n"
	");\n"
	"CREATE INDEX outbox_due ON outbox (status, next_attempt_at);\n"
	"CREATE INDEX outbox_endorsement ON outbox (endorsement_id);\n"
	"CREATE INDEX endorsements_confirmed ON endorsements (confirmed_at)\n"
	"    WHERE confirmed_at IS NOT NULL;\n"
	"CREATE TABLE official_domains (\n"
	"	domain		TEXT PRIMARY KEY NOT NULL CHECK (length(domain)\n"
	"			    BETWEEN 3 AND 253 AND domain GLOB '*.*' AND\n"
	"			    domain NOT GLOB '*[^a-z0-9.-]*'),\n"
	"	country		TEXT CHECK (country IS NULL OR (length(country) = 2\n"
	"			    AND country NOT GLOB '*[^A-Z]*')),\n"
	"	created_at	TEXT NOT NULL DEFAULT (" NOW ")\n"
	") WITHOUT ROWID;\n";

/*
 * Version 4: a number that changes whenever what the open data files
 * show may have changed (a signatory listed or unlisted, a listed row
 * edited, a report added, updated or edited), so that nginx can keep
 * each file under that number and serve it until the next change
 * (GET /opendata-version, nginx-site.conf).  Nothing on the way of a
 * new, pending endorsement touches it.
 */
static const char db_list_version_sql[] =
	"CREATE TABLE list_version (\n"
	"	id	INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"	n	INTEGER NOT NULL\n"
	");\n"
	"INSERT INTO list_version (id, n) VALUES (1, 1);\n"
	LIST_VERSION_BUMP("signatory_list_in", "AFTER INSERT ON signatory_list", "")
	LIST_VERSION_BUMP("signatory_list_out", "AFTER DELETE ON signatory_list", "")
	LIST_VERSION_BUMP("commitment_list_in", "AFTER INSERT ON commitment_list", "")
	LIST_VERSION_BUMP("commitment_list_out", "AFTER DELETE ON commitment_list", "")
	LIST_VERSION_BUMP("commitment_list_set", "AFTER UPDATE ON commitment_list", "")
	LIST_VERSION_BUMP("endorsement_edit", "AFTER UPDATE ON endorsements",
	    "WHEN EXISTS (SELECT 1 FROM signatory_list "
	    "WHERE endorsement_id = NEW.id)")
	LIST_VERSION_BUMP("commitment_edit", "AFTER UPDATE ON commitments",
	    "WHEN EXISTS (SELECT 1 FROM commitment_list "
	    "WHERE commitment_id = NEW.id)")
	LIST_VERSION_BUMP("update_in", "AFTER INSERT ON commitment_updates", "")
	LIST_VERSION_BUMP("update_out", "AFTER DELETE ON commitment_updates", "");

/*
 * Version 5: confirming an e-mail address is an event of the ledger
 * (kind "confirmation").  SQLite cannot widen a CHECK, so the ledger is
 * built anew with every row as it was (seq is the rowid: the same
 * numbers); its append-only triggers belong to the old table, so they
 * are dropped with it and made again on the new one.  The addresses
 * confirmed before this version enter the ledger once, unsigned, like
 * the events of a version 1 database (db_ledger_backfill).
 */
static const char db_ledger_confirm_sql[] =
	"DROP TRIGGER ledger_no_update;\n"
	"DROP TRIGGER ledger_no_delete;\n"
	"CREATE TABLE ledger_new (\n"
	"	seq		INTEGER PRIMARY KEY CHECK (seq >= 1),\n"
	"	kind		TEXT NOT NULL CHECK (kind IN ('endorsement', 'commitment',\n"
	"			    'update', 'withdrawal', 'moderation', 'confirmation')),\n"
	"	ref		INTEGER NOT NULL,\n"
	"	event_sha256	BLOB NOT NULL CHECK (length(event_sha256) = 32),\n"
	"	prev_sha256	BLOB NOT NULL CHECK (length(prev_sha256) = 32),\n"
	"	entry_sha256	BLOB NOT NULL CHECK (length(entry_sha256) = 32),\n"
	"	key_id		TEXT REFERENCES signing_keys (key_id),\n"
	"	signature	BLOB CHECK (signature IS NULL OR length(signature) = 64),\n"
	"	created_at	TEXT NOT NULL DEFAULT (" NOW "),\n"
	"	UNIQUE (kind, ref),\n"
	"	CHECK ((key_id IS NULL) = (signature IS NULL))\n"
	");\n"
	"INSERT INTO ledger_new (seq, kind, ref, event_sha256, prev_sha256,\n"
	"    entry_sha256, key_id, signature, created_at)\n"
	"    SELECT seq, kind, ref, event_sha256, prev_sha256, entry_sha256,\n"
	"    key_id, signature, created_at FROM ledger ORDER BY seq;\n"
	"DROP TABLE ledger;\n"
	"ALTER TABLE ledger_new RENAME TO ledger;\n"
	"CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger\n"
	"BEGIN\n"
	"	SELECT RAISE(ABORT, 'the ledger is append-only');\n"
	"END;\n"
	"CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger\n"
	"BEGIN\n"
	"	SELECT RAISE(ABORT, 'the ledger is append-only');\n"
	"END;\n"
	"INSERT OR IGNORE INTO meta (key, value) VALUES ('ledger_backfill', 'pending');\n";

/*
 * Version 6: endorsements_email goes.  Every query that looks an address
 * up compares it in any case, which endorsements_email_nocase serves, so
 * the plain index was one more B-tree keyed by a random value for every
 * endorsement to write, and never read.
 */
static const char db_drop_email_index_sql[] =
	"DROP INDEX IF EXISTS endorsements_email;\n";

/*
 * Version 7: every CHECK (x IN (a, b, c, ...)) of three values or more
 * becomes CHECK (x = a OR x = b OR ...).  SQLite evaluates such an IN
 * list by building a temporary B-tree of its values each time a statement
 * runs, and an endorsement's INSERT with its triggers built six of them:
 * a twentieth of the writer's time.  The constraints accept exactly what
 * they accepted; only their text changes, which SQLite allows without
 * rebuilding a table (writable_schema, then a new schema_version: see
 * migrate7_data).  Lists of two values are already compared directly.
 */
static const char db_check_lists_sql[] =
	"PRAGMA writable_schema = ON;\n"
	"UPDATE sqlite_schema SET sql = replace(replace(replace(sql,\n"
	"	'CHECK (status IN (''pending'', ''verified'', ''rejected'', "
	"''withdrawn''))',\n"
	"	'CHECK (status = ''pending'' OR status = ''verified''\n"
	"	    OR status = ''rejected'' OR status = ''withdrawn'')'),\n"
	"	'CHECK (role IN (''mayor'', ''deputy_mayor'',\n"
	"			    ''governor'', ''council_member'', ''other''))',\n"
	"	'CHECK (role = ''mayor'' OR role = ''deputy_mayor''\n"
	"	    OR role = ''governor'' OR role = ''council_member''\n"
	"	    OR role = ''other'')'),\n"
	"	'CHECK (lang IN (''en'', ''fr'', ''es'', ''ar''))',\n"
	"	'CHECK (lang = ''en'' OR lang = ''fr'' OR lang = ''es''\n"
	"	    OR lang = ''ar'')')\n"
	"WHERE type = 'table' AND name = 'endorsements';\n"
	"UPDATE sqlite_schema SET sql = replace(replace(replace(sql,\n"
	"	'CHECK (area IN (''inclusion'', ''services'', ''work'',\n"
	"			    ''safety_justice'', ''local_data'', ''coordination'',\n"
	"			    ''origin_transit_return'', ''other''))',\n"
	"	'CHECK (area = ''inclusion'' OR area = ''services''\n"
	"	    OR area = ''work'' OR area = ''safety_justice''\n"
	"	    OR area = ''local_data'' OR area = ''coordination''\n"
	"	    OR area = ''origin_transit_return'' OR area = ''other'')'),\n"
	"	'CHECK (status IN (''planned'', ''in_progress'',\n"
	"			    ''achieved'', ''dropped''))',\n"
	"	'CHECK (status = ''planned'' OR status = ''in_progress''\n"
	"	    OR status = ''achieved'' OR status = ''dropped'')'),\n"
	"	'CHECK (lang IN (''en'', ''fr'', ''es'', ''ar''))',\n"
	"	'CHECK (lang = ''en'' OR lang = ''fr'' OR lang = ''es''\n"
	"	    OR lang = ''ar'')')\n"
	"WHERE type = 'table' AND name = 'commitments';\n"
	"UPDATE sqlite_schema SET sql = replace(sql,\n"
	"	'CHECK (status IN (''planned'', ''in_progress'',\n"
	"			    ''achieved'', ''dropped''))',\n"
	"	'CHECK (status = ''planned'' OR status = ''in_progress''\n"
	"	    OR status = ''achieved'' OR status = ''dropped'')')\n"
	"WHERE type = 'table' AND name = 'commitment_updates';\n"
	"UPDATE sqlite_schema SET sql = replace(sql,\n"
	"	'CHECK (role IN (''admin'', ''moderator'', ''viewer''))',\n"
	"	'CHECK (role = ''admin'' OR role = ''moderator''\n"
	"	    OR role = ''viewer'')')\n"
	"WHERE type = 'table' AND name = 'admin_users';\n"
	"UPDATE sqlite_schema SET sql = replace(sql,\n"
	"	'CHECK (new_status IN (''pending'', ''verified'',\n"
	"			    ''rejected'', ''withdrawn''))',\n"
	"	'CHECK (new_status = ''pending'' OR new_status = ''verified''\n"
	"	    OR new_status = ''rejected'' OR new_status = ''withdrawn'')')\n"
	"WHERE type = 'table' AND name = 'status_changes';\n"
	"UPDATE sqlite_schema SET sql = replace(sql,\n"
	"	'CHECK (continent IN (''africa'', ''americas'',\n"
	"			    ''asia'', ''europe'', ''oceania''))',\n"
	"	'CHECK (continent = ''africa'' OR continent = ''americas''\n"
	"	    OR continent = ''asia'' OR continent = ''europe''\n"
	"	    OR continent = ''oceania'')')\n"
	"WHERE type = 'table' AND name = 'countries';\n"
	"UPDATE sqlite_schema SET sql = replace(sql,\n"
	"	'CHECK (lang IN (''en'', ''fr'', ''es'', ''ar''))',\n"
	"	'CHECK (lang = ''en'' OR lang = ''fr'' OR lang = ''es''\n"
	"	    OR lang = ''ar'')')\n"
	"WHERE type = 'table' AND name = 'declaration_texts';\n"
	"UPDATE sqlite_schema SET sql = replace(sql,\n"
	"	'CHECK (status IN (''queued'', ''sent'', ''failed''))',\n"
	"	'CHECK (status = ''queued'' OR status = ''sent''\n"
	"	    OR status = ''failed'')')\n"
	"WHERE type = 'table' AND name = 'outbox';\n"
	"UPDATE sqlite_schema SET sql = replace(sql,\n"
	"	'CHECK (kind IN (''endorsement'', ''commitment'',\n"
	"			    ''update'', ''withdrawal'', ''moderation'', "
	"''confirmation''))',\n"
	"	'CHECK (kind = ''endorsement'' OR kind = ''commitment''\n"
	"	    OR kind = ''update'' OR kind = ''withdrawal''\n"
	"	    OR kind = ''moderation'' OR kind = ''confirmation'')')\n"
	"WHERE type = 'table' AND name = 'ledger';\n"
	"PRAGMA writable_schema = OFF;\n";

/*
 * Migrations: migrations[i] brings a database at user_version i to i + 1.
 * Version 1 is schema.sql as a whole.  Append, never edit.
 */
static const char *const migrations[DB_VERSION] = {
	db_schema_sql,
	db_migration2_sql,
	db_mail_sql,
	db_list_version_sql,
	db_ledger_confirm_sql,
	db_drop_email_index_sql,
	db_check_lists_sql,
};

static int	migrate2_data(sqlite3 *);
static int	migrate7_data(sqlite3 *);

/* What a migration needs besides its SQL, run right after it (NULL: nothing). */
static int (*const migrations_data[DB_VERSION])(sqlite3 *) = {
	NULL,
	migrate2_data,
	NULL,
	NULL,
	NULL,
	NULL,
	migrate7_data,
};

enum stmt {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_SAVEPOINT,
	STMT_RELEASE,
	STMT_ROLLBACK_TO,
	STMT_SECRET,
	STMT_PING,
	STMT_ENDORSEMENT_BY_TOKEN,
	STMT_RECEIPT_ADD,
	STMT_ENDORSEMENT_ADD,
	STMT_ENDORSEMENT_GET,
	STMT_STATS,
	STMT_DATA_VERSION,
	/* Commitments, withdrawal, public lists */
	STMT_RECEIPT_KIND,
	STMT_COMMITMENT_RECEIPT_ADD,
	STMT_COMMITMENT_BY_TOKEN,
	STMT_ENDORSEMENT_STATUS,
	STMT_COMMITMENT_ADD,
	STMT_COMMITMENT_GET,
	STMT_COMMITMENTS_OF,
	STMT_UPDATE_BY_TOKEN,
	STMT_UPDATE_ADD,
	STMT_UPDATES_OF,
	STMT_WITHDRAW,
	STMT_WITHDRAW_CHANGE,
	STMT_WITHDRAW_AUDIT,
	STMT_LIST_SIGNATORIES,
	STMT_LIST_SIGNATORIES_COUNTRY,
	STMT_LIST_SIGNATORIES_CONTINENT,
	STMT_LIST_REPORTS,
	STMT_LIST_REPORTS_COUNTRY,
	STMT_LIST_REPORTS_CONTINENT,
	STMT_LIST_REPORTS_AREA,
	STMT_LIST_REPORTS_STATUS,
	STMT_LIST_COUNTS,
	STMT_COMMITMENT_BY_ID,
	/* Events */
	STMT_EVENT_ADD,
	STMT_EVENT_BY_TOKEN,
	STMT_EVENT_BY_ID,
	STMT_EVENT_CLOSE,
	STMT_EVENT_OPEN,
	STMT_CONFIRM_SET,
	/* schema version 2: keys, declaration versions, the ledger */
	STMT_DECL_CURRENT,
	STMT_DECL_GET,
	STMT_DECL_LIST,
	STMT_DECL_MAX,
	STMT_DECL_VERSION_ADD,
	STMT_DECL_TEXT_ADD,
	STMT_KEY_CURRENT,
	STMT_KEYS,
	STMT_KEY_RETIRE,
	STMT_KEY_ADD,
	STMT_LEDGER_LAST,
	STMT_LEDGER_ADD,
	STMT_LEDGER_ALL,
	STMT_LEDGER_OF_RECEIPT,
	STMT_REC_ENDORSEMENT,
	STMT_REC_COMMITMENT,
	STMT_REC_UPDATE,
	STMT_REC_WITHDRAWAL,
	STMT_REC_MODERATION,
	STMT_REC_CONFIRMATION,
	STMT_BACKFILL_PENDING,
	STMT_BACKFILL_EVENTS,
	STMT_BACKFILL_DONE,
	/* The admin console's queries, in enum dbq's order. */
	STMT_Q0,
	STMT_QLAST = STMT_Q0 + DBQ__MAX - 1,
	STMT__MAX
};

/* Times as SQLite modifiers (see endorse-admin(8)). */
#define AGO(m)		"strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '" m "')"
#define SESSION_IDLE	"-30 minutes"	/* signed out after this idle */
#define SESSION_MAX	"-12 hours"	/* and after this, whatever */

/*
 * The filter of the admin list and exports, ?1..?7 (db_efilter):
 * status, country, event id, first day, last day, LIKE pattern, and
 * whether the pattern may match the email.  datecol: whose date.
 */
#define E_FILTER(datecol) \
	"(?1 IS NULL OR e.status = ?1) AND (?2 IS NULL OR e.country = ?2) " \
	"AND (?3 IS NULL OR e.event_id = ?3) " \
	"AND (?4 IS NULL OR " datecol " >= ?4) " \
	"AND (?5 IS NULL OR " datecol " < date(?5, '+1 day')) " \
	"AND (?6 IS NULL OR e.full_name LIKE ?6 ESCAPE '\\' " \
	"OR e.locality LIKE ?6 ESCAPE '\\' " \
	"OR (?7 AND e.email LIKE ?6 ESCAPE '\\'))" E_MARKS
/* Open data: a signatory's public columns. */
#define OPEN_SIGNATORY \
	"e.full_name, e.role, e.organisation, e.locality, e.region, " \
	"e.country, substr(e.created_at, 1, 10)"
/* A report's status: its latest update's, else its own. */
#define C_STATUS \
	"coalesce((SELECT u.status FROM commitment_updates u " \
	"WHERE u.commitment_id = c.id ORDER BY u.id DESC LIMIT 1), c.status)"
/* Likely duplicates of e: same place and role, or same email. */
#define E_DUP(d) \
	d ".id <> e.id AND ((" d ".country = e.country AND " d ".locality = " \
	"e.locality COLLATE NOCASE AND " d ".role = e.role) OR " d ".email = " \
	"e.email COLLATE NOCASE)"
/*
 * 1 if e's address is in a listed official domain or one of its
 * subdomains (a per-country entry only for that country), from the list
 * as it is now.  Domains are stored in lower case and hold only
 * letters, digits, hyphens and dots, so LIKE (ASCII case-insensitive)
 * has no wildcard of theirs to meet.
 */
#define E_OFFICIAL(e) \
	"EXISTS (SELECT 1 FROM official_domains od WHERE " \
	"(od.country IS NULL OR od.country = " e ".country) AND " \
	"(substr(" e ".email, instr(" e ".email, '@') + 1) LIKE od.domain " \
	"OR substr(" e ".email, instr(" e ".email, '@') + 1) " \
	"LIKE '%.' || od.domain))"
/* The confirmed and official-domain filters, ?8 and ?9 (1 yes, 2 no). */
#define E_MARKS \
	" AND (?8 IS NULL OR (e.confirmed_at IS NOT NULL) = (?8 = 1)) " \
	"AND (?9 IS NULL OR " E_OFFICIAL("e") " = (?9 = 1))"


static const char *const stmt_sql[STMT__MAX] = {
	/* STMT_BEGIN: take the write lock now, so no upgrade can deadlock. */
	"BEGIN IMMEDIATE",
	/* STMT_COMMIT */
	"COMMIT",
	/* STMT_ROLLBACK */
	"ROLLBACK",
	/* STMT_SAVEPOINT: one request's writes inside a batch. */
	"SAVEPOINT request",
	/* STMT_RELEASE */
	"RELEASE request",
	/* STMT_ROLLBACK_TO */
	"ROLLBACK TO request",
	/* STMT_SECRET */
	"SELECT value FROM meta WHERE key = 'secret'",
	/* STMT_PING: a read of a table, under the write lock (db_ping). */
	"SELECT count(*) FROM meta",
	/* STMT_ENDORSEMENT_BY_TOKEN */
	"SELECT receipt, fields_hash, coalesce(event_id, 0) FROM endorsements "
	"WHERE form_token = ?",
	/* STMT_RECEIPT_ADD */
	"INSERT INTO receipts (code, kind) VALUES (?, 'endorsement')",
	/* STMT_ENDORSEMENT_ADD */
	"INSERT INTO endorsements (declaration_id, receipt, form_token, "
	"fields_hash, full_name, role, role_other, government_level, "
	"locality, region, country, email, organisation, listed, consent, "
	"signature, event_id, lang, declaration_version, declaration_sha256) "
	"VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	"RETURNING id, created_at",
	/* STMT_ENDORSEMENT_GET */
	"SELECT e.id, e.receipt, e.created_at, e.status, e.withdrawn_at, "
	"e.full_name, e.role, e.role_other, e.government_level, e.locality, "
	"e.region, e.country, e.email, e.organisation, e.listed, e.consent, "
	"e.signature, e.event_id, ev.name, e.lang, e.declaration_version, "
	"e.declaration_sha256, e.confirmed_at "
	"FROM endorsements e LEFT JOIN events ev ON ev.id = e.event_id "
	"WHERE e.receipt = ?",
	/* STMT_STATS: the counts on the home page, from the counts table
	 * the triggers keep (at most statuses x countries rows). */
	"SELECT coalesce(sum(n), 0), "
	"coalesce(sum(CASE WHEN status = 'verified' THEN n END), 0), "
	"count(DISTINCT CASE WHEN n > 0 THEN country END) "
	"FROM endorsement_counts WHERE status IN ('pending', 'verified')",
	/* STMT_DATA_VERSION: moves when another connection commits. */
	"PRAGMA data_version",

	/* Commitments, withdrawal, public lists */
	/* STMT_RECEIPT_KIND */
	"SELECT kind FROM receipts WHERE code = ?",
	/* STMT_COMMITMENT_RECEIPT_ADD */
	"INSERT INTO receipts (code, kind) VALUES (?, 'commitment')",
	/* STMT_COMMITMENT_BY_TOKEN */
	"SELECT receipt, fields_hash, endorsement_id FROM commitments "
	"WHERE form_token = ?",
	/* STMT_ENDORSEMENT_STATUS */
	"SELECT status FROM endorsements WHERE id = ?",
	/* STMT_COMMITMENT_ADD */
	"INSERT INTO commitments (endorsement_id, receipt, form_token, "
	"fields_hash, area, title, description, means, indicators, "
	"target_date, status, sdg, lang) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	"RETURNING id, created_at",
	/* STMT_COMMITMENT_GET */
	"SELECT c.id, c.endorsement_id, c.receipt, c.created_at, c.area, "
	"c.title, c.description, c.means, c.indicators, c.target_date, "
	"c.status, coalesce((SELECT u.status FROM commitment_updates u "
	"WHERE u.commitment_id = c.id ORDER BY u.id DESC LIMIT 1), "
	"c.status), "
	"(SELECT count(*) FROM commitment_updates u "
	"WHERE u.commitment_id = c.id), c.sdg, c.lang, "
	"e.status, e.full_name, e.locality, e.country "
	"FROM commitments c JOIN endorsements e ON e.id = c.endorsement_id "
	"WHERE c.receipt = ?",
	/* STMT_COMMITMENTS_OF: the reports on an endorsement's receipt. */
	"SELECT c.id, c.receipt, c.created_at, c.area, c.title, "
	"coalesce((SELECT u.status FROM commitment_updates u "
	"WHERE u.commitment_id = c.id ORDER BY u.id DESC LIMIT 1), "
	"c.status) "
	"FROM commitments c WHERE c.endorsement_id = ? ORDER BY c.id "
	"LIMIT 500",
	/* STMT_UPDATE_BY_TOKEN */
	"SELECT commitment_id, fields_hash FROM commitment_updates "
	"WHERE form_token = ?",
	/* STMT_UPDATE_ADD */
	"INSERT INTO commitment_updates (commitment_id, form_token, "
	"fields_hash, status, narrative) VALUES (?, ?, ?, ?, ?) "
	"RETURNING id, created_at",
	/* STMT_UPDATES_OF */
	"SELECT id, created_at, status, narrative FROM commitment_updates "
	"WHERE commitment_id = ? ORDER BY id LIMIT 1000",
	/* STMT_WITHDRAW */
	"UPDATE endorsements SET status = 'withdrawn', "
	"withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
	"WHERE id = ? AND status <> 'withdrawn'",
	/* STMT_WITHDRAW_CHANGE */
	"INSERT INTO status_changes (endorsement_id, old_status, new_status, "
	"reason, user_id) VALUES (?, ?, 'withdrawn', "
	"'withdrawn by the signer', NULL)",
	/* STMT_WITHDRAW_AUDIT */
	"INSERT INTO audit_log (actor, action, target) "
	"VALUES ('signer', 'endorsement.withdraw', ?)",
	/*
	 * The public lists, a page at a time, newest (highest id) first,
	 * below the keyset ?1, at most ?2 rows.  Each walks one index of
	 * the list table backwards and stops after ?2 rows: see
	 * doc/QUERY-PLANS.md.  ?3 is the country or continent.
	 */
	/* STMT_LIST_SIGNATORIES */
	"SELECT e.id, e.full_name, e.role, e.role_other, e.locality, "
	"e.country, e.created_at FROM signatory_list s "
	"CROSS JOIN endorsements e WHERE e.id = s.endorsement_id "
	"AND s.endorsement_id < ?1 "
	"ORDER BY s.endorsement_id DESC LIMIT ?2",
	/* STMT_LIST_SIGNATORIES_COUNTRY */
	"SELECT e.id, e.full_name, e.role, e.role_other, e.locality, "
	"e.country, e.created_at FROM signatory_list s "
	"CROSS JOIN endorsements e WHERE e.id = s.endorsement_id "
	"AND s.country = ?3 AND s.endorsement_id < ?1 "
	"ORDER BY s.endorsement_id DESC LIMIT ?2",
	/* STMT_LIST_SIGNATORIES_CONTINENT */
	"SELECT e.id, e.full_name, e.role, e.role_other, e.locality, "
	"e.country, e.created_at FROM signatory_list s "
	"CROSS JOIN endorsements e WHERE e.id = s.endorsement_id "
	"AND s.continent = ?3 AND s.endorsement_id < ?1 "
	"ORDER BY s.endorsement_id DESC LIMIT ?2",
	/* STMT_LIST_REPORTS: ?4 area and ?5 status, NULL for any. */
	"SELECT l.commitment_id, e.full_name, e.role, e.role_other, "
	"e.locality, e.country, c.created_at, c.title, l.area, l.status, "
	"c.target_date FROM commitment_list l "
	"CROSS JOIN commitments c CROSS JOIN endorsements e "
	"WHERE c.id = l.commitment_id AND e.id = l.endorsement_id "
	"AND l.commitment_id < ?1 "
	"AND (?4 IS NULL OR l.area = ?4) AND (?5 IS NULL OR l.status = ?5) "
	"ORDER BY l.commitment_id DESC LIMIT ?2",
	/* STMT_LIST_REPORTS_COUNTRY */
	"SELECT l.commitment_id, e.full_name, e.role, e.role_other, "
	"e.locality, e.country, c.created_at, c.title, l.area, l.status, "
	"c.target_date FROM commitment_list l "
	"INDEXED BY commitment_list_country "
	"CROSS JOIN commitments c CROSS JOIN endorsements e "
	"WHERE c.id = l.commitment_id AND e.id = l.endorsement_id "
	"AND l.country = ?3 AND l.commitment_id < ?1 "
	"AND (?4 IS NULL OR l.area = ?4) AND (?5 IS NULL OR l.status = ?5) "
	"ORDER BY l.commitment_id DESC LIMIT ?2",
	/* STMT_LIST_REPORTS_CONTINENT */
	"SELECT l.commitment_id, e.full_name, e.role, e.role_other, "
	"e.locality, e.country, c.created_at, c.title, l.area, l.status, "
	"c.target_date FROM commitment_list l "
	"INDEXED BY commitment_list_continent "
	"CROSS JOIN commitments c CROSS JOIN endorsements e "
	"WHERE c.id = l.commitment_id AND e.id = l.endorsement_id "
	"AND l.continent = ?3 AND l.commitment_id < ?1 "
	"AND (?4 IS NULL OR l.area = ?4) AND (?5 IS NULL OR l.status = ?5) "
	"ORDER BY l.commitment_id DESC LIMIT ?2",
	/* STMT_LIST_REPORTS_AREA */
	"SELECT l.commitment_id, e.full_name, e.role, e.role_other, "
	"e.locality, e.country, c.created_at, c.title, l.area, l.status, "
	"c.target_date FROM commitment_list l "
	"INDEXED BY commitment_list_area "
	"CROSS JOIN commitments c CROSS JOIN endorsements e "
	"WHERE c.id = l.commitment_id AND e.id = l.endorsement_id "
	"AND l.area = ?4 AND l.commitment_id < ?1 "
	"AND (?4 IS NULL OR l.area = ?4) AND (?5 IS NULL OR l.status = ?5) "
	"ORDER BY l.commitment_id DESC LIMIT ?2",
	/* STMT_LIST_REPORTS_STATUS */
	"SELECT l.commitment_id, e.full_name, e.role, e.role_other, "
	"e.locality, e.country, c.created_at, c.title, l.area, l.status, "
	"c.target_date FROM commitment_list l "
	"INDEXED BY commitment_list_status "
	"CROSS JOIN commitments c CROSS JOIN endorsements e "
	"WHERE c.id = l.commitment_id AND e.id = l.endorsement_id "
	"AND l.status = ?5 AND l.commitment_id < ?1 "
	"AND (?4 IS NULL OR l.area = ?4) AND (?5 IS NULL OR l.status = ?5) "
	"ORDER BY l.commitment_id DESC LIMIT ?2",
	/* STMT_LIST_COUNTS: from the table the triggers keep. */
	"SELECT key, n FROM list_counts WHERE list = ? AND n > 0 "
	"ORDER BY key LIMIT 16",
	/* STMT_COMMITMENT_BY_ID */
	"SELECT endorsement_id FROM commitments WHERE id = ?",
	/* Events */
	/* STMT_EVENT_ADD */
	"INSERT INTO events (name, date, place, token) VALUES (?, ?, ?, ?) "
	"RETURNING id, created_at",
	/* STMT_EVENT_BY_TOKEN */
	"SELECT id, name, date, place, token, closed_at, created_at "
	"FROM events WHERE token = ?",
	/* STMT_EVENT_BY_ID */
	"SELECT id, name, date, place, token, closed_at, created_at "
	"FROM events WHERE id = ?",
	/* STMT_EVENT_CLOSE */
	"UPDATE events SET closed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
	"WHERE id = ? AND closed_at IS NULL",
	/* STMT_EVENT_OPEN: checked inside the insert's transaction. */
	"SELECT 1 FROM events WHERE id = ? AND closed_at IS NULL",
	/* STMT_CONFIRM_SET: the first confirmation only; its ledger entry
	 * follows in the same transaction (db_confirm_set). */
	[STMT_CONFIRM_SET] =
	"UPDATE endorsements SET confirmed_at = " NOW " "
	"WHERE id = ? AND confirmed_at IS NULL",

	/* ---- schema version 2: keys, declaration versions, ledger ---- */
	/* STMT_DECL_CURRENT: the newest version published, in language ?1
	 * or else in English. */
	[STMT_DECL_CURRENT] =
	"SELECT version, sha256 FROM declaration_texts "
	"WHERE declaration_id = 1 AND version = (SELECT max(version) "
	"FROM declaration_versions WHERE declaration_id = 1 "
	"AND published_at <= " NOW ") "
	"AND lang IN (?1, 'en') ORDER BY lang = ?1 DESC LIMIT 1",
	/* STMT_DECL_GET: version ?1 (0: the current one), language ?2 or
	 * else English. */
	[STMT_DECL_GET] =
	"SELECT t.version, t.lang, t.text, t.sha256, v.published_at "
	"FROM declaration_texts t JOIN declaration_versions v "
	"ON v.declaration_id = t.declaration_id AND v.version = t.version "
	"WHERE t.declaration_id = 1 AND t.version = CASE WHEN ?1 > 0 THEN ?1 "
	"ELSE (SELECT max(version) FROM declaration_versions "
	"WHERE declaration_id = 1 AND published_at <= " NOW ") END "
	"AND t.lang IN (?2, 'en') ORDER BY t.lang = ?2 DESC LIMIT 1",
	[STMT_DECL_LIST] =
	"SELECT t.version, t.lang, t.sha256, v.published_at, length(t.text) "
	"FROM declaration_texts t JOIN declaration_versions v "
	"ON v.declaration_id = t.declaration_id AND v.version = t.version "
	"WHERE t.declaration_id = 1 ORDER BY t.version, t.lang",
	[STMT_DECL_MAX] =
	"SELECT coalesce(max(version), 0) FROM declaration_versions "
	"WHERE declaration_id = 1",
	[STMT_DECL_VERSION_ADD] =
	"INSERT INTO declaration_versions (declaration_id, version) "
	"VALUES (1, ?)",
	[STMT_DECL_TEXT_ADD] =
	"INSERT INTO declaration_texts (declaration_id, version, lang, text, "
	"sha256) VALUES (1, ?, ?, ?, ?)",
	[STMT_KEY_CURRENT] =
	"SELECT 1 FROM signing_keys WHERE key_id = ? AND valid_until IS NULL",
	[STMT_KEYS] =
	"SELECT key_id, public_key, valid_from, coalesce(valid_until, '') "
	"FROM signing_keys ORDER BY valid_from, key_id",
	[STMT_KEY_RETIRE] =
	"UPDATE signing_keys SET valid_until = " NOW " "
	"WHERE valid_until IS NULL",
	[STMT_KEY_ADD] =
	"INSERT INTO signing_keys (key_id, public_key, valid_from) "
	"VALUES (?, ?, " NOW ")",
	[STMT_LEDGER_LAST] =
	"SELECT seq, entry_sha256 FROM ledger ORDER BY seq DESC LIMIT 1",
	[STMT_LEDGER_ADD] =
	"INSERT INTO ledger (seq, kind, ref, event_sha256, prev_sha256, "
	"entry_sha256, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_LEDGER_ALL] =
	"SELECT seq, kind, ref, event_sha256, prev_sha256, entry_sha256, "
	"key_id, signature FROM ledger ORDER BY seq",
	/* STMT_LEDGER_OF_RECEIPT: the signed records of receipt ?1, oldest
	 * first: the endorsement, its confirmation and its withdrawal, or
	 * the report and its updates.  Each part is an index lookup. */
	[STMT_LEDGER_OF_RECEIPT] =
	"SELECT l.seq, l.kind, l.ref, l.key_id, l.signature FROM ledger l "
	"WHERE l.kind = 'endorsement' AND l.ref = "
	"(SELECT id FROM endorsements WHERE receipt = ?1) "
	"UNION ALL SELECT l.seq, l.kind, l.ref, l.key_id, l.signature "
	"FROM status_changes s JOIN ledger l ON l.kind = 'withdrawal' "
	"AND l.ref = s.id WHERE s.endorsement_id = "
	"(SELECT id FROM endorsements WHERE receipt = ?1) "
	"UNION ALL SELECT l.seq, l.kind, l.ref, l.key_id, l.signature "
	"FROM ledger l WHERE l.kind = 'commitment' AND l.ref = "
	"(SELECT id FROM commitments WHERE receipt = ?1) "
	"UNION ALL SELECT l.seq, l.kind, l.ref, l.key_id, l.signature "
	"FROM commitment_updates u JOIN ledger l ON l.kind = 'update' "
	"AND l.ref = u.id WHERE u.commitment_id = "
	"(SELECT id FROM commitments WHERE receipt = ?1) "
	"UNION ALL SELECT l.seq, l.kind, l.ref, l.key_id, l.signature "
	"FROM ledger l WHERE l.kind = 'confirmation' AND l.ref = "
	"(SELECT id FROM endorsements WHERE receipt = ?1) "
	"ORDER BY 1",
	/*
	 * The canonical records (doc/RECEIPTS.md): one statement a kind,
	 * whose columns are the record's fields, named and in order.  The
	 * same statement makes the record that is signed and the one that
	 * "ledger verify" rebuilds, so the two cannot drift apart.
	 */
	[STMT_REC_ENDORSEMENT] =
	"SELECT 'endorsement' AS kind, e.receipt AS receipt, "
	"e.created_at AS time, d.slug AS declaration, "
	"e.declaration_version AS declaration_version, "
	"e.declaration_sha256 AS declaration_sha256, "
	"e.full_name AS full_name, e.role AS role, "
	"e.role_other AS role_other, e.government_level AS government_level, "
	"e.locality AS locality, e.region AS region, e.country AS country, "
	"e.email AS email, e.organisation AS organisation, "
	"CASE e.listed WHEN 1 THEN 'true' ELSE 'false' END AS listed, "
	"CASE e.consent WHEN 1 THEN 'true' ELSE 'false' END AS consent, "
	"ev.name AS event, sha256hex(e.signature) AS signature_sha256, "
	"e.lang AS lang "
	"FROM endorsements e JOIN declarations d ON d.id = e.declaration_id "
	"LEFT JOIN events ev ON ev.id = e.event_id WHERE e.id = ?",
	[STMT_REC_COMMITMENT] =
	"SELECT 'commitment' AS kind, c.receipt AS receipt, "
	"c.created_at AS time, c.area AS area, c.title AS title, "
	"c.description AS description, c.means AS means, "
	"c.indicators AS indicators, c.target_date AS target_date, "
	"c.status AS status, c.sdg AS sdg, c.lang AS lang "
	"FROM commitments c WHERE c.id = ?",
	[STMT_REC_UPDATE] =
	"SELECT 'update' AS kind, c.receipt AS receipt, u.created_at AS time, "
	"u.status AS status, u.narrative AS narrative "
	"FROM commitment_updates u JOIN commitments c "
	"ON c.id = u.commitment_id WHERE u.id = ?",
	[STMT_REC_WITHDRAWAL] =
	"SELECT 'withdrawal' AS kind, e.receipt AS receipt, "
	"s.created_at AS time FROM status_changes s "
	"JOIN endorsements e ON e.id = s.endorsement_id WHERE s.id = ?",
	[STMT_REC_MODERATION] =
	"SELECT 'moderation' AS kind, e.receipt AS receipt, "
	"s.created_at AS time, s.old_status AS old_status, "
	"s.new_status AS new_status, s.reason AS reason, u.name AS by "
	"FROM status_changes s JOIN endorsements e ON e.id = s.endorsement_id "
	"LEFT JOIN admin_users u ON u.id = s.user_id WHERE s.id = ?",
	/* A confirmation's event is its endorsement's row: with
	 * confirmed_at cleared the event is gone. */
	[STMT_REC_CONFIRMATION] =
	"SELECT 'confirmation' AS kind, e.receipt AS receipt, "
	"e.confirmed_at AS time FROM endorsements e "
	"WHERE e.id = ? AND e.confirmed_at IS NOT NULL",
	/* The events stored before the ledger took their kind (all of a
	 * version 1 database; the confirmations before version 5), oldest
	 * first: their migration leaves a flag until they are in. */
	[STMT_BACKFILL_PENDING] =
	"SELECT 1 FROM meta WHERE key = 'ledger_backfill'",
	/* Numbered as enum lkind.  Also "ledger verify"'s list of the
	 * events that must each have an entry. */
	[STMT_BACKFILL_EVENTS] =
	"SELECT e.k, e.ref FROM ("
	"SELECT 0 AS k, id AS ref, created_at AS t FROM endorsements "
	"UNION ALL SELECT 1, id, created_at FROM commitments "
	"UNION ALL SELECT 2, id, created_at FROM commitment_updates "
	"UNION ALL SELECT CASE WHEN user_id IS NULL AND "
	"new_status = 'withdrawn' THEN 3 ELSE 4 END, id, created_at "
	"FROM status_changes "
	"UNION ALL SELECT 5, id, confirmed_at FROM endorsements "
	"WHERE confirmed_at IS NOT NULL) e "
	"WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.ref = e.ref AND "
	"l.kind = CASE e.k WHEN 0 THEN 'endorsement' WHEN 1 THEN 'commitment' "
	"WHEN 2 THEN 'update' WHEN 3 THEN 'withdrawal' WHEN 4 THEN "
	"'moderation' ELSE 'confirmation' END) "
	"ORDER BY e.t, e.k, e.ref",
	[STMT_BACKFILL_DONE] =
	"DELETE FROM meta WHERE key = 'ledger_backfill'",
	/* ---- admin console ------------- */
	[STMT_Q0 + DBQ_USER_BY_NAME] =
	"SELECT id, role, pwhash, disabled FROM admin_users WHERE name = ?",
	[STMT_Q0 + DBQ_USER_ADD] =
	"INSERT INTO admin_users (name, role, pwhash) VALUES (?, ?, ?)",
	[STMT_Q0 + DBQ_USER_PASSWD] =
	"UPDATE admin_users SET pwhash = ? WHERE name = ?",
	[STMT_Q0 + DBQ_USER_LIST] =
	"SELECT name, role, disabled, created_at FROM admin_users ORDER BY name",
	[STMT_Q0 + DBQ_USER_SESSIONS_DEL] =
	"DELETE FROM sessions WHERE user_id = "
	"(SELECT id FROM admin_users WHERE name = ?)",
	[STMT_Q0 + DBQ_SESSION_ADD] =
	"INSERT INTO sessions (user_id, token_hash) VALUES (?, ?)",
	[STMT_Q0 + DBQ_SESSION_GET] =
	"SELECT u.id, u.name, u.role, s.id, s.last_seen < " AGO("-60 seconds")
	" FROM sessions s JOIN admin_users u ON u.id = s.user_id "
	"WHERE s.token_hash = ? AND u.disabled = 0 "
	"AND s.last_seen >= " AGO(SESSION_IDLE) " "
	"AND s.created_at >= " AGO(SESSION_MAX),
	[STMT_Q0 + DBQ_SESSION_TOUCH] =
	"UPDATE sessions SET last_seen = " NOW " WHERE id = ?",
	[STMT_Q0 + DBQ_SESSION_DEL] =
	"DELETE FROM sessions WHERE id = ?",
	[STMT_Q0 + DBQ_SESSION_PURGE] =
	"DELETE FROM sessions WHERE last_seen < " AGO(SESSION_IDLE)
	" OR created_at < " AGO(SESSION_MAX),
	[STMT_Q0 + DBQ_AUDIT_ADD] =
	"INSERT INTO audit_log (actor, action, target, detail, client) "
	"VALUES (?, ?, ?, ?, ?)",
	[STMT_Q0 + DBQ_AUDIT_LIST] =
	"SELECT id, created_at, actor, action, target, detail, client "
	"FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?",
	[STMT_Q0 + DBQ_AUDIT_COUNT] =
	"SELECT count(*) FROM audit_log",
	[STMT_Q0 + DBQ_FAIL_ADD] =
	"INSERT INTO login_failures (username, client) VALUES (?, ?)",
	[STMT_Q0 + DBQ_FAIL_COUNT] =
	"SELECT (SELECT count(*) FROM login_failures WHERE username = ?1 "
	"AND created_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?3)), "
	"(SELECT count(*) FROM login_failures WHERE client = ?2 "
	"AND created_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?3)), "
	"(SELECT CAST(strftime('%s', 'now') AS INTEGER) - "
	"CAST(strftime('%s', max(created_at)) AS INTEGER) "
	"FROM login_failures WHERE username = ?1)",
	[STMT_Q0 + DBQ_FAIL_CLEAR] =
	"DELETE FROM login_failures WHERE username = ?",
	[STMT_Q0 + DBQ_FAIL_PURGE] =
	"DELETE FROM login_failures WHERE created_at < "
	"strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?)",
	[STMT_Q0 + DBQ_E_LIST] =
	"SELECT e.id, e.receipt, e.created_at, e.status, e.full_name, e.role, "
	"e.role_other, e.locality, e.country, e.email, ev.name, "
	"EXISTS (SELECT 1 FROM endorsements d WHERE " E_DUP("d") "), "
	"e.confirmed_at, " E_OFFICIAL("e") " "
	"FROM endorsements e LEFT JOIN events ev ON ev.id = e.event_id "
	"WHERE " E_FILTER("e.created_at") " ORDER BY e.id DESC LIMIT ?10 OFFSET ?11",
	[STMT_Q0 + DBQ_E_COUNT] =
	"SELECT count(*) FROM endorsements e WHERE " E_FILTER("e.created_at"),
	[STMT_Q0 + DBQ_E_EXPORT] =
	"SELECT e.id, e.receipt, e.created_at, e.status, e.full_name, e.role, "
	"e.role_other, e.government_level, e.locality, e.region, e.country, "
	"e.email, e.organisation, e.listed, ev.name, e.lang, e.confirmed_at, "
	E_OFFICIAL("e") ", "
	"e.declaration_version, e.declaration_sha256 "
	"FROM endorsements e LEFT JOIN events ev ON ev.id = e.event_id "
	"WHERE " E_FILTER("e.created_at") " ORDER BY e.id",
	[STMT_Q0 + DBQ_C_EXPORT] =
	"SELECT c.id, c.receipt, e.receipt, c.created_at, c.area, c.title, "
	"c.description, c.means, c.indicators, c.target_date, " C_STATUS ", "
	"c.sdg, (SELECT count(*) FROM commitment_updates u "
	"WHERE u.commitment_id = c.id) "
	"FROM commitments c JOIN endorsements e ON e.id = c.endorsement_id "
	"WHERE " E_FILTER("c.created_at") " AND (?10 IS NULL OR " C_STATUS
	" = ?10) ORDER BY c.id",
	[STMT_Q0 + DBQ_E_RECEIPT] =
	"SELECT receipt FROM endorsements WHERE id = ?",
	[STMT_Q0 + DBQ_E_DUPLICATES] =
	"SELECT d.id, d.receipt, d.created_at, d.status, d.full_name, d.role, "
	"d.role_other, d.government_level, d.locality, d.region, d.country, "
	"d.email, d.organisation, d.listed "
	"FROM endorsements e JOIN endorsements d ON " E_DUP("d")
	" WHERE e.id = ? ORDER BY d.id LIMIT 10",
	[STMT_Q0 + DBQ_E_HISTORY] =
	"SELECT s.created_at, s.old_status, s.new_status, s.reason, "
	"coalesce(u.name, '') FROM status_changes s "
	"LEFT JOIN admin_users u ON u.id = s.user_id "
	"WHERE s.endorsement_id = ? ORDER BY s.id",
	[STMT_Q0 + DBQ_E_REPORTS] =
	"SELECT c.receipt, c.created_at, c.area, c.title, " C_STATUS " "
	"FROM commitments c WHERE c.endorsement_id = ? ORDER BY c.id",
	[STMT_Q0 + DBQ_E_STATUS] =
	"SELECT status FROM endorsements WHERE id = ?",
	[STMT_Q0 + DBQ_E_STATUS_SET] =
	"UPDATE endorsements SET status = ?1 WHERE id = ?2 "
	"AND status NOT IN ('withdrawn', ?1)",
	[STMT_Q0 + DBQ_STATUS_CHANGE_ADD] =
	"INSERT INTO status_changes (endorsement_id, old_status, new_status, "
	"reason, user_id) VALUES (?, ?, ?, ?, ?)",
	[STMT_Q0 + DBQ_DASH_STATUS] =
	"SELECT status, sum(n) FROM endorsement_counts GROUP BY status",
	[STMT_Q0 + DBQ_DASH_COUNTRY] =
	"SELECT country, sum(n) AS t FROM endorsement_counts "
	"WHERE status IN ('pending', 'verified') GROUP BY country "
	"HAVING t > 0 ORDER BY t DESC, country",
	[STMT_Q0 + DBQ_DASH_DAY] =
	"SELECT * FROM (SELECT substr(created_at, 1, 10) AS day, count(*) "
	"FROM endorsements GROUP BY day ORDER BY day DESC LIMIT 30) "
	"ORDER BY day",
	[STMT_Q0 + DBQ_DASH_REPORTS] =
	"SELECT area, st, count(*) FROM (SELECT c.area AS area, " C_STATUS
	" AS st FROM commitments c) GROUP BY area, st ORDER BY area, st",
	[STMT_Q0 + DBQ_EVENT_LIST] =
	"SELECT ev.id, ev.name, ev.date, ev.place, ev.token, ev.closed_at, "
	"(SELECT count(*) FROM endorsements e WHERE e.event_id = ev.id) "
	"FROM events ev ORDER BY ev.id DESC",
	/* ---- e-mail confirmation, the outbox, official domains ---- */
	[STMT_Q0 + DBQ_CONFIRM_ADD] =
	"INSERT INTO confirm_tokens (endorsement_id, token_hash, expires_at) "
	"VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+30 days'))",
	[STMT_Q0 + DBQ_OUTBOX_ADD] =
	"INSERT INTO outbox (endorsement_id, recipient, token) VALUES (?, ?, ?)",
	[STMT_Q0 + DBQ_CONFIRM_GET] =
	"SELECT e.id, e.receipt, e.full_name, e.locality, e.country, e.lang, "
	"e.confirmed_at, e.status, t.expires_at < " NOW " "
	"FROM confirm_tokens t JOIN endorsements e ON e.id = t.endorsement_id "
	"WHERE t.token_hash = ?",
	[STMT_Q0 + DBQ_OUTBOX_DUE] =
	"SELECT o.id, o.recipient, o.token, o.attempts, e.receipt, "
	"e.full_name, e.lang FROM outbox o "
	"JOIN endorsements e ON e.id = o.endorsement_id "
	"WHERE o.status = 'queued' AND o.next_attempt_at <= " NOW " "
	"ORDER BY o.next_attempt_at, o.id LIMIT ?",
	[STMT_Q0 + DBQ_OUTBOX_SENT] =
	"UPDATE outbox SET status = 'sent', token = NULL, sent_at = " NOW ", "
	"attempts = attempts + 1, last_error = '' "
	"WHERE id = ? AND status = 'queued'",
	[STMT_Q0 + DBQ_OUTBOX_FAIL] =
	"UPDATE outbox SET attempts = attempts + 1, last_error = substr(?2, 1, 500), "
	"next_attempt_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?3), "
	"status = CASE WHEN ?4 THEN 'failed' ELSE 'queued' END "
	"WHERE id = ?1 AND status = 'queued'",
	[STMT_Q0 + DBQ_OUTBOX_LIST] =
	"SELECT o.id, o.status, o.attempts, o.recipient, e.receipt, "
	"o.created_at, o.next_attempt_at, o.sent_at, o.last_error "
	"FROM outbox o JOIN endorsements e ON e.id = o.endorsement_id "
	"WHERE (?1 IS NULL OR o.status = ?1) ORDER BY o.id DESC LIMIT ?2",
	[STMT_Q0 + DBQ_OUTBOX_COUNTS] =
	"SELECT status, count(*) FROM outbox GROUP BY status ORDER BY status",
	[STMT_Q0 + DBQ_OUTBOX_REQUEUE] =
	"UPDATE outbox SET status = 'queued', attempts = 0, "
	"next_attempt_at = " NOW " WHERE status = 'failed'",
	[STMT_Q0 + DBQ_DOMAIN_ADD] =
	"INSERT INTO official_domains (domain, country) VALUES (?, ?)",
	[STMT_Q0 + DBQ_DOMAIN_DEL] =
	"DELETE FROM official_domains WHERE domain = ?",
	[STMT_Q0 + DBQ_DOMAIN_LIST] =
	"SELECT domain, country, created_at FROM official_domains "
	"ORDER BY domain",
	[STMT_Q0 + DBQ_E_OFFICIAL_CHANGES] =
	"INSERT INTO status_changes (endorsement_id, old_status, new_status, "
	"reason, user_id) SELECT e.id, e.status, 'verified', "
	"'confirmed e-mail in an official domain', ?1 FROM endorsements e "
	"WHERE e.status = 'pending' AND e.confirmed_at IS NOT NULL AND "
	E_OFFICIAL("e") " ORDER BY e.id RETURNING id",
	[STMT_Q0 + DBQ_E_OFFICIAL_VERIFY] =
	"UPDATE endorsements AS e SET status = 'verified' "
	"WHERE e.status = 'pending' AND e.confirmed_at IS NOT NULL AND "
	E_OFFICIAL("e"),
	[STMT_Q0 + DBQ_DASH_CONFIRMED] =
	"SELECT (SELECT count(*) FROM endorsements e "
	"WHERE e.status IN ('pending', 'verified') "
	"AND e.confirmed_at IS NOT NULL), "
	"(SELECT count(*) FROM endorsements e "
	"WHERE e.status IN ('pending', 'verified') AND " E_OFFICIAL("e") "), "
	"(SELECT count(*) FROM outbox WHERE status = 'queued'), "
	"(SELECT count(*) FROM outbox WHERE status = 'failed')",
	[STMT_Q0 + DBQ_LIST_VERSION] =
	"SELECT n FROM list_version WHERE id = 1",
	[STMT_Q0 + DBQ_META_GET] =
	"SELECT value FROM meta WHERE key = ?",
	[STMT_Q0 + DBQ_META_SET] =
	"INSERT INTO meta (key, value) VALUES (?1, ?2) "
	"ON CONFLICT (key) DO UPDATE SET value = ?2 WHERE value IS NOT ?2",
	/*
	 * Open data: only what the public lists show, from the tables that
	 * hold the verified, listed rows; the columns are export.c's
	 * s_columns and p_columns, in order.
	 */
	[STMT_Q0 + DBQ_OPEN_SIGNATORIES] =
	"SELECT " OPEN_SIGNATORY " FROM signatory_list s "
	"CROSS JOIN endorsements e WHERE e.id = s.endorsement_id "
	"AND (?1 IS NULL OR s.country = ?1) "
	"AND (?2 IS NULL OR s.continent = ?2) ORDER BY s.endorsement_id",
	[STMT_Q0 + DBQ_OPEN_COMMITMENTS] =
	"SELECT " OPEN_SIGNATORY ", c.area, c.title, c.description, c.means, "
	"c.indicators, c.target_date, l.status, c.sdg, "
	"(SELECT count(*) FROM commitment_updates u "
	"WHERE u.commitment_id = c.id), c.created_at "
	"FROM commitment_list l CROSS JOIN commitments c "
	"CROSS JOIN endorsements e "
	"WHERE c.id = l.commitment_id AND e.id = l.endorsement_id "
	"AND (?1 IS NULL OR l.country = ?1) "
	"AND (?2 IS NULL OR l.continent = ?2) "
	"AND (?3 IS NULL OR l.area = ?3) AND (?4 IS NULL OR l.status = ?4) "
	"ORDER BY l.commitment_id",
};

struct db {
	sqlite3		*h;
	sqlite3_stmt	*stmt[STMT__MAX];
	char		*wal_path;	/* the database's "-wal" file */
	int		 wal_fd;	/* open on it, for fdatasync */
	dev_t		 wal_dev;
	ino_t		 wal_ino;
	int		 batch;		/* between db_batch_begin and _end */
	int		 open;		/* the batch's transaction is open */
	int		 in_tx;		/* in db_tx_begin/_commit */
	struct sitekey	*key;		/* signs receipts; NULL: none here */
	/* Waiting for the lock (busy_wait). */
	long		 busy_ms;	/* how long one wait may last */
	struct timespec	 busy_start;	/* when the current wait began */
	int		 busy_gave_up;	/* a wait timed out: give up at once
					 * until db_busy_reset or the next
					 * batch, so a batch never waits
					 * for the lock once per request */
	int		 busy_hit;	/* a wait timed out since the reset */
	/*
	 * The current declaration text of each language, read once per
	 * transaction (decl_current): every endorsement a batch commits is
	 * made against the text current when the batch began, and the
	 * others of the batch do not ask again.
	 */
	unsigned long	 tx;		/* transactions begun (BEGIN) */
	struct decl_cache {
		unsigned long	tx;	/* read in this transaction; 0: never */
		char		lang[8];
		long long	version;
		char		sha256[SHA256_HEX_LEN + 1];
	}		 decl[4];
	/* The signing key's file was looked at in this transaction: a
	 * rotated key is taken up at the next batch, not each entry. */
	unsigned long	 key_tx;
	/* The batch's endorsements whose ledger entries wait for their
	 * signatures (db_sign_async); NULL: each is signed inline. */
	struct lq	*lq;
	int		 lq_mark;	/* queued before the savepoint */
	/*
	 * The home page's counts, kept while nothing was written: no other
	 * connection committed (PRAGMA data_version) and this one changed
	 * no row (sqlite3_total_changes64).  The counts table holds a row
	 * per status and country, so with signatories from two hundred
	 * countries the query reads hundreds of rows; the check reads none.
	 */
	struct db_stats	 stats;
	long long	 stats_dv;	/* data_version they were read at */
	long long	 stats_changes;	/* total_changes they were read at */
	int		 stats_ok;
};

static void	lq_stop(struct lq *);

/*
 * Wait for the write lock in steps of 100 microseconds, for up to five
 * seconds.  SQLite's own busy handler sleeps 1, 2, 5, 10... milliseconds,
 * far longer than a commit holds the lock (one fsync), so under load the
 * workers would sleep while the lock sits free.  With a struct db (the
 * long-lived connections) the wait is measured on the clock, so that a
 * request that cannot have the lock is answered within a known time.
 */
static int
busy_wait(void *arg, int n)
{
	struct timespec	 ts = { 0, 100 * 1000 }, now;
	struct db	*db = arg;
	long		 ms;

	if (db == NULL) {
		if (n >= 50000)
			return 0;
		nanosleep(&ts, NULL);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (n == 0) {
		if (db->busy_gave_up) {
			db->busy_hit = 1;
			return 0;
		}
		db->busy_start = now;
	}
	ms = (now.tv_sec - db->busy_start.tv_sec) * 1000 +
	    (now.tv_nsec - db->busy_start.tv_nsec) / 1000000;
	if (ms >= db->busy_ms) {
		logmsg("database: no lock within %ld ms: giving up", ms);
		db->busy_gave_up = db->busy_hit = 1;
		return 0;
	}
	nanosleep(&ts, NULL);
	return 1;
}

/* Settings every connection needs, whoever opens it. */
static int
db_pragmas(sqlite3 *h)
{
	char	*err = NULL;

	/*
	 * synchronous=FULL: in WAL mode every commit is fsync'ed before
	 * sqlite3_step returns, so a receipt is never sent for a row a
	 * power cut could take back.  (db_open's long-lived connections
	 * switch to NORMAL and sync the WAL themselves: see wal_sync.)
	 */
	if (sqlite3_exec(h,
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA trusted_schema = OFF;",
	    NULL, NULL, &err) != SQLITE_OK) {
		logmsg("database settings: %s", err);
		sqlite3_free(err);
		return -1;
	}
	/* Writers queue for the lock instead of failing at once. */
	sqlite3_busy_handler(h, busy_wait, NULL);
	return 0;
}

/* sha256hex(X): the SHA-256 of X's bytes in lower-case hex; NULL for NULL. */
static void
sql_sha256hex(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char	hex[SHA256_HEX_LEN + 1];

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	sha256_hex(sqlite3_value_blob(argv[0]),
	    (size_t)sqlite3_value_bytes(argv[0]), hex);
	sqlite3_result_text(ctx, hex, SHA256_HEX_LEN, SQLITE_TRANSIENT);
}

static sqlite3 *
db_connect(const char *path, int flags)
{
	sqlite3	*h = NULL;

	if (db_vfs_register() == -1) {
		logmsg("%s: cannot register the WAL VFS", path);
		return NULL;
	}
	if (sqlite3_open_v2(path, &h, flags, NULL) != SQLITE_OK) {
		logmsg("%s: %s", path, h ? sqlite3_errmsg(h) : "out of memory");
		sqlite3_close(h);
		return NULL;
	}
	sqlite3_extended_result_codes(h, 1);
	/* The canonical records hash the kiosk's drawn signature. */
	if (sqlite3_create_function(h, "sha256hex", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_sha256hex,
	    NULL, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return NULL;
	}
	if (db_pragmas(h) == -1) {
		sqlite3_close(h);
		return NULL;
	}
	return h;
}

static int
user_version(sqlite3 *h)
{
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL)
	    != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int
db_migrate(const char *path, int *from, int *to)
{
	sqlite3	*h;
	char	*err = NULL, sql[64];
	int	 v, i, rc = -1;

	if ((h = db_connect(path,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) == NULL)
		return -1;
	/* WAL is a property of the file: set once, kept by every opener. */
	if (sqlite3_exec(h, "PRAGMA journal_mode = WAL", NULL, NULL, &err)
	    != SQLITE_OK) {
		logmsg("%s: journal_mode: %s", path, err);
		goto out;
	}
	if (sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK) {
		logmsg("%s: %s", path, err);
		goto out;
	}
	if ((v = user_version(h)) < 0 || v > DB_VERSION) {
		logmsg("%s: schema version %d is not one this program knows "
		    "(it knows up to %d)", path, v, DB_VERSION);
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
		goto out;
	}
	*from = v;
	for (i = v; i < DB_VERSION; i++) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", i + 1);
		if (sqlite3_exec(h, migrations[i], NULL, NULL, &err)
		    != SQLITE_OK ||
		    (migrations_data[i] != NULL &&
		    migrations_data[i](h) == -1) ||
		    sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK) {
			logmsg("%s: migration to version %d: %s", path, i + 1,
			    err);
			sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
			goto out;
		}
	}
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, &err) != SQLITE_OK) {
		logmsg("%s: %s", path, err);
		goto out;
	}
	*to = DB_VERSION;
	rc = 0;
out:
	sqlite3_free(err);
	sqlite3_close(h);
	return rc;
}

struct db *
db_open(const char *path)
{
	struct db	*db;
	int		 i, v;

	if ((db = calloc(1, sizeof(*db))) == NULL) {
		logerr("calloc");
		return NULL;
	}
	db->wal_fd = -1;
	if (asprintf(&db->wal_path, "%s-wal", path) == -1) {
		db->wal_path = NULL;
		goto fail;
	}
	/* One thread uses the connection: no mutex around each call. */
	if ((db->h = db_connect(path,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX)) == NULL)
		goto fail;
	/*
	 * Commits write the WAL; wal_sync makes them durable, outside the
	 * write lock, so that workers' syncs overlap.  Statement journals
	 * (a savepoint per request) stay in memory instead of a temporary
	 * file made, written and unlinked per batch.
	 *
	 * A checkpoint every 10,000 pages (40 MiB of WAL) instead of
	 * SQLite's 1,000: a page changed by many commits in between is
	 * copied to the database once, and the commit that runs the
	 * checkpoint waits for it (and its sync of the database file) ten
	 * times less often.  Measured: a quarter more durable POSTs a
	 * second (doc/PERFORMANCE.md).  The WAL file is reused from its
	 * start after each checkpoint and cut back to 64 MiB if a large
	 * transaction made it longer.
	 */
	if (sqlite3_exec(db->h,
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA wal_autocheckpoint = 10000;"
	    "PRAGMA journal_size_limit = 67108864;"
	    "PRAGMA temp_store = MEMORY;",
	    NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	db->busy_ms = DB_BUSY_MS;
	sqlite3_busy_handler(db->h, busy_wait, db);
	if ((v = user_version(db->h)) != DB_VERSION) {
		logmsg("%s: schema version %d, this program needs %d: "
		    "run \"endorsectl init\"", path, v, DB_VERSION);
		goto fail;
	}
	for (i = 0; i < STMT__MAX; i++)
		if (sqlite3_prepare_v3(db->h, stmt_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &db->stmt[i], NULL)
		    != SQLITE_OK) {
			logmsg("prepare %d: %s", i, sqlite3_errmsg(db->h));
			goto fail;
		}
	return db;
fail:
	db_close(db);
	return NULL;
}

void
db_close(struct db *db)
{
	int	i;

	if (db == NULL)
		return;
	lq_stop(db->lq);
	for (i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(db->stmt[i]);
	sqlite3_close(db->h);
	if (db->wal_fd != -1)
		close(db->wal_fd);
	free(db->wal_path);
	free(db);
}

enum lkind {
	LK_ENDORSEMENT,
	LK_COMMITMENT,
	LK_UPDATE,
	LK_WITHDRAWAL,
	LK_MODERATION,
	LK_CONFIRMATION,
	LK__MAX
};
static int	ledger_append(struct db *, enum lkind, long long ref);
static int	ledger_add(struct db *, enum lkind, long long ref, int sign);
static int	lq_full(const struct lq *);
static int	lq_count(struct lq *);
static void	lq_truncate(struct lq *, int);
static int	lq_drain(struct db *);
static int	decl_current(struct db *, struct endorsement *);

/* The statement, reset and with its bindings cleared, ready to bind. */
static sqlite3_stmt *
stmt(struct db *db, enum stmt s)
{
	sqlite3_reset(db->stmt[s]);
	sqlite3_clear_bindings(db->stmt[s]);
	return db->stmt[s];
}

/* Run a statement that returns no rows; 0 on success. */
static int
exec1(struct db *db, enum stmt s)
{
	sqlite3_stmt	*st = stmt(db, s);
	int		 rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		logmsg("%s: %s", stmt_sql[s], sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

/*
 * A write's transaction.  Outside a batch: BEGIN IMMEDIATE ... COMMIT.
 * In a batch: the batch's transaction is opened by its first write and
 * each write is a savepoint in it, so one request's failure undoes only
 * that request; db_batch_end commits them all at once.
 */
static int
tx_begin_q(struct db *db, int queue)
{
	/* Inside a caller's transaction (db_tx_begin): a savepoint in it. */
	if (db->in_tx)
		return exec1(db, STMT_SAVEPOINT);
	if (!db->batch) {
		db->tx++;
		return exec1(db, STMT_BEGIN);
	}
	if (!db->open) {
		db->tx++;
		if (exec1(db, STMT_BEGIN) == -1)
			return -1;
		db->open = 1;
	}
	/*
	 * Entries waiting for their signatures are appended here, between
	 * two savepoints: before any other event's, which may concern the
	 * same endorsement, and never inside a savepoint that could still
	 * be rolled back.
	 */
	if (db->lq != NULL && (!queue || lq_full(db->lq)) &&
	    lq_drain(db) == -1)
		return -1;
	db->lq_mark = db->lq != NULL ? lq_count(db->lq) : 0;
	return exec1(db, STMT_SAVEPOINT);
}

static int
tx_begin(struct db *db)
{
	return tx_begin_q(db, 0);
}

/*
 * Make every commit so far durable: fdatasync the WAL file.
 *
 * Group commit across processes.  With synchronous=FULL SQLite syncs
 * the WAL inside COMMIT, while it holds the write lock, so commits of all
 * workers queue behind one fsync each.  Here COMMIT only writes the WAL
 * (synchronous=NORMAL) and releases the lock; each worker then syncs the
 * file before it answers.  A sync covers every frame written to the file
 * before it began, its own included, and the kernel merges the syncs that
 * overlap, so one disk flush serves many commits.  Nothing is answered
 * before the sync has returned.
 */
static int
wal_sync(struct db *db)
{
	struct stat	 st;
	char		*slash, dir[4096];
	int		 dfd;

	/* The WAL is made anew if every connection closed: follow it. */
	if (stat(db->wal_path, &st) == -1) {
		logerr("%s", db->wal_path);
		return -1;
	}
	if (db->wal_fd == -1 || st.st_dev != db->wal_dev ||
	    st.st_ino != db->wal_ino) {
		if (db->wal_fd != -1)
			close(db->wal_fd);
		if ((db->wal_fd = open(db->wal_path,
		    O_RDONLY | O_CLOEXEC)) == -1) {
			logerr("%s", db->wal_path);
			return -1;
		}
		db->wal_dev = st.st_dev;
		db->wal_ino = st.st_ino;
		/* A new file's name must survive too: sync its directory. */
		snprintf(dir, sizeof(dir), "%s", db->wal_path);
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		else
			snprintf(dir, sizeof(dir), ".");
		if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC))
		    != -1) {
			if (fsync(dfd) == -1)
				logerr("fsync %s", dir);
			close(dfd);
		}
	}
	if (fdatasync(db->wal_fd) == -1) {
		logerr("fdatasync %s", db->wal_path);
		return -1;
	}
	return 0;
}

static int
tx_commit(struct db *db)
{
	if (db->batch || db->in_tx)
		return exec1(db, STMT_RELEASE);
	if (exec1(db, STMT_COMMIT) == -1)
		return -1;
	return wal_sync(db) == -1 ? -2 : 0;
}

static void
tx_rollback(struct db *db)
{
	int	rc;

	/* After a failed COMMIT or an I/O error (a full disk) SQLite may
	 * have rolled the transaction back itself: nothing is left to undo,
	 * and a batch's own COMMIT then fails and says so. */
	if (sqlite3_get_autocommit(db->h))
		return;
	if (db->batch || db->in_tx)
		rc = exec1(db, STMT_ROLLBACK_TO) | exec1(db, STMT_RELEASE);
	else
		rc = exec1(db, STMT_ROLLBACK);
	if (rc != 0)
		logmsg("rollback failed");
	/* The savepoint's own entry, if it queued one, is gone with it. */
	if (db->batch && db->lq != NULL)
		lq_truncate(db->lq, db->lq_mark);
}

/* End a write: commit (DB_OK) or roll back and return res. */
static enum db_res
tx_end(struct db *db, enum db_res res)
{
	if (res != DB_OK) {
		tx_rollback(db);
		return res;
	}
	switch (tx_commit(db)) {
	case 0:
		return DB_OK;
	case -2:
		return DB_ERROR;	/* committed, durability unknown */
	default:
		tx_rollback(db);
		return DB_ERROR;
	}
}

void
db_batch_begin(struct db *db)
{
	db->batch = 1;
	db->open = 0;
	db->busy_gave_up = db->busy_hit = 0;
}

void
db_busy_reset(struct db *db)
{
	db->busy_hit = 0;
	if (!db->batch)
		db->busy_gave_up = 0;
}

int
db_busy(struct db *db)
{
	return db->busy_hit;
}

int
db_batch_end(struct db *db)
{
	int	open = db->open;

	db->batch = db->open = 0;
	if (!open)
		return 0;
	if ((db->lq != NULL && lq_drain(db) == -1) ||
	    exec1(db, STMT_COMMIT) == -1) {
		/* SQLite may have rolled back already (an I/O error). */
		if (!sqlite3_get_autocommit(db->h) &&
		    exec1(db, STMT_ROLLBACK) == -1)
			logmsg("rollback of a failed batch failed");
		return -1;
	}
	/* The batch's sync is the caller's (db_sync): if it fails the rows
	 * may or may not last, the answers become 503s, and a resend finds
	 * its receipt. */
	return 1;
}

int
db_sync(struct db *db)
{
	return wal_sync(db);
}

static int
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/*
 * Step an INSERT ... RETURNING id and reset it: SQLITE_DONE with *id set,
 * or the error code (logged as "what").
 */
static int
insert_id(struct db *db, sqlite3_stmt *st, const char *what, long long *id)
{
	int	rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		logmsg("%s: %s", what, sqlite3_errmsg(db->h));
	return rc;
}

/* Column i as a string in the arena; NULL for SQL NULL. */
static const char *
col_text(struct arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char	*p;

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	p = sqlite3_column_text(st, i);
	return arena_strndup(a, p ? (const char *)p : "",
	    (size_t)sqlite3_column_bytes(st, i));
}

int
db_secret(struct db *db, unsigned char key[SECRET_LEN])
{
	sqlite3_stmt	*st = stmt(db, STMT_SECRET);
	int		 rc = -1;

	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_bytes(st, 0) == SECRET_LEN) {
		memcpy(key, sqlite3_column_blob(st, 0), SECRET_LEN);
		rc = 0;
	} else
		logmsg("the site secret is missing from the database");
	sqlite3_reset(st);
	return rc;
}

long long
db_list_version(struct db *db)
{
	sqlite3_stmt	*st;
	long long	 v = -1;

	st = stmt(db, (enum stmt)(STMT_Q0 + DBQ_LIST_VERSION));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		logmsg("list version: %s", sqlite3_errmsg(db->h));
	sqlite3_reset(st);
	return v;
}

/*
 * In WAL mode a reader never waits for a writer, so a read alone would
 * answer while another process holds the write lock for minutes.  The
 * ping takes the write lock (BEGIN IMMEDIATE, no write, ROLLBACK) within
 * DB_PING_MS, and reads a table under it.  Inside a transaction of ours
 * the lock is held already: the read is enough.
 */
int
db_ping(struct db *db)
{
	sqlite3_stmt	*st;
	long		 saved = db->busy_ms;
	int		 rc, own = !db->open && !db->in_tx;

	if (own) {
		db->busy_ms = DB_PING_MS;
		db->tx++;
		rc = exec1(db, STMT_BEGIN);
		db->busy_ms = saved;
		if (rc == -1)
			return -1;
	}
	st = stmt(db, STMT_PING);
	rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
	sqlite3_reset(st);
	if (own && exec1(db, STMT_ROLLBACK) == -1)
		rc = -1;
	return rc;
}

/*
 * Inside an open transaction: a form token already spent on a row of
 * the table stmt "by" reads (receipt or id, fields hash, owner id)?
 * DB_NOTFOUND; DB_EXISTS when hash and owner match (column 0, a receipt
 * code, copied to receipt if not NULL); DB_CONFLICT otherwise.  An
 * owner_col of -1: the row has no owner to match.
 */
static enum db_res
spent_token(struct db *db, enum stmt by, const char *token,
    const unsigned char hash[32], long long owner, int owner_col,
    char receipt[RECEIPT_LEN + 1])
{
	sqlite3_stmt	*st = stmt(db, by);
	enum db_res	 res;
	int		 rc;

	bind_text(st, 1, token);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		res = DB_NOTFOUND;
	else if (rc != SQLITE_ROW) {
		logmsg("find form token: %s", sqlite3_errmsg(db->h));
		res = DB_ERROR;
	} else if (sqlite3_column_bytes(st, 1) == 32 &&
	    memcmp(sqlite3_column_blob(st, 1), hash, 32) == 0 &&
	    (owner_col < 0 || sqlite3_column_int64(st, owner_col) == owner)) {
		res = DB_EXISTS;
		if (receipt != NULL) {
			if (sqlite3_column_bytes(st, 0) == RECEIPT_LEN)
				memcpy(receipt, sqlite3_column_text(st, 0),
				    RECEIPT_LEN + 1);
			else
				res = DB_ERROR;
		}
	} else
		res = DB_CONFLICT;
	sqlite3_reset(st);
	return res;
}

/* Reserve a fresh receipt code in the shared namespace (the statement
 * says of which kind). */
static int
receipt_add(struct db *db, enum stmt add, char code[RECEIPT_LEN + 1])
{
	sqlite3_stmt	*st;
	int		 tries, rc;

	/* 100 random bits: a collision is a bug, but costs only a retry. */
	for (tries = 0; tries < 4; tries++) {
		receipt_new(code);
		st = stmt(db, add);
		bind_text(st, 1, code);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_CONSTRAINT_PRIMARYKEY) {
			logmsg("add receipt: %s", sqlite3_errmsg(db->h));
			return -1;
		}
	}
	return -1;
}

/* DB_OK if the event is open, DB_CLOSED if closed or gone. */
static enum db_res
event_open(struct db *db, long long id)
{
	sqlite3_stmt	*st = stmt(db, STMT_EVENT_OPEN);
	int		 rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	if (rc == SQLITE_DONE)
		return DB_CLOSED;
	logmsg("event open: %s", sqlite3_errmsg(db->h));
	return DB_ERROR;
}

static sqlite3_stmt	*query(struct db *, enum dbq, const struct dbparam *,
			    size_t);

/* Run a write of the query table inside the current transaction. */
static int
query_run(struct db *db, enum dbq q, const struct dbparam *p, size_t n)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = query(db, q, p, n)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		logmsg("query %d: %s", (int)q, sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

/*
 * A new endorsement's confirmation: a token of 256 random bits, its hash
 * kept for 30 days, and the mail that carries it queued in the outbox.
 * The raw token stays only in the outbox row, until the mail is sent.
 */
static int
confirm_queue(struct db *db, const struct endorsement *e)
{
	char		 tok[B64_TOKEN_LEN + 1];
	unsigned char	 hash[CONFIRM_KEY_LEN];
	struct dbparam	 p[3];
	int		 rc;

	confirm_token_new(tok);
	if (confirm_token_key(tok, hash) == -1)
		return -1;
	p[0] = DBP_I(e->id);
	p[1] = DBP_B(hash, sizeof(hash));
	rc = query_run(db, DBQ_CONFIRM_ADD, p, 2);
	p[1] = DBP_S(e->email);
	p[2] = DBP_S(tok);
	if (rc == 0)
		rc = query_run(db, DBQ_OUTBOX_ADD, p, 3);
	return rc;
}

enum db_res
db_endorsement_add(struct db *db, struct endorsement *e)
{
	sqlite3_stmt	*st;
	enum db_res	 res;

	if (tx_begin_q(db, 1) == -1)
		return DB_ERROR;
	/* The event (0: none) is part of what the token submitted. */
	res = spent_token(db, STMT_ENDORSEMENT_BY_TOKEN, e->form_token,
	    e->hash, e->event_id > 0 ? e->event_id : 0, 2, e->receipt);
	if (res != DB_NOTFOUND)
		return tx_end(db, res == DB_OK ? DB_ERROR : res);
	/* An event closed since its kiosk page checked takes nothing more
	 * (a form it stored before it closed is found above). */
	if (e->event_id > 0 && (res = event_open(db, e->event_id)) != DB_OK)
		return tx_end(db, res);
	if (receipt_add(db, STMT_RECEIPT_ADD, e->receipt) == -1)
		return tx_end(db, DB_ERROR);
	st = stmt(db, STMT_ENDORSEMENT_ADD);
	bind_text(st, 1, e->receipt);
	bind_text(st, 2, e->form_token);
	sqlite3_bind_blob(st, 3, e->hash, sizeof(e->hash), SQLITE_STATIC);
	bind_text(st, 4, e->full_name);
	bind_text(st, 5, e->role);
	bind_text(st, 6, e->role_other);
	bind_text(st, 7, e->government_level);
	bind_text(st, 8, e->locality);
	bind_text(st, 9, e->region);
	bind_text(st, 10, e->country);
	bind_text(st, 11, e->email);
	bind_text(st, 12, e->organisation);
	sqlite3_bind_int(st, 13, e->listed != 0);
	sqlite3_bind_int(st, 14, e->consent != 0);
	bind_text(st, 15, e->signature);
	if (e->event_id > 0)
		sqlite3_bind_int64(st, 16, e->event_id);
	bind_text(st, 17, e->lang);
	if (decl_current(db, e) == -1)
		return tx_end(db, DB_ERROR);
	sqlite3_bind_int64(st, 18, e->decl_version);
	bind_text(st, 19, e->decl_sha256);
	if (insert_id(db, st, "add endorsement", &e->id) != SQLITE_DONE)
		return tx_end(db, DB_ERROR);
	if (ledger_append(db, LK_ENDORSEMENT, e->id) == -1)
		return tx_end(db, DB_ERROR);
	if (confirm_queue(db, e) == -1)
		return tx_end(db, DB_ERROR);
	/* The receipt exists for the caller only once COMMIT and the sync
	 * returned (in a batch: once db_batch_end returned 0). */
	return tx_end(db, DB_OK);
}

enum db_res
db_endorsement_get(struct db *db, struct arena *a, const char *receipt,
    struct endorsement *e)
{
	sqlite3_stmt	*st = stmt(db, STMT_ENDORSEMENT_GET);
	enum db_res	 res;
	const char	*code;
	int		 rc;

	memset(e, 0, sizeof(*e));
	bind_text(st, 1, receipt);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		res = DB_NOTFOUND;
	else if (rc != SQLITE_ROW) {
		logmsg("get endorsement: %s", sqlite3_errmsg(db->h));
		res = DB_ERROR;
	} else {
		e->id = sqlite3_column_int64(st, 0);
		code = col_text(a, st, 1);
		if (code != NULL)
			snprintf(e->receipt, sizeof(e->receipt), "%s", code);
		e->created_at = col_text(a, st, 2);
		e->status = col_text(a, st, 3);
		e->withdrawn_at = col_text(a, st, 4);
		e->full_name = col_text(a, st, 5);
		e->role = col_text(a, st, 6);
		e->role_other = col_text(a, st, 7);
		e->government_level = col_text(a, st, 8);
		e->locality = col_text(a, st, 9);
		e->region = col_text(a, st, 10);
		e->country = col_text(a, st, 11);
		e->email = col_text(a, st, 12);
		e->organisation = col_text(a, st, 13);
		e->listed = sqlite3_column_int(st, 14);
		e->consent = sqlite3_column_int(st, 15);
		e->signature = col_text(a, st, 16);
		e->event_id = sqlite3_column_int64(st, 17);
		e->event_name = col_text(a, st, 18);
		e->lang = col_text(a, st, 19);
		e->decl_version = sqlite3_column_int64(st, 20);
		if (sqlite3_column_type(st, 21) == SQLITE_TEXT &&
		    sqlite3_column_bytes(st, 21) == SHA256_HEX_LEN)
			memcpy(e->decl_sha256, sqlite3_column_text(st, 21),
			    SHA256_HEX_LEN + 1);
		e->confirmed_at = col_text(a, st, 22);
		res = (e->status == NULL || e->full_name == NULL) ?
		    DB_ERROR : DB_OK;
	}
	sqlite3_reset(st);
	return res;
}

int
db_stats(struct db *db, struct db_stats *s)
{
	sqlite3_stmt	*st = stmt(db, STMT_DATA_VERSION);
	long long	 dv = -1, changes = sqlite3_total_changes64(db->h);
	int		 rc = -1;

	memset(s, 0, sizeof(*s));
	/* Read before the counts: a commit in between makes the next call
	 * read them again, never keeps counts older than the version. */
	if (sqlite3_step(st) == SQLITE_ROW)
		dv = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (db->stats_ok && dv != -1 && dv == db->stats_dv &&
	    changes == db->stats_changes) {
		*s = db->stats;
		return 0;
	}
	db->stats_ok = 0;
	st = stmt(db, STMT_STATS);
	if (sqlite3_step(st) == SQLITE_ROW) {
		s->endorsements = sqlite3_column_int64(st, 0);
		s->verified = sqlite3_column_int64(st, 1);
		s->countries = sqlite3_column_int64(st, 2);
		rc = 0;
	} else
		logmsg("stats: %s", sqlite3_errmsg(db->h));
	sqlite3_reset(st);
	if (rc == 0 && dv != -1) {
		db->stats = *s;
		db->stats_dv = dv;
		db->stats_changes = changes;
		db->stats_ok = 1;
	}
	return rc;
}

/* ---- commitments, withdrawal, public lists ----------------------------- */

static int	exec_id(struct db *, enum stmt, long long, const char *);

enum db_res
db_receipt_kind(struct db *db, const char *receipt, enum receipt_kind *kind)
{
	sqlite3_stmt	*st = stmt(db, STMT_RECEIPT_KIND);
	const char	*k;
	enum db_res	 res;
	int		 rc;

	bind_text(st, 1, receipt);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		res = DB_NOTFOUND;
	else if (rc != SQLITE_ROW) {
		logmsg("receipt kind: %s", sqlite3_errmsg(db->h));
		res = DB_ERROR;
	} else {
		k = (const char *)sqlite3_column_text(st, 0);
		res = DB_OK;
		if (k != NULL && strcmp(k, "commitment") == 0)
			*kind = RK_COMMITMENT;
		else
			*kind = RK_ENDORSEMENT;
	}
	sqlite3_reset(st);
	return res;
}

/* Inside an open transaction: DB_OK if the endorsement takes reports. */
static enum db_res
endorsement_open(struct db *db, long long id)
{
	sqlite3_stmt	*st = stmt(db, STMT_ENDORSEMENT_STATUS);
	const char	*status;
	enum db_res	 res;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		logmsg("endorsement %lld: %s", id, sqlite3_errmsg(db->h));
		res = DB_ERROR;
	} else {
		status = (const char *)sqlite3_column_text(st, 0);
		res = status != NULL && (strcmp(status, "withdrawn") == 0 ||
		    strcmp(status, "rejected") == 0) ? DB_CLOSED : DB_OK;
	}
	sqlite3_reset(st);
	return res;
}


enum db_res
db_commitment_add(struct db *db, struct commitment *c)
{
	sqlite3_stmt	*st;
	enum db_res	 res;
	int		 rc;

	if (tx_begin(db) == -1)
		return DB_ERROR;
	res = spent_token(db, STMT_COMMITMENT_BY_TOKEN, c->form_token,
	    c->hash, c->endorsement_id, 2, c->receipt);
	if (res != DB_NOTFOUND)
		return tx_end(db, res == DB_OK ? DB_ERROR : res);
	/* Withdrawn since the handler looked: nothing is stored. */
	if ((res = endorsement_open(db, c->endorsement_id)) != DB_OK)
		return tx_end(db, res);
	if (receipt_add(db, STMT_COMMITMENT_RECEIPT_ADD, c->receipt) == -1)
		return tx_end(db, DB_ERROR);
	st = stmt(db, STMT_COMMITMENT_ADD);
	sqlite3_bind_int64(st, 1, c->endorsement_id);
	bind_text(st, 2, c->receipt);
	bind_text(st, 3, c->form_token);
	sqlite3_bind_blob(st, 4, c->hash, sizeof(c->hash), SQLITE_STATIC);
	bind_text(st, 5, c->area);
	bind_text(st, 6, c->title);
	bind_text(st, 7, c->description);
	bind_text(st, 8, c->means);
	bind_text(st, 9, c->indicators);
	bind_text(st, 10, c->target_date);
	bind_text(st, 11, c->status);
	bind_text(st, 12, c->sdg);
	bind_text(st, 13, c->lang);
	rc = insert_id(db, st, "add commitment", &c->id);
	if (rc == SQLITE_DONE &&
	    ledger_append(db, LK_COMMITMENT, c->id) == -1)
		rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE) {
		return tx_end(db, DB_ERROR);
	}
	return tx_end(db, DB_OK);
}

enum db_res
db_commitment_get(struct db *db, struct arena *a, const char *receipt,
    struct commitment *c)
{
	sqlite3_stmt	*st = stmt(db, STMT_COMMITMENT_GET);
	const char	*code;
	enum db_res	 res;
	int		 rc;

	memset(c, 0, sizeof(*c));
	bind_text(st, 1, receipt);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		res = DB_NOTFOUND;
	else if (rc != SQLITE_ROW) {
		logmsg("get commitment: %s", sqlite3_errmsg(db->h));
		res = DB_ERROR;
	} else {
		c->id = sqlite3_column_int64(st, 0);
		c->endorsement_id = sqlite3_column_int64(st, 1);
		if ((code = col_text(a, st, 2)) != NULL)
			snprintf(c->receipt, sizeof(c->receipt), "%s", code);
		c->created_at = col_text(a, st, 3);
		c->area = col_text(a, st, 4);
		c->title = col_text(a, st, 5);
		c->description = col_text(a, st, 6);
		c->means = col_text(a, st, 7);
		c->indicators = col_text(a, st, 8);
		c->target_date = col_text(a, st, 9);
		c->status = col_text(a, st, 10);
		c->latest = col_text(a, st, 11);
		c->nupdates = sqlite3_column_int64(st, 12);
		c->sdg = col_text(a, st, 13);
		c->lang = col_text(a, st, 14);
		c->e_status = col_text(a, st, 15);
		c->e_full_name = col_text(a, st, 16);
		c->e_locality = col_text(a, st, 17);
		c->e_country = col_text(a, st, 18);
		res = (c->latest == NULL || c->title == NULL ||
		    c->e_status == NULL || c->description == NULL ||
		    c->means == NULL || c->indicators == NULL ||
		    c->sdg == NULL || c->area == NULL ||
		    c->e_full_name == NULL || c->e_locality == NULL ||
		    c->e_country == NULL) ? DB_ERROR : DB_OK;
	}
	sqlite3_reset(st);
	return res;
}

int
db_commitments_of(struct db *db, struct arena *a, long long eid,
    struct commitment **out, size_t *n)
{
	sqlite3_stmt		*st = stmt(db, STMT_COMMITMENTS_OF);
	struct commitment	*c;
	const char		*code;
	int			 rc;

	*n = 0;
	if ((*out = arena_calloc(a, DB_REPORTS_MAX, sizeof(**out))) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, eid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < DB_REPORTS_MAX) {
		c = &(*out)[(*n)++];
		c->id = sqlite3_column_int64(st, 0);
		if ((code = col_text(a, st, 1)) != NULL)
			snprintf(c->receipt, sizeof(c->receipt), "%s", code);
		c->created_at = col_text(a, st, 2);
		c->area = col_text(a, st, 3);
		c->title = col_text(a, st, 4);
		c->latest = col_text(a, st, 5);
		if (c->area == NULL || c->title == NULL || c->latest == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		logmsg("reports of %lld: %s", eid, sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

enum db_res
db_update_add(struct db *db, struct cupdate *u)
{
	sqlite3_stmt	*st;
	enum db_res	 res;
	long long	 eid;
	int		 rc;

	if (tx_begin(db) == -1)
		return DB_ERROR;
	res = spent_token(db, STMT_UPDATE_BY_TOKEN, u->form_token, u->hash,
	    u->commitment_id, 0, NULL);
	if (res != DB_NOTFOUND)
		return tx_end(db, res == DB_OK ? DB_ERROR : res);
	/* The endorsement of the report must still take follow-ups. */
	st = stmt(db, STMT_COMMITMENT_BY_ID);
	sqlite3_bind_int64(st, 1, u->commitment_id);
	rc = sqlite3_step(st);
	eid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (eid == 0) {
		logmsg("update of report %lld: %s", u->commitment_id,
		    rc == SQLITE_DONE ? "no such report" :
		    sqlite3_errmsg(db->h));
		return tx_end(db, DB_ERROR);
	}
	if ((res = endorsement_open(db, eid)) != DB_OK)
		return tx_end(db, res);
	st = stmt(db, STMT_UPDATE_ADD);
	sqlite3_bind_int64(st, 1, u->commitment_id);
	bind_text(st, 2, u->form_token);
	sqlite3_bind_blob(st, 3, u->hash, sizeof(u->hash), SQLITE_STATIC);
	bind_text(st, 4, u->status);
	bind_text(st, 5, u->narrative);
	rc = insert_id(db, st, "add update", &u->id);
	if (rc == SQLITE_DONE && ledger_append(db, LK_UPDATE, u->id) == -1)
		rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE) {
		return tx_end(db, DB_ERROR);
	}
	return tx_end(db, DB_OK);
}

int
db_updates_of(struct db *db, struct arena *a, long long cid,
    struct cupdate **out, size_t *n)
{
	sqlite3_stmt	*st = stmt(db, STMT_UPDATES_OF);
	struct cupdate	*u;
	int		 rc;

	*n = 0;
	if ((*out = arena_calloc(a, DB_UPDATES_MAX, sizeof(**out))) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, cid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < DB_UPDATES_MAX) {
		u = &(*out)[(*n)++];
		u->id = sqlite3_column_int64(st, 0);
		u->commitment_id = cid;
		u->created_at = col_text(a, st, 1);
		u->status = col_text(a, st, 2);
		u->narrative = col_text(a, st, 3);
		if (u->status == NULL || u->narrative == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		logmsg("updates of %lld: %s", cid, sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

enum db_res
db_endorsement_withdraw(struct db *db, long long id, const char *receipt)
{
	sqlite3_stmt	*st;
	char		*old = NULL;
	int		 rc;

	if (tx_begin(db) == -1)
		return DB_ERROR;
	st = stmt(db, STMT_ENDORSEMENT_STATUS);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		old = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (old == NULL) {
		logmsg("withdraw %lld: %s", id, sqlite3_errmsg(db->h));
		return tx_end(db, DB_ERROR);
	}
	if (strcmp(old, "withdrawn") == 0) {
		free(old);
		return tx_end(db, DB_EXISTS);
	}
	rc = exec_id(db, STMT_WITHDRAW, id, NULL);
	if (rc == 0)
		rc = exec_id(db, STMT_WITHDRAW_CHANGE, id, old);
	if (rc == 0)
		rc = ledger_append(db, LK_WITHDRAWAL,
		    sqlite3_last_insert_rowid(db->h));
	free(old);
	if (rc == 0) {
		st = stmt(db, STMT_WITHDRAW_AUDIT);
		bind_text(st, 1, receipt);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
		sqlite3_reset(st);
	}
	if (rc == -1) {
		logmsg("withdraw %lld: %s", id, sqlite3_errmsg(db->h));
		return tx_end(db, DB_ERROR);
	}
	return tx_end(db, DB_OK);
}

/* Run statement s with ?1 = id and ?2 = text (if not NULL); 0 or -1. */
static int
exec_id(struct db *db, enum stmt s, long long id, const char *text)
{
	sqlite3_stmt	*st = stmt(db, s);
	int		 rc;

	sqlite3_bind_int64(st, 1, id);
	if (text != NULL)
		bind_text(st, 2, text);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Read the rows of a list statement, bound by the caller. */
static int
list_rows(struct db *db, struct arena *a, sqlite3_stmt *st, int reports,
    struct list_row *rows, size_t max, size_t *n)
{
	struct list_row	*w;
	int		 rc = SQLITE_DONE;

	*n = 0;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		w = &rows[(*n)++];
		memset(w, 0, sizeof(*w));
		w->id = sqlite3_column_int64(st, 0);
		w->full_name = col_text(a, st, 1);
		w->role = col_text(a, st, 2);
		w->role_other = col_text(a, st, 3);
		w->locality = col_text(a, st, 4);
		w->country = col_text(a, st, 5);
		w->created_at = col_text(a, st, 6);
		if (reports) {
			w->title = col_text(a, st, 7);
			w->area = col_text(a, st, 8);
			w->status = col_text(a, st, 9);
			w->target_date = col_text(a, st, 10);
			if (w->title == NULL || w->area == NULL ||
			    w->status == NULL)
				rc = SQLITE_NOMEM;
		}
		if (w->full_name == NULL || w->role == NULL ||
		    w->role_other == NULL || w->locality == NULL ||
		    w->country == NULL || w->created_at == NULL)
			rc = SQLITE_NOMEM;
		if (rc != SQLITE_ROW)
			break;
	}
	if (*n == max)
		rc = SQLITE_DONE;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		logmsg("list: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

/* ?1 the keyset (no upper bound when 0), ?2 the page size. */
static void
bind_page(sqlite3_stmt *st, const struct list_filter *f, size_t max)
{
	sqlite3_bind_int64(st, 1, f->before > 0 ? f->before : INT64_MAX);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
}

int
db_list_signatories(struct db *db, struct arena *a,
    const struct list_filter *f, struct list_row *rows, size_t max,
    size_t *n)
{
	sqlite3_stmt	*st;

	if (f->country != NULL) {
		st = stmt(db, STMT_LIST_SIGNATORIES_COUNTRY);
		bind_text(st, 3, f->country);
	} else if (f->continent != NULL) {
		st = stmt(db, STMT_LIST_SIGNATORIES_CONTINENT);
		bind_text(st, 3, f->continent);
	} else
		st = stmt(db, STMT_LIST_SIGNATORIES);
	bind_page(st, f, max);
	return list_rows(db, a, st, 0, rows, max, n);
}

/*
 * The narrowest filter drives (walks its index); the others are checked
 * on the rows it meets: country, then continent, area, status.
 */
int
db_list_reports(struct db *db, struct arena *a, const struct list_filter *f,
    struct list_row *rows, size_t max, size_t *n)
{
	sqlite3_stmt	*st;

	if (f->country != NULL) {
		st = stmt(db, STMT_LIST_REPORTS_COUNTRY);
		bind_text(st, 3, f->country);
	} else if (f->continent != NULL) {
		st = stmt(db, STMT_LIST_REPORTS_CONTINENT);
		bind_text(st, 3, f->continent);
	} else if (f->area != NULL)
		st = stmt(db, STMT_LIST_REPORTS_AREA);
	else if (f->status != NULL)
		st = stmt(db, STMT_LIST_REPORTS_STATUS);
	else
		st = stmt(db, STMT_LIST_REPORTS);
	bind_page(st, f, max);
	bind_text(st, 4, f->area);
	bind_text(st, 5, f->status);
	return list_rows(db, a, st, 1, rows, max, n);
}

int
db_list_counts(struct db *db, struct arena *a, const char *list,
    struct list_count out[DB_COUNTS_MAX], size_t *n)
{
	sqlite3_stmt	*st = stmt(db, STMT_LIST_COUNTS);
	int		 rc;

	*n = 0;
	bind_text(st, 1, list);
	while (*n < DB_COUNTS_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[*n].key = col_text(a, st, 0);
		out[*n].n = sqlite3_column_int64(st, 1);
		if (out[*n].key == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		(*n)++;
	}
	if (*n == DB_COUNTS_MAX)
		rc = SQLITE_DONE;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		logmsg("counts of %s: %s", list, sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

/* ---- events ------------------------------------------------------------- */

enum db_res
db_event_add(struct db *db, struct event *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (tx_begin(db) == -1)
		return DB_ERROR;
	st = stmt(db, STMT_EVENT_ADD);
	bind_text(st, 1, e->name);
	bind_text(st, 2, e->date);
	bind_text(st, 3, e->place);
	bind_text(st, 4, e->token);
	rc = insert_id(db, st, "add event", &e->id);
	if (rc != SQLITE_DONE)
		return tx_end(db, rc == SQLITE_CONSTRAINT_UNIQUE ? DB_EXISTS :
		    DB_ERROR);
	return tx_end(db, DB_OK);
}

/* The row of STMT_EVENT_BY_TOKEN or _BY_ID, stepped once. */
static enum db_res
event_row(struct db *db, struct arena *a, sqlite3_stmt *st,
    struct event *e)
{
	enum db_res	 res;
	int		 rc;

	memset(e, 0, sizeof(*e));
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		res = DB_NOTFOUND;
	else if (rc != SQLITE_ROW) {
		logmsg("get event: %s", sqlite3_errmsg(db->h));
		res = DB_ERROR;
	} else {
		e->id = sqlite3_column_int64(st, 0);
		e->name = col_text(a, st, 1);
		e->date = col_text(a, st, 2);
		e->place = col_text(a, st, 3);
		e->token = col_text(a, st, 4);
		e->closed_at = col_text(a, st, 5);
		e->created_at = col_text(a, st, 6);
		res = (e->name == NULL || e->token == NULL) ? DB_ERROR : DB_OK;
	}
	sqlite3_reset(st);
	return res;
}

enum db_res
db_event_by_token(struct db *db, struct arena *a, const char *token,
    struct event *e)
{
	sqlite3_stmt	*st = stmt(db, STMT_EVENT_BY_TOKEN);

	bind_text(st, 1, token);
	return event_row(db, a, st, e);
}

enum db_res
db_event_by_id(struct db *db, struct arena *a, long long id, struct event *e)
{
	sqlite3_stmt	*st = stmt(db, STMT_EVENT_BY_ID);

	sqlite3_bind_int64(st, 1, id);
	return event_row(db, a, st, e);
}

enum db_res
db_event_close(struct db *db, long long id)
{
	sqlite3_stmt	*st;
	struct arena	*a;
	struct event	 e;
	enum db_res	 res;
	int		 rc;

	if ((a = arena_new(1024)) == NULL)
		return DB_ERROR;
	if (tx_begin(db) == -1) {
		arena_free(a);
		return DB_ERROR;
	}
	if ((res = db_event_by_id(db, a, id, &e)) != DB_OK)
		goto rollback;
	if (e.closed_at != NULL) {
		res = DB_EXISTS;
		goto rollback;
	}
	st = stmt(db, STMT_EVENT_CLOSE);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		logmsg("close event: %s", sqlite3_errmsg(db->h));
		res = DB_ERROR;
		goto rollback;
	}
	res = DB_OK;
rollback:
	arena_free(a);
	return tx_end(db, res);
}

/* ---- admin console, exports, backups ------------------------------------ */

static int
bind_params(sqlite3_stmt *st, const struct dbparam *p, size_t n)
{
	size_t	i;
	int	rc = SQLITE_OK;

	for (i = 0; i < n && rc == SQLITE_OK; i++)
		switch (p[i].type) {
		case DBP_TEXT:
			rc = sqlite3_bind_text(st, (int)i + 1, p[i].s, -1,
			    SQLITE_STATIC);
			break;
		case DBP_INT:
			rc = sqlite3_bind_int64(st, (int)i + 1, p[i].i);
			break;
		case DBP_BLOB:
			rc = sqlite3_bind_blob(st, (int)i + 1, p[i].s,
			    (int)p[i].len, SQLITE_STATIC);
			break;
		default:
			rc = sqlite3_bind_null(st, (int)i + 1);
			break;
		}
	return rc == SQLITE_OK ? 0 : -1;
}

/* The statement of query q, reset, with its parameters bound. */
static sqlite3_stmt *
query(struct db *db, enum dbq q, const struct dbparam *p, size_t n)
{
	sqlite3_stmt	*st;

	if ((unsigned)q >= DBQ__MAX)
		return NULL;
	st = stmt(db, (enum stmt)(STMT_Q0 + q));
	if (bind_params(st, p, n) == -1) {
		logmsg("bind: %s", sqlite3_errmsg(db->h));
		return NULL;
	}
	return st;
}

/*
 * Rows of a read query, every cell a string in the arena (NULL for SQL
 * NULL; numbers as decimal text), row-major: cell[row * ncols + col].
 * Only the typed readers below look at cells by number.
 */
struct dbtable {
	size_t		  nrows;
	size_t		  ncols;
	const char	**cell;
};

#define DBT(t, row, col)	((t)->cell[(row) * (t)->ncols + (col)])

/* Run a read query and keep every row; -1 on error (logged). */
static int
db_table(struct db *db, struct arena *a, enum dbq q,
    const struct dbparam *p, size_t n, struct dbtable *t)
{
	sqlite3_stmt	 *st;
	const char	**cell;
	size_t		  cap = 16, i;
	int		  rc;

	memset(t, 0, sizeof(*t));
	if ((st = query(db, q, p, n)) == NULL)
		return -1;
	t->ncols = (size_t)sqlite3_column_count(st);
	if ((t->cell = arena_calloc(a, cap * t->ncols + 1, sizeof(char *)))
	    == NULL)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (t->nrows == cap) {
			cap *= 2;
			cell = arena_calloc(a, cap * t->ncols + 1,
			    sizeof(char *));
			if (cell == NULL)
				goto fail;
			memcpy(cell, t->cell,
			    t->nrows * t->ncols * sizeof(char *));
			t->cell = cell;
		}
		for (i = 0; i < t->ncols; i++)
			DBT(t, t->nrows, i) = col_text(a, st, (int)i);
		t->nrows++;
	}
	if (rc != SQLITE_DONE) {
		logmsg("query %d: %s", (int)q, sqlite3_errmsg(db->h));
		goto fail;
	}
	sqlite3_reset(st);
	return 0;
fail:
	sqlite3_reset(st);
	return -1;
}

int
db_each(struct db *db, enum dbq q, const struct dbparam *p, size_t n,
    int (*fn)(void *, const char *const *, size_t), void *arg)
{
	sqlite3_stmt	*st;
	const char	*vals[32];
	size_t		 ncols, i;
	int		 rc;

	if ((st = query(db, q, p, n)) == NULL)
		return -1;
	ncols = (size_t)sqlite3_column_count(st);
	if (ncols > sizeof(vals) / sizeof(vals[0])) {
		sqlite3_reset(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncols; i++)
			vals[i] = sqlite3_column_type(st, (int)i) ==
			    SQLITE_NULL ? NULL :
			    (const char *)sqlite3_column_text(st, (int)i);
		if (fn(arg, vals, ncols) == -1) {
			sqlite3_reset(st);
			return -1;
		}
	}
	if (rc != SQLITE_DONE)
		logmsg("query %d: %s", (int)q, sqlite3_errmsg(db->h));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}


/* Inside db_tx_begin/db_tx_commit, or a transaction of its own. */
enum db_res
db_run(struct db *db, enum dbq q, const struct dbparam *p, size_t n,
    long long *changes)
{
	sqlite3_stmt	*st;
	enum db_res	 res = DB_ERROR;
	int		 rc, own = !db->in_tx;

	if (own && db_tx_begin(db) == -1)
		return DB_ERROR;
	if ((st = query(db, q, p, n)) == NULL)
		goto out;
	/*
	 * A moderation decision is an event of the ledger, in the same
	 * transaction as its status_changes row; the one-action
	 * verification returns the ids of the rows it added (all of them
	 * are stored by the first step, so the ledger may grow meanwhile).
	 */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (q == DBQ_E_OFFICIAL_CHANGES && ledger_append(db,
		    LK_MODERATION, sqlite3_column_int64(st, 0)) == -1) {
			rc = SQLITE_ERROR;
			break;
		}
	if (rc == SQLITE_DONE && q == DBQ_STATUS_CHANGE_ADD &&
	    ledger_append(db, LK_MODERATION,
	    sqlite3_last_insert_rowid(db->h)) == -1)
		rc = SQLITE_ERROR;
	if (rc == SQLITE_DONE) {
		res = DB_OK;
		if (changes != NULL)
			*changes = sqlite3_changes(db->h);
	} else if ((rc & 0xff) == SQLITE_CONSTRAINT)
		res = DB_CONFLICT;
	else
		logmsg("query %d: %s", (int)q, sqlite3_errmsg(db->h));
	sqlite3_reset(st);
out:
	if (own) {
		if (res != DB_OK)
			db_tx_rollback(db);
		else if (db_tx_commit(db) == -1)
			res = DB_ERROR;
	}
	return res;
}

int
db_tx_begin(struct db *db)
{
	if (tx_begin(db) == -1)
		return -1;
	db->in_tx = 1;
	return 0;
}

int
db_tx_commit(struct db *db)
{
	int	rc;

	db->in_tx = 0;
	if ((rc = tx_commit(db)) == -1)
		tx_rollback(db);
	return rc == 0 ? 0 : -1;
}

void
db_tx_rollback(struct db *db)
{
	db->in_tx = 0;
	tx_rollback(db);
}

int
db_efilter(struct arena *a, const struct efilter *f,
    struct dbparam p[EFILTER_NPARAMS])
{
	struct buf	 b = { 0 };
	const char	*s, *like = NULL, *from;

	/* q matches anywhere: %q% with LIKE's own characters escaped. */
	if (f->q != NULL && *f->q != '\0') {
		buf_putc(&b, '%');
		for (s = f->q; *s != '\0'; s++) {
			if (*s == '%' || *s == '_' || *s == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *s);
		}
		buf_putc(&b, '%');
		if (buf_cstr(&b) == NULL ||
		    (like = arena_strdup(a, b.p)) == NULL) {
			buf_free(&b);
			return -1;
		}
		buf_free(&b);
	}
	p[0] = DBP_S(f->status && *f->status ? f->status : NULL);
	p[1] = DBP_S(f->country && *f->country ? f->country : NULL);
	p[2] = f->event > 0 ? DBP_I(f->event) : DBP_S(NULL);
	from = f->from && *f->from ? f->from : NULL;
	/* Both first days: the later one (YYYY-MM-DD sorts as text). */
	if (f->since != NULL && *f->since != '\0' &&
	    (from == NULL || strcmp(f->since, from) > 0))
		from = f->since;
	p[3] = DBP_S(from);
	p[4] = DBP_S(f->to && *f->to ? f->to : NULL);
	p[5] = DBP_S(like);
	p[6] = DBP_I(f->email != 0);
	p[7] = f->confirmed == 1 || f->confirmed == 2 ? DBP_I(f->confirmed) :
	    DBP_S(NULL);
	p[8] = f->official == 1 || f->official == 2 ? DBP_I(f->official) :
	    DBP_S(NULL);
	return 0;
}

/* ---- the console's reads, as typed rows ------------------------------- */

/* A cell as a number (0 for NULL). */
static long long
num(const char *s)
{
	return s != NULL ? strtoll(s, NULL, 10) : 0;
}

/*
 * Run a read query and make room for its rows as typed structs of size
 * sz (zeroed, in the arena): *out, and *n of them.  -1 on an error.
 */
static int
read_rows(struct db *db, struct arena *a, enum dbq q,
    const struct dbparam *p, size_t np, struct dbtable *t, size_t sz,
    void **out, size_t *n)
{
	*n = 0;
	if (db_table(db, a, q, p, np, t) == -1 ||
	    (*out = arena_calloc(a, t->nrows + 1, sz)) == NULL)
		return -1;
	*n = t->nrows;
	return 0;
}

/*
 * The columns the admin list and the duplicates both start with: id,
 * receipt, created_at, status, full_name, role, role_other.
 */
static void
endorsement_head(const struct dbtable *t, size_t i, struct endorsement *e)
{
	e->id = num(DBT(t, i, 0));
	snprintf(e->receipt, sizeof(e->receipt), "%s",
	    DBT(t, i, 1) != NULL ? DBT(t, i, 1) : "");
	e->created_at = DBT(t, i, 2);
	e->status = DBT(t, i, 3);
	e->full_name = DBT(t, i, 4);
	e->role = DBT(t, i, 5);
	e->role_other = DBT(t, i, 6);
}

enum db_res
db_session_get(struct db *db, struct arena *a,
    const unsigned char hash[SESSION_HASH_LEN], struct admin_session *s)
{
	struct dbparam	p[1];
	struct dbtable	t;

	p[0] = DBP_B(hash, SESSION_HASH_LEN);
	if (db_table(db, a, DBQ_SESSION_GET, p, 1, &t) == -1)
		return DB_ERROR;
	if (t.nrows != 1)
		return DB_NOTFOUND;
	s->user_id = num(DBT(&t, 0, 0));
	s->user = DBT(&t, 0, 1);
	s->role = DBT(&t, 0, 2);
	s->id = num(DBT(&t, 0, 3));
	s->stale = num(DBT(&t, 0, 4)) == 1;
	return DB_OK;
}

enum db_res
db_user_get(struct db *db, struct arena *a, const char *name,
    struct admin_user *u)
{
	struct dbparam	p[1];
	struct dbtable	t;

	p[0] = DBP_S(name);
	if (db_table(db, a, DBQ_USER_BY_NAME, p, 1, &t) == -1)
		return DB_ERROR;
	if (t.nrows != 1)
		return DB_NOTFOUND;
	memset(u, 0, sizeof(*u));
	u->id = num(DBT(&t, 0, 0));
	u->name = name;
	u->role = DBT(&t, 0, 1);
	u->pwhash = DBT(&t, 0, 2);
	u->disabled = num(DBT(&t, 0, 3)) != 0;
	return DB_OK;
}

int
db_users(struct db *db, struct arena *a, struct admin_user **out, size_t *n)
{
	struct dbtable	t;
	size_t		i;

	if (read_rows(db, a, DBQ_USER_LIST, NULL, 0, &t,
	    sizeof(**out), (void **)out, n) == -1)
		return -1;
	for (i = 0; i < *n; i++) {
		(*out)[i].name = DBT(&t, i, 0);
		(*out)[i].role = DBT(&t, i, 1);
		(*out)[i].disabled = num(DBT(&t, i, 2)) != 0;
		(*out)[i].created_at = DBT(&t, i, 3);
	}
	return 0;
}

int
db_login_failures(struct db *db, struct arena *a, const char *user,
    const char *client, const char *window, long long *nuser,
    long long *nclient, long long *age)
{
	struct dbparam	p[3];
	struct dbtable	t;

	p[0] = DBP_S(user);
	p[1] = DBP_S(client);
	p[2] = DBP_S(window);
	if (db_table(db, a, DBQ_FAIL_COUNT, p, 3, &t) == -1 || t.nrows != 1)
		return -1;
	*nuser = num(DBT(&t, 0, 0));
	*nclient = num(DBT(&t, 0, 1));
	*age = DBT(&t, 0, 2) != NULL ? num(DBT(&t, 0, 2)) : -1;
	return 0;
}

/* The one number a count query answers; -1 on an error. */
static int
count_of(struct db *db, struct arena *a, enum dbq q,
    const struct dbparam *p, size_t np, long long *n)
{
	struct dbtable	t;

	if (db_table(db, a, q, p, np, &t) == -1 || t.nrows != 1)
		return -1;
	*n = num(DBT(&t, 0, 0));
	return 0;
}

int
db_audit_page(struct db *db, struct arena *a, long long limit,
    long long offset, struct audit_entry **out, size_t *n)
{
	struct dbparam	p[2];
	struct dbtable	t;
	size_t		i;

	p[0] = DBP_I(limit);
	p[1] = DBP_I(offset);
	if (read_rows(db, a, DBQ_AUDIT_LIST, p, 2, &t,
	    sizeof(**out), (void **)out, n) == -1)
		return -1;
	for (i = 0; i < *n; i++) {
		(*out)[i].id = num(DBT(&t, i, 0));
		(*out)[i].created_at = DBT(&t, i, 1);
		(*out)[i].actor = DBT(&t, i, 2);
		(*out)[i].action = DBT(&t, i, 3);
		(*out)[i].target = DBT(&t, i, 4);
		(*out)[i].detail = DBT(&t, i, 5);
		(*out)[i].client = DBT(&t, i, 6);
	}
	return 0;
}

int
db_audit_count(struct db *db, struct arena *a, long long *n)
{
	return count_of(db, a, DBQ_AUDIT_COUNT, NULL, 0, n);
}

int
db_admin_list(struct db *db, struct arena *a, const struct efilter *f,
    long long limit, long long offset, struct endorsement **out, size_t *n)
{
	struct dbparam		 p[EFILTER_NPARAMS + 2];
	struct dbtable		 t;
	struct endorsement	*e;
	size_t			 i;

	if (db_efilter(a, f, p) == -1)
		return -1;
	p[EFILTER_NPARAMS] = DBP_I(limit);
	p[EFILTER_NPARAMS + 1] = DBP_I(offset);
	if (read_rows(db, a, DBQ_E_LIST, p, EFILTER_NPARAMS + 2, &t,
	    sizeof(**out), (void **)out, n) == -1)
		return -1;
	for (i = 0; i < *n; i++) {
		e = &(*out)[i];
		endorsement_head(&t, i, e);
		e->locality = DBT(&t, i, 7);
		e->country = DBT(&t, i, 8);
		e->email = DBT(&t, i, 9);
		e->event_name = DBT(&t, i, 10);
		e->duplicate = num(DBT(&t, i, 11)) != 0;
		e->confirmed_at = DBT(&t, i, 12);
		e->official = num(DBT(&t, i, 13)) != 0;
	}
	return 0;
}

int
db_admin_count(struct db *db, struct arena *a, const struct efilter *f,
    long long *n)
{
	struct dbparam	p[EFILTER_NPARAMS];

	if (db_efilter(a, f, p) == -1)
		return -1;
	return count_of(db, a, DBQ_E_COUNT, p, EFILTER_NPARAMS, n);
}

enum db_res
db_endorsement_by_id(struct db *db, struct arena *a, long long id,
    struct endorsement *e)
{
	struct dbparam	p[1];
	struct dbtable	t;

	p[0] = DBP_I(id);
	if (db_table(db, a, DBQ_E_RECEIPT, p, 1, &t) == -1)
		return DB_ERROR;
	if (t.nrows != 1)
		return DB_NOTFOUND;
	return db_endorsement_get(db, a, DBT(&t, 0, 0), e);
}

enum db_res
db_endorsement_status(struct db *db, struct arena *a, long long id,
    const char **status)
{
	struct dbparam	p[1];
	struct dbtable	t;

	p[0] = DBP_I(id);
	if (db_table(db, a, DBQ_E_STATUS, p, 1, &t) == -1)
		return DB_ERROR;
	if (t.nrows != 1)
		return DB_NOTFOUND;
	*status = DBT(&t, 0, 0);
	return DB_OK;
}

int
db_duplicates_of(struct db *db, struct arena *a, long long id,
    struct endorsement **out, size_t *n)
{
	struct dbparam		 p[1];
	struct dbtable		 t;
	struct endorsement	*e;
	size_t			 i;

	p[0] = DBP_I(id);
	if (read_rows(db, a, DBQ_E_DUPLICATES, p, 1, &t,
	    sizeof(**out), (void **)out, n) == -1)
		return -1;
	for (i = 0; i < *n; i++) {
		e = &(*out)[i];
		endorsement_head(&t, i, e);
		e->government_level = DBT(&t, i, 7);
		e->locality = DBT(&t, i, 8);
		e->region = DBT(&t, i, 9);
		e->country = DBT(&t, i, 10);
		e->email = DBT(&t, i, 11);
		e->organisation = DBT(&t, i, 12);
		e->listed = num(DBT(&t, i, 13)) != 0;
	}
	return 0;
}

int
db_history_of(struct db *db, struct arena *a, long long id,
    struct status_change **out, size_t *n)
{
	struct dbparam	p[1];
	struct dbtable	t;
	size_t		i;

	p[0] = DBP_I(id);
	if (read_rows(db, a, DBQ_E_HISTORY, p, 1, &t,
	    sizeof(**out), (void **)out, n) == -1)
		return -1;
	for (i = 0; i < *n; i++) {
		(*out)[i].created_at = DBT(&t, i, 0);
		(*out)[i].old_status = DBT(&t, i, 1);
		(*out)[i].new_status = DBT(&t, i, 2);
		(*out)[i].reason = DBT(&t, i, 3);
		(*out)[i].by = DBT(&t, i, 4);
	}
	return 0;
}

int
db_events(struct db *db, struct arena *a, struct event **out, size_t *n)
{
	struct dbtable	t;
	size_t		i;

	if (read_rows(db, a, DBQ_EVENT_LIST, NULL, 0, &t,
	    sizeof(**out), (void **)out, n) == -1)
		return -1;
	for (i = 0; i < *n; i++) {
		(*out)[i].id = num(DBT(&t, i, 0));
		(*out)[i].name = DBT(&t, i, 1);
		(*out)[i].date = DBT(&t, i, 2);
		(*out)[i].place = DBT(&t, i, 3);
		(*out)[i].token = DBT(&t, i, 4);
		(*out)[i].closed_at = DBT(&t, i, 5);
		(*out)[i].nendorsements = num(DBT(&t, i, 6));
	}
	return 0;
}

int
db_counts(struct db *db, struct arena *a, enum db_count_kind kind,
    struct db_count **out, size_t *n)
{
	static const enum dbq	q[] = {
		[DBC_STATUS] = DBQ_DASH_STATUS,
		[DBC_COUNTRY] = DBQ_DASH_COUNTRY,
		[DBC_DAY] = DBQ_DASH_DAY,
		[DBC_REPORTS] = DBQ_DASH_REPORTS,
	};
	struct dbtable		t;
	size_t			i;
	int			two = kind == DBC_REPORTS;

	if (read_rows(db, a, q[kind], NULL, 0, &t,
	    sizeof(**out), (void **)out, n) == -1)
		return -1;
	for (i = 0; i < *n; i++) {
		(*out)[i].key = DBT(&t, i, 0);
		(*out)[i].key2 = two ? DBT(&t, i, 1) : NULL;
		(*out)[i].n = num(DBT(&t, i, two ? 2 : 1));
	}
	return 0;
}

/* ---- e-mail confirmation, the outbox, official domains ---------------- */

enum db_res
db_confirm_get(struct db *db, struct arena *a, const unsigned char hash[32],
    struct confirm_row *c)
{
	struct dbparam	p = DBP_B(hash, 32);
	struct dbtable	t;

	memset(c, 0, sizeof(*c));
	if (db_table(db, a, DBQ_CONFIRM_GET, &p, 1, &t) == -1)
		return DB_ERROR;
	if (t.nrows != 1)
		return DB_NOTFOUND;
	c->id = num(DBT(&t, 0, 0));
	c->receipt = DBT(&t, 0, 1);
	c->full_name = DBT(&t, 0, 2);
	c->locality = DBT(&t, 0, 3);
	c->country = DBT(&t, 0, 4);
	c->lang = DBT(&t, 0, 5);
	c->confirmed_at = DBT(&t, 0, 6);
	c->status = DBT(&t, 0, 7);
	c->expired = num(DBT(&t, 0, 8)) != 0;
	if (c->receipt == NULL || c->full_name == NULL || c->status == NULL)
		return DB_ERROR;
	return DB_OK;
}

enum db_res
db_confirm_set(struct db *db, long long id)
{
	int	rc;

	if (tx_begin(db) == -1)
		return DB_ERROR;
	rc = exec_id(db, STMT_CONFIRM_SET, id, NULL);
	if (rc == 0 && sqlite3_changes(db->h) == 0)
		return tx_end(db, DB_EXISTS);
	if (rc == 0)
		rc = ledger_append(db, LK_CONFIRMATION, id);
	if (rc == -1) {
		logmsg("confirm %lld: %s", id, sqlite3_errmsg(db->h));
		return tx_end(db, DB_ERROR);
	}
	return tx_end(db, DB_OK);
}

int
db_outbox_due(struct db *db, struct arena *a, long long limit,
    struct outbox_row **out, size_t *n)
{
	struct dbparam	 p = DBP_I(limit);
	struct dbtable	 t;
	struct outbox_row *o;
	size_t		 i;

	if (read_rows(db, a, DBQ_OUTBOX_DUE, &p, 1, &t, sizeof(**out),
	    (void **)out, n) == -1)
		return -1;
	/* id, recipient, token, attempts, receipt, full_name, lang */
	for (i = 0; i < *n; i++) {
		o = &(*out)[i];
		o->id = num(DBT(&t, i, 0));
		o->status = "queued";
		o->recipient = DBT(&t, i, 1);
		o->token = DBT(&t, i, 2);
		o->attempts = (int)num(DBT(&t, i, 3));
		o->receipt = DBT(&t, i, 4);
		o->full_name = DBT(&t, i, 5);
		o->lang = DBT(&t, i, 6);
	}
	return 0;
}

int
db_outbox_list(struct db *db, struct arena *a, const char *status,
    long long limit, struct outbox_row **out, size_t *n)
{
	struct dbparam	 p[2] = { DBP_S(status), DBP_I(limit) };
	struct dbtable	 t;
	struct outbox_row *o;
	size_t		 i;

	if (read_rows(db, a, DBQ_OUTBOX_LIST, p, 2, &t, sizeof(**out),
	    (void **)out, n) == -1)
		return -1;
	/* id, status, attempts, recipient, receipt, created_at,
	 * next_attempt_at, sent_at, last_error */
	for (i = 0; i < *n; i++) {
		o = &(*out)[i];
		o->id = num(DBT(&t, i, 0));
		o->status = DBT(&t, i, 1);
		o->attempts = (int)num(DBT(&t, i, 2));
		o->recipient = DBT(&t, i, 3);
		o->receipt = DBT(&t, i, 4);
		o->created_at = DBT(&t, i, 5);
		o->next_attempt_at = DBT(&t, i, 6);
		o->last_error = DBT(&t, i, 8) != NULL ? DBT(&t, i, 8) : "";
	}
	return 0;
}

int
db_outbox_counts(struct db *db, struct arena *a, struct db_count **out,
    size_t *n)
{
	struct dbtable	t;
	size_t		i;

	if (read_rows(db, a, DBQ_OUTBOX_COUNTS, NULL, 0, &t, sizeof(**out),
	    (void **)out, n) == -1)
		return -1;
	for (i = 0; i < *n; i++) {
		(*out)[i].key = DBT(&t, i, 0);
		(*out)[i].n = num(DBT(&t, i, 1));
	}
	return 0;
}

int
db_domains(struct db *db, struct arena *a, struct official_domain **out,
    size_t *n)
{
	struct dbtable	t;
	size_t		i;

	if (read_rows(db, a, DBQ_DOMAIN_LIST, NULL, 0, &t, sizeof(**out),
	    (void **)out, n) == -1)
		return -1;
	for (i = 0; i < *n; i++) {
		(*out)[i].domain = DBT(&t, i, 0);
		(*out)[i].country = DBT(&t, i, 1);
		(*out)[i].created_at = DBT(&t, i, 2);
	}
	return 0;
}

int
db_mail_counts(struct db *db, struct arena *a, struct mail_counts *m)
{
	struct dbtable	t;

	memset(m, 0, sizeof(*m));
	if (db_table(db, a, DBQ_DASH_CONFIRMED, NULL, 0, &t) == -1 ||
	    t.nrows != 1)
		return -1;
	m->confirmed = num(DBT(&t, 0, 0));
	m->official = num(DBT(&t, 0, 1));
	m->queued = num(DBT(&t, 0, 2));
	m->failed = num(DBT(&t, 0, 3));
	return 0;
}

int
db_backup(const char *src, const char *dest)
{
	struct timespec	 ts = { 0, 5 * 1000 * 1000 };
	sqlite3		*from = NULL, *to = NULL;
	sqlite3_backup	*bk;
	sqlite3_stmt	*st;
	int		 fd, rc, last = -1, grew = 0, ok = 0;

	/* Never overwrite: the new file is made here, or we stop. */
	if ((fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600))
	    == -1) {
		logerr("%s", dest);
		return -1;
	}
	close(fd);
	if ((from = db_connect(src, SQLITE_OPEN_READONLY)) == NULL ||
	    (to = db_connect(dest, SQLITE_OPEN_READWRITE)) == NULL)
		goto out;
	if ((bk = sqlite3_backup_init(to, "main", from, "main")) == NULL) {
		logmsg("backup: %s", sqlite3_errmsg(to));
		goto out;
	}
	/*
	 * 1024 pages (4 MiB) a step, the site's writers free in between.
	 * A write by another connection restarts the copy; if that keeps
	 * happening, finish in one step (in WAL mode a reader never
	 * blocks the writers, it only holds back a checkpoint).
	 */
	do {
		rc = sqlite3_backup_step(bk, grew > 20 ? -1 : 1024);
		if (last != -1 && sqlite3_backup_remaining(bk) > last)
			grew++;
		last = sqlite3_backup_remaining(bk);
		if (rc == SQLITE_OK || rc == SQLITE_BUSY ||
		    rc == SQLITE_LOCKED)
			nanosleep(&ts, NULL);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	if (sqlite3_backup_finish(bk) != SQLITE_OK || rc != SQLITE_DONE) {
		logmsg("backup: %s", sqlite3_errmsg(to));
		goto out;
	}
	/* The copy must read back whole before we call it a backup. */
	if (sqlite3_prepare_v2(to, "PRAGMA quick_check", -1, &st, NULL)
	    == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW &&
		    strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0)
			ok = 1;
		else
			logmsg("backup: %s: quick_check failed", dest);
		sqlite3_finalize(st);
	}
out:
	sqlite3_close(from);
	sqlite3_close(to);
	if (!ok)
		unlink(dest);
	return ok ? 0 : -1;
}

/* ---- schema version 2: keys, declaration versions, the ledger ---------- */

static const enum stmt	rec_stmt[LK__MAX] = {
	STMT_REC_ENDORSEMENT, STMT_REC_COMMITMENT, STMT_REC_UPDATE,
	STMT_REC_WITHDRAWAL, STMT_REC_MODERATION, STMT_REC_CONFIRMATION
};
static const char *const lkind_names[LK__MAX] = {
	"endorsement", "commitment", "update", "withdrawal", "moderation",
	"confirmation"
};

static int
lkind_parse(const char *s, enum lkind *k)
{
	int	i;

	for (i = 0; s != NULL && i < LK__MAX; i++)
		if (strcmp(s, lkind_names[i]) == 0) {
			*k = (enum lkind)i;
			return 0;
		}
	return -1;
}

/*
 * The canonical record of event (kind, ref), rebuilt from its row into
 * b: 0; 1 if the row is gone; -1 on a database error.
 */
static int
record_build(struct db *db, enum lkind kind, long long ref, struct buf *b)
{
	sqlite3_stmt	*st = stmt(db, rec_stmt[kind]);
	int		 rc, i, n;

	sqlite3_bind_int64(st, 1, ref);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		n = sqlite3_column_count(st);
		for (i = 0; i < n; i++)
			canon_field(b, sqlite3_column_name(st, i),
			    (const char *)sqlite3_column_text(st, i),
			    (size_t)sqlite3_column_bytes(st, i));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW || b->oom) {
		logmsg("record %s %lld: %s", lkind_names[kind], ref,
		    sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

void
db_set_signer(struct db *db, struct sitekey *k)
{
	db->key = k;
}

/* 1 if key id is the current one, 0 if not, -1 on error. */
static int
key_current(struct db *db, const char *id)
{
	sqlite3_stmt	*st = stmt(db, STMT_KEY_CURRENT);
	int		 rc;

	bind_text(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The key that signs this transaction's entries, checked against the
 * site's current key when read anew: 0, or -1 (logged).
 */
static int
signer_ready(struct db *db)
{
	int	rc;

	if (db->key != NULL && db->key->loaded && db->key_tx == db->tx)
		return 0;
	if (db->key == NULL || (rc = sitekey_refresh(db->key)) == -1) {
		logmsg("no signing key: run \"endorsectl key generate\"");
		return -1;
	}
	/* A key read anew must be the one the site publishes. */
	if (rc == 1 && key_current(db, db->key->id) != 1) {
		logmsg("signing key %s is not the site's current key",
		    db->key->id);
		db->key->loaded = 0;
		return -1;
	}
	db->key_tx = db->tx;
	return 0;
}

/* Append the entry of event (kind, ref), whose record hashes to ev,
 * after the ledger's last; sig (by the current key) or NULL.  0 or -1. */
static int
ledger_row(struct db *db, enum lkind kind, long long ref,
    const unsigned char ev[SHA256_LEN], const unsigned char *sig)
{
	sqlite3_stmt	*st;
	unsigned char	 prev[SHA256_LEN], entry[SHA256_LEN];
	long long	 seq = 1;
	int		 rc;

	memset(prev, 0, sizeof(prev));
	st = stmt(db, STMT_LEDGER_LAST);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 1) == SHA256_LEN) {
		seq = sqlite3_column_int64(st, 0) + 1;
		memcpy(prev, sqlite3_column_blob(st, 1), SHA256_LEN);
	} else if (rc != SQLITE_DONE) {
		logmsg("ledger: %s", sqlite3_errmsg(db->h));
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	ledger_entry_hash(seq, prev, ev, entry);
	st = stmt(db, STMT_LEDGER_ADD);
	sqlite3_bind_int64(st, 1, seq);
	bind_text(st, 2, lkind_names[kind]);
	sqlite3_bind_int64(st, 3, ref);
	sqlite3_bind_blob(st, 4, ev, SHA256_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, prev, SHA256_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 6, entry, SHA256_LEN, SQLITE_STATIC);
	if (sig != NULL) {
		bind_text(st, 7, db->key->id);
		sqlite3_bind_blob(st, 8, sig, SIGN_SIG_LEN, SQLITE_STATIC);
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		logmsg("ledger append: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

/*
 * The signing thread (db_sign_async).  In a batch, an endorsement's
 * record is built and hashed in its savepoint as always, then queued;
 * a second thread signs it while the writer goes on with the batch, and
 * the queued entries are appended, in order, before the next event of
 * another kind and before the batch's COMMIT (lq_drain).  Ed25519 is
 * deterministic: the entry is byte for byte the one signed inline.
 *
 * Only the batch's key signs: it is checked (signer_ready) when the
 * first entry of a transaction is queued, and read again only in a
 * later transaction, after this one's queue is drained.
 */
#define LQ_MAX		64		/* entries a batch queues */
#define LQ_REC_MAX	4096		/* larger records are signed inline */

struct lq_job {
	enum lkind	 kind;
	long long	 ref;
	unsigned char	 ev[SHA256_LEN];
	unsigned char	 sig[SIGN_SIG_LEN];
	size_t		 len;
	unsigned char	 rec[LQ_REC_MAX];
};

struct lq {
	pthread_t		 tid;
	pthread_mutex_t		 mu;
	pthread_cond_t		 wake;	/* a job was queued, or quit */
	pthread_cond_t		 done;	/* a job was signed */
	const struct sitekey	*key;
	int			 n;	/* jobs queued */
	int			 nsigned; /* jobs [0, nsigned) are signed */
	int			 busy;	/* the thread signs job[nsigned] */
	int			 quit;
	struct lq_job		 job[LQ_MAX];
};

static void *
lq_main(void *arg)
{
	struct lq	*q = arg;
	int		 i;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->quit && q->nsigned >= q->n)
			pthread_cond_wait(&q->wake, &q->mu);
		if (q->quit)
			break;
		i = q->nsigned;
		q->busy = 1;
		pthread_mutex_unlock(&q->mu);
		sign_bytes(q->key, q->job[i].rec, q->job[i].len,
		    q->job[i].sig);
		pthread_mutex_lock(&q->mu);
		q->busy = 0;
		q->nsigned = i + 1;
		pthread_cond_signal(&q->done);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

int
db_sign_async(struct db *db)
{
	struct lq	*q;
	sigset_t	 all, old;
	int		 rc;

	if (db->lq != NULL)
		return 0;
	if ((q = calloc(1, sizeof(*q))) == NULL) {
		logerr("calloc");
		return -1;
	}
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->wake, NULL);
	pthread_cond_init(&q->done, NULL);
	/* Signals stay with the caller's thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&q->tid, NULL, lq_main, q);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		errno = rc;
		logerr("pthread_create");
		free(q);
		return -1;
	}
	db->lq = q;
	return 0;
}

static void
lq_stop(struct lq *q)
{
	if (q == NULL)
		return;
	pthread_mutex_lock(&q->mu);
	q->quit = 1;
	pthread_cond_signal(&q->wake);
	pthread_mutex_unlock(&q->mu);
	pthread_join(q->tid, NULL);
	free(q);
}

static int
lq_full(const struct lq *q)
{
	return q->n == LQ_MAX;
}

static int
lq_count(struct lq *q)
{
	return q->n;
}

/* Forget the jobs from the n-th on (their savepoint was rolled back). */
static void
lq_truncate(struct lq *q, int n)
{
	pthread_mutex_lock(&q->mu);
	while (q->busy)
		pthread_cond_wait(&q->done, &q->mu);
	if (q->n > n)
		q->n = n;
	if (q->nsigned > n)
		q->nsigned = n;
	pthread_mutex_unlock(&q->mu);
}

/* Queue the entry of (kind, ref): 1 if queued, 0 to sign it inline,
 * -1 on error. */
static int
lq_push(struct db *db, enum lkind kind, long long ref)
{
	struct lq	*q = db->lq;
	struct lq_job	*j;
	struct buf	 rec = { 0 };

	if (q == NULL || !db->batch || lq_full(q))
		return 0;
	if (record_build(db, kind, ref, &rec) != 0) {
		buf_free(&rec);
		return -1;
	}
	if (rec.len > LQ_REC_MAX) {
		buf_free(&rec);
		return 0;
	}
	if (signer_ready(db) == -1) {
		buf_free(&rec);
		return -1;
	}
	/* Job n is the thread's only once n is raised, under the lock. */
	j = &q->job[q->n];
	j->kind = kind;
	j->ref = ref;
	j->len = rec.len;
	memcpy(j->rec, rec.p, rec.len);
	sha256(rec.p, rec.len, j->ev);
	buf_free(&rec);
	pthread_mutex_lock(&q->mu);
	q->key = db->key;
	q->n++;
	pthread_cond_signal(&q->wake);
	pthread_mutex_unlock(&q->mu);
	return 1;
}

/* Append every queued entry, in order, as its signature is ready; the
 * queue is empty after, whatever the outcome.  0 or -1. */
static int
lq_drain(struct db *db)
{
	struct lq	*q = db->lq;
	int		 i, n, rc = 0;

	pthread_mutex_lock(&q->mu);
	n = q->n;
	pthread_mutex_unlock(&q->mu);
	for (i = 0; i < n; i++) {
		pthread_mutex_lock(&q->mu);
		while (q->nsigned <= i)
			pthread_cond_wait(&q->done, &q->mu);
		pthread_mutex_unlock(&q->mu);
		if (rc == 0 && ledger_row(db, q->job[i].kind, q->job[i].ref,
		    q->job[i].ev, q->job[i].sig) == -1)
			rc = -1;
	}
	pthread_mutex_lock(&q->mu);
	q->n = q->nsigned = 0;
	pthread_mutex_unlock(&q->mu);
	return rc;
}

/*
 * Inside the event's transaction: append its ledger entry, and for an
 * event with a receipt sign its record with the site key.  0 or -1.
 */
static int
ledger_append(struct db *db, enum lkind kind, long long ref)
{
	int	rc;

	if (kind == LK_ENDORSEMENT && (rc = lq_push(db, kind, ref)) != 0)
		return rc == 1 ? 0 : -1;
	return ledger_add(db, kind, ref, kind != LK_MODERATION);
}

/* ledger_append, signed or not, now. */
static int
ledger_add(struct db *db, enum lkind kind, long long ref, int sign)
{
	struct buf	 rec = { 0 };
	unsigned char	 ev[SHA256_LEN], sig[SIGN_SIG_LEN];
	int		 rc;

	if (record_build(db, kind, ref, &rec) != 0) {
		buf_free(&rec);
		return -1;
	}
	sha256(rec.p, rec.len, ev);
	if (sign && signer_ready(db) == -1) {
		buf_free(&rec);
		return -1;
	}
	if (sign)
		sign_bytes(db->key, rec.p, rec.len, sig);
	buf_free(&rec);
	rc = ledger_row(db, kind, ref, ev, sign ? sig : NULL);
	return rc;
}

/* The declaration version and text hash a new endorsement is made
 * against (the text in its language, else English): into e. */
static int
decl_current(struct db *db, struct endorsement *e)
{
	sqlite3_stmt		*st;
	struct decl_cache	*c;
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(db->decl) / sizeof(db->decl[0]); i++) {
		c = &db->decl[i];
		if (c->tx == db->tx && strcmp(c->lang, e->lang) == 0) {
			e->decl_version = c->version;
			memcpy(e->decl_sha256, c->sha256, SHA256_HEX_LEN + 1);
			return 0;
		}
	}
	st = stmt(db, STMT_DECL_CURRENT);
	bind_text(st, 1, e->lang);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 1) == SHA256_HEX_LEN) {
		e->decl_version = sqlite3_column_int64(st, 0);
		memcpy(e->decl_sha256, sqlite3_column_text(st, 1),
		    SHA256_HEX_LEN + 1);
		rc = 0;
		/* Kept for this transaction, in the slot of its language or
		 * one another transaction filled. */
		for (i = 0; i < sizeof(db->decl) / sizeof(db->decl[0]); i++)
			if (db->decl[i].tx != db->tx ||
			    strcmp(db->decl[i].lang, e->lang) == 0)
				break;
		if (i < sizeof(db->decl) / sizeof(db->decl[0]) &&
		    strlen(e->lang) < sizeof(db->decl[i].lang)) {
			c = &db->decl[i];
			c->tx = db->tx;
			snprintf(c->lang, sizeof(c->lang), "%s", e->lang);
			c->version = e->decl_version;
			memcpy(c->sha256, e->decl_sha256, SHA256_HEX_LEN + 1);
		}
	} else {
		logmsg("no declaration text is published: %s",
		    sqlite3_errmsg(db->h));
		rc = -1;
	}
	sqlite3_reset(st);
	return rc;
}

/*
 * Version 2's data: the shipped texts become version 1, and the
 * endorsements stored before were made against them.
 */
static int
migrate2_data(sqlite3 *h)
{
	sqlite3_stmt	*st = NULL;
	char		 hex[SHA256_HEX_LEN + 1];
	size_t		 i;
	int		 rc = -1;

	if (sqlite3_exec(h, "INSERT INTO declaration_versions "
	    "(declaration_id, version) VALUES (1, 1)", NULL, NULL, NULL)
	    != SQLITE_OK)
		goto out;
	if (sqlite3_prepare_v2(h, "INSERT INTO declaration_texts "
	    "(declaration_id, version, lang, text, sha256) "
	    "VALUES (1, 1, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		goto out;
	for (i = 0; i < ndecl_shipped; i++) {
		decl_hash(decl_shipped[i].text, hex);
		sqlite3_reset(st);
		bind_text(st, 1, decl_shipped[i].lang);
		bind_text(st, 2, decl_shipped[i].text);
		bind_text(st, 3, hex);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto out;
	}
	if (sqlite3_exec(h, "UPDATE endorsements SET declaration_version = 1, "
	    "declaration_sha256 = coalesce((SELECT t.sha256 "
	    "FROM declaration_texts t WHERE t.declaration_id = 1 "
	    "AND t.version = 1 AND t.lang = endorsements.lang), "
	    "(SELECT t.sha256 FROM declaration_texts t WHERE "
	    "t.declaration_id = 1 AND t.version = 1 AND t.lang = 'en')) "
	    "WHERE declaration_version IS NULL",
	    NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	rc = 0;
out:
	if (rc == -1)
		logmsg("migration to version 2: %s", sqlite3_errmsg(h));
	sqlite3_finalize(st);
	return rc;
}

/*
 * Version 7's constraints were rewritten in sqlite_schema, under SQLite's
 * feet.  A new schema_version makes every later connection read the
 * schema again; before that is committed, each table's new text is made
 * once in a database in memory, so that a text SQLite cannot read never
 * reaches the file.
 */
static int
migrate7_data(sqlite3 *h)
{
	sqlite3_stmt	*st = NULL;
	sqlite3		*mem = NULL;
	char		 sql[64];
	int		 v = -1, rc = -1, step;

	if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT sql FROM sqlite_schema WHERE "
	    "type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", -1,
	    &st, NULL) != SQLITE_OK)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3_exec(mem, (const char *)sqlite3_column_text(st, 0),
		    NULL, NULL, NULL) != SQLITE_OK) {
			logmsg("migration to version 7: %s",
			    sqlite3_errmsg(mem));
			goto out;
		}
	if (step != SQLITE_DONE)
		goto out;
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(h, "PRAGMA schema_version", -1, &st, NULL)
	    != SQLITE_OK)
		goto out;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	if (v < 0)
		goto out;
	snprintf(sql, sizeof(sql), "PRAGMA schema_version = %d", v + 1);
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	rc = 0;
out:
	if (rc == -1)
		logmsg("migration to version 7: %s", sqlite3_errmsg(h));
	sqlite3_finalize(st);
	sqlite3_close(mem);
	return rc;
}

int
db_keys(struct db *db, struct pubkey *out, size_t max, size_t *n)
{
	sqlite3_stmt	*st = stmt(db, STMT_KEYS);
	int		 rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		struct pubkey	*k = &out[*n];

		memset(k, 0, sizeof(*k));
		if (sqlite3_column_bytes(st, 1) != SIGN_PK_LEN)
			continue;
		snprintf(k->id, sizeof(k->id), "%s",
		    (const char *)sqlite3_column_text(st, 0));
		memcpy(k->pk, sqlite3_column_blob(st, 1), SIGN_PK_LEN);
		snprintf(k->valid_from, sizeof(k->valid_from), "%s",
		    (const char *)sqlite3_column_text(st, 2));
		snprintf(k->valid_until, sizeof(k->valid_until), "%s",
		    (const char *)sqlite3_column_text(st, 3));
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		logmsg("keys: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

enum db_res
db_key_add(struct db *db, const unsigned char *pk,
    const char *id)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (tx_begin(db) == -1)
		return DB_ERROR;
	if (exec1(db, STMT_KEY_RETIRE) == -1)
		return tx_end(db, DB_ERROR);
	st = stmt(db, STMT_KEY_ADD);
	bind_text(st, 1, id);
	sqlite3_bind_blob(st, 2, pk, SIGN_PK_LEN, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		logmsg("add key: %s", sqlite3_errmsg(db->h));
		return tx_end(db, DB_ERROR);
	}
	return tx_end(db, DB_OK);
}

int
db_key_is_current(struct db *db, const char *id)
{
	return key_current(db, id);
}

int
db_ledger_head(struct db *db, long long *count, char head[SHA256_HEX_LEN + 1])
{
	sqlite3_stmt	*st = stmt(db, STMT_LEDGER_LAST);
	int		 rc;

	*count = 0;
	memset(head, '0', SHA256_HEX_LEN);
	head[SHA256_HEX_LEN] = '\0';
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 1) == SHA256_LEN) {
		*count = sqlite3_column_int64(st, 0);
		hex_encode(sqlite3_column_blob(st, 1), SHA256_LEN, head);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		logmsg("ledger head: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

int
db_receipt_file(struct db *db, const char *code, struct buf *out)
{
	sqlite3_stmt	*st = stmt(db, STMT_LEDGER_OF_RECEIPT);
	struct buf	 rec = { 0 };
	enum lkind	 kind;
	int		 rc, n = 0;

	bind_text(st, 1, code);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 3) != SQLITE_TEXT ||
		    sqlite3_column_bytes(st, 4) != SIGN_SIG_LEN ||
		    lkind_parse((const char *)sqlite3_column_text(st, 1),
		    &kind) == -1)
			continue;
		buf_reset(&rec);
		if (record_build(db, kind, sqlite3_column_int64(st, 2), &rec)
		    != 0)
			continue;
		receipt_block(out, (const char *)sqlite3_column_text(st, 3),
		    sqlite3_column_blob(st, 4), rec.p, rec.len);
		n++;
	}
	sqlite3_reset(st);
	buf_free(&rec);
	if (rc != SQLITE_DONE) {
		logmsg("receipt file: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	return n;
}

int
db_ledger_verify(struct db *db, struct ledger_check *lc)
{
	sqlite3_stmt	*st;
	struct pubkey	 keys[64];
	struct buf	 rec = { 0 };
	unsigned char	 prev[SHA256_LEN], ev[SHA256_LEN], entry[SHA256_LEN];
	const struct pubkey *k;
	enum lkind	 kind;
	size_t		 nkeys = 0, i;
	int		 rc, gone;

	memset(lc, 0, sizeof(*lc));
	memset(prev, 0, sizeof(prev));
	if (db_keys(db, keys, 64, &nkeys) == -1)
		return -1;
	st = stmt(db, STMT_LEDGER_ALL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long	seq = sqlite3_column_int64(st, 0);
		const char	*kname = (const char *)sqlite3_column_text(st, 1);

		lc->bad_seq = seq;
		lc->ref = sqlite3_column_int64(st, 2);
		snprintf(lc->kind, sizeof(lc->kind), "%s", kname ? kname : "");
		if (seq != lc->count + 1) {
			lc->why = "its sequence number is out of order";
			break;
		}
		if (sqlite3_column_bytes(st, 3) != SHA256_LEN ||
		    sqlite3_column_bytes(st, 4) != SHA256_LEN ||
		    sqlite3_column_bytes(st, 5) != SHA256_LEN ||
		    lkind_parse(kname, &kind) == -1) {
			lc->why = "the entry is malformed";
			break;
		}
		if (memcmp(sqlite3_column_blob(st, 4), prev, SHA256_LEN) != 0) {
			lc->why = "its previous hash is not the entry before";
			break;
		}
		buf_reset(&rec);
		if ((gone = record_build(db, kind, lc->ref, &rec)) == -1) {
			rc = SQLITE_ERROR;
			break;
		}
		if (gone) {
			lc->why = "its event's row is gone";
			break;
		}
		sha256(rec.p, rec.len, ev);
		if (memcmp(sqlite3_column_blob(st, 3), ev, SHA256_LEN) != 0) {
			lc->why = "its event's row no longer matches its hash";
			break;
		}
		ledger_entry_hash(seq, prev, ev, entry);
		if (memcmp(sqlite3_column_blob(st, 5), entry, SHA256_LEN)
		    != 0) {
			lc->why = "its entry hash does not match";
			break;
		}
		if (sqlite3_column_type(st, 6) == SQLITE_TEXT) {
			k = NULL;
			for (i = 0; i < nkeys; i++)
				if (strcmp(keys[i].id, (const char *)
				    sqlite3_column_text(st, 6)) == 0)
					k = &keys[i];
			if (k == NULL || sqlite3_column_bytes(st, 7) !=
			    SIGN_SIG_LEN || !sign_check(k->pk, rec.p, rec.len,
			    sqlite3_column_blob(st, 7))) {
				lc->why = "its receipt's signature does not "
				    "verify";
				break;
			}
		}
		memcpy(prev, entry, SHA256_LEN);
		lc->count = seq;
	}
	sqlite3_reset(st);
	buf_free(&rec);
	hex_encode(prev, SHA256_LEN, lc->head);
	if (rc == SQLITE_DONE) {
		lc->why = NULL;
		lc->bad_seq = 0;
		/* Every event must be in the chain: a row added behind the
		 * application's back has no entry. */
		st = stmt(db, STMT_BACKFILL_EVENTS);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			snprintf(lc->kind, sizeof(lc->kind), "%s",
			    lkind_names[sqlite3_column_int(st, 0) % LK__MAX]);
			lc->ref = sqlite3_column_int64(st, 1);
			lc->why = "it has no ledger entry";
		}
		sqlite3_reset(st);
		if (rc == SQLITE_ROW)
			return 1;
		if (rc == SQLITE_DONE)
			return 0;
		logmsg("ledger verify: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	if (rc == SQLITE_ROW)
		return 1;
	logmsg("ledger verify: %s", sqlite3_errmsg(db->h));
	return -1;
}

enum db_res
db_decl_get(struct db *db, struct arena *a, long long version,
    const char *lang, struct decl *out)
{
	sqlite3_stmt	*st = stmt(db, STMT_DECL_GET);
	enum db_res	 res;
	int		 rc;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(st, 1, version);
	bind_text(st, 2, lang);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		res = DB_NOTFOUND;
	else if (rc != SQLITE_ROW) {
		logmsg("declaration: %s", sqlite3_errmsg(db->h));
		res = DB_ERROR;
	} else {
		out->version = sqlite3_column_int64(st, 0);
		out->lang = col_text(a, st, 1);
		out->text = col_text(a, st, 2);
		out->sha256 = col_text(a, st, 3);
		out->published_at = col_text(a, st, 4);
		res = out->text && out->sha256 && out->lang &&
		    out->published_at ? DB_OK : DB_ERROR;
	}
	sqlite3_reset(st);
	return res;
}

int
db_decl_list(struct db *db, struct arena *a, struct decl **out, size_t *n)
{
	sqlite3_stmt	*st = stmt(db, STMT_DECL_LIST);
	size_t		 cap = 16;
	struct decl	*d, *grown;
	int		 rc;

	*n = 0;
	if ((*out = arena_calloc(a, cap, sizeof(**out))) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			if ((grown = arena_calloc(a, cap * 2, sizeof(*grown)))
			    == NULL)
				break;
			memcpy(grown, *out, cap * sizeof(*grown));
			*out = grown;
			cap *= 2;
		}
		d = &(*out)[(*n)++];
		d->version = sqlite3_column_int64(st, 0);
		d->lang = col_text(a, st, 1);
		d->sha256 = col_text(a, st, 2);
		d->published_at = col_text(a, st, 3);
		d->textsz = (size_t)sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		logmsg("declaration list: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

enum db_res
db_decl_publish(struct db *db, long long version, const char *lang,
    const char *text, const char *sha, long long *out)
{
	sqlite3_stmt	*st;
	long long	 max;
	int		 rc;

	if (tx_begin(db) == -1)
		return DB_ERROR;
	st = stmt(db, STMT_DECL_MAX);
	rc = sqlite3_step(st);
	max = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return tx_end(db, DB_ERROR);
	if (version == 0)
		version = max + 1;
	if (version > max + 1)
		return tx_end(db, DB_NOTFOUND);
	if (version == max + 1) {
		st = stmt(db, STMT_DECL_VERSION_ADD);
		sqlite3_bind_int64(st, 1, version);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return tx_end(db, DB_ERROR);
	}
	st = stmt(db, STMT_DECL_TEXT_ADD);
	sqlite3_bind_int64(st, 1, version);
	bind_text(st, 2, lang);
	bind_text(st, 3, text);
	bind_text(st, 4, sha);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return tx_end(db, DB_EXISTS);
	if (rc != SQLITE_DONE) {
		logmsg("publish: %s", sqlite3_errmsg(db->h));
		return tx_end(db, DB_ERROR);
	}
	*out = version;
	return tx_end(db, DB_OK);
}

int
db_ledger_backfill(struct db *db)
{
	sqlite3_stmt	*st;
	struct {
		enum lkind	 kind;
		long long	 ref;
	}		*ev = NULL, *grown;
	size_t		 n = 0, cap = 0, i;
	int		 rc;

	st = stmt(db, STMT_BACKFILL_PENDING);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW || tx_begin(db) == -1)
		return -1;
	/* Read them all first: the ledger grows while they are added. */
	st = stmt(db, STMT_BACKFILL_EVENTS);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			if ((grown = realloc(ev, cap * sizeof(*ev))) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			ev = grown;
		}
		ev[n].kind = (enum lkind)sqlite3_column_int(st, 0);
		ev[n++].ref = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		logmsg("ledger backfill: %s", sqlite3_errmsg(db->h));
		free(ev);
		tx_end(db, DB_ERROR);
		return -1;
	}
	/* Unsigned: these events gave receipts before there was a key, or
	 * (confirmations) gave none. */
	for (i = 0; i < n; i++)
		if (ledger_add(db, ev[i].kind, ev[i].ref, 0) == -1) {
			free(ev);
			tx_end(db, DB_ERROR);
			return -1;
		}
	free(ev);
	if (exec1(db, STMT_BACKFILL_DONE) == -1) {
		tx_end(db, DB_ERROR);
		return -1;
	}
	return tx_end(db, DB_OK) == DB_OK ? (int)n : -1;
}
