/* Turn obfuscated e-mail spans (see labsite/obfuscation.py) into working mailto links. */
(function () {
  "use strict";
  function decode(encoded) {
    var reversed = new TextDecoder().decode(Uint8Array.from(atob(encoded), function (c) { return c.charCodeAt(0); }));
    return Array.from(reversed).reverse().join("");
  }
  function reveal(root) {
    root.querySelectorAll(".ls-email[data-ls-email]").forEach(function (span) {
      var address = decode(span.getAttribute("data-ls-email"));
      var label = span.querySelector(".ls-email__label");
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = label ? label.textContent : address;
      link.className = "ls-email-link";
      span.replaceWith(link);
    });
  }
  /* Material's search dialog has no name of its own: give it its field's ("Rechercher"). */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var field = dialog && dialog.querySelector("input[aria-label]");
    if (dialog && field && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
    }
  }
  /* Firefox restores checkboxes on reload, and Material's drawer and search toggles are
     checkboxes (without the `autocomplete` HTML forbids on them): open a page with both closed. */
  function closeToggles() {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
      }
    });
  }
  function ready() { closeToggles(); reveal(document); nameSearchDialog(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
