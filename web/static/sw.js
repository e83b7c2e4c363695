// sw.js: gemis's service worker, served at /sw.js?v=VERSION (offline.c) so
// that its scope is the whole site.  It keeps, for the account signed in:
//  - the app shell: the stylesheet and scripts of this version (fetched once
//    when it installs; the same versioned files the pages load);
//  - the dashboard (/), the entry forms (/entry, /entry/UNIT/AGENCY/YEAR),
//    the tasks and their progress forms (/tasks, /tasks/UNIT/TASK?...) and
//    the activity log (/activities, /activities/UNIT/ID) as they were last
//    opened online, so that they open with no connection.
// Pages are asked from the network first and the kept copy is used only
// when the network fails.  Nothing else is ever kept: no other page (not
// the case register, not the complaints, not the account or user pages),
// no answer of another account, nothing posted.  A page is kept only when
// the server names the account it was made for (X-Gemis-Account); a page
// made for another account drops every page kept for the previous one, and
// signing out clears everything (Clear-Site-Data on POST /logout).
// A form of those pages posted when the network fails (no line, or the
// request cut while the browser thought it had one) is kept in the
// browser's queue (IndexedDB, the same queue offline.js shows and sends)
// and the person is taken back to the page the form was on; offline.js
// sends it when the line returns, on the version it was typed on.
'use strict';

var V = new URL(self.location.href).searchParams.get('v') || '0';
var STATIC = 'gemis-static-' + V;
var SHELL = ['/static/app.css', '/static/app.js', '/static/offline.js', '/static/vendor/htmx.min.js',
  '/static/favicon.svg'].map(function (u) { return u + '?v=' + V; });
// the pages that may be kept: the dashboard, the entry forms, the tasks and
// the activity log, no other (not /tasks/UNIT/evidence/ID, not the import)
var PAGES = /^\/(entry(\/[0-9A-Za-z]+\/[a-z_]+\/[0-9]{4})?|tasks(\/[0-9A-Za-z]+\/[^/]+)?|activities(\/[0-9A-Za-z]+\/[0-9]+)?)?$/;
// the forms whose posts are kept when the network fails: a form's save or
// submit, a task's progress, an activity added or changed
var POSTS = /^\/(entry\/[0-9A-Za-z]+\/[a-z_]+\/[0-9]{4}|tasks\/[0-9A-Za-z]+\/[^/]+|activities(\/[0-9A-Za-z]+\/[0-9]+)?)$/;
var KEPT_ACTIONS = ['', 'save', 'submit'];
var META = 'gemis-meta';

self.addEventListener('install', function (e) {
  e.waitUntil(caches.open(STATIC).then(function (c) { return c.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return /^gemis-static-/.test(k) && k !== STATIC; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// The account whose pages are kept, remembered across restarts.
function account() {
  return caches.open(META).then(function (c) { return c.match('/owner'); })
    .then(function (r) { return r ? r.text() : ''; });
}

// A page made for `acct`: the pages kept for any other account go first.
function setAccount(acct) {
  return caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return /^gemis-pages-/.test(k) && k !== 'gemis-pages-' + acct; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return caches.open(META); })
    .then(function (c) { return c.put('/owner', new Response(acct)); });
}

// A form's address with what a redirect adds (?done=save) left out.
function pageKey(url) {
  var u = new URL(url);
  u.searchParams.delete('done');
  return u.pathname + u.search;
}

function page(req) {
  var key = pageKey(req.url);
  return fetch(req).then(function (res) {
    var acct = res.headers.get('X-Gemis-Account');
    if (res.status !== 200 || !acct || !/^u[0-9]+$/.test(acct) ||
        !/^text\/html/.test(res.headers.get('Content-Type') || ''))
      return res;
    var copy = res.clone();
    return setAccount(acct).then(function () { return caches.open('gemis-pages-' + acct); })
      .then(function (c) { return c.put(key, copy); })
      .then(function () { return res; }, function () { return res; });
  }, function (err) {
    return account().then(function (acct) {
      return acct ? caches.open('gemis-pages-' + acct).then(function (c) { return c.match(key); }) : null;
    }).then(function (hit) {
      if (hit)
        return hit;
      throw err;
    });
  });
}

// --- a post the network failed: into the queue --------------------------------
// The queue's records are offline.js's (it shows them, sends them and
// shows a conflict); this only puts one: what was posted, the version
// it was typed on, the page it came from.
function putEntry(entry) {
  return new Promise(function (ok, fail) {
    var q = indexedDB.open('gemis-offline', 1);
    q.onupgradeneeded = function () { q.result.createObjectStore('entries', { keyPath: 'key' }); };
    q.onerror = function () { fail(q.error); };
    q.onsuccess = function () {
      var t = q.result.transaction('entries', 'readwrite');
      t.objectStore('entries').put(entry);
      t.oncomplete = function () { q.result.close(); ok(); };
      t.onerror = function () { q.result.close(); fail(t.error); };
    };
  });
}

function entryOf(acct, url, from, fd) {
  var e = { account: acct, post: url.pathname, path: from, action: '', version: null, entry: '', fields: {},
    files: [], saved: Date.now(), state: 'queued', title: '', worker: true };
  fd.forEach(function (v, k) {
    if (k === 'csrf')
      return;
    if (k === 'version' || k === 'action' || k === 'entry')
      e[k] = String(v);
    else if (typeof v === 'string')
      e.fields[k] = v;
    else if (v.size)
      e.files.push([k, v]);
  });
  e.key = acct + ' ' + (e.version === null ? e.post + ' ' + e.entry : e.path);
  return e;
}

function postOrKeep(req) {
  var copy = req.clone(), url = new URL(req.url);
  return fetch(req).catch(function (err) {
    var from = req.referrer && new URL(req.referrer).origin === self.location.origin ? pageKey(req.referrer) : url.pathname;
    return Promise.all([account(), copy.formData()]).then(function (x) {
      var e = x[0] ? entryOf(x[0], url, from, x[1]) : null;
      if (!e || KEPT_ACTIONS.indexOf(e.action) < 0 || (e.version === null && !e.entry))
        throw err;
      return putEntry(e).then(function () {
        // (a fragment: the server refuses a parameter it does not know)
        return Response.redirect(from + '#offline-kept', 303);
      });
    }).catch(function () { throw err; });
  });
}

self.addEventListener('fetch', function (e) {
  var req = e.request, url = new URL(req.url);
  if (url.origin === self.location.origin && req.method === 'POST' && req.mode === 'navigate' &&
      POSTS.test(url.pathname)) {
    e.respondWith(postOrKeep(req));
    return;
  }
  if (url.origin !== self.location.origin || req.method !== 'GET')
    return; // other posts (sign-out among them) go to the network untouched
  if (url.pathname.indexOf('/static/') === 0) {
    if (url.searchParams.get('v') !== V)
      return;
    e.respondWith(caches.open(STATIC).then(function (c) {
      return c.match(req).then(function (hit) {
        return hit || fetch(req).then(function (res) {
          if (res.status === 200)
            c.put(req, res.clone());
          return res;
        });
      });
    }));
    return;
  }
  if (PAGES.test(url.pathname))
    e.respondWith(page(req));
});
