// Small behaviours every page may use, declared in the markup with data- attributes (the
// Content-Security-Policy allows no inline script or on*= handler):
//   <select data-autosubmit>       submits its form when the choice changes
//   <button data-print>            prints the page
//   <form data-confirm="question"> asks before it is sent
//   <a data-back href="/">         goes back in history (without script: follows the link)
// Without JavaScript each still works: the forms have their own submit buttons.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select[data-autosubmit]");
    if (select && select.form) { select.form.submit(); }
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest) { return; }
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    } else if (event.target.closest("a[data-back]") && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
