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

# The pinned playwright-core (package-lock.json) runs on Node.js 18 and
# later: Debian 12's nodejs is 18.20.4.  An older one fails here, plainly.
NODE_MIN=18
node_ver=$(node -p 'process.versions.node' 2>/dev/null || true)
if [ -z "$node_ver" ] || ! [ "${node_ver%%.*}" -ge "$NODE_MIN" ] 2>/dev/null; then
	echo "browser: Node.js ${node_ver:-not found}: these tests need" \
	    "Node.js $NODE_MIN or later (Debian 12: apt-get install nodejs npm)"
	echo "0 passed, 1 failed"
	exit 1
fi

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
