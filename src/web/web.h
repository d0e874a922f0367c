/*
 * web.h: what the files of endorse-web share.  Include "config.h",
 * "endorse.h", "db.h", "lang.h", "server.h" and "page.h" first.
 */
#ifndef WEB_H
#define WEB_H

extern struct progcfg	webcfg;

extern const struct app	web_app;

int	web_worker_init(void);
void	web_worker_fini(void);
void	web_handle(struct req *);

/* Per worker: the database and the site secret (pages.c). */
extern struct db	*web_db;
extern unsigned char	 web_secret[SECRET_LEN];

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
	QR_PNG
};

/* ---- pages.c: what every page uses --------------------------------- */

/* The DESIGN.md checks of a form POST; -1 with the error page written. */
int		 web_post_prelude(struct req *, enum lang, struct kvlist *);
void		 web_redirect(struct req *, const char *location);
/* csrf, form_token (fresh if NULL) and lang, for a form of the site. */
void		 web_form_hidden(const struct form *, const char *token);
/* A stored form's answer: 303 to location, 409, closed or 503. */
void		 web_stored(struct req *, enum lang, enum db_res,
		    const char *location);
const char	*web_status_text(enum lang, const char *status);
const char	*web_choice_text(enum lang, const char *const *choices,
		    const enum msg *labels, const char *v);
const char	*web_when(struct arena *, const char *iso);

/* ---- endorse.c: the declaration and the endorsement form ------------ */

extern const char *const	 roles[];
extern const enum msg		 role_labels[];
extern const char *const	 levels[];
extern const enum msg		 level_labels[];
extern const char *const	 langs[];
extern const struct fielddef	 edefs[EF__MAX];

void	page_home(struct req *, enum lang);
void	endorse_get(struct req *, enum lang);
void	endorse_post(struct req *, enum lang);
void	endorse_fields(struct req *, enum lang, const struct form *);
int	endorse_check(struct req *, enum lang, const struct kvlist *,
	    const struct fieldui *, int allow_uuid, struct fieldval *,
	    struct form *, struct endorsement *);

/* ---- receipt.c: receipts, reports, updates, withdrawal -------------- */

extern const char *const	 areas[];
extern const enum msg		 area_labels[];
extern const char *const	 cstatuses[];
extern const enum msg		 cstatus_labels[];

void		 receipt_page(struct req *, enum lang, const char *code,
		    struct form *, const char *token);
void		 receipt_qr(struct req *, enum lang, const char *code,
		    enum qrfmt);
void		 commitment_page(struct req *, enum lang, const char *code,
		    struct form *, const char *token);
void		 commitments_post(struct req *, enum lang, const char *code);
void		 updates_post(struct req *, enum lang, const char *code);
void		 withdraw_get(struct req *, enum lang, const char *code);
void		 withdraw_post(struct req *, enum lang, const char *code);
void		 web_closed_page(struct req *, enum lang);
const char	*web_area_text(enum lang, const char *);
const char	*web_cstatus_text(enum lang, const char *);
const char	*web_day(struct arena *, const char *iso);

/* ---- lists.c: the public lists --------------------------------------- */

void	list_page(struct req *, enum lang, int reports);

/* ---- kiosk.c: the event kiosk ----------------------------------------- */

void	kiosk_handle(struct req *, enum lang, const char *token,
	    const char *code);
int	kiosk_path(struct arena *, const char *rest, const char **token,
	    char code[RECEIPT_LEN + 1]);

/* ---- confirm.c: the confirmation link of the mail ------------------- */

void	confirm_get(struct req *, enum lang, const char *token);
void	confirm_post(struct req *, enum lang, const char *token);

/* ---- mailer.c: the mail helper process -------------------------------- */

/* Send the outbox's mail until SIGTERM; the exit status. */
int	mailer_main(void);

#endif /* !WEB_H */
