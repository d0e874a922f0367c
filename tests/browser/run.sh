#!/bin/bash
# tests/browser/run.sh: the browser tests of endorse, in headless Chromium.
# Installs the pinned node packages (package-lock.json) when node_modules
# is missing or older than the lock file, then runs run.js, which starts
# the site itself.  Exit status: run.js's.  Works from any directory.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

# playwright-core never downloads a browser; say so anyway.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ ! -d "$here/node_modules" ] ||
   [ "$here/package-lock.json" -nt "$here/node_modules" ]; then
	echo "browser: installing node packages (npm ci)"
	if ! (cd "$here" && npm ci --no-audit --no-fund); then
		echo "browser: npm ci failed"
		echo "0 passed, 1 failed"
		exit 1
	fi
	# npm ci may leave the folder's time older than the lock file.
	touch "$here/node_modules"
fi

cd "$top"
node "$here/run.js"
exit $?
