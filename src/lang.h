/*
 * lang.h: every string a person reads, by number, and the languages they
 * are shown in.  src/lang_en.c holds the English texts, marked for
 * xgettext: they are the msgids of the GNU gettext domain "endorse", and
 * the translations live in po/LL.po only (built into LL.mo).  Texts are
 * plain: the page code escapes them like any other value.
 */
#ifndef LANG_H
#define LANG_H

#include <stddef.h>

#include "langs.h"	/* generated from po/LINGUAS: LANG_NCODES, LANG_CODES */

struct arena;
struct country;

/*
 * English (the source) and then each language of po/LINGUAS, in that
 * order (the order of the switcher).  A language is added by a
 * translator: a line in po/LINGUAS and its po/LL.po, no C.
 */
enum lang {
	LANG_EN = 0,
	LANG__MAX = LANG_NCODES
};

/* Marks for xgettext in tables: the text is looked up later. */
#define N_(s)		s
/* A msgid with a context, as pgettext stores it (context EOT msgid). */
#define NC_(c, s)	c "\004" s

enum msg {
	MSG_SITE_NAME,
	MSG_SKIP_LINK,
	MSG_NAV_HOME,
	MSG_NAV_ENDORSE,
	MSG_FOOTER,
	MSG_FOOTER_PRIVACY,
	MSG_ERROR_PREFIX,
	/* <meta name="description"> of the public pages, one each. */
	MSG_DESC_HOME,
	MSG_DESC_ENDORSE,
	MSG_DESC_SIGNATORIES,
	MSG_DESC_COMMITMENTS,

	/* The declaration (home page). */
	MSG_DECL_TITLE,
	MSG_DECL_LEAD,
	MSG_DECL_CTA,
	MSG_DECL_COUNT_NONE,
	MSG_DECL_COUNT_FMT,		/* %s: lang_num of the countries */
	MSG_DECL_VERIFIED_FMT,		/* %s: lang_num of the verified */
	MSG_DECL_ABOUT_H,
	MSG_DECL_ABOUT_1,
	MSG_DECL_ABOUT_2,
	MSG_DECL_ABOUT_3,
	MSG_DECL_ASKS_H,
	MSG_DECL_ASKS_LEAD,
	MSG_DECL_ASK_1,
	MSG_DECL_ASK_2,
	MSG_DECL_ASK_3,
	MSG_DECL_ASK_4,
	MSG_DECL_ASK_5,
	MSG_DECL_ASK_6,
	MSG_DECL_ASK_7,
	MSG_DECL_ASK_8,
	MSG_DECL_ANNEX_H,
	MSG_DECL_ANNEX_1,
	MSG_DECL_ANNEX_2,
	MSG_DECL_AFTER_H,
	MSG_DECL_AFTER_1,
	MSG_DECL_AFTER_2,
	MSG_DECL_HOW_H,
	MSG_DECL_HOW_1,

	/* The endorsement form. */
	MSG_FORM_TITLE,
	MSG_FORM_LEAD,
	MSG_FORM_REQUIRED_NOTE,
	MSG_FORM_YOU_H,
	MSG_FORM_PLACE_H,
	MSG_FORM_CONTACT_H,
	MSG_FORM_CONSENT_H,
	MSG_F_FULL_NAME,
	MSG_F_FULL_NAME_HINT,
	MSG_F_ROLE,
	MSG_ROLE_MAYOR,
	MSG_ROLE_DEPUTY_MAYOR,
	MSG_ROLE_GOVERNOR,
	MSG_ROLE_COUNCIL_MEMBER,
	MSG_ROLE_OTHER,
	MSG_F_ROLE_OTHER,
	MSG_F_ROLE_OTHER_HINT,
	MSG_F_LEVEL,
	MSG_LEVEL_LOCAL,
	MSG_LEVEL_REGIONAL,
	MSG_F_LOCALITY,
	MSG_F_LOCALITY_HINT,
	MSG_F_REGION,
	MSG_F_REGION_HINT,
	MSG_F_COUNTRY,
	MSG_F_COUNTRY_CHOOSE,
	MSG_F_EMAIL,
	MSG_F_EMAIL_HINT,
	MSG_F_ORGANISATION,
	MSG_F_ORGANISATION_HINT,
	MSG_F_LISTED,
	MSG_F_LISTED_HINT,
	MSG_F_CONSENT,
	MSG_F_CONSENT_HINT,
	MSG_F_OPTIONAL,
	MSG_FORM_SUBMIT,

