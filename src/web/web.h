/*
 * web.h: what the files of endorse-web share.  Include "config.h",
 * "db.h", "lang.h", "server.h", "page.h" and "route.h" first.
 */
#ifndef WEB_H
#define WEB_H

extern struct progcfg	webcfg;

extern const struct app	web_app;

int	web_worker_init(void);
void	web_worker_fini(void);
void	web_handle(struct req *);

/* Per worker: the database and the site secret (site.c). */
extern struct db	*web_db;
extern unsigned char	 web_secret[SECRET_LEN];
/* Per worker: the site's signing key (read again when rotated). */
extern struct sitekey	 web_key;

/* The endorsement form's fields (endorse.c), also the kiosk's. */
enum efield {
	EF_FULL_NAME,
	EF_ROLE,
	EF_ROLE_OTHER,
	EF_LEVEL,
	EF_LOCALITY,
	EF_REGION,
	EF_COUNTRY,
	EF_EMAIL,
	EF_ORGANISATION,
	EF_LISTED,
	EF_CONSENT,
	EF_SIGNATURE,
	EF_LANG,
	EF_FORM_TOKEN,
	EF__MAX
};

/* A receipt's QR code as a page or an image. */
enum qrfmt {
	QR_NONE,
	QR_SVG,
	QR_PNG,
	QR_FILE		/* not a QR code: the signed receipt file */
};

/* Which list a list route shows (its route's arg). */
enum list_kind {
	LIST_SIGNATORIES,
	LIST_COMMITMENTS
};

/* ---- site.c: the route table and what every page uses --------------- */

extern const struct route	web_routes[];
extern const struct site	web_site;

/*
 * What looking up the thing a path names gave: 0 if it was found, or -1
 * with the page written: 404, or 503 (and a log line naming what) if
 * the database failed.
 */
int		 web_found(struct ctx *, enum db_res, const char *what);
/* A form's own token, for showing it again: NULL if it was not good. */
const char	*web_token_kept(const struct ctx *, size_t field);
/* csrf, form_token (fresh if NULL) and lang, for a form of the site. */
void		 web_form_hidden(const struct form *, const char *token);
/* A stored form's answer: 303 to location, 409, closed or 503. */
void		 web_stored(struct ctx *, enum db_res, const char *location);
const char	*web_status_text(enum lang, const char *status);
const char	*web_choice_text(enum lang, const char *const *choices,
		    const enum msg *labels, const char *v);
const char	*web_when(struct arena *, enum lang, const char *iso);

/* ---- home.c: the declaration ------------------------------------------ */

void	home_get(struct ctx *);

/* ---- endorse.c: the endorsement form, also the kiosk's ----------------- */

extern const char *const	 roles[];
extern const enum msg		 role_labels[];
extern const char *const	 levels[];
extern const enum msg		 level_labels[];
extern const struct fielddef	 edefs[EF__MAX];
extern const struct params	 endorse_params;

void	endorse_get(struct ctx *);
void	endorse_post(struct ctx *);
void	endorse_invalid(struct ctx *);
void	endorse_rules(struct ctx *);
void	endorse_record(struct ctx *, struct endorsement *);
void	endorse_fields(struct req *, enum lang, const struct form *);

/* ---- receipt.c: receipts, reports, updates, withdrawal -------------- */

extern const char *const	 areas[];
extern const enum msg		 area_labels[];
extern const char *const	 cstatuses[];
extern const enum msg		 cstatus_labels[];
extern const struct params	 report_params;
extern const struct params	 update_params;
extern const struct params	 withdraw_params;

void		 receipt_get(struct ctx *);
void		 receipt_image(struct ctx *);
void		 commitments_post(struct ctx *);
void		 commitments_invalid(struct ctx *);
void		 updates_post(struct ctx *);
void		 updates_invalid(struct ctx *);
void		 withdraw_get(struct ctx *);
void		 withdraw_post(struct ctx *);
void		 withdraw_invalid(struct ctx *);
void		 web_closed_page(struct req *, enum lang);
const char	*web_area_text(enum lang, const char *);
const char	*web_cstatus_text(enum lang, const char *);
const char	*web_day(struct arena *, enum lang, const char *iso);

/* ---- lists.c: the public lists --------------------------------------- */

extern const struct params	 signatories_params;
extern const struct params	 commitments_params;

void	list_get(struct ctx *);
struct country;
struct list_filter;
/* The list's filters from its checked query (a list route's ctx). */
void	list_query_filter(const struct ctx *, struct list_filter *);
/* The continent of k as the lists name it ("europe"). */
const char *list_continent(const struct country *k);

/*
 * opendata.c: GET /signatories.csv|.json, /commitments.csv|.json; the
 * route's arg is set * EXPORT__FMT + format (export.h).
 */
void	open_data_get(struct ctx *);
void	open_data_version(struct ctx *);
/* The licence of the open data: ENDORSE_DATA_LICENSE, else CC BY 4.0;
 * its address, or NULL if there is none to link to. */
const char *open_license(void);
const char *open_license_url(void);

/* ---- kiosk.c: the event kiosk ----------------------------------------- */

extern const struct params	 kiosk_params;

void	kiosk_get(struct ctx *);
void	kiosk_post(struct ctx *);
void	kiosk_invalid(struct ctx *);
void	kiosk_done(struct ctx *);

/* ---- confirm.c: the confirmation link of the mail ------------------- */

void	confirm_get(struct ctx *);
void	confirm_post(struct ctx *);

/* ---- mailer.c: the mail helper process -------------------------------- */

/*
 * Send the outbox's mail until SIGTERM; the exit status.  alone: the
 * whole process (--mail-only), which stops if it cannot send.
 */
int	mailer_main(int alone);
/* ---- verify.c: signed receipts, /verify, /.well-known/ --------------- */

extern const struct params	verify_params;
void	receipt_file(struct ctx *);
void	verify_get(struct ctx *);
void	verify_post(struct ctx *);
void	verify_invalid(struct ctx *);
void	keys_page(struct ctx *);
void	ledger_head_page(struct ctx *);

/* ---- declaration.c: GET /declaration ------------------------------------ */

extern const struct params	declaration_params;
void	declaration_page(struct ctx *);

#endif /* !WEB_H */
