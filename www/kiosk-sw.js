/*
 * kiosk-sw.js: the event kiosk's service worker.  Registered
 * by kiosk.js with scope /kiosk/, so it sees the kiosk's pages and what
 * they load, and nothing of the rest of the site.
 *
 * Its one job: a kiosk page reloaded while the venue's network is down
 * still opens, so the offline queue (IndexedDB, kiosk.js) can be seen,
 * added to and sent when the network comes back.  It handles only
 *  - navigations to a kiosk's form, GET /kiosk/TOKEN, and
 *  - the kiosk's static files, the stylesheet and kiosk.js, by the
 *    content-hashed names the pages link to (/style.HASH.css,
 *    /kiosk.HASH.js: a new version is a new name, while this worker
 *    keeps its own fixed URL);
 * network first; when the network fails (or a navigation has no answer
 * within NAV_WAIT and a copy is kept), the answer comes from the cache.
 * Everything else (every POST, the hand-off pages /kiosk/TOKEN/done/...,
 * receipts, their QR codes) goes to the network untouched and is never
 * stored.
 *
 * Decision (see README.md, "Signing at events"): the BLANK form that
 * GET /kiosk/TOKEN answers is kept in Cache Storage although it is sent
 * with Cache-Control: no-store.  That header is there so that nothing of
 * one signer is kept for the next; the blank form holds nothing of any
 * signer: the form, the csrf field for this device's cookie and a form
 * token (which kiosk.js replaces by a UUID of its own anyway).  Never
 * kept: a POST, a hand-off page, a receipt, any page with a signer's
 * data.  The cache is one per event token ("kiosk-v1-TOKEN"), refreshed
 * on every successful online load (the form, and the static files that
 * form links to; older versions of those are dropped), and dropped when
 * the site says the event is unknown (404) or closed (410).
 */
'use strict';

var VERSION = 'kiosk-v1-';
var KIOSK_RE = /^\/kiosk\/([A-Za-z0-9_-]{43})$/;
/* The static files a kiosk page links to (script/build-www names them). */
var ASSET_RE = /^\/(?:style|kiosk)\.[0-9a-f]{12}\.(?:css|js)$/;
var ASSET_LINK_RE = /(?:href|src)="(\/(?:style|kiosk)\.[0-9a-f]{12}\.(?:css|js))"/g;
var NAV_WAIT = 8000;	/* ms a navigation waits for the network */

/* The cache of one event's kiosk. */
function cacheName(token) {
	return VERSION + token;
}

function formKey(token) {
	return new URL('/kiosk/' + token, self.location.origin).href;
}

/* An answer worth keeping: the site's own page, whole, not redirected. */
function keepable(res) {
	return res && res.status === 200 && res.type === 'basic' &&
	    !res.redirected;
}

/* What the site says of the event: gone for good, or not. */
function gone(res) {
	return res && (res.status === 404 || res.status === 410);
}

/* The token of the kiosk page a client (a tab) shows, or null. */
function clientToken(id) {
	if (!id)
		return Promise.resolve(null);
	return self.clients.get(id).then(function (c) {
		var m = c ? KIOSK_RE.exec(new URL(c.url).pathname) : null;
		return m ? m[1] : null;
	}, function () {
		return null;
	});
}

/* The static files a page links to, each once. */
function assetsOf(html) {
	var out = [], m;

	ASSET_LINK_RE.lastIndex = 0;
	while ((m = ASSET_LINK_RE.exec(html)) !== null)
		if (out.indexOf(m[1]) < 0)
			out.push(m[1]);
	return out;
}

/*
 * Keep res, a blank form of an event, with the static files it links
 * to; drop anything else the event's cache still holds (the files of an
 * older version).
 */
function keep(token, res) {
	var key = formKey(token);
	return res.clone().text().then(function (html) {
		var want = assetsOf(html).map(function (p) {
			return new URL(p, self.location.origin).href;
		});
		return caches.open(cacheName(token)).then(function (c) {
			return c.put(key, res).then(function () {
				return c.addAll(want);
			}).then(function () {
				return c.keys();
			}).then(function (reqs) {
				return Promise.all(reqs.filter(function (rq) {
					return rq.url !== key &&
					    want.indexOf(rq.url) < 0;
				}).map(function (rq) {
					return c.delete(rq);
				}));
			});
		});
	});
}

/*
 * Keep a fresh blank form of an event, and the static files, for when
 * the network is gone.  Asked by kiosk.js on a load that this worker did
 * not see (the first one, before it controlled the page).
 */
