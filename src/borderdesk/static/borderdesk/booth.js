// The booth screen: a scanner types the MRZ into the scan field and it goes at once; one chord opens each
// decision (Alt+A admit, Alt+R refer, Alt+X refuse, Alt+T detain, Alt+V visa on arrival, Alt+O exit, Alt+I
// interview), Escape closes it and goes back to the scan field, which otherwise keeps the focus.
(function () {
  "use strict";
  var MRZ_SHAPES = [[2, 44], [2, 36], [3, 30]];
  var scan = document.getElementById("scan");
  var form = document.getElementById("scan-form");

  function zoneComplete(text) {
    var lines = text.split(/\r?\n/).map(function (l) { return l.replace(/\s+/g, ""); })
      .filter(function (l) { return l.length > 0; });
    return MRZ_SHAPES.some(function (shape) {
      return lines.length === shape[0] && lines.every(function (l) { return l.length === shape[1]; });
    });
  }

  function send() { if (form && scan.value.trim()) { htmx.trigger(form, "submit"); } }

  if (scan) {
    scan.addEventListener("input", function () { if (zoneComplete(scan.value)) { send(); } });
    scan.addEventListener("keydown", function (event) {
      // A typed number and state on one line: Enter sends it. Inside a zone, Enter is the line break.
      if (event.key === "Enter" && scan.value.indexOf("\n") === -1 && !zoneComplete(scan.value + "\n")
          && /^\s*[A-Za-z0-9]{3,35}[\s\/,;]+[A-Za-z]{1,3}\s*$/.test(scan.value)) {
        event.preventDefault();
        send();
      }
    });
  }

  function openSection(section) {
    document.querySelectorAll("details[data-key]").forEach(function (d) { if (d !== section) { d.open = false; } });
    section.open = true;
    var first = section.querySelector(".bd-first") || section.querySelector(".bd-confirm")
      || section.querySelector("select, input:not([type=hidden]), textarea, button");
    if (first) { first.focus(); }
  }

  // Alt+letter works from anywhere, the scan field included, so the scan field can keep the focus.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      document.querySelectorAll("details[data-key]").forEach(function (d) { d.open = false; });
      if (scan) { scan.focus(); }
      return;
    }
    if (!event.altKey || event.ctrlKey || event.metaKey) { return; }
    var section = document.querySelector('#traveller details[data-key="' + event.key.toLowerCase() + '"]');
    if (section) { event.preventDefault(); openSection(section); }
  });

  // Whatever came back (a traveller, a decision, an error), the scan field is ready for the next passport.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (!scan || event.detail.target.id !== "traveller") { return; }
    if (event.detail.requestConfig && event.detail.requestConfig.elt === form) { form.reset(); }
    scan.focus();
  });
})();
