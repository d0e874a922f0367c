/*
 * endorse-admin: the admin console, as a FastCGI program.
 * The pages are in the other files of src/admin/; the options, the
 * environment and the process model are the core's (server_main in
 * progmain.c).
 */
#include "config.h"

#include "db.h"
#include "lang.h"
#include "server.h"
#include "page.h"
#include "route.h"
#include "admin/admin.h"

struct progcfg	admincfg;

int
main(int argc, char *argv[])
{
	return server_main(&admin_app, &admincfg, argc, argv);
}
