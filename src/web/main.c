/*
 * endorse-web: the public forms and receipts, as a FastCGI program.
 * The route table is in site.c; the options, the environment and the
 * process model are the core's (server_main in progmain.c).
 */
#include "config.h"

#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "web/web.h"

struct progcfg	webcfg;

int
main(int argc, char *argv[])
{
	return server_main(&web_app, &webcfg, argc, argv);
}
