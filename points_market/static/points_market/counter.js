/* The cashier's counter: live points preview of the weigh-in and the basket total.
   Exact integer arithmetic: a weight has one decimal, a price two, so
   points = floor(Σ (weight×10) × (price×100) / 100). No libraries, no CDN. */
(function () {
  "use strict";
  var WEIGHT = /^\s*(\d{1,4})(?:\.(\d))?\s*$/;

  function tenths(text) {            // "12.3" → 123, "" → 0, bad → null
    if (!text || !text.trim()) return 0;
    var m = WEIGHT.exec(text);
    if (!m) return null;
    return parseInt(m[1], 10) * 10 + (m[2] ? parseInt(m[2], 10) : 0);
  }

  function cents(price) {            // "0.80" → 80
    var parts = String(price).split(".");
    var frac = ((parts[1] || "") + "00").slice(0, 2);
    return parseInt(parts[0], 10) * 100 + parseInt(frac, 10);
  }

  var depositForm = document.getElementById("deposit-form");
  if (depositForm) {
    var inputs = depositForm.querySelectorAll(".pm-weight");
    var total = document.getElementById("preview-points");
    var note = document.getElementById("preview-note");
    var confirm = document.getElementById("confirm-deposit");
    var update = function () {
      var sum = 0, bad = false, any = false;
      inputs.forEach(function (input) {
        var t = tenths(input.value);
        var cell = depositForm.querySelector('[data-for="' + input.id + '"]');
        if (t === null || t > 10000) {
          bad = true;
          input.setAttribute("aria-invalid", "true");
          cell.textContent = "✕";
          return;
        }
        input.removeAttribute("aria-invalid");
        var part = t * cents(input.dataset.price);     // thousandths of a yuan
        sum += part;
        if (t > 0) any = true;
        cell.textContent = t > 0 ? (part / 100).toFixed(1) : "–";
      });
      var points = Math.floor(sum / 100);
      total.textContent = bad ? "–" : String(points);
      note.textContent = bad ? depositForm.dataset.badWeight || "" : "";
      confirm.disabled = bad || !any || points < 1;
    };
    inputs.forEach(function (input) { input.addEventListener("input", update); });
    depositForm.addEventListener("submit", function () { confirm.disabled = true; });
    update();
  }

  var basket = document.getElementById("redeem-form");
  if (basket) {
    var qtys = basket.querySelectorAll(".pm-qty");
    var out = document.getElementById("basket-points");
    var bnote = document.getElementById("basket-note");
    var button = document.getElementById("confirm-redeem");
    var refresh = function () {
      // Read each time: offline, the page fills in the household's last-known balance later.
      var balance = parseInt(document.getElementById("balance").dataset.balance, 10) || 0;
      var sum = 0, count = 0, short = false;
      qtys.forEach(function (q) {
        var n = parseInt(q.value, 10) || 0;
        if (n > parseInt(q.dataset.stock, 10)) short = true;
        sum += n * parseInt(q.dataset.points, 10);
        count += n;
      });
      out.textContent = String(sum);
      var over = sum > balance;
      bnote.textContent = over ? basket.dataset.overBalance : (short ? basket.dataset.overStock : "");
      bnote.className = over || short ? "error" : "muted";
      button.disabled = over || short || count === 0;
    };
    qtys.forEach(function (q) { q.addEventListener("input", refresh); });
    basket.addEventListener("submit", function () { button.disabled = true; });
    refresh();
  }
})();
