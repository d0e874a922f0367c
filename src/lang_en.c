/*
 * lang_en.c: the English texts.  Facts about the declaration come from
 * shared/seed/FACTS.md and the source document; the wording is ours.
 * Strings marked _FMT are printf formats with the arguments lang.h names.
 */
#include "config.h"

#include "lang.h"

extern const char *const lang_en[MSG__MAX];

const char *const lang_en[MSG__MAX] = {
	[MSG_SITE_NAME] = "Mechelen Declaration on Cities and Migration",
	[MSG_SKIP_LINK] = "Skip to main content",
	[MSG_NAV_HOME] = "The declaration",
	[MSG_NAV_ENDORSE] = "Endorse",
	[MSG_FOOTER] = "A service for mayors, governors and other local and "
	    "regional leaders who endorse the Mechelen Declaration and report "
	    "what they do under it.",
	[MSG_FOOTER_PRIVACY] = "What you enter is used only to record and "
	    "verify your endorsement. Your email address is never published.",
	[MSG_ERROR_PREFIX] = "Error: ",

	[MSG_DECL_TITLE] = "Mechelen Declaration on Cities and Migration",
	[MSG_DECL_LEAD] = "In November 2017 mayors and regional leaders from "
	    "every continent met in Mechelen, Belgium, and set out how cities "
	    "and regions see migration and what they ask of their states. "
	    "Local and regional leaders can endorse the declaration here, and "
	    "then report the commitments they make under it.",
	[MSG_DECL_CTA] = "Endorse the declaration",
	[MSG_DECL_COUNT_NONE] = "No endorsements have been recorded yet. "
	    "Yours can be the first.",
	[MSG_DECL_COUNT_FMT] = "Endorsements so far: %lld. Countries: %lld",
	[MSG_DECL_VERIFIED_FMT] = "Verified: %lld",
	[MSG_DECL_ABOUT_H] = "Where the declaration comes from",
	[MSG_DECL_ABOUT_1] = "The Global Conference on Cities and Migration "
	    "met on 16 and 17 November 2017 at the Lamot Congress and "
	    "Heritage Center in Mechelen, hosted by the City of Mechelen. "
	    "Belgium's Ministry of Foreign Affairs, Foreign Trade and "
	    "Development Cooperation organised it together with the "
	    "International Organization for Migration (IOM), United Cities "
	    "and Local Governments (UCLG) and UN-Habitat.",
	[MSG_DECL_ABOUT_2] = "More than 50 cities from Europe, the Americas, "
	    "Asia and Africa took part, and representatives of local "
	    "authorities and their networks made up more than half of the "
	    "participants. The aim was to tell a more positive story of "
	    "migration, as seen by the local and regional governments that "
	    "welcome, house and serve people on the move.",
	[MSG_DECL_ABOUT_3] = "The Mechelen Declaration is the conference's "
	    "outcome: the view of mayors and governors on cities and "
	    "migration. It builds on the Sustainable Development Goals, the "
	    "New Urban Agenda and the New York Declaration for Refugees and "
	    "Migrants, and calls for local governance, rooted in communities, "
	    "that benefits places of origin, transit and destination alike, "
	    "and migrants, refugees, returnees and internally displaced "
	    "people.",
	[MSG_DECL_ASKS_H] = "What the declaration asks of states",
	[MSG_DECL_ASKS_LEAD] = "It asks the member states negotiating the "
	    "Global Compact for Migration to close eight gaps in policy:",
	[MSG_DECL_ASK_1] = "Support cities of origin, transit and return, not "
	    "only cities of destination.",
	[MSG_DECL_ASK_2] = "Treat local and regional governments as part of "
	    "their state, not as outside or non-governmental stakeholders.",
	[MSG_DECL_ASK_3] = "Set up ways for local and regional governments to "
	    "take part in shaping immigration policy.",
	[MSG_DECL_ASK_4] = "Make inclusive, integrated urban solutions "
	    "possible.",
	[MSG_DECL_ASK_5] = "Make clear what local, regional and national "
	    "governments are each responsible for in migration.",
	[MSG_DECL_ASK_6] = "Give local and regional governments resources and "
	    "services in step with the growth of their population.",
	[MSG_DECL_ASK_7] = "Build the capacity to collect and analyse data "
	    "broken down to the local level, for evaluation and for policy.",
	[MSG_DECL_ASK_8] = "Recognise and support local and regional "
	    "governments in their joint responsibility with the state for "
	    "safety and access to justice for all.",
	[MSG_DECL_ANNEX_H] = "Commitments, means and follow-up",
	[MSG_DECL_ANNEX_1] = "The declaration's annex lists the concrete "
	    "commitments of mayors and leaders, the means to carry them out, "
	    "and the way they are followed up and evaluated.",
	[MSG_DECL_ANNEX_2] = "These commitments are the basis for the first "
	    "follow-up and review of the migration commitments of the New "
	    "Urban Agenda, adopted at Habitat III in Quito in October 2016. "
	    "They link to Sustainable Development Goal 11, on inclusive, safe, "
	    "resilient and sustainable cities, and to target 10.7, on "
	    "orderly, safe, regular and responsible migration.",
	[MSG_DECL_AFTER_H] = "What happened next",
	[MSG_DECL_AFTER_1] = "The declaration was handed to Louise Arbour, the "
	    "UN Secretary-General's Special Representative for International "
	    "Migration, and to the co-facilitators of the Global Compact "
	    "process. The leaders asked the UCLG World Council, meeting in "
	    "Hangzhou, China, on 6 to 9 December 2017, to endorse and promote "
	    "it.",
	[MSG_DECL_AFTER_2] = "It fed into the intergovernmental stocktaking "
	    "meeting on the Global Compact in December 2017 and the ninth "
	    "World Urban Forum in Kuala Lumpur in February 2018.",
	[MSG_DECL_HOW_H] = "How endorsing works",
	[MSG_DECL_HOW_1] = "Fill in one short form. You get a receipt at once, "
	    "with a code and a QR code: keep it. Our team checks that each "
	    "endorsement comes from the leader it names before it is listed "
	    "publicly. With your receipt you can later report the commitments "
	    "you make, or withdraw your endorsement.",

	[MSG_FORM_TITLE] = "Endorse the Mechelen Declaration",
	[MSG_FORM_LEAD] = "Endorse the declaration as the mayor, governor or "
	    "leader of your local or regional government. It takes about two "
	    "minutes.",
	[MSG_FORM_REQUIRED_NOTE] = "All fields are required unless they say "
	    "optional.",
	[MSG_FORM_YOU_H] = "About you",
	[MSG_FORM_PLACE_H] = "Your government",
	[MSG_FORM_CONTACT_H] = "Contact",
	[MSG_FORM_CONSENT_H] = "Publication and consent",
	[MSG_F_FULL_NAME] = "Full name",
	[MSG_F_FULL_NAME_HINT] = "As it should appear on the list of "
	    "signatories.",
	[MSG_F_ROLE] = "Your role",
	[MSG_ROLE_MAYOR] = "Mayor",
	[MSG_ROLE_DEPUTY_MAYOR] = "Deputy mayor",
	[MSG_ROLE_GOVERNOR] = "Governor",
	[MSG_ROLE_COUNCIL_MEMBER] = "Council member",
	[MSG_ROLE_OTHER] = "Other role",
	[MSG_F_ROLE_OTHER] = "Your role, if other",
	[MSG_F_ROLE_OTHER_HINT] = "Needed only if you chose \"Other role\". "
	    "For example: President of the regional council.",
	[MSG_F_LEVEL] = "Level of government",
	[MSG_LEVEL_LOCAL] = "Local (city, town, municipality)",
	[MSG_LEVEL_REGIONAL] = "Regional (region, province, state)",
	[MSG_F_LOCALITY] = "City or locality",
	[MSG_F_LOCALITY_HINT] = "The city, town or region you lead.",
	[MSG_F_REGION] = "Region or province (optional)",
	[MSG_F_REGION_HINT] = "",
	[MSG_F_COUNTRY] = "Country",
	[MSG_F_COUNTRY_CHOOSE] = "Choose a country",
	[MSG_F_EMAIL] = "Email address",
	[MSG_F_EMAIL_HINT] = "We use it only to verify your endorsement. It "
	    "is never published.",
	[MSG_F_ORGANISATION] = "Government or organisation (optional)",
	[MSG_F_ORGANISATION_HINT] = "For example: City of Mechelen.",
	[MSG_F_LISTED] = "Show my name, role and locality on the public list "
	    "of signatories",
	[MSG_F_LISTED_HINT] = "Only once our team has verified the "
	    "endorsement. Your email address is never shown.",
	[MSG_F_CONSENT] = "I agree that the details above are stored and "
	    "processed to record and verify this endorsement",
	[MSG_F_CONSENT_HINT] = "You can withdraw your endorsement at any time "
	    "from your receipt.",
	[MSG_F_OPTIONAL] = "(optional)",
	[MSG_FORM_SUBMIT] = "Endorse the declaration",

	[MSG_ERR_SUMMARY_H] = "There is a problem",
	[MSG_ERR_MISSING_FMT] = "Enter %s",
	[MSG_ERR_REPEATED_FMT] = "%s was sent more than once: send it once",
	[MSG_ERR_UTF8_FMT] = "%s contains characters that could not be read: "
	    "type it again",
	[MSG_ERR_CONTROL_FMT] = "%s contains invisible control characters: "
	    "remove them",
	[MSG_ERR_INVISIBLE_FMT] = "%s contains invisible characters or "
	    "characters that change the direction of the text: remove them",
	[MSG_ERR_TOO_LONG_FMT] = "%s must be %zu characters or fewer",
	[MSG_ERR_CHOICE_FMT] = "Choose one of the options for %s",
	[MSG_ERR_EMAIL] = "Enter an email address in the right format, like "
	    "name@example.org",
	[MSG_ERR_COUNTRY] = "Choose your country from the list",
	[MSG_ERR_DATE_FMT] = "%s must be a real date, like 2030-12-31",
	[MSG_ERR_SDG] = "Enter SDG targets like 10.7, 11.1",
	[MSG_ERR_SIGNATURE] = "The drawn signature could not be read: "
	    "clear it and sign again",
	[MSG_ERR_TOKEN] = "This form has expired or was changed: check your "
	    "answers and send it again",
	[MSG_ERR_CONSENT] = "Tick the box to agree that your details are "
	    "stored, or your endorsement cannot be recorded",
	[MSG_ERR_ROLE_OTHER] = "Enter your role, as you chose \"Other role\"",
	[MSG_ERR_FULL_NAME_MISSING] = "Enter your full name",
	[MSG_ERR_ROLE_MISSING] = "Choose your role",
	[MSG_ERR_LEVEL_MISSING] = "Choose your level of government",
	[MSG_ERR_LOCALITY_MISSING] = "Enter your city or locality",
	[MSG_ERR_EMAIL_MISSING] = "Enter your email address",

	[MSG_E400_TITLE] = "The request could not be read",
	[MSG_E400_BODY] = "Your browser sent something this site could not "
	    "understand. Go back, reload the form and try again.",
	[MSG_E403_TITLE] = "The form could not be accepted",
	[MSG_E403_BODY] = "For your security we accept a form only from the "
	    "page that made it, in a browser that accepts cookies. Nothing "
	    "was stored. Open the form again and send it from there.",
	[MSG_E404_TITLE] = "Page not found",
	[MSG_E404_BODY] = "If you typed the address, check it is correct. "
	    "A receipt code has 24 letters and digits.",
	[MSG_E405_TITLE] = "This page cannot do that",
	[MSG_E405_BODY] = "The address exists, but not for this kind of "
	    "request.",
	[MSG_E409_TITLE] = "This form was already sent",
	[MSG_E409_BODY] = "This form was already sent with other answers, and "
	    "those were recorded. Nothing new was stored. To send different "
	    "answers, open a new form.",
	[MSG_E413_TITLE] = "Too much was sent",
	[MSG_E413_BODY] = "The form holds more text than this site accepts. "
	    "Nothing was stored. Shorten your answers and try again.",
	[MSG_E415_TITLE] = "The form could not be read",
	[MSG_E415_BODY] = "This address accepts only forms sent by a web page. "
	    "Nothing was stored.",
	[MSG_E500_TITLE] = "Sorry, something went wrong",
	[MSG_E500_BODY] = "Nothing you sent was recorded. Try again in a few "
	    "minutes.",
	[MSG_E503_TITLE] = "The service is unavailable",
	[MSG_E503_BODY] = "The site is busy and could not answer just now. "
	    "Wait a moment and try again: a form sent again is never "
	    "recorded twice.",
	[MSG_BACK_HOME] = "Go to the declaration",

	[MSG_RCPT_TITLE] = "Your receipt",
	[MSG_RCPT_THANKS] = "Thank you: your endorsement is recorded",
	[MSG_RCPT_KEEP] = "Keep this receipt. Its code, link and QR code are "
	    "the only way back to your endorsement: anyone who holds them can "
	    "see it.",
	[MSG_RCPT_CODE] = "Receipt code",
	[MSG_RCPT_LINK] = "Link to this receipt",
	[MSG_RCPT_QR_ALT] = "QR code of the link to this receipt",
	[MSG_RCPT_QR_CAPTION] = "Scan to open this receipt on a phone.",
	[MSG_RCPT_RECORDED_H] = "What we recorded",
	[MSG_RCPT_RECEIVED] = "Received",
	[MSG_RCPT_STATUS] = "Status",
	[MSG_STATUS_PENDING] = "Waiting for verification",
	[MSG_STATUS_VERIFIED] = "Verified",
	[MSG_STATUS_REJECTED] = "Not accepted",
	[MSG_STATUS_WITHDRAWN] = "Withdrawn",
	[MSG_STATUS_PENDING_HINT] = "Our team checks that the endorsement "
	    "comes from the leader it names. This page shows the result.",
	[MSG_RCPT_WITHDRAWN_FMT] = "This endorsement was withdrawn on %s.",
	[MSG_RCPT_EVENT] = "Signed at",
	[MSG_RCPT_REGION] = "Region or province",
	[MSG_RCPT_ORGANISATION] = "Government or organisation",
	[MSG_RCPT_LISTED] = "Shown on the public list once verified",
	[MSG_RCPT_YES] = "Yes",
	[MSG_RCPT_NO] = "No",
	[MSG_RCPT_NONE] = "Not given",
	[MSG_RCPT_NEXT_H] = "What happens next",
	[MSG_RCPT_NEXT_1] = "Once your endorsement is verified, and if you "
	    "agreed, your name appears on the public list of signatories. "
	    "Come back to this receipt to report the commitments you make "
	    "under the declaration.",
	[MSG_RCPT_PRINT] = "To keep a paper copy, print this page: the print "
	    "version holds the code and the QR code.",
	[MSG_RCPT_PNG] = "Download the QR code as an image",

	/* The admin console. */
	[MSG_ADM_SITE_NAME] = "Endorse admin",
	[MSG_ADM_FOOTER] = "The admin console of the Mechelen Declaration site. Every "
	    "sign-in and every change is written to the audit log.",
	[MSG_ADM_NAV_DASHBOARD] = "Dashboard",
	[MSG_ADM_NAV_ENDORSEMENTS] = "Endorsements",
	[MSG_ADM_NAV_EVENTS] = "Events",
	[MSG_ADM_NAV_AUDIT] = "Audit log",
	[MSG_ADM_SIGNED_IN_FMT] = "Signed in as %s (%s)",
	[MSG_ADM_SIGN_OUT] = "Sign out",
	[MSG_ADM_E403_TITLE] = "Your role does not allow this",
	[MSG_ADM_E403_BODY] = "Your account can read the console but not do this. Ask an "
	    "administrator if you need to.",
	[MSG_ADM_LOGIN_TITLE] = "Sign in",
	[MSG_ADM_LOGIN_LEAD] = "Sign in to moderate endorsements, follow events and export "
	    "the results. Accounts are made by an operator with "
	    "endorsectl.",
	[MSG_ADM_F_USERNAME] = "User name",
	[MSG_ADM_F_PASSWORD] = "Password",
	[MSG_ADM_LOGIN_SUBMIT] = "Sign in",
	[MSG_ADM_ERR_USERNAME] = "Enter your user name",
	[MSG_ADM_ERR_PASSWORD] = "Enter your password",
	[MSG_ADM_ERR_LOGIN] = "The user name or the password is not right",
	[MSG_ADM_ERR_LOCKED] = "Too many failed sign-ins from here. "
	    "Nothing was checked. Try again in 15 minutes.",
	[MSG_ADM_ERR_DELAYED] = "Several sign-ins with this user name have "
	    "failed, so each try must wait a little longer. Nothing was "
	    "checked. Wait a moment (at most a minute) and try again.",
	[MSG_ADM_ST_PENDING] = "Pending",
	[MSG_ADM_ST_VERIFIED] = "Verified",
	[MSG_ADM_ST_REJECTED] = "Rejected",
	[MSG_ADM_ST_WITHDRAWN] = "Withdrawn",
	[MSG_ADM_DASH_TITLE] = "Dashboard",
	[MSG_ADM_DASH_STATUS_H] = "Endorsements by status",
	[MSG_ADM_DASH_CONTINENT_H] = "Endorsements by continent",
	[MSG_ADM_DASH_COUNTRY_H] = "Endorsements by country",
	[MSG_ADM_DASH_DAY_H] = "Endorsements per day",
	[MSG_ADM_DASH_REPORTS_H] = "Commitment reports by area and status",
	[MSG_ADM_DASH_COUNTED_NOTE] = "Pending and verified endorsements.",
	[MSG_ADM_DASH_COUNTRY_NOTE] = "Pending and verified endorsements; the chart shows the first "
	    "20 countries, the table all of them.",
	[MSG_ADM_DASH_DAY_NOTE] = "All endorsements, by the day they arrived (UTC): the last 30 "
	    "days that had any, oldest first.",
	[MSG_ADM_COL_NUMBER] = "Number",
	[MSG_ADM_TOTAL] = "Total",
	[MSG_ADM_NONE_YET] = "Nothing yet.",
	[MSG_ADM_COL_STATUS] = "Status",
	[MSG_ADM_COL_CONTINENT] = "Continent",
	[MSG_ADM_COL_COUNTRY] = "Country",
	[MSG_ADM_COL_DAY] = "Day",
	[MSG_ADM_COL_AREA] = "Area",
	[MSG_ADM_CONT_AFRICA] = "Africa",
	[MSG_ADM_CONT_AMERICAS] = "Americas",
	[MSG_ADM_CONT_ASIA] = "Asia",
	[MSG_ADM_CONT_EUROPE] = "Europe",
	[MSG_ADM_CONT_OCEANIA] = "Oceania",
	[MSG_ADM_AREA_INCLUSION] = "Inclusion and social cohesion",
	[MSG_ADM_AREA_SERVICES] = "Access to services",
	[MSG_ADM_AREA_WORK] = "Work and economic inclusion",
	[MSG_ADM_AREA_SAFETY] = "Safety and access to justice",
	[MSG_ADM_AREA_DATA] = "Local data",
	[MSG_ADM_AREA_COORDINATION] = "Multi-level coordination",
	[MSG_ADM_AREA_ORIGIN] = "Origin, transit and return",
	[MSG_ADM_AREA_OTHER] = "Other",
	[MSG_ADM_CST_PLANNED] = "Planned",
	[MSG_ADM_CST_IN_PROGRESS] = "In progress",
	[MSG_ADM_CST_ACHIEVED] = "Achieved",
	[MSG_ADM_CST_DROPPED] = "Dropped",
	[MSG_ADM_LIST_TITLE] = "Endorsements",
	[MSG_ADM_F_Q] = "Search",
	[MSG_ADM_F_Q_HINT] = "Part of a name, a locality or an email address",
	[MSG_ADM_F_Q_HINT_VIEWER] = "Part of a name or a locality",
	[MSG_ADM_F_STATUS] = "Status",
	[MSG_ADM_F_COUNTRY] = "Country",
	[MSG_ADM_F_EVENT] = "Event",
	[MSG_ADM_F_FROM] = "Received from (day)",
	[MSG_ADM_F_TO] = "Received up to (day)",
	[MSG_ADM_ANY] = "Any",
	[MSG_ADM_FILTER_SUBMIT] = "Show",
	[MSG_ADM_LIST_COUNT_FMT] = "Endorsements that match: %lld",
	[MSG_ADM_EXPORT_LEAD] = "Download these endorsements or their commitment reports:",
	[MSG_ADM_EXPORT_E_CSV] = "endorsements (CSV)",
	[MSG_ADM_EXPORT_E_JSON] = "endorsements (JSON)",
	[MSG_ADM_EXPORT_C_CSV] = "reports (CSV)",
	[MSG_ADM_EXPORT_C_JSON] = "reports (JSON)",
	[MSG_ADM_NO_MATCH] = "No endorsement matches.",
	[MSG_ADM_COL_NAME] = "Name",
	[MSG_ADM_COL_RECEIVED] = "Received",
	[MSG_ADM_COL_ROLE] = "Role",
	[MSG_ADM_COL_LOCALITY] = "Locality",
	[MSG_ADM_COL_EMAIL] = "Email",
	[MSG_ADM_COL_EVENT] = "Event",
	[MSG_ADM_COL_DUPLICATE] = "Duplicate?",
	[MSG_ADM_DUP_FLAG] = "Likely duplicate",
	[MSG_ADM_PAGES] = "Pages",
	[MSG_ADM_PREV] = "Previous page",
	[MSG_ADM_NEXT] = "Next page",
	[MSG_ADM_PAGE_FMT] = "Page %lld of %lld",
	[MSG_ADM_E_TITLE_FMT] = "Endorsement %lld",
	[MSG_ADM_E_BACK] = "Back to the list of endorsements",
	[MSG_ADM_E_RECORDED_H] = "What was recorded",
	[MSG_ADM_E_RECEIPT] = "Receipt code",
	[MSG_ADM_E_WITHDRAWN_AT] = "Withdrawn",
	[MSG_ADM_E_HIDDEN] = "Hidden from your role",
	[MSG_ADM_E_CONSENT] = "Agreed to the processing of the data",
	[MSG_ADM_E_SIGNATURE] = "Drawn signature",
	[MSG_ADM_E_LANG] = "Language",
	[MSG_ADM_E_REPORTS_H] = "Commitment reports",
	[MSG_ADM_E_NO_REPORTS] = "No commitment reports yet.",
	[MSG_ADM_COL_TITLE] = "Title",
	[MSG_ADM_E_HISTORY_H] = "Status history",
	[MSG_ADM_E_NO_HISTORY] = "The status has not been changed.",
	[MSG_ADM_COL_WHEN] = "When (UTC)",
	[MSG_ADM_COL_FROM] = "From",
	[MSG_ADM_COL_TO] = "To",
	[MSG_ADM_COL_REASON] = "Reason",
	[MSG_ADM_COL_BY] = "By",
	[MSG_ADM_E_DUPS_H] = "Likely duplicates",
	[MSG_ADM_E_NO_DUPS] = "No other endorsement has the same locality, country and "
	    "role, or the same email address.",
	[MSG_ADM_E_DUPS_LEAD] = "These endorsements have the same locality, country and role, "
	    "or the same email address. Compare them side by side before "
	    "you verify one.",
	[MSG_ADM_E_THIS] = "This endorsement",
	[MSG_ADM_E_STATUS_H] = "Change the status",
	[MSG_ADM_F_NEW_STATUS] = "New status",
	[MSG_ADM_F_REASON] = "Reason (optional)",
	[MSG_ADM_F_REASON_HINT] = "Kept in the status history and the audit log, never shown to "
	    "the signer.",
	[MSG_ADM_F_STATUS_SUBMIT] = "Save the status",
	[MSG_ADM_ERR_STATUS] = "Choose the new status: verified, rejected or pending",
	[MSG_ADM_ERR_REASON_FMT] = "The reason must be %zu characters or fewer, on one line",
	[MSG_ADM_ERR_WITHDRAWN] = "The signer withdrew this endorsement: its status cannot be "
	    "changed.",
	[MSG_ADM_EV_TITLE] = "Events",
	[MSG_ADM_EV_LEAD] = "Signing events, such as a conference, each with a kiosk link "
	    "for a shared tablet. Endorsements made at the kiosk are "
	    "counted under their event.",
	[MSG_ADM_EV_NONE] = "No events yet.",
	[MSG_ADM_EV_F_NAME] = "Name of the event",
	[MSG_ADM_EV_F_DATE] = "Date (optional)",
	[MSG_ADM_EV_F_DATE_HINT] = "For example 2030-11-16",
	[MSG_ADM_EV_F_PLACE] = "Place (optional)",
	[MSG_ADM_EV_COL_KIOSK] = "Kiosk link",
	[MSG_ADM_EV_COL_COUNT] = "Endorsements",
	[MSG_ADM_EV_COL_STATE] = "Open or closed",
	[MSG_ADM_EV_CLOSED_URL] = "Closed: the link no longer works",
	[MSG_ADM_EV_CLOSED_FMT] = "Closed on %s",
	[MSG_ADM_EV_CLOSE_FMT] = "Close %s",
	[MSG_ADM_EV_OPEN] = "Open",
	[MSG_ADM_EV_NEW_H] = "Create an event",
	[MSG_ADM_EV_SUBMIT] = "Create the event",
	[MSG_ADM_ERR_EV_NAME] = "Enter the name of the event",
	[MSG_ADM_ERR_EV_ID] = "Choose an event to close",
	[MSG_ADM_AUDIT_TITLE] = "Audit log",
	[MSG_ADM_AUDIT_LEAD] = "Every sign-in, failed sign-in, sign-out, status change, "
	    "export, event change and user change, newest first. Nothing "
	    "can change or delete an entry.",
	[MSG_ADM_AUDIT_COL_ACTOR] = "Who",
	[MSG_ADM_AUDIT_COL_ACTION] = "What",
	[MSG_ADM_AUDIT_COL_TARGET] = "On",
	[MSG_ADM_AUDIT_COL_DETAIL] = "Detail",
	[MSG_ADM_AUDIT_COL_CLIENT] = "From",

	/* The event kiosk. */
	[MSG_RCPT_SIGNATURE] = "Signature",
	[MSG_RCPT_SIGNATURE_ALT] = "The signature drawn on the event's tablet",
	[MSG_KIOSK_TITLE] = "Sign the declaration",
	[MSG_KIOSK_LEAD_FMT] = "You are signing at %s. Fill in the form, sign "
	    "with your finger, and take your receipt with your phone.",
	[MSG_KIOSK_SIG_H] = "Your signature (optional)",
	[MSG_KIOSK_SIG_HINT] = "Draw your signature in the box with your "
	    "finger or a stylus.",
	[MSG_KIOSK_SIG_PAD] = "Signature pad",
	[MSG_KIOSK_SIG_CLEAR] = "Clear the signature",
	[MSG_KIOSK_SIG_FULL] = "The box is full. Clear it to draw again.",
	[MSG_KIOSK_SUBMIT] = "Sign the declaration",
	[MSG_KIOSK_CLOSED_TITLE] = "Signing is closed",
	[MSG_KIOSK_CLOSED_BODY] = "This event no longer takes signatures on "
	    "this tablet, and nothing was stored. You can still endorse the "
	    "declaration from your own phone or computer.",
	[MSG_KIOSK_DONE_TITLE] = "Scan to keep your receipt",
	[MSG_KIOSK_DONE_HINT] = "Your endorsement is recorded. Point your "
	    "phone's camera at the code to open your receipt, and keep it: it "
	    "is how you come back to report your commitments.",
	[MSG_KIOSK_DONE_QR_ALT] = "QR code of your receipt",
	[MSG_KIOSK_DONE_BUTTON] = "Done",
	[MSG_KIOSK_DONE_CLEARS] = "This screen clears by itself after a "
	    "minute.",
	[MSG_KIOSK_IDLE_BEFORE] = "Are you still there? This form will be "
	    "cleared in",
	[MSG_KIOSK_IDLE_AFTER] = "seconds.",
	[MSG_KIOSK_IDLE_STAY] = "I am still here",
	[MSG_KIOSK_SENDING] = "Sending…",
	[MSG_KIOSK_SAVED] = "No connection: your endorsement is saved on this "
	    "tablet and will be sent as soon as the connection is back. You "
	    "can go: nothing else is needed from you.",
	[MSG_KIOSK_INCOMPLETE] = "No connection, and some required answers "
	    "are missing. Fill in your name, role, level of government, town "
	    "or city, country, email address and consent, then send again.",
	[MSG_KIOSK_WAITING] = "Endorsements waiting on this tablet to be "
	    "sent:",
	[MSG_KIOSK_REFUSED] = "Endorsements the site refused, removed from "
	    "this tablet:",
	[MSG_KIOSK_SENT_H] = "Sent from this tablet since the connection "
	    "came back",
	[MSG_KIOSK_SENT_SHOW] = "Show the receipt code",
	[MSG_KIOSK_SENT_HIDE] = "Hide the receipt code",

	/* Commitments, withdrawal, public lists */
	[MSG_NAV_SIGNATORIES] = "Signatories",
	[MSG_NAV_COMMITMENTS] = "Commitments",
	[MSG_CF_H] = "Report a commitment",
	[MSG_CF_LEAD] =
	    "Report a concrete commitment your government makes under the"
	    " declaration: what you will do, with what means, and how "
	    "progress will be followed. Each report gets its own receipt,"
	    " where you can later post follow-up updates.",
	[MSG_F_AREA] = "Thematic area",
	[MSG_AREA_INCLUSION] = "Inclusion and social cohesion",
	[MSG_AREA_SERVICES] = "Access to services",
	[MSG_AREA_WORK] = "Work and economic inclusion",
	[MSG_AREA_SAFETY_JUSTICE] = "Safety and access to justice",
	[MSG_AREA_LOCAL_DATA] = "Local data",
	[MSG_AREA_COORDINATION] = "Multi-level coordination",
	[MSG_AREA_ORIGIN_TRANSIT_RETURN] =
	    "Support for origin, transit and return",
	[MSG_AREA_OTHER] = "Other",
	[MSG_F_TITLE] = "Title",
	[MSG_F_TITLE_HINT] =
	    "A short name for the commitment, up to 200 characters.",
	[MSG_F_DESCRIPTION] = "Description",
	[MSG_F_DESCRIPTION_HINT] =
	    "What you commit to do, and for whom. Up to 5,000 characters.",
	[MSG_F_MEANS] = "Means of implementation (optional)",
	[MSG_F_MEANS_HINT] = "Budget, partners and resources.",
	[MSG_F_INDICATORS] = "Indicators and follow-up (optional)",
	[MSG_F_INDICATORS_HINT] = "How progress is followed up and evaluated.",
	[MSG_F_TARGET_DATE] = "Target date (optional)",
	[MSG_F_TARGET_DATE_HINT] =
	    "Year, month and day, for example 2030-12-31.",
	[MSG_F_CSTATUS] = "Status",
	[MSG_CSTATUS_PLANNED] = "Planned",
	[MSG_CSTATUS_IN_PROGRESS] = "In progress",
	[MSG_CSTATUS_ACHIEVED] = "Achieved",
	[MSG_CSTATUS_DROPPED] = "Dropped",
	[MSG_F_SDG] = "SDG targets (optional)",
	[MSG_F_SDG_HINT] =
	    "Sustainable Development Goal targets, separated by commas, "
	    "for example 10.7, 11.1.",
	[MSG_CF_SUBMIT] = "Send the report",
	[MSG_ERR_AREA_MISSING] = "Choose the thematic area",
	[MSG_ERR_TITLE_MISSING] = "Enter a title for the commitment",
	[MSG_ERR_DESCRIPTION_MISSING] = "Describe the commitment",
	[MSG_ERR_CSTATUS_MISSING] = "Choose the status",
	[MSG_ERR_NARRATIVE_MISSING] = "Describe the progress",
	[MSG_RCPT_REPORTS_H] = "Your commitment reports",
	[MSG_RCPT_REPORTS_NONE] = "No commitment reports yet.",
	[MSG_RCPT_REPORTED_FMT] = "Reported %s",
	[MSG_RCPT_WITHDRAW_H] = "Withdraw your endorsement",
	[MSG_RCPT_WITHDRAW_1] =
	    "You can withdraw your endorsement at any time. You are asked"
	    " to confirm first.",
	[MSG_RCPT_WITHDRAW_LINK] = "Withdraw this endorsement",
	[MSG_RCPT_CLOSED] = "No more reports can be added to this endorsement.",
	[MSG_WD_TITLE] = "Withdraw your endorsement",
	[MSG_WD_1] = "If you withdraw, your name leaves the public list of "
	    "signatories, and your commitment reports leave the public "
	    "list of commitments. No more reports or follow-up updates "
	    "can be added.",
	[MSG_WD_2] =
	    "The record is kept, marked as withdrawn with the date, so "
	    "that the history stays complete. Withdrawing cannot be "
	    "undone: to endorse again, fill in a new form.",
	[MSG_F_CONFIRM] = "Yes, I want to withdraw my endorsement",
	[MSG_ERR_CONFIRM] =
	    "Tick the box to confirm that you want to withdraw your "
	    "endorsement",
	[MSG_WD_SUBMIT] = "Withdraw the endorsement",
	[MSG_WD_CANCEL] = "Keep my endorsement and go back to the receipt",
	[MSG_WD_ALREADY] = "This endorsement is already withdrawn.",
	[MSG_CR_TITLE] = "Your commitment report",
	[MSG_CR_THANKS] = "Your commitment report is recorded",
	[MSG_CR_KEEP] =
	    "Keep this receipt. With its code, link or QR code you can "
	    "come back and post follow-up updates on this report: anyone "
	    "who holds them can.",
	[MSG_CR_BY] = "Reported by",
	[MSG_CR_STATUS_NOW] = "Status now",
	[MSG_CR_STATUS_FIRST] = "Status when reported",
	[MSG_CR_HISTORY_H] = "Follow-up updates",
	[MSG_CR_HISTORY_NONE] = "No follow-up updates yet.",
	[MSG_CR_UPDATE_H] = "Post a follow-up update",
	[MSG_CR_UPDATE_LEAD] =
	    "Give the status now and a short account of progress. Updates"
	    " are dated and shown oldest first; the latest one gives the "
	    "report its status.",
	[MSG_F_NARRATIVE] = "Progress",
	[MSG_F_NARRATIVE_HINT] =
	    "What has happened since the last update. Up to 5,000 "
	    "characters.",
	[MSG_CR_UPDATE_SUBMIT] = "Post the update",
	[MSG_CR_CLOSED] =
	    "The endorsement this report belongs to was withdrawn: no "
	    "more updates can be posted.",
	[MSG_CR_ANOTHER] =
	    "To report another commitment, go back to the receipt of your"
	    " endorsement.",
	[MSG_E409_WITHDRAWN_TITLE] = "This endorsement was withdrawn",
	[MSG_E409_WITHDRAWN_BODY] =
	    "Commitment reports and follow-up updates can no longer be "
	    "added to a withdrawn endorsement. Nothing was stored.",
	[MSG_E409_REJECTED_TITLE] = "This endorsement was not accepted",
	[MSG_E409_REJECTED_BODY] =
	    "Our team did not accept this endorsement, so no commitment "
	    "reports or updates can be added to it. Nothing was stored.",
	[MSG_SIG_TITLE] = "Signatories",
	[MSG_SIG_LEAD] =
	    "Local and regional leaders who endorsed the declaration, "
	    "whose endorsement our team has verified, and who agreed to "
	    "be listed. Newest first.",
	[MSG_COM_TITLE] = "Commitments",
	[MSG_COM_LEAD] =
	    "Commitment reports of verified signatories who agreed to be "
	    "listed, each with its status now. Newest first.",
	[MSG_LIST_FILTER_H] = "Filter the list",
	[MSG_F_CONTINENT] = "Continent",
	[MSG_LIST_ANY] = "Any",
	[MSG_CONT_AFRICA] = "Africa",
	[MSG_CONT_AMERICAS] = "Americas",
	[MSG_CONT_ASIA] = "Asia",
	[MSG_CONT_EUROPE] = "Europe",
	[MSG_CONT_OCEANIA] = "Oceania",
	[MSG_LIST_APPLY] = "Show",
	[MSG_LIST_CLEAR] = "Clear the filters",
	[MSG_LIST_BY_CONTINENT_H] = "Signatories by continent",
	[MSG_LIST_BY_AREA_H] = "Reports by area",
	[MSG_LIST_TOTAL_FMT] = "All: %lld",
	[MSG_LIST_RESULTS_H] = "The list",
	[MSG_LIST_NONE] = "Nothing matches these filters.",
	[MSG_LIST_EMPTY] = "The list is empty for now.",
	[MSG_LIST_OLDER] = "Older entries",
	[MSG_LIST_NEWEST] = "Back to the newest",
	[MSG_LIST_ENDORSED_FMT] = "Endorsed %s",
	[MSG_LIST_REPORTED_FMT] = "Reported %s",
	[MSG_LIST_TARGET_FMT] = "Target date %s",
	[MSG_LIST_PAGE_NAV] = "Pages",
	[MSG_CR_MEANS] = "Means of implementation",
	[MSG_CR_INDICATORS] = "Indicators and follow-up",
	[MSG_CR_TARGET_DATE] = "Target date",
	[MSG_CR_SDG] = "SDG targets",

	[MSG_CF_TITLE] = "Confirm your e-mail address",
	[MSG_CONFIRM_LEAD] = "Press the button to confirm that this e-mail address belongs"
	    " to the person who made this endorsement. Nothing is "
	    "confirmed until you press it.",
	[MSG_CONFIRM_SUBMIT] = "Confirm my e-mail address",
	[MSG_CF_DONE_FMT] = "This e-mail address was confirmed on %s. There is nothing "
	    "more to do.",
	[MSG_CF_WITHDRAWN] = "This endorsement was withdrawn: there is nothing to confirm.",
	[MSG_CF_RECEIPT_LINK] = "Open the receipt",
	[MSG_CF_404_TITLE] = "This confirmation link does not work",
	[MSG_CF_404_TEXT] = "The link is incomplete, or older than 30 days. Copy the "
	    "whole link from the e-mail into your browser's address bar. "
	    "If it is older than 30 days, open your receipt with its code"
	    " and write to the organisers: they can check your "
	    "endorsement another way.",
	[MSG_RCPT_EMAIL_STATE] = "E-mail address",
	[MSG_RCPT_EMAIL_CONFIRMED_FMT] = "E-mail confirmed on %s",
	[MSG_RCPT_EMAIL_UNCONFIRMED] = "Not confirmed yet: open the link in the e-mail we sent to "
	    "this address.",
	[MSG_MAIL_SUBJECT] = "Confirm your endorsement of the Mechelen Declaration",
	[MSG_MAIL_HELLO_FMT] = "Dear %s,",
	[MSG_MAIL_THANKS] = "Thank you for endorsing the Mechelen Declaration on Cities "
	    "and Migration.",
	[MSG_MAIL_CONFIRM] = "To confirm that this e-mail address is yours, open this link"
	    " and press the button on the page (the link works for 30 "
	    "days):",
	[MSG_MAIL_BUTTON] = "Confirm my e-mail address",
	[MSG_MAIL_RECEIPT] = "Your receipt, where you can report the commitments you make "
	    "or withdraw your endorsement:",
	[MSG_MAIL_CODE_FMT] = "Receipt code: %s. Keep it: whoever holds it can act on your "
	    "endorsement.",
	[MSG_MAIL_QR] = "This QR code opens your receipt:",
	[MSG_MAIL_NOT_YOU] = "If you did not endorse the declaration, do not open the "
	    "link: without confirmation the address is not taken as "
	    "yours.",
	[MSG_MAIL_AUTO] = "This message was sent automatically; replies are not read.",
	[MSG_ADM_DOM_TITLE] = "Official e-mail domains",
	[MSG_ADM_DOM_LEAD] = "An endorsement whose e-mail address is in one of these "
	    "domains, or in one of their subdomains, is marked as coming "
	    "from an official domain. A domain given a country counts "
	    "only for endorsements from that country.",
	[MSG_ADM_DOM_F_DOMAIN] = "Domain",
	[MSG_ADM_DOM_F_DOMAIN_HINT] = "For example mechelen.be",
	[MSG_ADM_DOM_F_COUNTRY] = "Country (optional)",
	[MSG_ADM_DOM_ANY] = "Any country",
	[MSG_ADM_DOM_ADD_H] = "Add a domain",
	[MSG_ADM_DOM_ADD] = "Add the domain",
	[MSG_ADM_DOM_REMOVE] = "Remove",
	[MSG_ADM_DOM_NONE] = "No domains are listed yet.",
	[MSG_ADM_DOM_COL_ADDED] = "Added",
	[MSG_ADM_ERR_DOMAIN] = "Enter a domain name such as mechelen.be: letters, digits, "
	    "hyphens and dots",
	[MSG_ADM_ERR_DOMAIN_EXISTS] = "This domain is listed already",
	[MSG_ADM_ERR_DOMAIN_UNKNOWN] = "This domain is not on the list",
	[MSG_ADM_E_CONFIRMED] = "E-mail confirmed",
	[MSG_ADM_E_OFFICIAL] = "Official domain",
	[MSG_ADM_E_YES] = "Yes",
	[MSG_ADM_E_NO] = "No",
	[MSG_ADM_E_VERIFY_OFFICIAL] = "Verify every pending endorsement whose e-mail is confirmed "
	    "and in an official domain",
	[MSG_ADM_E_VERIFIED_FMT] = "%lld endorsements verified.",
	[MSG_ADM_DASH_CONFIRMED_FMT] = "E-mail confirmed: %lld. From an official domain: %lld.",
	[MSG_ADM_DASH_MAIL_FMT] = "Mail waiting to be sent: %lld. Mail that failed: %lld.",
	[MSG_ADM_NAV_DOMAINS] = "Domains",
	[MSG_ADM_DASH_MAIL_FAILED_H] = "Confirmation mail that failed",
	[MSG_ADM_DASH_MAIL_FAILED_LEAD] = "The mail server refused these messages every time they were tried. Once it is fixed, \"endorsectl mail retry\" sends them again.",
	[MSG_ADM_DASH_MAIL_COL_ATTEMPTS] = "Attempts",
	[MSG_ADM_DASH_MAIL_COL_ERROR] = "Last error",
	[MSG_XK_ID] = "Number",
	[MSG_XK_RECEIPT] = "Receipt",
	[MSG_XK_E_RECEIPT] = "Endorsement receipt",
	[MSG_XK_CREATED_AT] = "Received (UTC)",
	[MSG_XK_STATUS] = "Status",
	[MSG_XK_FULL_NAME] = "Full name",
	[MSG_XK_ROLE] = "Role",
	[MSG_XK_ROLE_OTHER] = "Other role",
	[MSG_XK_LEVEL] = "Level of government",
	[MSG_XK_LOCALITY] = "City or municipality",
	[MSG_XK_REGION] = "Region",
	[MSG_XK_COUNTRY] = "Country",
	[MSG_XK_EMAIL] = "Email",
	[MSG_XK_ORGANISATION] = "Organisation",
	[MSG_XK_LISTED] = "Listed publicly",
	[MSG_XK_EVENT] = "Event",
	[MSG_XK_LANG] = "Language",
	[MSG_XK_CONFIRMED_AT] = "E-mail confirmed at",
	[MSG_XK_OFFICIAL] = "Official domain",
	[MSG_XK_AREA] = "Thematic area",
	[MSG_XK_TITLE] = "Title",
	[MSG_XK_DESCRIPTION] = "Description",
	[MSG_XK_MEANS] = "Means of implementation",
	[MSG_XK_INDICATORS] = "Indicators and follow-up",
	[MSG_XK_TARGET_DATE] = "Target date",
	[MSG_XK_SDG] = "SDG targets",
	[MSG_XK_UPDATES] = "Follow-up updates",
	[MSG_XK_ENDORSED_ON] = "Endorsed on",
	[MSG_EXP_BAD_STATUS] = "status must be one of pending, verified, "
	    "rejected, withdrawn.",
	[MSG_EXP_BAD_CSTATUS] = "status must be a report status (planned, "
	    "in_progress, achieved, dropped) or an endorsement status "
	    "(pending, verified, rejected, withdrawn).",
	[MSG_EXP_BAD_COUNTRY] = "country must be an ISO 3166-1 alpha-2 code "
	    "in capitals, such as FR.",
	[MSG_EXP_BAD_SINCE] = "since must be a day written YYYY-MM-DD, such "
	    "as 2026-06-01.",
	[MSG_EXP_BAD_LANG] = "lang must be one of en, fr, es, ar.",
	[MSG_ADM_EXPORT_E_XLSX] = "endorsements (XLSX)",
	[MSG_ADM_EXPORT_C_XLSX] = "reports (XLSX)",
	[MSG_OPEN_LEAD] = "Download this list, whole and with these filters, "
	    "as open data:",
	[MSG_OPEN_CSV] = "CSV",
	[MSG_OPEN_JSON] = "JSON",
	[MSG_OPEN_LICENSE_FMT] = "You may reuse this data under the licence "
	    "%s.",
};