function refresh(token) {
	var key = formKey(token);
	return fetch(key, { credentials: 'same-origin', cache: 'no-store' })
	    .then(function (res) {
		if (gone(res))
			return caches.delete(cacheName(token));
		if (!keepable(res))
			return null;
		return keep(token, res);
	}).catch(function () {
		return null;
	});
}

/* GET /kiosk/TOKEN as a navigation: network first, then the copy. */
function navigate(event, token) {
	var key = formKey(token);
	var net = fetch(event.request);
	/* A fresh blank form replaces the copy; a closed event drops it. */
	event.waitUntil(net.then(function (res) {
		if (keepable(res))
			return keep(token, res.clone());
		if (gone(res))
			return caches.delete(cacheName(token));
		return null;
	}).catch(function () {}));
	var kept = caches.open(cacheName(token)).then(function (c) {
		/* The page varies with the language (Vary: Accept-Language,
		 * Cookie); the copy is this tablet's, whatever it asked. */
		return c.match(key, { ignoreVary: true });
	}).catch(function () {
		return undefined;
	});
	return new Promise(function (resolve, reject) {
		var done = false, timer = null;
		var answer = function (res) {
			done = true;
			clearTimeout(timer);
			resolve(res);
		};
		/* The copy, if kept; with err and no copy, the error. */
		var fromCache = function (err) {
			kept.then(function (res) {
				if (done)
					return;
				if (res)
					answer(res);
				else if (err) {
					done = true;
					clearTimeout(timer);
					reject(err);
				}
			});
		};
		net.then(function (res) {
			if (!done)
				answer(res);
		}, fromCache);
		/* A network that hangs (venue Wi-Fi): the copy, if kept. */
		timer = setTimeout(function () {
			fromCache(null);
		}, NAV_WAIT);
	});
}

/* A copy of a static file: this event's, else any event's. */
function keptAsset(token, key) {
	var mine = token === null ? Promise.resolve(undefined) :
	    caches.open(cacheName(token)).then(function (c) {
		return c.match(key);
	});
	return mine.then(function (res) {
		/* Any event's copy will do: the files are the site's. */
		return res || caches.keys().then(function (names) {
			return names.filter(function (n) {
				return n.indexOf(VERSION) === 0;
			}).reduce(function (p, n) {
				return p.then(function (found) {
					return found || caches.open(n)
					    .then(function (c) {
						return c.match(key);
					});
				});
			}, Promise.resolve(undefined));
		});
	});
}

/* The stylesheet, kiosk.js for a kiosk page: network first, then the copy. */
function asset(event) {
	var key = new URL(new URL(event.request.url).pathname,
	    self.location.origin).href;
	var token = clientToken(event.clientId);
	var net = fetch(event.request);
	/* Cloned before the page reads the body. */
	var copy = net.then(function (res) {
		return keepable(res) ? res.clone() : null;
	});
	event.waitUntil(Promise.all([copy, token]).then(function (both) {
		var res = both[0], t = both[1];
		if (res === null || t === null)
			return null;
		return caches.open(cacheName(t)).then(function (c) {
			return c.put(key, res);
		});
	}).catch(function () {}));
	return net.catch(function (err) {
		return token.then(function (t) {
			return keptAsset(t, key);
		}).then(function (res) {
			if (!res)
				throw err;
			return res;
		});
	});
}

self.addEventListener('install', function () {
	self.skipWaiting();
});

/* Take the open kiosk pages now; drop the caches of older versions. */
self.addEventListener('activate', function (event) {
	event.waitUntil(caches.keys().then(function (names) {
		return Promise.all(names.filter(function (n) {
			return n.indexOf('kiosk-') === 0 &&
			    n.indexOf(VERSION) !== 0;
		}).map(function (n) {
			return caches.delete(n);
		}));
	}).then(function () {
		return self.clients.claim();
	}));
});

self.addEventListener('fetch', function (event) {
	var req = event.request;
	/* A POST (a signer's data) is never touched, nor kept. */
	if (req.method !== 'GET')
		return;
	var url = new URL(req.url);
	if (url.origin !== self.location.origin)
		return;
	if (req.mode === 'navigate') {
		/* The form only: not a hand-off page, not a receipt. */
		var m = KIOSK_RE.exec(url.pathname);
		if (m)
			event.respondWith(navigate(event, m[1]));
		return;
	}
	if (ASSET_RE.test(url.pathname) && url.search === '')
		event.respondWith(asset(event));
});

/* kiosk.js: "keep this kiosk's blank form" (a load this worker missed). */
self.addEventListener('message', function (event) {
	var d = event.data;
	var m = d && d.type === 'kiosk-keep' && typeof d.path === 'string' ?
	    KIOSK_RE.exec(d.path) : null;
	if (!m)
		return;
	event.waitUntil(refresh(m[1]));
});
