// offline.js: entering forms on a weak line (docs/web.md, "Offline entry").
// Loaded on signed-in pages only; every page works without it.
//  - registers the service worker (/sw.js), which keeps the app shell, the
//    dashboard and the entry forms last opened online;
//  - a form saved or submitted with no connection is kept in this browser
//    (IndexedDB, per account) with the version the form was opened at, and
//    the page says what waits to be sent;
//  - when the line returns (the online event, or the next page opened
//    online) each entry is sent once: the form is asked afresh (a new CSRF
//    token, the version on the server now); on the same version the entry
//    is posted with it; on a newer one the server's values are compared
//    with the entry: the same values mean the entry already arrived (its
//    answer was lost), others a change made meanwhile, shown side by side
//    on the form for the person to choose, never overwritten silently.
//    The server refuses a post on an old version (409), so an entry cannot
//    be saved twice however often it is sent;
//  - signing out clears what this browser kept (the server's
//    Clear-Site-Data does it too), after a warning if entries wait.
// The texts come from the server's catalogues (#offline-data).
(function () {
  'use strict';

  var dataEl = document.getElementById('offline-data');
  if (!dataEl || !window.indexedDB)
    return;
  var cfg = JSON.parse(dataEl.textContent);
  var T = cfg.t;
  var DB = 'gemis-offline', STORE = 'entries';
  var busy = false;

  function fmt(s, x) { return s.replace(/%[sd]/, String(x)); }

  function open() {
    return new Promise(function (ok, fail) {
      var q = indexedDB.open(DB, 1);
      q.onupgradeneeded = function () { q.result.createObjectStore(STORE, { keyPath: 'key' }); };
      q.onsuccess = function () { ok(q.result); };
      q.onerror = function () { fail(q.error); };
    });
  }

  function tx(mode, fn) {
    return open().then(function (db) {
      return new Promise(function (ok, fail) {
        var t = db.transaction(STORE, mode), out;
        var req = fn(t.objectStore(STORE));
        if (req)
          req.onsuccess = function () { out = req.result; };
        t.oncomplete = function () { db.close(); ok(out); };
        t.onerror = function () { db.close(); fail(t.error); };
      });
    });
  }

  // this account's entries, oldest first
  function entries() {
    return tx('readonly', function (s) { return s.getAll(); }).then(function (all) {
      return (all || []).filter(function (e) { return e.account === cfg.account; })
        .sort(function (a, b) { return a.saved - b.saved; });
    });
  }
  function put(e) { return tx('readwrite', function (s) { return s.put(e); }); }
  function drop(e) { return tx('readwrite', function (s) { return s.delete(e.key); }); }

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined)
      n.textContent = text;
    return n;
  }

  // --- what waits: the panel under the header ------------------------------
  function render(note) {
    var box = document.getElementById('offline-queue');
    if (!box)
      return Promise.resolve();
    return entries().then(function (list) {
      box.textContent = '';
      if (!navigator.onLine)
        box.appendChild(el('p', { 'class': 'offline-line' }, T.offline));
      if (note)
        box.appendChild(el('p', { 'class': 'ok', role: 'status' }, note));
      if (list.length) {
        box.appendChild(el('p', { 'class': 'offline-count', role: 'status' },
          fmt(list.length === 1 ? T.waiting_one : T.waiting_many, list.length)));
        var ul = el('ul', { 'class': 'offline-list' });
        list.forEach(function (e) {
          var li = el('li', { 'class': 'offline-' + e.state, 'data-path': e.path });
          li.appendChild(el('a', { href: e.path }, e.title));
          li.appendChild(document.createTextNode(': ' + (e.state === 'conflict' ? T.conflict
            : e.state === 'refused' ? T.refused + (e.message ? ' (' + e.message + ')' : '')
              : e.state === 'signin' ? T.signin : fmt(T.queued, new Date(e.saved).toLocaleString(document.documentElement.lang)))));
          ul.appendChild(li);
        });
        box.appendChild(ul);
        if (navigator.onLine) {
          var b = el('button', { type: 'button', 'class': 'secondary' }, T.send);
          b.addEventListener('click', function () { sync(); });
          box.appendChild(b);
        }
      }
      box.hidden = !box.firstChild;
    });
  }

  // --- the form ---------------------------------------------------------------
  var form = document.querySelector('form.entry');
  var path = form ? form.getAttribute('action') : null;

  // the fields an entry carries: values, explanations, the narrative
  function kept(name) { return /^(v_\d+|x_.+|narrative)$/.test(name); }

  // (read box by box: the form may be one parsed from a fetched page)
  function fieldsOf(f) {
    var out = {};
    Array.prototype.forEach.call(f.elements, function (b) {
      if (b.name && kept(b.name) && !b.disabled)
        out[b.name] = String(b.value);
    });
    return out;
  }

  // a number as the server reads it (a decimal comma or point), so that
  // "12.5" typed and "12,5" shown back are the same value
  function norm(v) {
    var s = String(v || '').trim();
    return /^[+-]?\d+([.,]\d+)?$/.test(s) ? String(parseFloat(s.replace(',', '.'))) : s;
  }

  function differences(server, mine) {
    var names = {};
    Object.keys(server).concat(Object.keys(mine)).forEach(function (k) { names[k] = true; });
    return Object.keys(names).filter(function (k) { return norm(server[k]) !== norm(mine[k]); });
  }

  function queue(submitter) {
    var action = submitter && submitter.value === 'submit' ? 'submit' : 'save';
    var h1 = document.querySelector('h1');
    var e = {
      key: cfg.account + ' ' + path, account: cfg.account, path: path, action: action,
      version: form.elements.version.value, fields: fieldsOf(form), saved: Date.now(),
      state: 'queued', title: (h1 ? h1.textContent : document.title).replace(/\s+/g, ' ').trim(),
    };
    return put(e).then(function () {
      formNote(T.kept);
      return render();
    });
  }

  function formNote(text, cls) {
    var p = document.getElementById('offline-note');
    if (!p) {
      p = el('p', { id: 'offline-note', role: 'status', tabindex: '-1' });
      form.parentNode.insertBefore(p, form);
    }
    p.className = cls || 'offline-kept';
    p.textContent = text;
    p.focus();
  }

  function fill(fields) {
    Object.keys(fields).forEach(function (k) {
      var box = form.elements[k];
      if (box && box.value !== undefined)
        box.value = fields[k];
    });
  }

  // a box's name for people: its indicator, row and column heads
  function label(name) {
    var box = form.elements[name];
    if (name === 'narrative')
      return T.narrative;
    if (!box)
      return name;
    var ids = (box.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
    var words = ids.map(function (id) {
      var n = document.getElementById(id);
      return n ? n.textContent.replace(/\s+/g, ' ').trim() : '';
    }).filter(Boolean);
    if (!words.length && box.closest('label'))
      words.push(box.closest('label').textContent.replace(/\s+/g, ' ').trim());
    return words.join(' · ') || name;
  }

  // The form as the server has it now (this page, opened online) beside
  // the entry kept on this device; the person chooses.
  function showConflict(e) {
    var server = fieldsOf(form);
    var diff = differences(server, e.fields);
    var sec = el('section', { 'class': 'offline-conflict', id: 'offline-conflict', role: 'alert' });
    sec.appendChild(el('h2', {}, T.conflict_title));
    sec.appendChild(el('p', {}, T.conflict_text));
    var wrap = el('div', { 'class': 'scroll' });
    var table = el('table', { 'class': 'compare' });
    var head = el('tr');
    [T.field, T.server, T.mine].forEach(function (h) { head.appendChild(el('th', { scope: 'col' }, h)); });
    table.appendChild(el('thead')).appendChild(head);
    var body = el('tbody');
    diff.forEach(function (k) {
      var tr = el('tr', { 'data-field': k });
      tr.appendChild(el('th', { scope: 'row' }, label(k)));
      tr.appendChild(el('td', { 'class': 'server' }, server[k] || '–'));
      tr.appendChild(el('td', { 'class': 'mine' }, e.fields[k] || '–'));
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    sec.appendChild(wrap);
    var p = el('p', { 'class': 'actions' });
    var mine = el('button', { type: 'button', 'class': 'keep-mine' }, T.keep_mine);
    var theirs = el('button', { type: 'button', 'class': 'secondary keep-server' }, T.keep_server);
    mine.addEventListener('click', function () {
      // the person chose: the entry goes on the version now on the server
      e.version = form.elements.version.value;
      e.state = 'queued';
      put(e).then(function () { sec.remove(); return sync(); });
    });
    theirs.addEventListener('click', function () {
      drop(e).then(function () { location.replace(path); });
    });
    p.appendChild(mine);
    p.appendChild(theirs);
    sec.appendChild(p);
    form.parentNode.insertBefore(sec, form);
  }

  function formOnLoad() {
    if (!form || !form.elements.version)
      return Promise.resolve();
    form.addEventListener('submit', function (ev) {
      var s = ev.submitter;
      if (navigator.onLine || !s || (s.value !== 'save' && s.value !== 'submit'))
        return;
      ev.preventDefault();
      queue(s);
    });
    return entries().then(function (list) {
      var e = list.filter(function (x) { return x.path === path; })[0];
      if (!e)
        return;
      if (/[?&]done=/.test(location.search) && e.state === 'refused')
        return drop(e); // saved online since, by hand
      if (e.state === 'conflict' && navigator.onLine)
        return showConflict(e);
      if (e.state !== 'conflict') {
        fill(e.fields);
        formNote(e.state === 'refused' ? T.refused + (e.message ? ' (' + e.message + ')' : '') : T.back);
      }
    });
  }

  // --- sending ----------------------------------------------------------------
  function send(e, again) {
    return fetch(e.path, { credentials: 'same-origin' }).then(function (res) {
      if (res.status === 401) {
        e.state = 'signin';
        return put(e);
      }
      if (!res.ok)
        return null; // try again later
      return res.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var f = doc.querySelector('form.entry');
        if (!f || !f.elements.version || !f.elements.csrf) {
          e.state = 'refused';
          return put(e);
        }
        var now = f.elements.version.value;
        if (now !== e.version) {
          if (differences(fieldsOf(f), e.fields).length === 0)
            return drop(e).then(function () { return e; }); // it had arrived: its answer was lost
          e.state = 'conflict';
          return put(e);
        }
        var body = new URLSearchParams();
        body.append('csrf', f.elements.csrf.value);
        body.append('version', e.version);
        body.append('action', e.action);
        Object.keys(e.fields).forEach(function (k) { body.append(k, e.fields[k]); });
        return fetch(e.path, { method: 'POST', body: body, credentials: 'same-origin' }).then(function (r2) {
          if (r2.redirected && /[?&]done=/.test(r2.url))
            return drop(e).then(function () { return e; });
          if (r2.status === 409 && !again)
            return send(e, true); // changed between the two: compare again
          return r2.text().then(function (t) {
            var d = new DOMParser().parseFromString(t, 'text/html');
            var m = d.querySelector('.error-summary h2, main p.error');
            e.state = 'refused';
            e.message = m ? m.textContent.trim() : String(r2.status);
            return put(e);
          });
        });
      });
    });
  }

  function sendAll() {
    return entries().then(function (list) {
      var sent = [];
      var todo = list.filter(function (e) { return e.state === 'queued' || e.state === 'signin'; });
      return todo.reduce(function (p, e) {
        return p.then(function () { return send(e); }).then(function (r) {
          if (r && r.key)
            sent.push(r);
        });
      }, Promise.resolve()).then(function () { return sent; });
    });
  }

  function sync() {
    if (busy || !navigator.onLine)
      return render();
    busy = true;
    var run = navigator.locks ? navigator.locks.request('gemis-offline-sync', sendAll) : sendAll();
    return run.then(function (sent) {
      busy = false;
      var here = sent.filter(function (e) { return e.path === path; })[0];
      if (here) {
        location.replace(path + '?done=' + here.action);
        return;
      }
      return render(sent.length ? fmt(T.sent, sent.map(function (e) { return e.title; }).join('; ')) : '')
        .then(function () { return here ? null : formConflictNow(); });
    }, function () {
      busy = false;
      return render();
    });
  }

  // an entry of this form found in conflict while the page was open
  function formConflictNow() {
    if (!form || document.getElementById('offline-conflict'))
      return;
    return entries().then(function (list) {
      var e = list.filter(function (x) { return x.path === path && x.state === 'conflict'; })[0];
      if (e)
        location.replace(path);
    });
  }

  // --- signing out clears what this browser kept ------------------------------
  function onSignOut() {
    var out = document.querySelector('form[action="/logout"]');
    if (!out)
      return;
    out.addEventListener('submit', function (ev) {
      if (out.dataset.cleared)
        return;
      ev.preventDefault();
      entries().then(function (list) {
        if (list.length && !window.confirm(T.signout))
          return;
        var clear = [new Promise(function (ok) {
          var q = indexedDB.deleteDatabase(DB);
          q.onsuccess = q.onerror = q.onblocked = function () { ok(); };
        })];
        if (window.caches)
          clear.push(caches.keys().then(function (keys) {
            return Promise.all(keys.map(function (k) { return caches.delete(k); }));
          }));
        if (navigator.serviceWorker)
          clear.push(navigator.serviceWorker.getRegistrations().then(function (rs) {
            return Promise.all(rs.map(function (r) { return r.unregister(); }));
          }));
        return Promise.all(clear).catch(function () {}).then(function () {
          out.dataset.cleared = '1';
          out.submit();
        });
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (navigator.serviceWorker)
      navigator.serviceWorker.register('/sw.js?v=' + cfg.v, { scope: '/' }).catch(function () {});
    onSignOut();
    // no field checks (htmx) while there is no line: they would only fail
    document.addEventListener('htmx:beforeRequest', function (ev) {
      if (!navigator.onLine)
        ev.preventDefault();
    });
    window.addEventListener('online', function () { sync(); });
    window.addEventListener('offline', function () { render(); });
    formOnLoad().then(function () { return navigator.onLine ? sync() : render(); });
  });
})();
