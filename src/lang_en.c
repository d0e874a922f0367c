/*
 * lang_en.c: the English texts.  Facts about the declaration come from
 * shared/seed/FACTS.md and the source document; the wording is ours.
 * Strings marked _FMT are printf formats with the arguments lang.h names.
 *
 * These English texts are the msgids of the "endorse" gettext domain:
 * each is marked N_() (NC_() with a context where one English word has
 * two meanings), "make update-po" extracts them into po/endorse.pot, and
 * the translations live in po/LL.po only.  A comment starting
 * "TRANSLATORS:" reaches the translator beside the text.
 */
#include "config.h"

#include "lang.h"

extern const char *const lang_en[MSG__MAX];

const char *const lang_en[MSG__MAX] = {
	/* TRANSLATORS: the declaration's name as the UN and its partners write it in your language. */
	[MSG_SITE_NAME] = N_("Mechelen Declaration on Cities and Migration"),
	[MSG_SKIP_LINK] = N_("Skip to main content"),
	[MSG_NAV_HOME] = N_("The declaration"),
	[MSG_NAV_ENDORSE] = N_("Endorse"),
	[MSG_FOOTER] = N_("A service for mayors, governors and other local and "
	    "regional leaders who endorse the Mechelen Declaration and report "
	    "what they do under it."),
	[MSG_FOOTER_PRIVACY] = N_("What you enter is used only to record and "
	    "verify your endorsement. Your email address is never published."),
	/* TRANSLATORS: starts the title of a page that shows errors; keep the space. */
	[MSG_ERROR_PREFIX] = N_("Error: "),
	/* TRANSLATORS: the page's description for search engines. */
	[MSG_DESC_HOME] = N_("The Mechelen Declaration on Cities and Migration "
	    "(Mechelen, Belgium, November 2017): what local and regional "
	    "leaders ask of their states on migration, and how many have "
	    "endorsed it."),
	/* TRANSLATORS: the page's description for search engines. */
	[MSG_DESC_ENDORSE] = N_("Mayors, governors and other local and regional "
	    "leaders endorse the Mechelen Declaration on Cities and Migration "
	    "here and get a receipt with a QR code."),
	/* TRANSLATORS: the page's description for search engines. */
	[MSG_DESC_SIGNATORIES] = N_("The local and regional leaders who have "
	    "endorsed the Mechelen Declaration on Cities and Migration, by "
	    "country and continent."),
	/* TRANSLATORS: the page's description for search engines. */
	[MSG_DESC_COMMITMENTS] = N_("What cities and regions that endorsed the "
	    "Mechelen Declaration on Cities and Migration commit to do on "
	    "migration, and how far they have got."),

	[MSG_DECL_TITLE] = N_("Mechelen Declaration on Cities and Migration"),
	[MSG_DECL_LEAD] = N_("In November 2017 mayors and regional leaders from "
	    "every continent met in Mechelen, Belgium, and set out how cities "
	    "and regions see migration and what they ask of their states. "
	    "Local and regional leaders can endorse the declaration here, and "
	    "then report the commitments they make under it."),
	[MSG_DECL_CTA] = N_("Endorse the declaration"),
	[MSG_DECL_COUNT_NONE] = N_("No endorsements have been recorded yet. "
	    "Yours can be the first."),
	/* TRANSLATORS: %s is a number of countries. */
	[MSG_DECL_COUNT_FMT] = N_("Countries: %s."),
	/* TRANSLATORS: %s is how many endorsements are verified. */
	[MSG_DECL_VERIFIED_FMT] = N_("Verified: %s."),
	[MSG_DECL_ABOUT_H] = N_("Where the declaration comes from"),
	[MSG_DECL_ABOUT_1] = N_("The Global Conference on Cities and Migration "
	    "met on 16 and 17 November 2017 at the Lamot Congress and "
	    "Heritage Center in Mechelen, hosted by the City of Mechelen. "
	    "Belgium's Ministry of Foreign Affairs, Foreign Trade and "
	    "Development Cooperation organised it together with the "
	    "International Organization for Migration (IOM), United Cities "
	    "and Local Governments (UCLG) and UN-Habitat."),
	[MSG_DECL_ABOUT_2] = N_("More than 50 cities from Europe, the Americas, "
	    "Asia and Africa took part, and representatives of local "
	    "authorities and their networks made up more than half of the "
	    "participants. The aim was to tell a more positive story of "
	    "migration, as seen by the local and regional governments that "
	    "welcome, house and serve people on the move."),
	[MSG_DECL_ABOUT_3] = N_("The Mechelen Declaration is the conference's "
	    "outcome: the view of mayors and governors on cities and "
	    "migration. It builds on the Sustainable Development Goals, the "
	    "New Urban Agenda and the New York Declaration for Refugees and "
	    "Migrants, and calls for local governance, rooted in communities, "
	    "that benefits places of origin, transit and destination alike, "
	    "and migrants, refugees, returnees and internally displaced "
	    "people."),
	[MSG_DECL_ASKS_H] = N_("What the declaration asks of states"),
	[MSG_DECL_ASKS_LEAD] = N_("It asks the member states negotiating the "
	    "Global Compact for Migration to close eight gaps in policy:"),
	[MSG_DECL_ASK_1] = N_("Support cities of origin, transit and return, not "
	    "only cities of destination."),
	[MSG_DECL_ASK_2] = N_("Treat local and regional governments as part of "
	    "their state, not as outside or non-governmental stakeholders."),
	[MSG_DECL_ASK_3] = N_("Set up ways for local and regional governments to "
	    "take part in shaping immigration policy."),
	[MSG_DECL_ASK_4] = N_("Make inclusive, integrated urban solutions "
	    "possible."),
	[MSG_DECL_ASK_5] = N_("Make clear what local, regional and national "
	    "governments are each responsible for in migration."),
	[MSG_DECL_ASK_6] = N_("Give local and regional governments resources and "
	    "services in step with the growth of their population."),
	[MSG_DECL_ASK_7] = N_("Build the capacity to collect and analyse data "
	    "broken down to the local level, for evaluation and for policy."),
	[MSG_DECL_ASK_8] = N_("Recognise and support local and regional "
	    "governments in their joint responsibility with the state for "
	    "safety and access to justice for all."),
	[MSG_DECL_ANNEX_H] = N_("Commitments, means and follow-up"),
	[MSG_DECL_ANNEX_1] = N_("The declaration's annex lists the concrete "
	    "commitments of mayors and leaders, the means to carry them out, "
	    "and the way they are followed up and evaluated."),
	[MSG_DECL_ANNEX_2] = N_("These commitments are the basis for the first "
	    "follow-up and review of the migration commitments of the New "
	    "Urban Agenda, adopted at Habitat III in Quito in October 2016. "
	    "They link to Sustainable Development Goal 11, on inclusive, safe, "
	    "resilient and sustainable cities, and to target 10.7, on "
	    "orderly, safe, regular and responsible migration."),
	[MSG_DECL_AFTER_H] = N_("What happened next"),
	[MSG_DECL_AFTER_1] = N_("The declaration was handed to Louise Arbour, the "
	    "UN Secretary-General's Special Representative for International "
	    "Migration, and to the co-facilitators of the Global Compact "
	    "process. The leaders asked the UCLG World Council, meeting in "
	    "Hangzhou, China, on 6 to 9 December 2017, to endorse and promote "
	    "it."),
	[MSG_DECL_AFTER_2] = N_("It fed into the intergovernmental stocktaking "
	    "meeting on the Global Compact in December 2017 and the ninth "
	    "World Urban Forum in Kuala Lumpur in February 2018."),
	[MSG_DECL_HOW_H] = N_("How endorsing works"),
	[MSG_DECL_HOW_1] = N_("Fill in one short form. You get a receipt at once, "
	    "with a code and a QR code: keep it. Our team checks that each "
	    "endorsement comes from the leader it names before it is listed "
	    "publicly. With your receipt you can later report the commitments "
	    "you make, or withdraw your endorsement."),

	[MSG_FORM_TITLE] = N_("Endorse the Mechelen Declaration"),
	[MSG_FORM_LEAD] = N_("Endorse the declaration as the mayor, governor or "
	    "leader of your local or regional government. It takes about two "
	    "minutes."),
	[MSG_FORM_REQUIRED_NOTE] = N_("All fields are required unless they say "
	    "optional."),
	[MSG_FORM_YOU_H] = N_("About you"),
	[MSG_FORM_PLACE_H] = N_("Your government"),
	[MSG_FORM_CONTACT_H] = N_("Contact"),
	[MSG_FORM_CONSENT_H] = N_("Publication and consent"),
	[MSG_F_FULL_NAME] = N_("Full name"),
	[MSG_F_FULL_NAME_HINT] = N_("As it should appear on the list of "
	    "signatories."),
	[MSG_F_ROLE] = N_("Your role"),
	[MSG_ROLE_MAYOR] = N_("Mayor"),
	[MSG_ROLE_DEPUTY_MAYOR] = N_("Deputy mayor"),
	[MSG_ROLE_GOVERNOR] = N_("Governor"),
	[MSG_ROLE_COUNCIL_MEMBER] = N_("Council member"),
	[MSG_ROLE_OTHER] = N_("Other role"),
	[MSG_F_ROLE_OTHER] = N_("Your role, if other"),
	[MSG_F_ROLE_OTHER_HINT] = N_("Needed only if you chose \"Other role\". "
	    "For example: President of the regional council."),
	[MSG_F_LEVEL] = N_("Level of government"),
	[MSG_LEVEL_LOCAL] = N_("Local (city, town, municipality)"),
	[MSG_LEVEL_REGIONAL] = N_("Regional (region, province, state)"),
	[MSG_F_LOCALITY] = N_("City or locality"),
	[MSG_F_LOCALITY_HINT] = N_("The city, town or region you lead."),
	[MSG_F_REGION] = N_("Region or province (optional)"),
	[MSG_F_COUNTRY] = N_("Country"),
	[MSG_F_COUNTRY_CHOOSE] = N_("Choose a country"),
	[MSG_F_EMAIL] = N_("Email address"),
	[MSG_F_EMAIL_HINT] = N_("We use it only to verify your endorsement. It "
	    "is never published."),
	[MSG_F_ORGANISATION] = N_("Government or organisation (optional)"),
	[MSG_F_ORGANISATION_HINT] = N_("For example: City of Mechelen."),
	[MSG_F_LISTED] = N_("Show my name, role and locality on the public list "
	    "of signatories"),
	[MSG_F_LISTED_HINT] = N_("Only once our team has verified the "
	    "endorsement. Your email address is never shown."),
	[MSG_F_CONSENT] = N_("I agree that the details above are stored and "
	    "processed to record and verify this endorsement"),
	[MSG_F_CONSENT_HINT] = N_("You can withdraw your endorsement at any time "
	    "from your receipt."),
	[MSG_F_OPTIONAL] = N_("(optional)"),
	[MSG_FORM_SUBMIT] = N_("Endorse the declaration"),

	[MSG_ERR_SUMMARY_H] = N_("There is a problem"),
	/* TRANSLATORS: %s is the label of a form field. */
	[MSG_ERR_MISSING_FMT] = N_("Enter %s"),
	[MSG_ERR_REPEATED_FMT] = N_("%s was sent more than once: send it once"),
	[MSG_ERR_UTF8_FMT] = N_("%s contains characters that could not be read: "
	    "type it again"),
	[MSG_ERR_CONTROL_FMT] = N_("%s contains invisible control characters: "
	    "remove them"),
	/* TRANSLATORS: %s is the label of a form field. */
	[MSG_ERR_INVISIBLE_FMT] = N_("%s contains invisible characters or "
	    "characters that change the direction of the text: remove them"),
	/* TRANSLATORS: %s is the label of a field, %zu the most characters it takes. */
	[MSG_ERR_TOO_LONG_FMT] = N_("%s must be %zu characters or fewer"),
	[MSG_ERR_CHOICE_FMT] = N_("Choose one of the options for %s"),
	[MSG_ERR_EMAIL] = N_("Enter an email address in the right format, like "
	    "name@example.org"),
	[MSG_ERR_COUNTRY] = N_("Choose your country from the list"),
	[MSG_ERR_DATE_FMT] = N_("%s must be a real date, like 2030-12-31"),
	[MSG_ERR_SDG] = N_("Enter SDG targets like 10.7, 11.1"),
	[MSG_ERR_SIGNATURE] = N_("The drawn signature could not be read: "
	    "clear it and sign again"),
	[MSG_ERR_TOKEN] = N_("This form has expired or was changed: check your "
	    "answers and send it again"),
	[MSG_ERR_CONSENT] = N_("Tick the box to agree that your details are "
	    "stored, or your endorsement cannot be recorded"),
	[MSG_ERR_ROLE_OTHER] = N_("Enter your role, as you chose \"Other role\""),
	[MSG_ERR_FULL_NAME_MISSING] = N_("Enter your full name"),
	[MSG_ERR_ROLE_MISSING] = N_("Choose your role"),
	[MSG_ERR_LEVEL_MISSING] = N_("Choose your level of government"),
	[MSG_ERR_LOCALITY_MISSING] = N_("Enter your city or locality"),
	[MSG_ERR_EMAIL_MISSING] = N_("Enter your email address"),

	[MSG_E400_TITLE] = N_("The request could not be read"),
	[MSG_E400_BODY] = N_("Your browser sent something this site could not "
	    "understand. Go back, reload the form and try again."),
	[MSG_E403_TITLE] = N_("The form could not be accepted"),
	[MSG_E403_BODY] = N_("For your security we accept a form only from the "
	    "page that made it, in a browser that accepts cookies. Nothing "
	    "was stored. Open the form again and send it from there."),
	[MSG_E404_TITLE] = N_("Page not found"),
	[MSG_E404_BODY] = N_("If you typed the address, check it is correct. "
	    "A receipt code has 24 letters and digits."),
	[MSG_E405_TITLE] = N_("This page cannot do that"),
	[MSG_E405_BODY] = N_("The address exists, but not for this kind of "
	    "request."),
	[MSG_E409_TITLE] = N_("This form was already sent"),
	[MSG_E409_BODY] = N_("This form was already sent with other answers, and "
	    "those were recorded. Nothing new was stored. To send different "
	    "answers, open a new form."),
	[MSG_E413_TITLE] = N_("Too much was sent"),
	[MSG_E413_BODY] = N_("The form holds more text than this site accepts. "
	    "Nothing was stored. Shorten your answers and try again."),
	[MSG_E415_TITLE] = N_("The form could not be read"),
	[MSG_E415_BODY] = N_("This address accepts only forms sent by a web page. "
	    "Nothing was stored."),
	[MSG_E500_TITLE] = N_("Sorry, something went wrong"),
	[MSG_E500_BODY] = N_("Nothing you sent was recorded. Try again in a few "
	    "minutes."),
	[MSG_E503_TITLE] = N_("The service is unavailable"),
	[MSG_E503_BODY] = N_("The site is busy and could not answer just now. "
	    "Wait a moment and try again: a form sent again is never "
	    "recorded twice."),
	[MSG_BACK_HOME] = N_("Go to the declaration"),

	[MSG_RCPT_TITLE] = N_("Your receipt"),
	[MSG_RCPT_THANKS] = N_("Thank you: your endorsement is recorded"),
	[MSG_RCPT_KEEP] = N_("Keep this receipt. Its code, link and QR code are "
	    "the only way back to your endorsement: anyone who holds them can "
	    "see it."),
	[MSG_RCPT_CODE] = N_("Receipt code"),
	[MSG_RCPT_LINK] = N_("Link to this receipt"),
	[MSG_RCPT_QR_ALT] = N_("QR code of the link to this receipt"),
	[MSG_RCPT_QR_CAPTION] = N_("Scan to open this receipt on a phone."),
	[MSG_RCPT_RECORDED_H] = N_("What we recorded"),
	[MSG_RCPT_RECEIVED] = N_("Received"),
	[MSG_RCPT_STATUS] = N_("Status"),
	[MSG_STATUS_PENDING] = N_("Waiting for verification"),
	[MSG_STATUS_VERIFIED] = N_("Verified"),
	[MSG_STATUS_REJECTED] = N_("Not accepted"),
	[MSG_STATUS_WITHDRAWN] = N_("Withdrawn"),
	[MSG_STATUS_PENDING_HINT] = N_("Our team checks that the endorsement "
	    "comes from the leader it names. This page shows the result."),
	[MSG_RCPT_WITHDRAWN_FMT] = N_("This endorsement was withdrawn on %s."),
	[MSG_RCPT_EVENT] = N_("Signed at"),
	[MSG_RCPT_REGION] = N_("Region or province"),
	[MSG_RCPT_ORGANISATION] = N_("Government or organisation"),
	[MSG_RCPT_LISTED] = N_("Shown on the public list once verified"),
	[MSG_RCPT_YES] = N_("Yes"),
	[MSG_RCPT_NO] = N_("No"),
	[MSG_RCPT_NONE] = N_("Not given"),
	[MSG_RCPT_NEXT_H] = N_("What happens next"),
	[MSG_RCPT_NEXT_1] = N_("Once your endorsement is verified, and if you "
	    "agreed, your name appears on the public list of signatories. "
	    "Come back to this receipt to report the commitments you make "
	    "under the declaration."),
	[MSG_RCPT_PRINT] = N_("To keep a paper copy, print this page: the print "
	    "version holds the code and the QR code."),
	[MSG_RCPT_PNG] = N_("Download the QR code as an image"),

	/* The admin console. */
	[MSG_ADM_SITE_NAME] = N_("Endorse admin"),
	[MSG_ADM_FOOTER] = N_("The admin console of the Mechelen Declaration site. Every "
	    "sign-in and every change is written to the audit log."),
	[MSG_ADM_NAV_DASHBOARD] = N_("Dashboard"),
	[MSG_ADM_NAV_ENDORSEMENTS] = N_("Endorsements"),
	[MSG_ADM_NAV_EVENTS] = N_("Events"),
	[MSG_ADM_NAV_AUDIT] = N_("Audit log"),
	/* TRANSLATORS: the first %s is a user name, the second their role. */
	[MSG_ADM_SIGNED_IN_FMT] = N_("Signed in as %s (%s)"),
	[MSG_ADM_SIGN_OUT] = N_("Sign out"),
	[MSG_ADM_E403_TITLE] = N_("Your role does not allow this"),
	[MSG_ADM_E403_BODY] = N_("Your account can read the console but not do this. Ask an "
	    "administrator if you need to."),
	[MSG_ADM_LOGIN_TITLE] = NC_("page title", "Sign in"),
	[MSG_ADM_LOGIN_LEAD] = N_("Sign in to moderate endorsements, follow events and export "
	    "the results. Accounts are made by an operator with "
	    "endorsectl."),
	[MSG_ADM_F_USERNAME] = N_("User name"),
	[MSG_ADM_F_PASSWORD] = N_("Password"),
	[MSG_ADM_LOGIN_SUBMIT] = NC_("button", "Sign in"),
	[MSG_ADM_ERR_USERNAME] = N_("Enter your user name"),
	[MSG_ADM_ERR_PASSWORD] = N_("Enter your password"),
	[MSG_ADM_ERR_LOGIN] = N_("The user name or the password is not right"),
	[MSG_ADM_ERR_LOCKED] = N_("Too many failed sign-ins from here. "
	    "Nothing was checked. Try again in 15 minutes."),
	[MSG_ADM_ERR_DELAYED] = N_("Several sign-ins with this user name have "
	    "failed, so each try must wait a little longer. Nothing was "
	    "checked. Wait a moment (at most a minute) and try again."),
	[MSG_ADM_ST_PENDING] = N_("Pending"),
	[MSG_ADM_ST_VERIFIED] = N_("Verified"),
	[MSG_ADM_ST_REJECTED] = N_("Rejected"),
	[MSG_ADM_ST_WITHDRAWN] = N_("Withdrawn"),
	[MSG_ADM_DASH_TITLE] = N_("Dashboard"),
	[MSG_ADM_DASH_STATUS_H] = N_("Endorsements by status"),
	[MSG_ADM_DASH_CONTINENT_H] = N_("Endorsements by continent"),
	[MSG_ADM_DASH_COUNTRY_H] = N_("Endorsements by country"),
	[MSG_ADM_DASH_DAY_H] = N_("Endorsements per day"),
	[MSG_ADM_DASH_REPORTS_H] = N_("Commitment reports by area and status"),
	[MSG_ADM_DASH_COUNTED_NOTE] = N_("Pending and verified endorsements."),
	[MSG_ADM_DASH_COUNTRY_NOTE] = N_("Pending and verified endorsements; the chart shows the first "
	    "20 countries, the table all of them."),
	[MSG_ADM_DASH_DAY_NOTE] = N_("All endorsements, by the day they arrived (UTC): the last 30 "
	    "days that had any, oldest first."),
	[MSG_ADM_COL_NUMBER] = N_("Number"),
	[MSG_ADM_TOTAL] = N_("Total"),
	[MSG_ADM_NONE_YET] = N_("Nothing yet."),
	[MSG_ADM_COL_STATUS] = N_("Status"),
	[MSG_ADM_COL_CONTINENT] = N_("Continent"),
	[MSG_ADM_COL_COUNTRY] = N_("Country"),
	[MSG_ADM_COL_DAY] = N_("Day"),
	[MSG_ADM_COL_AREA] = N_("Area"),
	[MSG_ADM_CONT_AFRICA] = N_("Africa"),
	[MSG_ADM_CONT_AMERICAS] = N_("Americas"),
	[MSG_ADM_CONT_ASIA] = N_("Asia"),
	[MSG_ADM_CONT_EUROPE] = N_("Europe"),
	[MSG_ADM_CONT_OCEANIA] = N_("Oceania"),
	[MSG_ADM_AREA_INCLUSION] = N_("Inclusion and social cohesion"),
	[MSG_ADM_AREA_SERVICES] = N_("Access to services"),
	[MSG_ADM_AREA_WORK] = N_("Work and economic inclusion"),
	[MSG_ADM_AREA_SAFETY] = N_("Safety and access to justice"),
	[MSG_ADM_AREA_DATA] = N_("Local data"),
	[MSG_ADM_AREA_COORDINATION] = N_("Multi-level coordination"),
	[MSG_ADM_AREA_ORIGIN] = N_("Origin, transit and return"),
	[MSG_ADM_AREA_OTHER] = N_("Other"),
	[MSG_ADM_CST_PLANNED] = N_("Planned"),
	[MSG_ADM_CST_IN_PROGRESS] = N_("In progress"),
	[MSG_ADM_CST_ACHIEVED] = N_("Achieved"),
	[MSG_ADM_CST_DROPPED] = N_("Dropped"),
	[MSG_ADM_LIST_TITLE] = N_("Endorsements"),
	[MSG_ADM_F_Q] = N_("Search"),
	[MSG_ADM_F_Q_HINT] = N_("Part of a name, a locality or an email address"),
	[MSG_ADM_F_Q_HINT_VIEWER] = N_("Part of a name or a locality"),
	[MSG_ADM_F_STATUS] = N_("Status"),
	[MSG_ADM_F_COUNTRY] = N_("Country"),
	[MSG_ADM_F_EVENT] = N_("Event"),
	[MSG_ADM_F_FROM] = N_("Received from (day)"),
	[MSG_ADM_F_TO] = N_("Received up to (day)"),
	[MSG_ADM_ANY] = N_("Any"),
	[MSG_ADM_FILTER_SUBMIT] = N_("Show"),
	[MSG_ADM_EXPORT_LEAD] = N_("Download these endorsements or their commitment reports:"),
	[MSG_ADM_EXPORT_E_CSV] = N_("endorsements (CSV)"),
	[MSG_ADM_EXPORT_E_JSON] = N_("endorsements (JSON)"),
	[MSG_ADM_EXPORT_C_CSV] = N_("reports (CSV)"),
	[MSG_ADM_EXPORT_C_JSON] = N_("reports (JSON)"),
	[MSG_ADM_NO_MATCH] = N_("No endorsement matches."),
	[MSG_ADM_COL_NAME] = N_("Name"),
	[MSG_ADM_COL_RECEIVED] = N_("Received"),
	[MSG_ADM_COL_ROLE] = N_("Role"),
	[MSG_ADM_COL_LOCALITY] = N_("Locality"),
	[MSG_ADM_COL_EMAIL] = N_("Email"),
	[MSG_ADM_COL_EVENT] = N_("Event"),
	[MSG_ADM_COL_DUPLICATE] = N_("Duplicate?"),
	[MSG_ADM_DUP_FLAG] = N_("Likely duplicate"),
	[MSG_ADM_PAGES] = N_("Pages"),
	[MSG_ADM_PREV] = N_("Previous page"),
	[MSG_ADM_NEXT] = N_("Next page"),
	[MSG_ADM_PAGE_FMT] = N_("Page %lld of %lld"),
	[MSG_ADM_E_TITLE_FMT] = N_("Endorsement %lld"),
	[MSG_ADM_E_BACK] = N_("Back to the list of endorsements"),
	[MSG_ADM_E_RECORDED_H] = N_("What was recorded"),
	[MSG_ADM_E_RECEIPT] = N_("Receipt code"),
	/* TRANSLATORS: label of the date on which the signer withdrew. */
	[MSG_ADM_E_WITHDRAWN_AT] = NC_("date of withdrawal", "Withdrawn"),
	[MSG_ADM_E_HIDDEN] = N_("Hidden from your role"),
	[MSG_ADM_E_CONSENT] = N_("Agreed to the processing of the data"),
	[MSG_ADM_E_SIGNATURE] = N_("Drawn signature"),
	[MSG_ADM_E_LANG] = N_("Language"),
	[MSG_ADM_E_REPORTS_H] = N_("Commitment reports"),
	[MSG_ADM_E_NO_REPORTS] = N_("No commitment reports yet."),
	[MSG_ADM_COL_TITLE] = N_("Title"),
	[MSG_ADM_E_HISTORY_H] = N_("Status history"),
	[MSG_ADM_E_NO_HISTORY] = N_("The status has not been changed."),
	[MSG_ADM_COL_WHEN] = N_("When (UTC)"),
	/* TRANSLATORS: a column of the status history: the status before the change. */
	[MSG_ADM_COL_FROM] = NC_("status before", "From"),
	[MSG_ADM_COL_TO] = NC_("status after", "To"),
	[MSG_ADM_COL_REASON] = N_("Reason"),
	[MSG_ADM_COL_BY] = N_("By"),
	[MSG_ADM_E_DUPS_H] = N_("Likely duplicates"),
	[MSG_ADM_E_NO_DUPS] = N_("No other endorsement has the same locality, country and "
	    "role, or the same email address."),
	[MSG_ADM_E_DUPS_LEAD] = N_("These endorsements have the same locality, country and role, "
	    "or the same email address. Compare them side by side before "
	    "you verify one."),
	[MSG_ADM_E_THIS] = N_("This endorsement"),
	[MSG_ADM_E_STATUS_H] = N_("Change the status"),
	[MSG_ADM_F_NEW_STATUS] = N_("New status"),
	[MSG_ADM_F_REASON] = N_("Reason (optional)"),
	[MSG_ADM_F_REASON_HINT] = N_("Kept in the status history and the audit log, never shown to "
	    "the signer."),
	[MSG_ADM_F_STATUS_SUBMIT] = N_("Save the status"),
	[MSG_ADM_ERR_STATUS] = N_("Choose the new status: verified, rejected or pending"),
	[MSG_ADM_ERR_REASON_FMT] = N_("The reason must be %zu characters or fewer, on one line"),
	[MSG_ADM_ERR_WITHDRAWN] = N_("The signer withdrew this endorsement: its status cannot be "
	    "changed."),
	[MSG_ADM_EV_TITLE] = N_("Events"),
	[MSG_ADM_EV_LEAD] = N_("Signing events, such as a conference, each with a kiosk link "
	    "for a shared tablet. Endorsements made at the kiosk are "
	    "counted under their event."),
	[MSG_ADM_EV_NONE] = N_("No events yet."),
	[MSG_ADM_EV_F_NAME] = N_("Name of the event"),
	[MSG_ADM_EV_F_DATE] = N_("Date (optional)"),
	[MSG_ADM_EV_F_DATE_HINT] = N_("For example 2030-11-16"),
	[MSG_ADM_EV_F_PLACE] = N_("Place (optional)"),
	[MSG_ADM_EV_COL_KIOSK] = N_("Kiosk link"),
	[MSG_ADM_EV_COL_COUNT] = N_("Endorsements"),
	[MSG_ADM_EV_COL_STATE] = N_("Open or closed"),
	[MSG_ADM_EV_CLOSED_URL] = N_("Closed: the link no longer works"),
	[MSG_ADM_EV_CLOSED_FMT] = N_("Closed on %s"),
	[MSG_ADM_EV_CLOSE_FMT] = N_("Close %s"),
	[MSG_ADM_EV_OPEN] = NC_("state of an event", "Open"),
	[MSG_ADM_EV_NEW_H] = N_("Create an event"),
	[MSG_ADM_EV_SUBMIT] = N_("Create the event"),
	[MSG_ADM_ERR_EV_NAME] = N_("Enter the name of the event"),
	[MSG_ADM_ERR_EV_ID] = N_("Choose an event to close"),
	[MSG_ADM_AUDIT_TITLE] = N_("Audit log"),
	[MSG_ADM_AUDIT_LEAD] = N_("Every sign-in, failed sign-in, sign-out, status change, "
	    "export, event change and user change, newest first. Nothing "
	    "can change or delete an entry."),
	[MSG_ADM_AUDIT_COL_ACTOR] = N_("Who"),
	[MSG_ADM_AUDIT_COL_ACTION] = N_("What"),
	[MSG_ADM_AUDIT_COL_TARGET] = N_("On"),
	[MSG_ADM_AUDIT_COL_DETAIL] = N_("Detail"),
	/* TRANSLATORS: a column of the audit log: the client address an action came from. */
	[MSG_ADM_AUDIT_COL_CLIENT] = NC_("client address", "From"),

	/* The event kiosk. */
	[MSG_RCPT_SIGNATURE] = N_("Signature"),
	[MSG_RCPT_SIGNATURE_ALT] = N_("The signature drawn on the event's tablet"),
	[MSG_KIOSK_TITLE] = N_("Sign the declaration"),
	/* TRANSLATORS: %s is the name of the event. */
	[MSG_KIOSK_LEAD_FMT] = N_("You are signing at %s. Fill in the form, sign "
	    "with your finger, and take your receipt with your phone."),
	[MSG_KIOSK_SIG_H] = N_("Your signature (optional)"),
	[MSG_KIOSK_SIG_HINT] = N_("Draw your signature in the box with your "
	    "finger or a stylus."),
	[MSG_KIOSK_SIG_PAD] = N_("Signature pad"),
	[MSG_KIOSK_SIG_CLEAR] = N_("Clear the signature"),
	[MSG_KIOSK_SIG_FULL] = N_("The box is full. Clear it to draw again."),
	[MSG_KIOSK_SUBMIT] = N_("Sign the declaration"),
	[MSG_KIOSK_CLOSED_TITLE] = N_("Signing is closed"),
	[MSG_KIOSK_CLOSED_BODY] = N_("This event no longer takes signatures on "
	    "this tablet, and nothing was stored. You can still endorse the "
	    "declaration from your own phone or computer."),
	[MSG_KIOSK_DONE_TITLE] = N_("Scan to keep your receipt"),
	[MSG_KIOSK_DONE_HINT] = N_("Your endorsement is recorded. Point your "
	    "phone's camera at the code to open your receipt, and keep it: it "
	    "is how you come back to report your commitments."),
	[MSG_KIOSK_DONE_QR_ALT] = N_("QR code of your receipt"),
	[MSG_KIOSK_DONE_BUTTON] = N_("Done"),
	[MSG_KIOSK_DONE_CLEARS] = N_("This screen clears by itself after a "
	    "minute."),
	/* TRANSLATORS: %s is the number of seconds left, counting down. */
	[MSG_KIOSK_IDLE_FMT] = N_("Are you still there? Seconds left before "
	    "this form is cleared: %s"),
	[MSG_KIOSK_IDLE_STAY] = N_("I am still here"),
	[MSG_KIOSK_SENDING] = N_("Sending…"),
	[MSG_KIOSK_SAVED] = N_("No connection: your endorsement is saved on this "
	    "tablet and will be sent as soon as the connection is back. You "
	    "can go: nothing else is needed from you."),
	[MSG_KIOSK_BACK] = N_("The connection is back: the endorsements saved "
	    "on this tablet have been sent. Their receipt codes are at the "
	    "end of this page."),
	[MSG_KIOSK_INCOMPLETE] = N_("No connection, and some required answers "
	    "are missing. Fill in your name, role, level of government, town "
	    "or city, country, email address and consent, then send again."),
	[MSG_KIOSK_WAITING] = N_("Endorsements waiting on this tablet to be "
	    "sent:"),
	[MSG_KIOSK_REFUSED] = N_("Endorsements the site refused, removed from "
	    "this tablet:"),
	[MSG_KIOSK_SENT_H] = N_("Sent from this tablet since the connection "
	    "came back"),
	[MSG_KIOSK_SENT_SHOW] = N_("Show the receipt code"),
	[MSG_KIOSK_SENT_HIDE] = N_("Hide the receipt code"),

	/* commitments, withdrawal, public lists */
	[MSG_NAV_SIGNATORIES] = N_("Signatories"),
	[MSG_NAV_COMMITMENTS] = N_("Commitments"),
	[MSG_CF_H] = N_("Report a commitment"),
	[MSG_CF_LEAD] =
	    N_("Report a concrete commitment your government makes under the"
	    " declaration: what you will do, with what means, and how "
	    "progress will be followed. Each report gets its own receipt,"
	    " where you can later post follow-up updates."),
	[MSG_F_AREA] = N_("Thematic area"),
	[MSG_AREA_INCLUSION] = N_("Inclusion and social cohesion"),
	[MSG_AREA_SERVICES] = N_("Access to services"),
	[MSG_AREA_WORK] = N_("Work and economic inclusion"),
	[MSG_AREA_SAFETY_JUSTICE] = N_("Safety and access to justice"),
	[MSG_AREA_LOCAL_DATA] = N_("Local data"),
	[MSG_AREA_COORDINATION] = N_("Multi-level coordination"),
	[MSG_AREA_ORIGIN_TRANSIT_RETURN] =
	    N_("Support for origin, transit and return"),
	[MSG_AREA_OTHER] = N_("Other"),
	[MSG_F_TITLE] = N_("Title"),
	[MSG_F_TITLE_HINT] =
	    N_("A short name for the commitment, up to 200 characters."),
	[MSG_F_DESCRIPTION] = N_("Description"),
	[MSG_F_DESCRIPTION_HINT] =
	    N_("What you commit to do, and for whom. Up to 5,000 characters."),
	[MSG_F_MEANS] = N_("Means of implementation (optional)"),
	[MSG_F_MEANS_HINT] = N_("Budget, partners and resources."),
	[MSG_F_INDICATORS] = N_("Indicators and follow-up (optional)"),
	[MSG_F_INDICATORS_HINT] = N_("How progress is followed up and evaluated."),
	[MSG_F_TARGET_DATE] = N_("Target date (optional)"),
	[MSG_F_TARGET_DATE_HINT] =
	    N_("Year, month and day, for example 2030-12-31."),
	[MSG_F_CSTATUS] = N_("Status"),
	[MSG_CSTATUS_PLANNED] = N_("Planned"),
	[MSG_CSTATUS_IN_PROGRESS] = N_("In progress"),
	[MSG_CSTATUS_ACHIEVED] = N_("Achieved"),
	[MSG_CSTATUS_DROPPED] = N_("Dropped"),
	[MSG_F_SDG] = N_("SDG targets (optional)"),
	[MSG_F_SDG_HINT] =
	    N_("Sustainable Development Goal targets, separated by commas, "
	    "for example 10.7, 11.1."),
	[MSG_CF_SUBMIT] = N_("Send the report"),
	[MSG_ERR_AREA_MISSING] = N_("Choose the thematic area"),
	[MSG_ERR_TITLE_MISSING] = N_("Enter a title for the commitment"),
	[MSG_ERR_DESCRIPTION_MISSING] = N_("Describe the commitment"),
	[MSG_ERR_CSTATUS_MISSING] = N_("Choose the status"),
	[MSG_ERR_NARRATIVE_MISSING] = N_("Describe the progress"),
	[MSG_RCPT_REPORTS_H] = N_("Your commitment reports"),
	[MSG_RCPT_REPORTS_NONE] = N_("No commitment reports yet."),
	[MSG_RCPT_REPORTED_FMT] = N_("Reported %s"),
	[MSG_RCPT_WITHDRAW_H] = N_("Withdraw your endorsement"),
	[MSG_RCPT_WITHDRAW_1] =
	    N_("You can withdraw your endorsement at any time. You are asked"
	    " to confirm first."),
	[MSG_RCPT_WITHDRAW_LINK] = N_("Withdraw this endorsement"),
	[MSG_RCPT_CLOSED] = N_("No more reports can be added to this endorsement."),
	[MSG_WD_TITLE] = N_("Withdraw your endorsement"),
	[MSG_WD_1] = N_("If you withdraw, your name leaves the public list of "
	    "signatories, and your commitment reports leave the public "
	    "list of commitments. No more reports or follow-up updates "
	    "can be added."),
	[MSG_WD_2] =
	    N_("The record is kept, marked as withdrawn with the date, so "
	    "that the history stays complete. Withdrawing cannot be "
	    "undone: to endorse again, fill in a new form."),
	[MSG_F_CONFIRM] = N_("Yes, I want to withdraw my endorsement"),
	[MSG_ERR_CONFIRM] =
	    N_("Tick the box to confirm that you want to withdraw your "
	    "endorsement"),
	[MSG_WD_SUBMIT] = N_("Withdraw the endorsement"),
	[MSG_WD_CANCEL] = N_("Keep my endorsement and go back to the receipt"),
	[MSG_WD_ALREADY] = N_("This endorsement is already withdrawn."),
	[MSG_CR_TITLE] = N_("Your commitment report"),
	[MSG_CR_THANKS] = N_("Your commitment report is recorded"),
	[MSG_CR_KEEP] =
	    N_("Keep this receipt. With its code, link or QR code you can "
	    "come back and post follow-up updates on this report: anyone "
	    "who holds them can."),
	[MSG_CR_BY] = N_("Reported by"),
	[MSG_CR_STATUS_NOW] = N_("Status now"),
	[MSG_CR_STATUS_FIRST] = N_("Status when reported"),
	[MSG_CR_HISTORY_H] = N_("Follow-up updates"),
	[MSG_CR_HISTORY_NONE] = N_("No follow-up updates yet."),
	[MSG_CR_UPDATE_H] = N_("Post a follow-up update"),
	[MSG_CR_UPDATE_LEAD] =
	    N_("Give the status now and a short account of progress. Updates"
	    " are dated and shown oldest first; the latest one gives the "
	    "report its status."),
	[MSG_F_NARRATIVE] = N_("Progress"),
	[MSG_F_NARRATIVE_HINT] =
	    N_("What has happened since the last update. Up to 5,000 "
	    "characters."),
	[MSG_CR_UPDATE_SUBMIT] = N_("Post the update"),
	[MSG_CR_CLOSED] =
	    N_("The endorsement this report belongs to was withdrawn or not "
	    "accepted: no more updates can be posted."),
	[MSG_CR_ANOTHER] =
	    N_("To report another commitment, go back to the receipt of your"
	    " endorsement."),
	[MSG_E409_WITHDRAWN_TITLE] = N_("This endorsement was withdrawn"),
	[MSG_E409_WITHDRAWN_BODY] =
	    N_("Commitment reports and follow-up updates can no longer be "
	    "added to a withdrawn endorsement. Nothing was stored."),
	[MSG_E409_REJECTED_TITLE] = N_("This endorsement was not accepted"),
	[MSG_E409_REJECTED_BODY] =
	    N_("Our team did not accept this endorsement, so no commitment "
	    "reports or updates can be added to it. Nothing was stored."),
	[MSG_SIG_TITLE] = N_("Signatories"),
	[MSG_SIG_LEAD] =
	    N_("Local and regional leaders who endorsed the declaration, "
	    "whose endorsement our team has verified, and who agreed to "
	    "be listed. Newest first."),
	[MSG_COM_TITLE] = N_("Commitments"),
	[MSG_COM_LEAD] =
	    N_("Commitment reports of verified signatories who agreed to be "
	    "listed, each with its status now. Newest first."),
	[MSG_LIST_FILTER_H] = N_("Filter the list"),
	[MSG_F_CONTINENT] = N_("Continent"),
	[MSG_LIST_ANY] = N_("Any"),
	[MSG_CONT_AFRICA] = N_("Africa"),
	[MSG_CONT_AMERICAS] = N_("Americas"),
	[MSG_CONT_ASIA] = N_("Asia"),
	[MSG_CONT_EUROPE] = N_("Europe"),
	[MSG_CONT_OCEANIA] = N_("Oceania"),
	[MSG_LIST_APPLY] = N_("Show"),
	[MSG_LIST_CLEAR] = N_("Clear the filters"),
	[MSG_LIST_BY_CONTINENT_H] = N_("Signatories by continent"),
	[MSG_LIST_BY_AREA_H] = N_("Reports by area"),
	/* TRANSLATORS: %s is a number, written with its thousands separator. */
	[MSG_LIST_TOTAL_FMT] = N_("All: %s"),
	[MSG_LIST_RESULTS_H] = N_("The list"),
	[MSG_LIST_NONE] = N_("Nothing matches these filters."),
	[MSG_LIST_EMPTY] = N_("The list is empty for now."),
	[MSG_LIST_OLDER] = N_("Older entries"),
	[MSG_LIST_NEWEST] = N_("Back to the newest"),
	[MSG_LIST_ENDORSED_FMT] = N_("Endorsed %s"),
	[MSG_LIST_REPORTED_FMT] = N_("Reported %s"),
	[MSG_LIST_TARGET_FMT] = N_("Target date %s"),
	[MSG_LIST_PAGE_NAV] = N_("Pages"),
	[MSG_CR_MEANS] = N_("Means of implementation"),
	[MSG_CR_INDICATORS] = N_("Indicators and follow-up"),
	[MSG_CR_TARGET_DATE] = N_("Target date"),
	[MSG_CR_SDG] = N_("SDG targets"),

	/* Signed receipts, /verify, /declaration, the ledger on /. */
	[MSG_PROOF_DOWNLOAD] = N_("Download the signed receipt"),
	[MSG_PROOF_DOWNLOAD_HINT] = N_("Anyone can check this file, even without our server."),
	[MSG_PROOF_DECL_ROW] = N_("Declaration text"),
	[MSG_PROOF_DECL_FMT] = N_("Version %lld, SHA-256 %s"),
	[MSG_PROOF_DECL_LINK] = N_("Read the text you endorsed"),
	[MSG_PROOF_LEDGER_FMT] = N_("Public record: %lld entries, head %s."),
	[MSG_PROOF_LEDGER_LINK] = N_("How to check it"),
	[MSG_VF_TITLE] = N_("Check a receipt"),
	[MSG_VF_LEAD] = N_("Paste a signed receipt file (the .receipt download of a receipt page), or choose the file. We say whether this site signed it and, if it did, what it says. Nothing is looked up or stored."),
	[MSG_VF_FIELD] = N_("Signed receipt"),
	[MSG_VF_FIELD_HINT] = N_("The whole file, from its first line “endorse-receipt 1” to its end."),
	[MSG_VF_FILE] = N_("Or choose the file"),
	[MSG_VF_ERR_MISSING] = N_("Paste the signed receipt"),
	[MSG_VF_SUBMIT] = N_("Check"),
	[MSG_VF_GENUINE_H] = N_("Genuine"),
	[MSG_VF_GENUINE_1] = N_("This site signed this record. It says:"),
	[MSG_VF_NOT_H] = N_("Not genuine"),
	[MSG_VF_NOT_FMT] = N_("This is not a record this site signed: %s."),
	[MSG_VF_KEY_FMT] = N_("Signed with key %s."),
	[MSG_VF_OFFLINE] = N_("To check without this site, see doc/RECEIPTS.md: the format, our public keys at /.well-known/endorse-keys, and a short verifier."),
	[MSG_DC_TITLE] = N_("The declaration"),
	[MSG_DC_META_FMT] = N_("Version %lld, published %s. SHA-256 of this text: %s"),
	[MSG_DC_OTHER] = N_("Other versions"),
	[MSG_DC_VERSION_FMT] = N_("Version %lld"),
	[MSG_FORM_DECL_FMT] = N_("You endorse the declaration's current text; your receipt records its version and the text's SHA-256."),
	[MSG_FORM_DECL_LINK] = N_("Read the full text"),
	[MSG_DC_LANG_NOTE] = N_("This version has no text in your language yet: shown in English."),
	[MSG_XK_DECL_VERSION] = N_("Declaration version"),
	[MSG_XK_DECL_SHA256] = N_("SHA-256 of the declaration text"),

	/* Languages, landmarks, and texts that were written in the code. */
	/* TRANSLATORS: the name of the site's main menu, read by screen readers. */
	[MSG_NAV_LABEL] = N_("Main"),
	/* TRANSLATORS: the name of the admin console's menu, read by screen readers. */
	[MSG_ADM_NAV_LABEL] = N_("Console"),
	/* TRANSLATORS: the name of the list of languages at the top of every page. */
	[MSG_LANG_NAV] = N_("Language"),
	[MSG_E429_TITLE] = N_("Too many forms sent"),
	[MSG_E429_BODY] = N_("Too many forms were sent from your network in "
	    "the last minute. Nothing more was stored. Wait a minute, then "
	    "send the form again."),
	[MSG_E502_BODY] = N_("The service is not answering at the moment. "
	    "Nothing you sent was recorded. Try again in a few minutes."),
	[MSG_E413_STATIC_BODY] = N_("The form holds more than this site "
	    "accepts (64 KiB). Nothing was stored. Shorten your answers and "
	    "try again."),
	/* TRANSLATORS: roles of the admin console's users, as endorsectl names them (admin, moderator, viewer). */
	[MSG_ADM_ROLE_ADMIN] = N_("admin"),
	[MSG_ADM_ROLE_MODERATOR] = N_("moderator"),
	[MSG_ADM_ROLE_VIEWER] = N_("viewer"),

	/* The exports' header row when lang is given, one per key. */
	[MSG_XK_ID] = N_("Number"),
	[MSG_XK_RECEIPT] = N_("Receipt"),
	[MSG_XK_E_RECEIPT] = N_("Endorsement receipt"),
	[MSG_XK_CREATED_AT] = N_("Received (UTC)"),
	[MSG_XK_STATUS] = N_("Status"),
	[MSG_XK_FULL_NAME] = N_("Full name"),
	[MSG_XK_ROLE] = N_("Role"),
	[MSG_XK_ROLE_OTHER] = N_("Other role"),
	[MSG_XK_LEVEL] = N_("Level of government"),
	[MSG_XK_LOCALITY] = N_("City or municipality"),
	[MSG_XK_REGION] = N_("Region"),
	[MSG_XK_COUNTRY] = N_("Country"),
	[MSG_XK_EMAIL] = N_("Email"),
	[MSG_XK_ORGANISATION] = N_("Organisation"),
	[MSG_XK_LISTED] = N_("Listed publicly"),
	[MSG_XK_EVENT] = N_("Event"),
	[MSG_XK_LANG] = N_("Language"),
	[MSG_XK_AREA] = N_("Thematic area"),
	[MSG_XK_TITLE] = N_("Title"),
	[MSG_XK_DESCRIPTION] = N_("Description"),
	[MSG_XK_MEANS] = N_("Means of implementation"),
	[MSG_XK_INDICATORS] = N_("Indicators and follow-up"),
	[MSG_XK_TARGET_DATE] = N_("Target date"),
	[MSG_XK_SDG] = N_("SDG targets"),
	[MSG_XK_UPDATES] = N_("Follow-up updates"),
	[MSG_XK_ENDORSED_ON] = N_("Endorsed on"),
	[MSG_EXP_BAD_STATUS] = N_("status must be one of pending, verified, "
	    "rejected, withdrawn."),
	[MSG_EXP_BAD_CSTATUS] = N_("status must be a report status (planned, "
	    "in_progress, achieved, dropped) or an endorsement status "
	    "(pending, verified, rejected, withdrawn)."),
	[MSG_EXP_BAD_COUNTRY] = N_("country must be an ISO 3166-1 alpha-2 code "
	    "in capitals, such as FR."),
	[MSG_EXP_BAD_SINCE] = N_("since must be a day written YYYY-MM-DD, such "
	    "as 2026-06-01."),
	[MSG_EXP_BAD_LANG] = N_("lang must be one of en, fr, es, ar."),
	[MSG_ADM_EXPORT_E_XLSX] = N_("endorsements (XLSX)"),
	[MSG_ADM_EXPORT_C_XLSX] = N_("reports (XLSX)"),
	[MSG_OPEN_LEAD] = N_("Download this list, whole and with these filters, "
	    "as open data:"),
	[MSG_OPEN_CSV] = N_("CSV"),
	[MSG_OPEN_JSON] = N_("JSON"),
	[MSG_OPEN_LICENSE_FMT] = N_("You may reuse this data under the licence "
	    "%s."),

	/* E-mail confirmation and official domains. */
	[MSG_CF_TITLE] = N_("Confirm your e-mail address"),
	[MSG_CONFIRM_LEAD] = N_("Press the button to confirm that this e-mail address belongs"
	    " to the person who made this endorsement. Nothing is "
	    "confirmed until you press it."),
	[MSG_CONFIRM_SUBMIT] = N_("Confirm my e-mail address"),
	[MSG_CF_DONE_FMT] = N_("This e-mail address was confirmed on %s. There is nothing "
	    "more to do."),
	[MSG_CF_WITHDRAWN] = N_("This endorsement was withdrawn: there is nothing to confirm."),
	[MSG_CF_RECEIPT_LINK] = N_("Open the receipt"),
	[MSG_CF_404_TITLE] = N_("This confirmation link does not work"),
	[MSG_CF_404_TEXT] = N_("The link is incomplete, or older than 30 days. Copy the "
	    "whole link from the e-mail into your browser's address bar. "
	    "If it is older than 30 days, open your receipt with its code"
	    " and write to the organisers: they can check your "
	    "endorsement another way."),
	[MSG_RCPT_EMAIL_STATE] = N_("E-mail address"),
	[MSG_RCPT_EMAIL_CONFIRMED_FMT] = N_("E-mail confirmed on %s"),
	[MSG_RCPT_EMAIL_UNCONFIRMED] = N_("Not confirmed yet: open the link in the e-mail we sent to "
	    "this address."),
	[MSG_MAIL_SUBJECT] = N_("Confirm your endorsement of the Mechelen Declaration"),
	[MSG_MAIL_HELLO_FMT] = N_("Dear %s,"),
	[MSG_MAIL_THANKS] = N_("Thank you for endorsing the Mechelen Declaration on Cities "
	    "and Migration."),
	[MSG_MAIL_CONFIRM] = N_("To confirm that this e-mail address is yours, open this link"
	    " and press the button on the page (the link works for 30 "
	    "days):"),
	[MSG_MAIL_BUTTON] = N_("Confirm my e-mail address"),
	[MSG_MAIL_RECEIPT] = N_("Your receipt, where you can report the commitments you make "
	    "or withdraw your endorsement:"),
	[MSG_MAIL_CODE_FMT] = N_("Receipt code: %s. Keep it: whoever holds it can act on your "
	    "endorsement."),
	[MSG_MAIL_QR] = N_("This QR code opens your receipt:"),
	[MSG_MAIL_NOT_YOU] = N_("If you did not endorse the declaration, do not open the "
	    "link: without confirmation the address is not taken as "
	    "yours."),
	[MSG_MAIL_AUTO] = N_("This message was sent automatically; replies are not read."),
	[MSG_ADM_DOM_TITLE] = N_("Official e-mail domains"),
	[MSG_ADM_DOM_LEAD] = N_("An endorsement whose e-mail address is in one of these "
	    "domains, or in one of their subdomains, is marked as coming "
	    "from an official domain. A domain given a country counts "
	    "only for endorsements from that country."),
	[MSG_ADM_DOM_F_DOMAIN] = N_("Domain"),
	[MSG_ADM_DOM_F_DOMAIN_HINT] = N_("For example mechelen.be"),
	[MSG_ADM_DOM_F_COUNTRY] = N_("Country (optional)"),
	[MSG_ADM_DOM_ANY] = N_("Any country"),
	[MSG_ADM_DOM_ADD_H] = N_("Add a domain"),
	[MSG_ADM_DOM_ADD] = N_("Add the domain"),
	[MSG_ADM_DOM_REMOVE] = N_("Remove"),
	[MSG_ADM_DOM_NONE] = N_("No domains are listed yet."),
	[MSG_ADM_DOM_COL_ADDED] = N_("Added"),
	[MSG_ADM_ERR_DOMAIN] = N_("Enter a domain name such as mechelen.be: letters, digits, "
	    "hyphens and dots"),
	[MSG_ADM_ERR_DOMAIN_EXISTS] = N_("This domain is listed already"),
	[MSG_ADM_ERR_DOMAIN_UNKNOWN] = N_("This domain is not on the list"),
	[MSG_ADM_E_CONFIRMED] = N_("E-mail confirmed"),
	[MSG_ADM_E_OFFICIAL] = N_("Official domain"),
	[MSG_ADM_E_YES] = N_("Yes"),
	[MSG_ADM_E_NO] = N_("No"),
	[MSG_ADM_E_VERIFY_OFFICIAL] = N_("Verify every pending endorsement whose e-mail is confirmed "
	    "and in an official domain"),
	[MSG_ADM_E_VERIFIED_FMT] = N_("%lld endorsements verified."),
	[MSG_ADM_DASH_CONFIRMED_FMT] = N_("E-mail confirmed: %lld. From an official domain: %lld."),
	[MSG_ADM_DASH_MAIL_FMT] = N_("Mail waiting to be sent: %lld. Mail that failed: %lld."),
	[MSG_ADM_NAV_DOMAINS] = N_("Domains"),
	[MSG_ADM_DASH_MAIL_FAILED_H] = N_("Confirmation mail that failed"),
	[MSG_ADM_DASH_MAIL_FAILED_LEAD] = N_("The mail server refused these messages every time they were tried. Once it is fixed, \"endorsectl mail retry\" sends them again."),
	[MSG_ADM_DASH_MAIL_COL_ATTEMPTS] = N_("Attempts"),
	[MSG_ADM_DASH_MAIL_COL_ERROR] = N_("Last error"),
	[MSG_XK_CONFIRMED_AT] = NC_("export column", "E-mail confirmed at"),
	[MSG_XK_OFFICIAL] = NC_("export column", "Official domain"),
};