	/* Errors. */
	MSG_ERR_SUMMARY_H,
	MSG_ERR_MISSING_FMT,		/* %s: the field's label */
	MSG_ERR_REPEATED_FMT,
	MSG_ERR_UTF8_FMT,
	MSG_ERR_CONTROL_FMT,
	MSG_ERR_INVISIBLE_FMT,		/* %s label */
	MSG_ERR_TOO_LONG_FMT,		/* %s label, %zu limit */
	MSG_ERR_CHOICE_FMT,
	MSG_ERR_EMAIL,
	MSG_ERR_COUNTRY,
	MSG_ERR_DATE_FMT,
	MSG_ERR_SDG,
	MSG_ERR_SIGNATURE,
	MSG_ERR_TOKEN,
	MSG_ERR_CONSENT,
	MSG_ERR_ROLE_OTHER,
	MSG_ERR_FULL_NAME_MISSING,
	MSG_ERR_ROLE_MISSING,
	MSG_ERR_LEVEL_MISSING,
	MSG_ERR_LOCALITY_MISSING,
	MSG_ERR_EMAIL_MISSING,

	/* Error pages. */
	MSG_E400_TITLE,
	MSG_E400_BODY,
	MSG_E403_TITLE,
	MSG_E403_BODY,
	MSG_E404_TITLE,
	MSG_E404_BODY,
	MSG_E405_TITLE,
	MSG_E405_BODY,
	MSG_E409_TITLE,
	MSG_E409_BODY,
	MSG_E413_TITLE,
	MSG_E413_BODY,
	MSG_E415_TITLE,
	MSG_E415_BODY,
	MSG_E500_TITLE,
	MSG_E500_BODY,
	MSG_E503_TITLE,
	MSG_E503_BODY,
	MSG_BACK_HOME,

	/* The receipt. */
	MSG_RCPT_TITLE,
	MSG_RCPT_THANKS,
	MSG_RCPT_KEEP,
	MSG_RCPT_CODE,
	MSG_RCPT_LINK,
	MSG_RCPT_QR_ALT,
	MSG_RCPT_QR_CAPTION,
	MSG_RCPT_RECORDED_H,
	MSG_RCPT_RECEIVED,
	MSG_RCPT_STATUS,
	MSG_STATUS_PENDING,
	MSG_STATUS_VERIFIED,
	MSG_STATUS_REJECTED,
	MSG_STATUS_WITHDRAWN,
	MSG_STATUS_PENDING_HINT,
	MSG_RCPT_WITHDRAWN_FMT,		/* %s: date */
	MSG_RCPT_EVENT,
	MSG_RCPT_REGION,
	MSG_RCPT_ORGANISATION,
	MSG_RCPT_LISTED,
	MSG_RCPT_YES,
	MSG_RCPT_NO,
	MSG_RCPT_NONE,
	MSG_RCPT_NEXT_H,
	MSG_RCPT_NEXT_1,
	MSG_RCPT_PRINT,
	MSG_RCPT_PNG,

