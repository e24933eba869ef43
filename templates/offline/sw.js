/* The service worker of the offline counter and check-in (practice/offline.py serves it).
   It keeps, network first, the counter's and the check-in's pages, their static files and the
   station's last-known data; offline it answers from what it kept, and the counter or the
   check-in of a household or QR link never opened on this device from a page that fills
   itself in (the queue of actions taken offline lives in IndexedDB, static/js/offline.js). */
"use strict";
var CACHE = "{{ cache_name|escapejs }}";
var STATIC = [{% for url in static_files %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
var COUNTER_SHELL = "{{ counter_shell|escapejs }}";
var CHECKIN_SHELL = "{{ checkin_shell|escapejs }}";
var STATION = "{{ station_data|escapejs }}";
var LOGIN = "{{ login|escapejs }}";
var KEPT = [/^\/points\/cashier\//, /^\/volunteers\/a\//, /^\/volunteers\/checkin-offline\//,
            /^\/static\//, /^\/manifest\.webmanifest$/];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // One by one: a page the user may not open (a volunteer and the counter) is left out.
    return Promise.all(STATIC.concat([COUNTER_SHELL, CHECKIN_SHELL, STATION]).map(function (url) {
      return cache.add(url).catch(function () { return null; });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== CACHE; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function kept(url) {
  return url.origin === self.location.origin && KEPT.some(function (re) { return re.test(url.pathname); });
}

function fallback(request, url) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, {ignoreVary: true}).then(function (hit) {
      if (hit) return hit;
      if (request.mode === "navigate") {
        if (/^\/points\/cashier\/households\/\d+\/$/.test(url.pathname)) return cache.match(COUNTER_SHELL);
        if (/^\/volunteers\/a\/[^/]+\/$/.test(url.pathname)) return cache.match(CHECKIN_SHELL);
      }
      return undefined;
    });
  }).then(function (hit) {
    return hit || new Response("", {status: 503, statusText: "offline"});
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (request.mode === "navigate" && url.pathname === LOGIN) {
    // Signed out (or about to sign in as somebody else): forget the kept pages and balances.
    // The queue in IndexedDB stays: what was done offline is still to be sent.
    event.waitUntil(caches.delete(CACHE));
    return;
  }
  if (!kept(url)) return;
  event.respondWith(fetch(request).then(function (response) {
    // Keep good answers only: never a login page we were redirected to, never an error.
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () { return fallback(request, url); }));
});
