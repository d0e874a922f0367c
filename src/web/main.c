/*
 * endorse-web: the public forms and receipts, as a FastCGI program.
 * The pages are in pages.c; the options, the environment and the process
 * model are the core's (server_main in progmain.c).
 */
#include "config.h"

#include "endorse.h"
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