	/* Commitments, withdrawal, public lists */
	MSG_NAV_SIGNATORIES,
	MSG_NAV_COMMITMENTS,
	MSG_CF_H,
	MSG_CF_LEAD,
	MSG_F_AREA,
	MSG_AREA_INCLUSION,
	MSG_AREA_SERVICES,
	MSG_AREA_WORK,
	MSG_AREA_SAFETY_JUSTICE,
	MSG_AREA_LOCAL_DATA,
	MSG_AREA_COORDINATION,
	MSG_AREA_ORIGIN_TRANSIT_RETURN,
	MSG_AREA_OTHER,
	MSG_F_TITLE,
	MSG_F_TITLE_HINT,
	MSG_F_DESCRIPTION,
	MSG_F_DESCRIPTION_HINT,
	MSG_F_MEANS,
	MSG_F_MEANS_HINT,
	MSG_F_INDICATORS,
	MSG_F_INDICATORS_HINT,
	MSG_F_TARGET_DATE,
	MSG_F_TARGET_DATE_HINT,
	MSG_F_CSTATUS,
	MSG_CSTATUS_PLANNED,
	MSG_CSTATUS_IN_PROGRESS,
	MSG_CSTATUS_ACHIEVED,
	MSG_CSTATUS_DROPPED,
	MSG_F_SDG,
	MSG_F_SDG_HINT,
	MSG_CF_SUBMIT,
	MSG_ERR_AREA_MISSING,
	MSG_ERR_TITLE_MISSING,
	MSG_ERR_DESCRIPTION_MISSING,
	MSG_ERR_CSTATUS_MISSING,
	MSG_ERR_NARRATIVE_MISSING,
	MSG_RCPT_REPORTS_H,
	MSG_RCPT_REPORTS_NONE,
	MSG_RCPT_REPORTED_FMT,		/* %s: a date */
	MSG_RCPT_WITHDRAW_H,
	MSG_RCPT_WITHDRAW_1,
	MSG_RCPT_WITHDRAW_LINK,
	MSG_RCPT_CLOSED,
	MSG_WD_TITLE,
	MSG_WD_1,
	MSG_WD_2,
	MSG_F_CONFIRM,
	MSG_ERR_CONFIRM,
	MSG_WD_SUBMIT,
	MSG_WD_CANCEL,
	MSG_WD_ALREADY,
	MSG_CR_TITLE,
	MSG_CR_THANKS,
	MSG_CR_KEEP,
	MSG_CR_BY,
	MSG_CR_STATUS_NOW,
	MSG_CR_STATUS_FIRST,
	MSG_CR_HISTORY_H,
	MSG_CR_HISTORY_NONE,
	MSG_CR_UPDATE_H,
	MSG_CR_UPDATE_LEAD,
	MSG_F_NARRATIVE,
	MSG_F_NARRATIVE_HINT,
	MSG_CR_UPDATE_SUBMIT,
	MSG_CR_CLOSED,
	MSG_CR_ANOTHER,
	MSG_E409_WITHDRAWN_TITLE,
	MSG_E409_WITHDRAWN_BODY,
	MSG_E409_REJECTED_TITLE,
	MSG_E409_REJECTED_BODY,
	MSG_SIG_TITLE,
	MSG_SIG_LEAD,
	MSG_COM_TITLE,
	MSG_COM_LEAD,
	MSG_LIST_FILTER_H,
	MSG_F_CONTINENT,
	MSG_LIST_ANY,
	MSG_CONT_AFRICA,
	MSG_CONT_AMERICAS,
	MSG_CONT_ASIA,
	MSG_CONT_EUROPE,
	MSG_CONT_OCEANIA,
	MSG_LIST_APPLY,
	MSG_LIST_CLEAR,
	MSG_LIST_BY_CONTINENT_H,
	MSG_LIST_BY_AREA_H,
	MSG_LIST_TOTAL_FMT,		/* %s: lang_num */
	MSG_LIST_RESULTS_H,
	MSG_LIST_NONE,
	MSG_LIST_EMPTY,
	MSG_LIST_OLDER,
	MSG_LIST_NEWEST,
	MSG_LIST_ENDORSED_FMT,		/* %s: a date */
	MSG_LIST_REPORTED_FMT,		/* %s: a date */
	MSG_LIST_TARGET_FMT,		/* %s: a date */
	MSG_LIST_PAGE_NAV,
	MSG_CR_MEANS,
	MSG_CR_INDICATORS,
	MSG_CR_TARGET_DATE,
	MSG_CR_SDG,

	/* The event kiosk. */
	MSG_RCPT_SIGNATURE,
	MSG_RCPT_SIGNATURE_ALT,
	MSG_KIOSK_TITLE,
	MSG_KIOSK_LEAD_FMT,		/* %s: the event's name */
	MSG_KIOSK_SIG_H,
	MSG_KIOSK_SIG_HINT,
	MSG_KIOSK_SIG_PAD,
	MSG_KIOSK_SIG_CLEAR,
	MSG_KIOSK_SIG_FULL,
	MSG_KIOSK_SUBMIT,
	MSG_KIOSK_CLOSED_TITLE,
	MSG_KIOSK_CLOSED_BODY,
	MSG_KIOSK_DONE_TITLE,
	MSG_KIOSK_DONE_HINT,
	MSG_KIOSK_DONE_QR_ALT,
	MSG_KIOSK_DONE_BUTTON,
	MSG_KIOSK_DONE_CLEARS,
	MSG_KIOSK_IDLE_FMT,		/* %s: the seconds left */
	MSG_KIOSK_IDLE_STAY,
	MSG_KIOSK_SENDING,
	MSG_KIOSK_SAVED,
	MSG_KIOSK_BACK,
	MSG_KIOSK_INCOMPLETE,
	MSG_KIOSK_WAITING,
	MSG_KIOSK_REFUSED,
	MSG_KIOSK_SENT_H,
	MSG_KIOSK_SENT_SHOW,
	MSG_KIOSK_SENT_HIDE,

