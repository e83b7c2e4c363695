// sw.js: gemis's service worker, served at /sw.js?v=VERSION (offline.c) so
// that its scope is the whole site.  It keeps, for the account signed in:
//  - the app shell: the stylesheet and scripts of this version (fetched once
//    when it installs; the same versioned files the pages load);
//  - the dashboard (/) and the entry forms (/entry, /entry/UNIT/AGENCY/YEAR)
//    as they were last opened online, so that they open with no connection.
// Pages are asked from the network first and the kept copy is used only
// when the network fails.  Nothing else is ever kept: no other page (not
// the case register, not the complaints, not the account or user pages),
// no answer of another account, nothing posted.  A page is kept only when
// the server names the account it was made for (X-Gemis-Account); a page
// made for another account drops every page kept for the previous one, and
// signing out clears everything (Clear-Site-Data on POST /logout).
// Entries saved while offline are queued by the page (offline.js), not here.
'use strict';

var V = new URL(self.location.href).searchParams.get('v') || '0';
var STATIC = 'gemis-static-' + V;
var SHELL = ['/static/app.css', '/static/app.js', '/static/offline.js', '/static/vendor/htmx.min.js',
  '/static/favicon.svg'].map(function (u) { return u + '?v=' + V; });
// the pages that may be kept: the dashboard and the entry forms, no other
var PAGES = /^\/(entry(\/[0-9A-Za-z]+\/[a-z_]+\/[0-9]{4})?)?$/;
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

self.addEventListener('fetch', function (e) {
  var req = e.request, url = new URL(req.url);
  if (url.origin !== self.location.origin || req.method !== 'GET')
    return; // posts (forms, sign-out) go to the network untouched
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
