// Propose the browser's time zone in a time-zone select still at its default (data-propose-browser-zone),
// and say so next to it; the person can pick another before saving.
(function () {
  "use strict";
  function propose() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    document.querySelectorAll("select[data-propose-browser-zone]").forEach(function (select) {
      if (!zone || zone === select.value) { return; }
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
      if (!known) { return; }
      select.value = zone;
      var hint = document.createElement("div");
      hint.className = "form-text";
      hint.id = select.id + "-proposed";
      hint.textContent = "Proposed from your browser: " + zone + ". Save to keep it.";
      select.insertAdjacentElement("afterend", hint);
      select.setAttribute("aria-describedby", ((select.getAttribute("aria-describedby") || "") + " " + hint.id).trim());
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", propose); } else { propose(); }
})();
