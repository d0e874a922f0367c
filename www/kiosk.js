/*
 * kiosk.js: the event kiosk's script.  Loaded by /kiosk/TOKEN
 * and its hand-off page only.  The Content-Security-Policy allows no
 * inline script and no eval: everything is here.  Without it the kiosk
 * is a plain form, minus the drawing.
 *
 * What it does:
 *  - the signature pad: strokes drawn with pointer events (finger,
 *    stylus, mouse) are kept as points on a 0..1000 grid and written to
 *    the hidden field "signature" as "x,y x,y;x,y ..." (the grammar and
 *    limits the server checks: src/signature.c);
 *  - sending through fetch: a valid form lands on the hand-off page by
 *    location.replace, so the back button cannot bring it back;
 *  - nothing of one signer for the next: the form is emptied on every
 *    return (pageshow), a half-filled form left alone for IDLE is
 *    cleared after a visible WARN countdown, and the hand-off page goes
 *    back to a blank form after DONE without a touch;
 *  - offline: a form that cannot reach the server waits in IndexedDB
 *    with its form_token (a UUID made here), and is sent when the server
 *    answers again; the same token and fields store once on the server.
 *    The service worker www/kiosk-sw.js (registered here) keeps a blank
 *    form so that a reload without the network still opens the kiosk.
 *
 * The timers can be shortened for tests with ?idle=S&warn=S&done=S in
 * the kiosk's URL; only this script reads them, and it carries them
 * along when it moves between the kiosk's pages.
 */
'use strict';