	/* The admin console. */
	MSG_ADM_SITE_NAME,
	MSG_ADM_FOOTER,
	MSG_ADM_NAV_DASHBOARD,
	MSG_ADM_NAV_ENDORSEMENTS,
	MSG_ADM_NAV_EVENTS,
	MSG_ADM_NAV_AUDIT,
	MSG_ADM_SIGNED_IN_FMT,
	MSG_ADM_SIGN_OUT,
	MSG_ADM_E403_TITLE,
	MSG_ADM_E403_BODY,
	MSG_ADM_LOGIN_TITLE,
	MSG_ADM_LOGIN_LEAD,
	MSG_ADM_F_USERNAME,
	MSG_ADM_F_PASSWORD,
	MSG_ADM_LOGIN_SUBMIT,
	MSG_ADM_ERR_USERNAME,
	MSG_ADM_ERR_PASSWORD,
	MSG_ADM_ERR_LOGIN,
	MSG_ADM_ERR_LOCKED,
	MSG_ADM_ERR_DELAYED,
	MSG_ADM_ST_PENDING,
	MSG_ADM_ST_VERIFIED,
	MSG_ADM_ST_REJECTED,
	MSG_ADM_ST_WITHDRAWN,
	MSG_ADM_DASH_TITLE,
	MSG_ADM_DASH_STATUS_H,
	MSG_ADM_DASH_CONTINENT_H,
	MSG_ADM_DASH_COUNTRY_H,
	MSG_ADM_DASH_DAY_H,
	MSG_ADM_DASH_REPORTS_H,
	MSG_ADM_DASH_COUNTED_NOTE,
	MSG_ADM_DASH_COUNTRY_NOTE,
	MSG_ADM_DASH_DAY_NOTE,
	MSG_ADM_COL_NUMBER,
	MSG_ADM_TOTAL,
	MSG_ADM_NONE_YET,
	MSG_ADM_COL_STATUS,
	MSG_ADM_COL_CONTINENT,
	MSG_ADM_COL_COUNTRY,
	MSG_ADM_COL_DAY,
	MSG_ADM_COL_AREA,
	MSG_ADM_CONT_AFRICA,
	MSG_ADM_CONT_AMERICAS,
	MSG_ADM_CONT_ASIA,
	MSG_ADM_CONT_EUROPE,
	MSG_ADM_CONT_OCEANIA,
	MSG_ADM_AREA_INCLUSION,
	MSG_ADM_AREA_SERVICES,
	MSG_ADM_AREA_WORK,
	MSG_ADM_AREA_SAFETY,
	MSG_ADM_AREA_DATA,
	MSG_ADM_AREA_COORDINATION,
	MSG_ADM_AREA_ORIGIN,
	MSG_ADM_AREA_OTHER,
	MSG_ADM_CST_PLANNED,
	MSG_ADM_CST_IN_PROGRESS,
	MSG_ADM_CST_ACHIEVED,
	MSG_ADM_CST_DROPPED,
	MSG_ADM_LIST_TITLE,
	MSG_ADM_F_Q,
	MSG_ADM_F_Q_HINT,
	MSG_ADM_F_Q_HINT_VIEWER,
	MSG_ADM_F_STATUS,
	MSG_ADM_F_COUNTRY,
	MSG_ADM_F_EVENT,
	MSG_ADM_F_FROM,
	MSG_ADM_F_TO,
	MSG_ADM_ANY,
	MSG_ADM_FILTER_SUBMIT,
	MSG_ADM_EXPORT_LEAD,
	MSG_ADM_EXPORT_E_CSV,
	MSG_ADM_EXPORT_E_JSON,
	MSG_ADM_EXPORT_C_CSV,
	MSG_ADM_EXPORT_C_JSON,
	MSG_ADM_NO_MATCH,
	MSG_ADM_COL_NAME,
	MSG_ADM_COL_RECEIVED,
	MSG_ADM_COL_ROLE,
	MSG_ADM_COL_LOCALITY,
	MSG_ADM_COL_EMAIL,
	MSG_ADM_COL_EVENT,
	MSG_ADM_COL_DUPLICATE,
	MSG_ADM_DUP_FLAG,
	MSG_ADM_PAGES,
	MSG_ADM_PREV,
	MSG_ADM_NEXT,
	MSG_ADM_PAGE_FMT,
	MSG_ADM_E_TITLE_FMT,
	MSG_ADM_E_BACK,
	MSG_ADM_E_RECORDED_H,
	MSG_ADM_E_RECEIPT,
	MSG_ADM_E_WITHDRAWN_AT,
	MSG_ADM_E_HIDDEN,
	MSG_ADM_E_CONSENT,
	MSG_ADM_E_SIGNATURE,
	MSG_ADM_E_LANG,
	MSG_ADM_E_REPORTS_H,
	MSG_ADM_E_NO_REPORTS,
	MSG_ADM_COL_TITLE,
	MSG_ADM_E_HISTORY_H,
	MSG_ADM_E_NO_HISTORY,
	MSG_ADM_COL_WHEN,
	MSG_ADM_COL_FROM,
	MSG_ADM_COL_TO,
	MSG_ADM_COL_REASON,
	MSG_ADM_COL_BY,
	MSG_ADM_E_DUPS_H,
	MSG_ADM_E_NO_DUPS,
	MSG_ADM_E_DUPS_LEAD,
	MSG_ADM_E_THIS,
	MSG_ADM_E_STATUS_H,
	MSG_ADM_F_NEW_STATUS,
	MSG_ADM_F_REASON,
	MSG_ADM_F_REASON_HINT,
	MSG_ADM_F_STATUS_SUBMIT,
	MSG_ADM_ERR_STATUS,
	MSG_ADM_ERR_REASON_FMT,
	MSG_ADM_ERR_WITHDRAWN,
	MSG_ADM_EV_TITLE,
	MSG_ADM_EV_LEAD,
	MSG_ADM_EV_NONE,
	MSG_ADM_EV_F_NAME,
	MSG_ADM_EV_F_DATE,
	MSG_ADM_EV_F_DATE_HINT,
	MSG_ADM_EV_F_PLACE,
	MSG_ADM_EV_COL_KIOSK,
	MSG_ADM_EV_COL_COUNT,
	MSG_ADM_EV_COL_STATE,
	MSG_ADM_EV_CLOSED_URL,
	MSG_ADM_EV_CLOSED_FMT,
	MSG_ADM_EV_CLOSE_FMT,
	MSG_ADM_EV_OPEN,
	MSG_ADM_EV_NEW_H,
	MSG_ADM_EV_SUBMIT,
	MSG_ADM_ERR_EV_NAME,
	MSG_ADM_ERR_EV_ID,
	MSG_ADM_AUDIT_TITLE,
	MSG_ADM_AUDIT_LEAD,
	MSG_ADM_AUDIT_COL_ACTOR,
	MSG_ADM_AUDIT_COL_ACTION,
	MSG_ADM_AUDIT_COL_TARGET,
	MSG_ADM_AUDIT_COL_DETAIL,
	MSG_ADM_AUDIT_COL_CLIENT,

