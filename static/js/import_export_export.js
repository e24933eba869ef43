// django-import-export's export page: the "select all" checkbox, bound here instead of the
// package's inline onchange attribute (templates/admin/import_export/export.html).
document.addEventListener("change", function (event) {
  if (event.target.matches && event.target.matches("input.select-toggle")) {
    window.onSelectToggleChange(event);
  }
});