(function () {
	var params = new URLSearchParams(location.search);
	function seconds(name, dflt) {
		var v = Number(params.get(name));
		return v > 0 && v <= 3600 ? v * 1000 : dflt;
	}
	var IDLE_MS = seconds('idle', 120000);
	var WARN_MS = seconds('warn', 15000);
	var DONE_MS = seconds('done', 60000);
	var KEEP = ['idle', 'warn', 'done'].some(function (k) {
		return params.has(k);
	}) ? location.search : '';

	/* The grammar of src/signature.c, and its limits. */
	var SIG_MAX = 1000, SIG_STROKES = 64, SIG_POINTS = 1500;
	var SIG_BYTES = 16000, SIG_STEP = 4;
	var SIG_RE = /^(0|[1-9][0-9]{0,3}),(0|[1-9][0-9]{0,3})$/;

	var DONE_RE = /^\/kiosk\/([A-Za-z0-9_-]{43})\/done\/([0-9A-Z]{24})$/;
	var KIOSK_RE = /^\/kiosk\/([A-Za-z0-9_-]{43})$/;

	function $(id) {
		return document.getElementById(id);
	}
	function show(el, on) {
		if (el)
			el.hidden = !on;
	}

	/* A random RFC 4122 version 4 UUID. */
	function uuid() {
		if (window.crypto && crypto.randomUUID)
			return crypto.randomUUID();
		var b = crypto.getRandomValues(new Uint8Array(16)), h = [];
		b[6] = (b[6] & 0x0f) | 0x40;
		b[8] = (b[8] & 0x3f) | 0x80;
		for (var i = 0; i < 16; i++)
			h.push((b[i] + 0x100).toString(16).slice(1));
		return h.slice(0, 4).join('') + '-' + h.slice(4, 6).join('') +
		    '-' + h.slice(6, 8).join('') + '-' +
		    h.slice(8, 10).join('') + '-' + h.slice(10).join('');
	}

	var UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

	/* ---- the hand-off page ------------------------------------------ */

	function initDone() {
		var done = $('kiosk-done');
		if (!done)
			return;
		var back = new URL(done.href).pathname + KEEP;
		var timer = null;
		var leave = function () {
			location.replace(back);
		};
		var arm = function () {
			clearTimeout(timer);
			timer = setTimeout(leave, DONE_MS);
		};
		done.addEventListener('click', function (e) {
			e.preventDefault();
			leave();
		});
		['pointerdown', 'keydown', 'touchstart'].forEach(function (t) {
			document.addEventListener(t, arm, { passive: true });
		});
		arm();
		/* Coming back to it from history: off to a blank form. */
		window.addEventListener('pageshow', function (e) {
			if (e.persisted)
				leave();
		});
	}

	/* ---- the signature pad ------------------------------------------ */

	var pad = null;

	function Pad(canvas, field, full) {
		this.canvas = canvas;
		this.field = field;
		this.full = full;
		this.strokes = [];
		this.npoints = 0;
		this.bytes = 0;
		this.drawing = null;
		var ctx = canvas.getContext('2d');
		this.ctx = ctx;
		var self = this;
		canvas.addEventListener('pointerdown', function (e) {
			self.down(e);
		});
		canvas.addEventListener('pointermove', function (e) {
			self.move(e);
		});
		['pointerup', 'pointercancel', 'lostpointercapture']
		    .forEach(function (t) {
			canvas.addEventListener(t, function () {
				self.up();
			});
		});
		this.load(field.value);
	}

	/* A pointer's position on the 0..1000 grid. */
	Pad.prototype.at = function (e) {
		var r = this.canvas.getBoundingClientRect();
		var clamp = function (v) {
			return Math.max(0, Math.min(SIG_MAX, Math.round(v)));
		};
		return [clamp((e.clientX - r.left) / r.width * SIG_MAX),
		    clamp((e.clientY - r.top) / r.height * SIG_MAX)];
	};

	/* Room for one more point (and, when starting, one more stroke). */
	Pad.prototype.room = function (starting) {
		/* "1000,1000;" is the longest a point can add. */
		return this.npoints < SIG_POINTS &&
		    this.bytes + 10 <= SIG_BYTES &&
		    (!starting || this.strokes.length < SIG_STROKES);
	};

	Pad.prototype.add = function (p) {
		var s = this.strokes[this.strokes.length - 1];
		this.bytes += String(p[0]).length + String(p[1]).length + 2;
		this.npoints++;
		s.push(p);
	};

	Pad.prototype.down = function (e) {
		if (e.button !== undefined && e.button > 0)
			return;
		e.preventDefault();
		if (!this.room(true)) {
			show(this.full, true);
			return;
		}
		this.canvas.setPointerCapture(e.pointerId);
		this.drawing = e.pointerId;
		this.strokes.push([]);
		this.add(this.at(e));
		this.redraw();
	};

	Pad.prototype.move = function (e) {
		if (this.drawing !== e.pointerId)
			return;
		e.preventDefault();
		var s = this.strokes[this.strokes.length - 1];
		var last = s[s.length - 1], p = this.at(e);
		if (Math.abs(p[0] - last[0]) + Math.abs(p[1] - last[1]) <
		    SIG_STEP)
			return;
		if (!this.room(false)) {
			show(this.full, true);
			this.up();
			return;
		}
		this.add(p);
		this.redraw();
	};

	Pad.prototype.up = function () {
		if (this.drawing === null)
			return;
		this.drawing = null;
		this.field.value = this.encode();
	};

	Pad.prototype.encode = function () {
		return this.strokes.map(function (s) {
			return s.map(function (p) {
				return p[0] + ',' + p[1];
			}).join(' ');
		}).join(';');
	};

	/* A value the server sent back (a form shown again with errors). */
	Pad.prototype.load = function (v) {
		this.clear();
		if (!v)
			return;
		var strokes = v.split(';').map(function (s) {
			return s.split(' ').map(function (pt) {
				var m = SIG_RE.exec(pt);
				return m ? [Number(m[1]), Number(m[2])] : null;
			});
		});
		var ok = strokes.every(function (s) {
			return s.every(function (p) {
				return p && p[0] <= SIG_MAX && p[1] <= SIG_MAX;
			});
		});
		if (!ok)
			return;
		this.strokes = strokes;
		this.npoints = strokes.reduce(function (n, s) {
			return n + s.length;
		}, 0);
		this.bytes = v.length;
		this.field.value = v;
		this.redraw();
	};

	Pad.prototype.clear = function () {
		this.strokes = [];
		this.npoints = 0;
		this.bytes = 0;
		this.drawing = null;
		this.field.value = '';
		show(this.full, false);
		this.redraw();
	};

	Pad.prototype.redraw = function () {
		var c = this.canvas, ctx = this.ctx;
		var sx = c.width / SIG_MAX, sy = c.height / SIG_MAX;
		ctx.clearRect(0, 0, c.width, c.height);
		ctx.lineWidth = 5;
		ctx.lineCap = 'round';
		ctx.lineJoin = 'round';
		ctx.strokeStyle = '#0b0c0c';
		this.strokes.forEach(function (s) {
			ctx.beginPath();
			ctx.moveTo(s[0][0] * sx, s[0][1] * sy);
			if (s.length === 1)
				ctx.lineTo(s[0][0] * sx + 0.1, s[0][1] * sy);
			for (var i = 1; i < s.length; i++)
				ctx.lineTo(s[i][0] * sx, s[i][1] * sy);
			ctx.stroke();
		});
	};

	/* ---- the offline queue (IndexedDB) ------------------------------ */

	var DB_NAME = 'endorse-kiosk', STORE = 'queue';
	var dbp = null;

	function idb() {
		if (dbp)
			return dbp;
		dbp = new Promise(function (resolve, reject) {
			if (!window.indexedDB) {
				reject(new Error('no IndexedDB'));
				return;
			}
			var rq = indexedDB.open(DB_NAME, 1);
			rq.onupgradeneeded = function () {
				rq.result.createObjectStore(STORE,
				    { keyPath: 'id' });
			};
			rq.onsuccess = function () {
				resolve(rq.result);
			};
			rq.onerror = function () {
				reject(rq.error);
			};
		});
		return dbp;
	}

	/* Run fn(store) in a transaction; resolves with the request's result. */
	function tx(mode, fn) {
		return idb().then(function (db) {
			return new Promise(function (resolve, reject) {
				var t = db.transaction(STORE, mode);
				var rq = fn(t.objectStore(STORE));
				t.oncomplete = function () {
					resolve(rq ? rq.result : undefined);
				};
				t.onerror = t.onabort = function () {
					reject(t.error);
				};
			});
		});
	}

	function queueAll() {
		return tx('readonly', function (s) {
			return s.getAll();
		}).then(function (all) {
			return (all || []).sort(function (a, b) {
				return a.created - b.created;
			});
		});
	}

	/* ---- sending ---------------------------------------------------- */

	var csrfNow = '';	/* the csrf field of the current page */
	var refused = Number(sessionStorage.getItem('kiosk-refused')) || 0;

	/* The current page's csrf field goes with the browser's cookie now. */
	function withCsrf(pairs) {
		return pairs.map(function (p) {
			return p[0] === 'csrf' ? ['csrf', csrfNow] : p;
		});
	}

	/* A new csrf field for the cookie the browser holds now. */
	function refreshCsrf(path) {
		return fetch(path, { credentials: 'same-origin',
		    cache: 'no-store' }).then(function (r) {
			return r.text();
		}).then(function (html) {
			var d = new DOMParser().parseFromString(html,
			    'text/html');
			var i = d.querySelector('input[name="csrf"]');
			if (!i)
				throw new Error('no csrf field');
			setCsrf(i.value);
		});
	}

	function setCsrf(v) {
		csrfNow = v;
		var i = document.querySelector('#kiosk input[name="csrf"]');
		if (i)
			i.value = v;
	}

	/*
	 * POST pairs to path.  Resolves with { kind, ... }: 'done' (stored:
	 * url, code), 'answer' (the server's page: status, html), or
	 * 'network' (no answer).  A 403 gets a fresh csrf field once.
	 */
	function post(path, pairs, retried) {
		return fetch(path, {
			method: 'POST',
			body: new URLSearchParams(withCsrf(pairs)),
			credentials: 'same-origin',
			redirect: 'follow',
			cache: 'no-store',
		}).then(function (r) {
			var u = new URL(r.url);
			var m = DONE_RE.exec(u.pathname);
			if (r.redirected && m)
				return { kind: 'done', url: u.pathname, code: m[2] };
			if (r.status === 403 && !retried)
				return refreshCsrf(path).then(function () {
					return post(path, pairs, true);
				}, function () {
					return { kind: 'network' };
				});
			return r.text().then(function (html) {
				return { kind: 'answer', status: r.status,
				    html: html };
			});
		}, function () {
			return { kind: 'network' };
		});
	}

	/* Answers after which resending the same entry cannot help. */
	function final(status) {
		return [400, 404, 409, 410, 413, 415, 422].indexOf(status) >= 0;
	}

	var flushing = false, backoff = 2000, flushTimer = null;

	/* Send what waits on this device, oldest first; retry with backoff. */
	function flush() {
		if (flushing)
			return Promise.resolve();
		flushing = true;
		clearTimeout(flushTimer);
		var again = false, sent = 0;
		var step = function (list) {
			if (list.length === 0)
				return null;
			var e = list[0];
			return post(e.path, e.pairs, false).then(function (res) {
				if (res.kind === 'done') {
					sent++;
					addSent(res.code);
					return tx('readwrite', function (s) {
						return s.delete(e.id);
					}).then(function () {
						return step(list.slice(1));
					});
				}
				if (res.kind === 'answer' && final(res.status)) {
					refused++;
					sessionStorage.setItem('kiosk-refused',
					    String(refused));
					return tx('readwrite', function (s) {
						return s.delete(e.id);
					}).then(function () {
						return step(list.slice(1));
					});
				}
				again = true;
				return null;
			});
		};
		return queueAll().then(step).catch(function () {
			again = true;
		}).then(function () {
			flushing = false;
			return counts();
		}).then(function (n) {
			/* All sent: "saved on this tablet" is no longer true. */
			if (n === 0 && sent > 0) {
				savedShown = false;
				show($('kiosk-saved'), false);
				show($('kiosk-back'), true);
			}
			if (again && n > 0) {
				flushTimer = setTimeout(flush, backoff);
				backoff = Math.min(backoff * 2, 60000);
			} else
				backoff = 2000;
		});
	}

	/* Show the waiting and refused counts; resolves with the waiting. */
	function counts() {
		return queueAll().then(function (all) {
			var n = all.length;
			var c = $('kiosk-waiting-count');
			if (c)
				c.textContent = String(n);
			show($('kiosk-waiting'), n > 0);
			c = $('kiosk-refused-count');
			if (c)
				c.textContent = String(refused);
			show($('kiosk-refused'), refused > 0);
			return n;
		}, function () {
			return 0;
		});
	}

	/* A receipt sent from the queue: its QR code behind a button. */
	function addSent(code) {
		var sec = $('kiosk-sent'), list = $('kiosk-sent-list');
		var tpl = $('kiosk-sent-item');
		if (!sec || !list || !tpl)
			return;
		var li = tpl.content.firstElementChild.cloneNode(true);
		var btn = li.querySelector('button'), img = li.querySelector('img');
		btn.textContent = btn.dataset.show;
		btn.setAttribute('aria-expanded', 'false');
		btn.addEventListener('click', function () {
			var open = img.hidden;
			if (open && !img.getAttribute('src'))
				img.src = '/receipt/' + code + '.svg';
			img.hidden = !open;
			btn.textContent = open ? btn.dataset.hide :
			    btn.dataset.show;
			btn.setAttribute('aria-expanded', String(open));
		});
		li.dataset.code = code;
		list.appendChild(li);
		show(sec, true);
	}

	function clearSent() {
		var list = $('kiosk-sent-list');
		if (list)
			list.textContent = '';
		show($('kiosk-sent'), false);
	}

	/* ---- the form ----------------------------------------------------- */

	var form = null, cleanTitle = document.title, lastTouch = Date.now();
	var warnUntil = 0, sending = false;

	function touched() {
		lastTouch = Date.now();
		if (warnUntil) {
			warnUntil = 0;
			show($('kiosk-idle'), false);
		}
	}

	/* Something of a signer is in the form. */
	function dirty() {
		if (!form)
			return false;
		if (pad && pad.strokes.length)
			return true;
		return Array.prototype.some.call(form.elements, function (el) {
			if (el.type === 'radio' || el.type === 'checkbox')
				return el.checked;
			if (el.tagName === 'SELECT')
				return el.selectedIndex > 0;
			if (el.type === 'text' || el.type === 'email')
				return el.value !== '';
			return false;
		});
	}

	/*
	 * Empty the form for the next signer, in place (it works offline):
	 * values and their defaults (a form shown again with errors has the
	 * last signer's answers as defaults), errors, the pad, a new token.
	 */
	function clearForm() {
		if (!form)
			return;
		Array.prototype.forEach.call(form.elements, function (el) {
			if (el.type === 'radio' || el.type === 'checkbox') {
				el.checked = false;
				el.defaultChecked = false;
			} else if (el.tagName === 'SELECT') {
				Array.prototype.forEach.call(el.options,
				    function (o) {
					o.defaultSelected = false;
				});
				el.selectedIndex = 0;
			} else if (el.type === 'text' || el.type === 'email') {
				el.value = '';
				el.defaultValue = '';
			}
			el.removeAttribute('aria-invalid');
			el.classList.remove('input-error');
		});
		var es = $('error-summary');
		if (es)
			es.remove();
		document.querySelectorAll('#kiosk .error-message')
		    .forEach(function (p) {
			p.remove();
		});
		document.querySelectorAll('#kiosk .field-error')
		    .forEach(function (d) {
			d.classList.remove('field-error');
		});
		if (pad)
			pad.clear();
		tokenField().value = uuid();
		document.title = cleanTitle;
		warnUntil = 0;
		show($('kiosk-idle'), false);
		show($('kiosk-incomplete'), false);
		lastTouch = Date.now();
		window.scrollTo(0, 0);
	}

	/* The checks a form must pass to be worth keeping offline. */
	function complete() {
		var f = form.elements, v = function (n) {
			return f[n] ? String(f[n].value || '').trim() : '';
		};
		var checked = function (n) {
			return !!form.querySelector('input[name="' + n +
			    '"]:checked');
		};
		var role = form.querySelector('input[name="role"]:checked');
		return v('full_name') !== '' && role !== null &&
		    (role.value !== 'other' || v('role_other') !== '') &&
		    checked('government_level') && v('locality') !== '' &&
		    v('country') !== '' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(
		    v('email')) && checked('consent');
	}

	function pairsOf(f) {
		var out = [];
		new FormData(f).forEach(function (v, k) {
			out.push([k, String(v)]);
		});
		return out;
	}

	/* The server's answer replaces the page's main part (errors). */
	function swapIn(html) {
		var d = new DOMParser().parseFromString(html, 'text/html');
		var main = d.querySelector('main'), here = $('main');
		if (!main || !here) {
			document.body.innerHTML = d.body.innerHTML;
			return;
		}
		document.title = d.title;
		here.innerHTML = main.innerHTML;
		initForm();
		counts();
		var es = $('error-summary');
		window.scrollTo(0, 0);
		if (es)
			es.focus();
	}

	function onSubmit(e) {
		e.preventDefault();
		if (sending)
			return;
		if (pad)
			pad.up();
		sending = true;
		var path = new URL(form.action).pathname;
		var pairs = pairsOf(form);
		var token = tokenField().value;
		show($('kiosk-sending'), true);
		show($('kiosk-saved'), false);
		show($('kiosk-back'), false);
		show($('kiosk-incomplete'), false);
		post(path, pairs, false).then(function (res) {
			show($('kiosk-sending'), false);
			if (res.kind === 'done') {
				location.replace(res.url + KEEP);
				return;
			}
			sending = false;
			if (res.kind === 'answer') {
				swapIn(res.html);
				return;
			}
			/* No answer: keep it on this device, if complete. */
			if (!complete()) {
				show($('kiosk-incomplete'), true);
				return;
			}
			return tx('readwrite', function (s) {
				return s.put({ id: token, path: path,
				    pairs: pairs, csrf: csrfNow,
				    created: Date.now() });
			}).then(function () {
				clearForm();
				return counts();
			}).then(function () {
				/* With the count that includes it, at once. */
				show($('kiosk-saved'), true);
				savedShown = true;
				clearTimeout(flushTimer);
				flushTimer = setTimeout(flush, backoff);
			}, function () {
				show($('kiosk-incomplete'), true);
			});
		});
	}

	var savedShown = false;

	/* The next signer starts: what was shown for the last one goes. */
	function started() {
		touched();
		if (savedShown) {
			savedShown = false;
			show($('kiosk-saved'), false);
		}
		show($('kiosk-back'), false);
		clearSent();
	}

	/* The hidden form_token (the submit button has its id, for errors). */
	function tokenField() {
		return form.querySelector('input[name="form_token"]');
	}

	/* Bind the form on the page (again after swapIn). */
	function initForm() {
		form = $('kiosk');
		pad = null;
		if (!form)
			return;
		var csrf = form.querySelector('input[name="csrf"]');
		csrfNow = csrf ? csrf.value : '';
		var tok = tokenField();
		if (tok && !UUID_RE.test(tok.value))
			tok.value = uuid();
		var field = $('signature'), canvas = $('sigpad');
		if (field && canvas && canvas.getContext) {
			field.hidden = false;
			pad = new Pad(canvas, $('signature-value'),
			    $('sigpad-full'));
			$('sigpad-clear').addEventListener('click', function () {
				pad.clear();
			});
			canvas.addEventListener('pointerdown', started);
		}
		form.addEventListener('submit', onSubmit);
		form.addEventListener('input', started);
		form.addEventListener('change', started);
		var stay = $('kiosk-idle-stay');
		if (stay)
			stay.addEventListener('click', touched);
	}

	/* Every quarter second: the idle warning and its countdown. */
	function tick() {
		if (!form)
			return;
		var now = Date.now();
		if (!warnUntil) {
			if (dirty() && now - lastTouch >= IDLE_MS) {
				warnUntil = now + WARN_MS;
				show($('kiosk-idle'), true);
			} else
				return;
		}
		var left = Math.max(0, Math.ceil((warnUntil - now) / 1000));
		var c = $('kiosk-idle-count');
		if (c && c.textContent !== String(left))
			c.textContent = String(left);
		if (now >= warnUntil)
			clearForm();
	}

	/* ---- the service worker ------------------------------------------ */

	/*
	 * www/kiosk-sw.js keeps this event's blank form, the stylesheet and
	 * this script, so that a reload without the network still opens the
	 * kiosk and its queue.  It keeps what it sees pass; a page it did
	 * not see (the first load, before it took the page) is fetched again
	 * by it when asked.
	 */
	function keepOffline() {
		if (!('serviceWorker' in navigator))
			return;
		var sw = navigator.serviceWorker;
		var missed = !sw.controller;
		sw.register('/kiosk-sw.js', { scope: '/kiosk/' })
		    .then(function () {
			return sw.ready;
		}).then(function (reg) {
			if (missed && reg.active &&
			    KIOSK_RE.test(location.pathname))
				reg.active.postMessage({ type: 'kiosk-keep',
				    path: location.pathname });
		}).catch(function () {});
	}

	function initKiosk() {
		/* Defaults are what the server sent: for a new page, nothing. */
		var f = $('kiosk');
		if (f && !$('error-summary'))
			f.reset();
		if (document.title.indexOf('Error') === 0)
			cleanTitle = document.title.replace(/^[^:]*:\s*/, '');
		initForm();
		['pointerdown', 'keydown', 'wheel', 'touchstart']
		    .forEach(function (t) {
			document.addEventListener(t, touched, { passive: true });
		});
		setInterval(tick, 250);
		window.addEventListener('online', function () {
			backoff = 2000;
			flush();
		});
		/* Back to this page from history: nothing of anyone. */
		window.addEventListener('pageshow', function (e) {
			if (e.persisted) {
				clearForm();
				clearSent();
				show($('kiosk-saved'), false);
				show($('kiosk-back'), false);
			}
		});
		counts().then(function (n) {
			if (n > 0)
				flush();
		});
		keepOffline();
	}

	if (document.body.classList.contains('kiosk-done'))
		initDone();
	else if (document.body.classList.contains('kiosk-form'))
		initKiosk();
})();