	/* E-mail confirmation and official domains. */
	MSG_CF_TITLE,
	MSG_CONFIRM_LEAD,
	MSG_CONFIRM_SUBMIT,
	MSG_CF_DONE_FMT,
	MSG_CF_WITHDRAWN,
	MSG_CF_RECEIPT_LINK,
	MSG_CF_404_TITLE,
	MSG_CF_404_TEXT,
	MSG_RCPT_EMAIL_STATE,
	MSG_RCPT_EMAIL_CONFIRMED_FMT,
	MSG_RCPT_EMAIL_UNCONFIRMED,
	MSG_MAIL_SUBJECT,
	MSG_MAIL_HELLO_FMT,
	MSG_MAIL_THANKS,
	MSG_MAIL_CONFIRM,
	MSG_MAIL_BUTTON,
	MSG_MAIL_RECEIPT,
	MSG_MAIL_CODE_FMT,
	MSG_MAIL_QR,
	MSG_MAIL_NOT_YOU,
	MSG_MAIL_AUTO,
	MSG_ADM_DOM_TITLE,
	MSG_ADM_DOM_LEAD,
	MSG_ADM_DOM_F_DOMAIN,
	MSG_ADM_DOM_F_DOMAIN_HINT,
	MSG_ADM_DOM_F_COUNTRY,
	MSG_ADM_DOM_ANY,
	MSG_ADM_DOM_ADD_H,
	MSG_ADM_DOM_ADD,
	MSG_ADM_DOM_REMOVE,
	MSG_ADM_DOM_NONE,
	MSG_ADM_DOM_COL_ADDED,
	MSG_ADM_ERR_DOMAIN,
	MSG_ADM_ERR_DOMAIN_EXISTS,
	MSG_ADM_ERR_DOMAIN_UNKNOWN,
	MSG_ADM_E_CONFIRMED,
	MSG_ADM_E_OFFICIAL,
	MSG_ADM_E_YES,
	MSG_ADM_E_NO,
	MSG_ADM_E_VERIFY_OFFICIAL,
	MSG_ADM_E_VERIFIED_FMT,
	MSG_ADM_DASH_CONFIRMED_FMT,
	MSG_ADM_DASH_MAIL_FMT,
	MSG_ADM_NAV_DOMAINS,
	MSG_ADM_DASH_MAIL_FAILED_H,
	MSG_ADM_DASH_MAIL_FAILED_LEAD,
	MSG_ADM_DASH_MAIL_COL_ATTEMPTS,
	MSG_ADM_DASH_MAIL_COL_ERROR,
	/* Languages, landmarks, and texts that were written in the code. */
	MSG_NAV_LABEL,
	MSG_ADM_NAV_LABEL,
	MSG_LANG_NAV,
	MSG_E429_TITLE,
	MSG_E429_BODY,
	MSG_E502_BODY,
	MSG_E413_STATIC_BODY,
	MSG_ADM_ROLE_ADMIN,
	MSG_ADM_ROLE_MODERATOR,
	MSG_ADM_ROLE_VIEWER,
	/* Signed receipts, /verify, /declaration, the ledger on /. */
	MSG_PROOF_DOWNLOAD,
	MSG_PROOF_DOWNLOAD_HINT,
	MSG_PROOF_DECL_ROW,
	MSG_PROOF_DECL_FMT,
	MSG_PROOF_DECL_LINK,
	MSG_PROOF_LEDGER_FMT,
	MSG_PROOF_LEDGER_LINK,
	MSG_VF_TITLE,
	MSG_VF_LEAD,
	MSG_VF_FIELD,
	MSG_VF_FIELD_HINT,
	MSG_VF_FILE,
	MSG_VF_ERR_MISSING,
	MSG_VF_SUBMIT,
	MSG_VF_GENUINE_H,
	MSG_VF_GENUINE_1,
	MSG_VF_NOT_H,
	MSG_VF_NOT_FMT,
	MSG_VF_KEY_FMT,
	MSG_VF_OFFLINE,
	MSG_DC_TITLE,
	MSG_DC_META_FMT,
	MSG_DC_OTHER,
	MSG_DC_VERSION_FMT,
	MSG_DC_LANG_NOTE,
	MSG_FORM_DECL_FMT,
	MSG_FORM_DECL_LINK,
	/* The exports' header row when lang is given, one per key. */
	MSG_XK_ID,
	MSG_XK_RECEIPT,
	MSG_XK_E_RECEIPT,
	MSG_XK_CREATED_AT,
	MSG_XK_STATUS,
	MSG_XK_FULL_NAME,
	MSG_XK_ROLE,
	MSG_XK_ROLE_OTHER,
	MSG_XK_LEVEL,
	MSG_XK_LOCALITY,
	MSG_XK_REGION,
	MSG_XK_COUNTRY,
	MSG_XK_EMAIL,
	MSG_XK_ORGANISATION,
	MSG_XK_LISTED,
	MSG_XK_EVENT,
	MSG_XK_LANG,
	MSG_XK_CONFIRMED_AT,
	MSG_XK_OFFICIAL,
	MSG_XK_DECL_VERSION,
	MSG_XK_DECL_SHA256,
	MSG_XK_AREA,
	MSG_XK_TITLE,
	MSG_XK_DESCRIPTION,
	MSG_XK_MEANS,
	MSG_XK_INDICATORS,
	MSG_XK_TARGET_DATE,
	MSG_XK_SDG,
	MSG_XK_UPDATES,
	MSG_XK_ENDORSED_ON,
	/* A filter of an export that is wrong (HTTP 400, endorsectl). */
	MSG_EXP_BAD_STATUS,
	MSG_EXP_BAD_CSTATUS,
	MSG_EXP_BAD_COUNTRY,
	MSG_EXP_BAD_SINCE,
	MSG_EXP_BAD_LANG,
	MSG_ADM_EXPORT_E_XLSX,
	MSG_ADM_EXPORT_C_XLSX,
	/* The public lists' open data. */
	MSG_OPEN_LEAD,
	MSG_OPEN_CSV,
	MSG_OPEN_JSON,
	MSG_OPEN_LICENSE_FMT,		/* %s: the licence's name */

