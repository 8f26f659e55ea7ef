// The booth screen: a scanner types the MRZ into the scan field and it goes at once (see send); one chord opens each
// decision (Alt+A admit, Alt+R refer, Alt+X refuse, Alt+T detain, Alt+V visa on arrival, Alt+O exit, Alt+I
// interview), Escape closes it and goes back to the scan field, which otherwise keeps the focus.
(function () {
  "use strict";
  var MRZ_SHAPES = [[2, 44], [2, 36], [3, 30]];
  var TYPED_NUMBER = /^\s*[A-Za-z0-9]{3,35}[\s\/,;]+[A-Za-z]{1,3}\s*$/;
  var REPEAT_MS = 3000;  // the same zone again within this time is the reader repeating itself, not a new scan
  var scan = document.getElementById("scan");
  var form = document.getElementById("scan-form");
  var sent = { text: "", at: 0 };
  // HTMX takes the scan form over at DOMContentLoaded, after this (deferred) script ran: until then a submit
  // reaches nobody, so a zone read before then (even before this script) waits in the field and goes the moment
  // HTMX is ready.
  var htmxReady = false, waiting = false;

  function zoneLines(text) {
    return text.split(/\r?\n/).map(function (l) { return l.replace(/\s+/g, ""); })
      .filter(function (l) { return l.length > 0; });
  }

  function zoneComplete(text) {
    var lines = zoneLines(text);
    return MRZ_SHAPES.some(function (shape) {
      return lines.length === shape[0] && lines.every(function (l) { return l.length === shape[1]; });
    });
  }

  // A keyboard-wedge reader types each line and Enter, fast. The zone goes as soon as it is complete and the
  // field is emptied at once, so the reader's last Enter falls into an empty field and sends nothing; what is
  // sent is fixed here, not read from the field when HTMX gets to it (a queued request would read it empty).
  function send() {
    var text = zoneComplete(scan.value) ? zoneLines(scan.value).join("\n") : scan.value.trim();
    scan.value = "";
    var now = Date.now();
    if (!text || (text === sent.text && now - sent.at < REPEAT_MS)) { return; }
    sent = { text: text, at: now };
    htmx.trigger(form, "submit");
  }

  function sendWhenReady() {
    if (htmxReady) { send(); } else { waiting = true; }
  }

  if (scan && form) {
    form.addEventListener("htmx:configRequest", function (event) {
      if (event.detail.elt === form) { event.detail.parameters.scan = sent.text; }
    });
    // Listened to after HTMX's own (its script comes first), so the form is HTMX's by now.
    document.addEventListener("DOMContentLoaded", function () {
      htmxReady = true;
      if (waiting || zoneComplete(scan.value)) { waiting = false; send(); }
    });
    scan.addEventListener("input", function () { if (zoneComplete(scan.value)) { sendWhenReady(); } });
    scan.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.altKey || event.ctrlKey || event.metaKey) { return; }
      // Enter breaks the line inside a zone; it sends a complete zone or a typed number and state; on an empty
      // field it does nothing.
      var value = scan.value;
      if (!value.trim()) {
        event.preventDefault();
      } else if (zoneComplete(value) || (value.indexOf("\n") === -1 && TYPED_NUMBER.test(value))) {
        event.preventDefault();
        sendWhenReady();
      }
    });
  }

  // A reader types wherever the focus is. A zone's characters typed while a button or a tick box has the focus
  // (Alt+A puts it on Admit) go to the scan field instead, so the reader's Enter can never confirm a decision
  // on the traveller before. Text fields and lists keep what is typed into them.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!scan || target === scan || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (!/^[A-Za-z0-9<]$/.test(event.key) || (target.matches && target.matches("input:not([type=checkbox]):not([type=radio]), textarea, select"))) {
      return;
    }
    scan.focus();
  }, true);

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
    // Once the officer has acted on the panel, the same passport again is a new scan (the traveller is back).
    if (!event.detail.requestConfig || event.detail.requestConfig.elt !== form) { sent = { text: "", at: 0 }; }
    scan.focus();
  });
})();
