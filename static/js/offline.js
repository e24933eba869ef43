/* The offline counter and check-in. Registers the service worker (/sw.js), keeps this page and
   the station's last-known data for offline use, and queues what is done offline in
   IndexedDB: each action with its own Idempotency-Key and the device's time, shown as
   "待上传" with a count, sent when the connection returns; the server's answer replaces the
   entry (points, balance, receipt number), a refusal is shown as refused. Plain JS, no
   libraries. The cache name matches practice/offline.py's CACHE_NAME. */
(function () {
  "use strict";
  var CACHE = "civic-offline-v1";
  var DB = "civic-offline", STORE = "queue";
  var root = document.documentElement;
  var panel = document.getElementById("offline-queue");
  var L = panel ? panel.dataset : {};

  // --- the queue in IndexedDB ---------------------------------------------------------------
  function db() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(STORE, {keyPath: "key"}); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }
  function tx(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction(STORE, mode), out = work(t.objectStore(STORE));
        t.oncomplete = function () { d.close(); resolve(out && out.result !== undefined ? out.result : out); };
        t.onerror = function () { d.close(); reject(t.error); };
      });
    });
  }
  function all() {
    return tx("readonly", function (s) { return s.getAll(); }).then(function (rows) {
      return (rows || []).sort(function (a, b) { return a.seq - b.seq; });
    });
  }
  function put(entry) { return tx("readwrite", function (s) { return s.put(entry); }); }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function enqueue(kind, url, body, label, preview) {
    var now = new Date();
    return all().then(function (rows) {
      var pending = rows.filter(function (r) { return r.status === "pending"; });
      var first = pending.length ? pending[0].device_time : now.toISOString();
      if (kind === "deposit") {
        body.weighed_at = now.toISOString();
        body.queue_started_at = first;
      }
      if (kind === "checkin") body.at = now.toISOString();
      return put({key: newKey(), kind: kind, url: url, body: body, label: label,
                  device_time: now.toISOString(), seq: now.getTime() + Math.random(),
                  status: "pending", preview: preview || "", user: L.user || ""});
    }).then(render).then(flush);
  }

  // --- sending ------------------------------------------------------------------------------
  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (m) return decodeURIComponent(m[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function message(data) {
    if (!data) return "";
    if (typeof data === "string") return data;
    if (Array.isArray(data)) return message(data[0]);
    if (data.detail) return message(data.detail);
    for (var k in data) if (Object.prototype.hasOwnProperty.call(data, k) && k !== "code") return message(data[k]);
    return "";
  }
  function send(entry) {
    return fetch(entry.url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Idempotency-Key": entry.key,
                "X-CSRFToken": csrf(), "Accept": "application/json"},
      body: JSON.stringify(entry.body)
    }).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (data) {
        if (r.ok) { entry.status = "done"; entry.result = data; entry.message = ""; }
        else if (r.status === 400 || r.status === 404 || r.status === 409 || r.status === 422) {
          entry.status = "refused"; entry.message = message(data);
        } else { throw new Error(String(r.status)); }  // signed out, server down: later
        entry.sent_at = new Date().toISOString();
        return put(entry);
      });
    });
  }
  var flushing = null;
  function flush() {
    if (!navigator.onLine) return Promise.resolve();
    if (flushing) return flushing;
    flushing = all().then(function (rows) {
      // Each entry is sent by the account that took it: another one signed in waits.
      var todo = rows.filter(function (r) { return r.status === "pending" && (r.user || "") === (L.user || ""); });
      return todo.reduce(function (p, entry) { return p.then(function () { return send(entry); }); },
                         Promise.resolve());
    }).catch(function () { return null; }).then(function () {
      flushing = null;
      return render();
    });
    return flushing;
  }

  // --- showing ------------------------------------------------------------------------------
  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (cls) el.className = cls;
    return el;
  }
  function describe(entry) {
    var parts = [L[entry.kind] || entry.kind, entry.label || ""];
    var r = entry.result;
    if (entry.status === "done" && r) {
      if (r.points !== undefined) parts.push(r.points + " " + L.points);
      if (r.balance !== undefined) parts.push(L.balance + " " + r.balance);
      if (r.id !== undefined && entry.kind !== "checkin") parts.push(L.receipt + " " + r.id);
      if (entry.kind === "checkin" && r.offline) parts.push(L.offlineAttendance);
    } else if (entry.preview) {
      parts.push("≈" + entry.preview + " " + L.points);
    }
    parts.push(new Date(entry.device_time).toLocaleString());
    return parts.filter(Boolean).join(" · ");
  }
  function render() {
    if (!panel) return Promise.resolve();
    return all().then(function (rows) {
      var pending = rows.filter(function (r) { return r.status === "pending"; }).length;
      document.getElementById("offline-queue-count").textContent = String(pending);
      panel.dataset.count = String(pending);
      panel.hidden = rows.length === 0;
      var list = document.getElementById("offline-queue-list");
      list.textContent = "";
      rows.slice(-30).reverse().forEach(function (entry) {
        var li = document.createElement("li");
        li.className = "offline-entry offline-" + entry.status;
        li.dataset.key = entry.key;
        li.dataset.kind = entry.kind;
        li.dataset.status = entry.status;
        var state = {pending: L.pending, done: L.done, refused: L.refused}[entry.status];
        li.appendChild(text("strong", state, entry.status === "refused" ? "error" : (entry.status === "done" ? "ok" : "")));
        li.appendChild(text("span", " " + describe(entry)));
        if (entry.status === "refused" && entry.message) li.appendChild(text("div", entry.message, "error"));
        list.appendChild(li);
      });
    });
  }
  function status(msg) {
    var el = document.getElementById("offline-status");
    if (el) el.textContent = msg || "";
  }

  // --- the counter ---------------------------------------------------------------------------
  var counter = document.getElementById("counter");
  function householdId() {
    if (counter && counter.dataset.household) return parseInt(counter.dataset.household, 10);
    var m = /\/households\/(\d+)\//.exec(location.pathname);
    return m ? parseInt(m[1], 10) : null;
  }
  function refresh(form) {
    form.querySelectorAll("input").forEach(function (i) {
      i.dispatchEvent(new Event("input", {bubbles: true}));
    });
  }
  function offlineCounter() { return !navigator.onLine || (counter && counter.dataset.shell); }

  var depositForm = document.getElementById("deposit-form");
  if (depositForm && counter) {
    depositForm.addEventListener("submit", function (event) {
      if (!offlineCounter()) return;
      event.preventDefault();
      var lines = [];
      depositForm.querySelectorAll(".pm-weight").forEach(function (input) {
        if (input.value.trim()) lines.push({category: parseInt(input.name.slice(7), 10), weight_jin: input.value.trim()});
      });
      if (!lines.length) return;
      var preview = document.getElementById("preview-points").textContent;
      var sms = document.getElementById("sms-receipt");
      enqueue("deposit", "/api/points/deposits/",
              {household: householdId(), lines: lines, sms_receipt: !!(sms && sms.checked)},
              document.getElementById("household-name").textContent, preview);
      depositForm.querySelectorAll(".pm-weight").forEach(function (i) { i.value = ""; });
      refresh(depositForm);
      status(L.queued);
    });
  }
  var redeemForm = document.getElementById("redeem-form");
  if (redeemForm && counter) {
    redeemForm.addEventListener("submit", function (event) {
      if (!offlineCounter()) return;
      event.preventDefault();
      var lines = [];
      redeemForm.querySelectorAll(".pm-qty").forEach(function (input) {
        var n = parseInt(input.value, 10);
        if (n > 0) lines.push({product: parseInt(input.name.slice(4), 10), quantity: n});
      });
      if (!lines.length) return;
      enqueue("redemption", "/api/points/redemptions/", {household: householdId(), lines: lines},
              document.getElementById("household-name").textContent);
      redeemForm.querySelectorAll(".pm-qty").forEach(function (i) { i.value = ""; });
      refresh(redeemForm);
      status(L.queued);
    });
  }

  function station() {
    var el = counter || document.getElementById("offline-households");
    if (!el || !el.dataset.station) return Promise.resolve(null);
    return fetch(el.dataset.station, {credentials: "same-origin"}).then(function (r) {
      return r.ok ? r.json() : null;
    }).catch(function () { return null; });
  }
  // The counter offline: the household and its last-known balance from the station's data.
  if (counter && (counter.dataset.shell || !navigator.onLine)) {
    station().then(function (data) {
      var id = householdId(), found = null;
      (data && data.households || []).forEach(function (h) { if (h.id === id) found = h; });
      var balance = document.getElementById("balance");
      if (found) {
        document.getElementById("household-name").textContent = found.head_name;
        document.getElementById("household-number").textContent = found.number;
        balance.textContent = String(found.balance);
        balance.dataset.balance = String(found.balance);
        document.getElementById("balance-note").textContent = "(" + counter.dataset.lastKnown + ")";
        if (redeemForm) refresh(redeemForm);
      } else if (counter.dataset.shell) {
        status(counter.dataset.unknown);
        document.querySelectorAll("#deposit-form button, #redeem-form button").forEach(function (b) {
          b.disabled = true;
        });
      }
    });
  }
  // The cashier's search page offline: the households kept on this device.
  var kept = document.getElementById("offline-households");
  if (kept && !navigator.onLine) {
    station().then(function (data) {
      (data && data.households || []).forEach(function (h) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = "/points/cashier/households/" + h.id + "/";
        a.textContent = h.head_name + " " + h.number + " · " + h.balance;
        li.appendChild(a);
        kept.appendChild(li);
      });
      kept.hidden = false;
    });
  }

  // --- the check-in ----------------------------------------------------------------------------
  function activityOfToken(token) {
    try {
      var b64 = token.split(":")[0].replace(/-/g, "+").replace(/_/g, "/");
      while (b64.length % 4) b64 += "=";
      return parseInt(JSON.parse(atob(b64)).activity, 10) || null;
    } catch (e) { return null; }
  }
  var checkinForm = document.getElementById("checkin-form");
  if (checkinForm) {
    checkinForm.addEventListener("submit", function (event) {
      if (navigator.onLine && !checkinForm.dataset.shell) return;
      event.preventDefault();
      var m = /\/volunteers\/a\/([^/]+)\//.exec(location.pathname);
      var token = m ? decodeURIComponent(m[1]) : "";
      var activity = checkinForm.dataset.activity || activityOfToken(token);
      if (!activity) return;
      var title = document.querySelector(".checkin h1");
      enqueue("checkin", "/api/activities/" + activity + "/check-in/", {token: token},
              title ? title.textContent : "");
      checkinForm.querySelector("button").disabled = true;
      status(L.queued);
    });
  }

  // --- the service worker ------------------------------------------------------------------------
  // A page the worker did not serve (the first visit) is kept by hand; the worker keeps the
  // later ones itself. The station's data is refreshed at the cashier's search page.
  var controlled = !!(navigator.serviceWorker && navigator.serviceWorker.controller);
  function keepForOffline() {
    if (!navigator.onLine || !window.caches) return Promise.resolve();
    var urls = [];
    if (!controlled && !document.getElementById("checkin-error")) urls.push(location.pathname);
    var el = counter || kept;
    if (el && el.dataset.station && (kept || !controlled)) urls.push(el.dataset.station);
    return caches.open(CACHE).then(function (cache) {
      return Promise.all(urls.map(function (u) { return cache.add(u).catch(function () { return null; }); }));
    });
  }
  var ready = Promise.resolve();
  if ("serviceWorker" in navigator) {
    ready = navigator.serviceWorker.register("/sw.js", {scope: "/"})
      .then(function () { return navigator.serviceWorker.ready; })
      .then(keepForOffline)
      .catch(function () { return null; });
  }
  ready.then(function () { root.dataset.offlineReady = "1"; });

  window.addEventListener("online", function () { status(""); flush(); });
  window.addEventListener("offline", function () { render(); });
  render().then(flush);
  // A hook (for support and the tests): send the answered entries again, as a flaky network
  // might. Their keys make a repeat change nothing; refused ones are not sent again.
  window.civicOfflineQueue = {
    flush: flush,
    replayAnswered: function () {
      return all().then(function (rows) {
        return rows.filter(function (e) { return e.status === "done"; }).reduce(function (p, e) {
          return p.then(function () { return send(e); });
        }, Promise.resolve());
      }).then(render);
    }
  };
})();