	MSG__MAX
};

/*
 * Load the catalogs from localedir (NULL: the compiled-in LOCALEDIR, or
 * the build tree's locale/ when the program runs from it) and fill the
 * table of each language.  Call once at start, before fork: afterwards
 * msg() never touches gettext, and no catalog file is opened again.
 * Returns 0, or -1 if the process has no UTF-8 locale at all.
 */
int		 lang_init(const char *localedir);
/* The text of m in language l (English where no catalog translates it). */
const char	*msg(enum lang l, enum msg m);
/*
 * gettext's lookups (ngettext, pgettext, dgettext) answer in l from now
 * on.  Cheap when l is already in use.
 */
void		 lang_use(enum lang l);
/* ngettext in language l: the form of one or many for n. */
const char	*lang_ngettext(enum lang l, const char *one, const char *many,
		    unsigned long n)
		    __attribute__((format_arg(2), format_arg(3)));
/* pgettext in language l. */
const char	*lang_pgettext(enum lang l, const char *ctx, const char *id)
		    __attribute__((format_arg(3)));
/* "en", "fr", ...: by enum lang, then NULL (a choice list for forms). */
extern const char *const lang_codes[];
/* "en", "fr", ... */
const char	*lang_code(enum lang);
/* "ltr" or "rtl" (its catalog says which). */
const char	*lang_dir(enum lang);
/* The language's own name, for the switcher: "Français" (its catalog's). */
const char	*lang_name(enum lang);
/*
 * A language tag ("fr", "FR", "fr-CA", "es_419"): 0 and *l for one we
 * serve (the primary subtag decides), -1 otherwise.
 */
