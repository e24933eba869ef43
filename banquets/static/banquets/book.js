/* Live checks of the booking form: ask /api/banquets/check/ as the fields change and show
   every problem and the venue fee before the household submits. No libraries. */
(function () {
  "use strict";
  var form = document.getElementById("booking-form");
  if (!form) { return; }
  var url = form.getAttribute("data-check-url");
  var list = document.getElementById("problems");
  var okLine = document.getElementById("check-ok");
  var feeValue = document.getElementById("fee-value");
  var timer = null;
  var seq = 0;
  var touched = {};

  var CONTROLS = "input[data-field], select[data-field], textarea[data-field]";

  function control(name) {
    return form.querySelector("input[data-field='" + name + "'], select[data-field='" + name +
                              "'], textarea[data-field='" + name + "']");
  }

  function csrfToken() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function payload() {
    var data = {};
    form.querySelectorAll(CONTROLS).forEach(function (el) {
      var name = el.getAttribute("data-field");
      if (el.value !== "") { data[name] = el.value; }
    });
    return data;
  }

  function labelOf(field) {
    var el = control(field);
    var label = el && form.querySelector("label[for='" + el.id + "']");
    return label ? label.firstChild.textContent.trim() : "";
  }

  function show(result) {
    form.querySelectorAll(CONTROLS).forEach(function (el) {
      el.classList.remove("invalid");
      el.removeAttribute("aria-invalid");
    });
    list.innerHTML = "";
    var shown = (result.violations || []).filter(function (v) {
      // A blank field the household has not reached yet is not a problem to shout about.
      var el = control(v.field);
      return !el || el.value !== "" || touched[v.field];
    });
    shown.forEach(function (v) {
      var li = document.createElement("li");
      li.setAttribute("data-field", v.field);
      var name = labelOf(v.field);
      li.textContent = name ? name + "：" + v.message : v.message;
      list.appendChild(li);
      var el = control(v.field);
      if (el) { el.classList.add("invalid"); el.setAttribute("aria-invalid", "true"); }
    });
    okLine.hidden = !result.ok;
    feeValue.textContent = result.fee === null || result.fee === undefined ? "—" : result.fee;
  }

  function check() {
    var mine = ++seq;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(),
                 "Accept": "application/json" },
      body: JSON.stringify(payload())
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (result) { if (result && mine === seq) { show(result); } })
      .catch(function () { /* offline: the server checks again on submit */ });
  }

  function later(event) {
    var name = event && event.target && event.target.getAttribute("data-field");
    if (name) { touched[name] = true; }
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(check, 250);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  check();
})();
