// Behaviour every page may use, kept here because the Content-Security-Policy forbids inline script and eval.
(function () {
  "use strict";

  // <textarea data-ctrl-enter-submits>: Ctrl+Enter sends its form (through HTMX when the form uses it).
  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (!(event.ctrlKey && event.key === "Enter" && field.matches && field.matches("[data-ctrl-enter-submits]"))) {
      return;
    }
    event.preventDefault();
    if (field.form) { htmx.trigger(field.form, "submit"); }
  });

  // <details class="bd-menu"> (the post switcher, "More"): one open at a time; a click elsewhere or Escape closes
  // it, Escape giving the focus back to its summary.
  function closeMenus(except) {
    document.querySelectorAll("details.bd-menu[open]").forEach(function (menu) {
      if (menu !== except) { menu.open = false; }
    });
  }
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest ? event.target.closest("details.bd-menu") : null);
  });
  document.addEventListener("keydown", function (event) {
    var menu = event.key === "Escape" && event.target.closest && event.target.closest("details.bd-menu[open]");
    if (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
      event.stopImmediatePropagation();
    }
  });

  // <form data-upload-progress="ID">: the <progress> element ID follows the upload.
  function progressFor(event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("[data-upload-progress]");
    return form ? document.getElementById(form.getAttribute("data-upload-progress")) : null;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var bar = progressFor(event);
    if (bar) { bar.value = 0; }
  });
  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = progressFor(event);
    if (bar && event.detail.total) { bar.value = Math.round(100 * event.detail.loaded / event.detail.total); }
  });
})();