int		 lang_parse(const char *tag, size_t len, enum lang *l);
/*
 * The best language of an Accept-Language header (q-values honoured, q=0
 * refuses, equal q keep the header's order); -1 if it names none we serve.
 */
int		 lang_accept(const char *header, enum lang *l);

/*
 * How the language of a request was chosen.  DESIGN.md's order: lang in
 * the query (or the form), the lang cookie, the language a submission
 * recorded (its own pages only), Accept-Language, English.
 */
enum lang_src {
	LSRC_QUERY,
	LSRC_COOKIE,
	LSRC_RECORDED,
	LSRC_ACCEPT,
	LSRC_DEFAULT
};
/*
 * The language for a request: query and cookie are the raw values (NULL
 * if absent), recorded a submission's lang or NULL.  *src (may be NULL)
 * says which one won.
 */
enum lang	 lang_negotiate(const char *query, const char *cookie,
		    const char *recorded, const char *accept_language,
		    enum lang_src *src);

/*
 * A country's short name in l, from iso-codes' iso_3166-1 domain: its
 * common name, or iso-codes' own name where the catalog lacks the first.
 */
const char	*lang_country(enum lang l, const struct country *);
/*
 * Compare two names as a reader of l sorts them: letters before their
 * accents and case, so "Égypte" sorts among the E.
 */
int		 lang_collate(enum lang l, const char *a, const char *b);
/*
 * Dates and numbers the language's way.  lang_date takes "YYYY-MM-DD"
 * (anything after it is ignored) and writes "4 décembre 2026"; lang_when
 * takes "YYYY-MM-DDTHH:MM:SSZ" and adds the time in UTC; lang_num groups
 * thousands.  All return arena memory; the input unchanged if malformed.
 */
const char	*lang_date(struct arena *, enum lang l, const char *iso);
const char	*lang_when(struct arena *, enum lang l, const char *iso);
const char	*lang_num(struct arena *, enum lang l, long long n);

#endif /* !LANG_H */
