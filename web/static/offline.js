// offline.js: entering forms, task progress and activities on a weak line
// (docs/web.md, "Offline entry").  Loaded on signed-in pages only; every
// page works without it.
//  - registers the service worker (/sw.js), which keeps the app shell, the
//    dashboard, the entry forms, the tasks and the activity log last opened
//    online, and which keeps in this browser's queue (IndexedDB, per
//    account) a form posted when the network fails (no line, or the request
//    cut while the browser thought it had one), with the version the form
//    was opened at;
//  - the forms that may be kept carry data-offline, the page they are sent
//    from (an entry form, a task's progress for one agency and period, the
//    activity log's short form, an activity); an activity added carries a
//    key drawn here (entry=), so that the server stores it once however
//    often it is sent; the page says what waits to be sent;
//  - when the line returns (the online event, the next page opened online,
//    or a retry every half minute while something waits) each entry is sent
//    once: its page is asked afresh (a new CSRF token, the version on the
//    server now); on the same version the entry is posted with it; on a
//    newer one the server's values are compared with the entry: the same
//    values mean the entry already arrived (its answer was lost), others a
//    change made meanwhile, shown side by side on the page for the person
//    to choose, never overwritten silently.  The server refuses a post on
//    an old version (409), so an entry cannot be saved twice however often
//    it is sent;
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
          li.appendChild(el('a', { href: e.path }, e.title || e.path));
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

  // --- the forms that may be kept ----------------------------------------------
  var forms = Array.prototype.slice.call(document.querySelectorAll('form[data-offline]'));
  var retry = null;

  function pageOf(f) { return f.getAttribute('data-offline'); }
  function postOf(f) { return f.getAttribute('action'); }
  function formOf(doc, post) {
    return Array.prototype.filter.call(doc.querySelectorAll('form[method=post]'),
      function (f) { return f.getAttribute('action') === post; })[0] || null;
  }
  function formFor(e) {
    return forms.filter(function (f) { return postOf(f) === e.post && (e.version === null || pageOf(f) === e.path); })[0];
  }
  function entryKey(e) { return e.account + ' ' + (e.version === null ? e.post + ' ' + e.entry : e.path); }
  function text(n) { return n ? n.textContent.replace(/\s+/g, ' ').trim() : ''; }

  function isBox(b) {
    return b.name && !b.disabled && !/^(csrf|version|action|entry)$/.test(b.name) &&
      !/^(submit|button|reset|file|image)$/.test(b.type) && ((b.type !== 'radio' && b.type !== 'checkbox') || b.checked);
  }
  // what an entry carries, as a post would (read box by box: the form may
  // be one parsed from a fetched page)
  function fieldsOf(f) {
    var out = {};
    Array.prototype.forEach.call(f.elements, function (b) {
      if (isBox(b))
        out[b.name] = String(b.value);
    });
    return out;
  }

  // a value as the server reads it: a number with a decimal comma or point
  // ("12.5" typed, "12,5" shown back), a text's line ends
  function norm(v) {
    var s = String(v === undefined ? '' : v).replace(/\r\n?/g, '\n').trim();
    return /^[+-]?\d+([.,]\d+)?$/.test(s) ? String(parseFloat(s.replace(',', '.'))) : s;
  }

  function differences(server, mine) {
    var names = {};
    Object.keys(server).concat(Object.keys(mine)).forEach(function (k) { names[k] = true; });
    return Object.keys(names).filter(function (k) { return norm(server[k]) !== norm(mine[k]); });
  }

  function formNote(f, t, cls) {
    var p = document.getElementById('offline-note');
    if (!p) {
      p = el('p', { id: 'offline-note', role: 'status', tabindex: '-1' });
      f.parentNode.insertBefore(p, f);
    }
    p.className = cls || 'offline-kept';
    p.textContent = t;
    p.focus();
  }

  function fill(f, fields) {
    Array.prototype.forEach.call(f.elements, function (b) {
      if (!b.name || /^(csrf|version|action|entry)$/.test(b.name) ||
          /^(submit|button|reset|file|image|hidden)$/.test(b.type))
        return;
      if (b.type === 'radio')
        b.checked = fields[b.name] === b.value;
      else if (b.type === 'checkbox')
        b.checked = fields[b.name] !== undefined;
      else if (fields[b.name] !== undefined)
        b.value = fields[b.name];
    });
  }

  // a box's name for people: its indicator, row and column heads; its
  // label; a group's legend
  function label(f, name) {
    var box = f.elements[name];
    if (name === 'narrative')
      return T.narrative;
    if (box && !box.tagName && box.length)
      box = box[0];
    if (!box)
      return name;
    if (box.type === 'radio' || box.type === 'checkbox') {
      var fs = box.closest('fieldset');
      if (fs && fs.querySelector('legend'))
        return text(fs.querySelector('legend'));
    }
    var words = (box.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
      .map(function (id) { return text(document.getElementById(id)); }).filter(Boolean);
    if (!words.length && box.closest('label')) {
      var l = box.closest('label').cloneNode(true);
      Array.prototype.forEach.call(l.querySelectorAll('input, textarea, select'), function (n) { n.remove(); });
      words.push(text(l));
    }
    return words.join(' · ') || name;
  }

  // a value for people: a choice's label, an option's text
  function shown(f, name, v) {
    if (v === undefined || v === '')
      return '–';
    var box = f.elements[name];
    var opts = box && box.tagName === 'SELECT' ? box.options
      : box && (!box.tagName || box.type === 'radio' || box.type === 'checkbox') ? (box.tagName ? [box] : box) : null;
    var hit = opts && Array.prototype.filter.call(opts, function (o) { return o.value === v; })[0];
    if (hit)
      return hit.tagName === 'OPTION' ? text(hit) : text(hit.closest('label')) || v;
    return v;
  }

  // The page as the server has it now (opened online) beside the entry
  // kept on this device; the person chooses.
  function showConflict(f, e) {
    var server = fieldsOf(f);
    var sec = el('section', { 'class': 'offline-conflict', id: 'offline-conflict', role: 'alert' });
    sec.appendChild(el('h2', {}, T.conflict_title));
    sec.appendChild(el('p', {}, T.conflict_text));
    var wrap = el('div', { 'class': 'scroll' });
    var table = el('table', { 'class': 'compare' });
    var head = el('tr');
    [T.field, T.server, T.mine].forEach(function (h) { head.appendChild(el('th', { scope: 'col' }, h)); });
    table.appendChild(el('thead')).appendChild(head);
    var body = el('tbody');
    differences(server, e.fields).forEach(function (k) {
      var tr = el('tr', { 'data-field': k });
      tr.appendChild(el('th', { scope: 'row' }, label(f, k)));
      tr.appendChild(el('td', { 'class': 'server' }, shown(f, k, server[k])));
      tr.appendChild(el('td', { 'class': 'mine' }, shown(f, k, e.fields[k])));
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
      e.version = f.elements.version.value;
      e.state = 'queued';
      put(e).then(function () { sec.remove(); return sync(); });
    });
    theirs.addEventListener('click', function () {
      drop(e).then(function () { location.replace(e.path); });
    });
    p.appendChild(mine);
    p.appendChild(theirs);
    sec.appendChild(p);
    f.parentNode.insertBefore(sec, f);
  }

  function titleOf(f, e) {
    var t = text(document.querySelector('h1')) || document.title;
    return e.version === null && e.fields.title ? t + ': ' + e.fields.title : t;
  }

  // the form an entry was posted from: the same address and hidden fields
  // (a task's agency and period, the activity's unit)
  function sameForm(f, e) {
    return postOf(f) === e.post && Array.prototype.every.call(f.querySelectorAll('input[type=hidden]'), function (b) {
      return !b.name || /^(csrf|version|action|entry)$/.test(b.name) || e.fields[b.name] === b.value;
    });
  }

  // an entry the service worker kept from this page: its page, its title
  function adopt(list) {
    return list.reduce(function (p, e) {
      var f = e.worker && forms.filter(function (x) { return sameForm(x, e); })[0];
      if (!f)
        return p;
      return p.then(function () { return drop(e); }).then(function () {
        delete e.worker;
        e.path = pageOf(f);
        e.title = titleOf(f, e);
        e.key = entryKey(e);
        return put(e);
      });
    }, Promise.resolve());
  }

  function randomKey() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }

  function formOnLoad(f, list) {
    var e = list.filter(function (x) { return formFor(x) === f; });
    var versioned = !!f.elements.version;
    // an activity added carries its key (the one of the refused entry put
    // back in the form, else a new one): sent twice, it is stored once
    f.addEventListener('submit', function () {
      if (versioned)
        return;
      var k = f.querySelector('input[name=entry]');
      if (!k) {
        k = el('input', { type: 'hidden', name: 'entry' });
        f.appendChild(k);
      }
      var again = f.getAttribute('data-offline-entry');
      k.value = again || randomKey();
      if (again)
        list.filter(function (x) { return x.entry === again; }).forEach(function (x) {
          x.state = 'queued';
          x.fields = fieldsOf(f);
          put(x);
        });
    });
    var kept = location.hash === '#offline-kept';
    if (versioned) {
      e = e[0];
      if (!e)
        return;
      if (/[?&]done=/.test(location.search) && e.state === 'refused')
        return drop(e); // saved online since, by hand
      if (e.state === 'conflict' && navigator.onLine)
        return showConflict(f, e);
      if (e.state !== 'conflict') {
        fill(f, e.fields);
        formNote(f, e.state === 'refused' ? T.refused + (e.message ? ' (' + e.message + ')' : '') : kept ? T.kept : T.back);
      }
      return;
    }
    // the short form: a refused entry back in it to be put right; one just kept said so
    var refused = e.filter(function (x) { return x.state === 'refused'; })[0];
    if (refused) {
      fill(f, refused.fields);
      f.setAttribute('data-offline-entry', refused.entry);
      formNote(f, T.refused + (refused.message ? ' (' + refused.message + ')' : ''));
    } else if (kept && e.length) {
      formNote(f, T.kept);
    }
  }

  function formsOnLoad() {
    return entries().then(adopt).then(entries).then(function (list) {
      return Promise.all(forms.map(function (f) { return formOnLoad(f, list); }));
    }).then(function () {
      if (location.hash === '#offline-kept' && history.replaceState)
        history.replaceState(null, '', location.pathname + location.search);
    });
  }

  // --- sending ----------------------------------------------------------------
  function post(e, f) {
    var multi = e.files && e.files.length || f.getAttribute('enctype') === 'multipart/form-data';
    var body = multi ? new FormData() : new URLSearchParams();
    body.append('csrf', f.elements.csrf.value);
    if (e.version !== null)
      body.append('version', e.version);
    if (e.action)
      body.append('action', e.action);
    if (e.entry)
      body.append('entry', e.entry);
    Object.keys(e.fields).forEach(function (k) { body.append(k, e.fields[k]); });
    (multi && e.files || []).forEach(function (x) { body.append(x[0], x[1]); });
    return fetch(e.post, { method: 'POST', body: body, credentials: 'same-origin' });
  }

  function send(e, again) {
    return fetch(e.path, { credentials: 'same-origin' }).then(function (res) {
      if (res.status === 401) {
        e.state = 'signin';
        return put(e);
      }
      if (!res.ok)
        return null; // try again later
      return res.text().then(function (html) {
        var f = formOf(new DOMParser().parseFromString(html, 'text/html'), e.post);
        if (!f || !f.elements.csrf || (e.version !== null && !f.elements.version)) {
          e.state = 'refused';
          return put(e);
        }
        if (e.version !== null && f.elements.version.value !== e.version) {
          if (differences(fieldsOf(f), e.fields).length === 0)
            return drop(e).then(function () { return e; }); // it had arrived: its answer was lost
          e.state = 'conflict';
          return put(e);
        }
        return post(e, f).then(function (r2) {
          if (r2.redirected && /[?&]done=/.test(r2.url)) {
            e.done = r2.url;
            return drop(e).then(function () { return e; });
          }
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

  // while something waits and the browser says it is online (a server
  // that could not be reached says nothing), try again now and then
  function later() {
    clearTimeout(retry);
    return entries().then(function (list) {
      if (list.some(function (e) { return e.state === 'queued'; }))
        retry = setTimeout(sync, 30000);
    });
  }

  function sync() {
    if (busy || !navigator.onLine)
      return render();
    busy = true;
    var run = navigator.locks ? navigator.locks.request('gemis-offline-sync', sendAll) : sendAll();
    return run.then(function (sent) {
      busy = false;
      var here = sent.filter(function (e) { return formFor(e); })[0];
      if (here) {
        location.replace(here.done || here.path);
        return;
      }
      return render(sent.length ? fmt(T.sent, sent.map(function (e) { return e.title || e.path; }).join('; ')) : '')
        .then(formConflictNow).then(later);
    }, function () {
      busy = false;
      return render().then(later);
    });
  }

  // an entry of a form of this page found in conflict while it was open
  function formConflictNow() {
    if (!forms.length || document.getElementById('offline-conflict'))
      return;
    return entries().then(function (list) {
      var e = list.filter(function (x) { return x.state === 'conflict' && formFor(x); })[0];
      if (e)
        location.replace(e.path);
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
    formsOnLoad().then(function () { return navigator.onLine ? sync() : render(); });
  });
})();
