/* Instant filtering of the project directory. Without JavaScript the full list and the
   facet pages do the job; with it, the form appears, the URL keeps the selection
   (?theme=…&status=…&partner=…&source=…&q=…) and each option shows how many projects it
   would leave given the other filters. */
(function () {
  "use strict";
  var form = document.getElementById("ls-filters");
  var list = document.getElementById("ls-projects");
  if (!form || !list) return;
  var FACETS = { theme: "themes", status: "status", partner: "partners", source: "sources" };
  var cards = Array.prototype.slice.call(list.querySelectorAll(".ls-project"));
  var results = document.getElementById("ls-results");
  var none = document.getElementById("ls-none");
  var plural = new Intl.PluralRules(document.documentElement.lang || "en");

  function values(card, facet) {
    return (card.getAttribute("data-" + FACETS[facet]) || "").split(" ");
  }

  function selection() {
    var chosen = { q: form.elements.q.value.trim().toLowerCase() };
    Object.keys(FACETS).forEach(function (facet) { chosen[facet] = form.elements[facet].value; });
    return chosen;
  }

  function matches(card, chosen, except) {
    if (chosen.q && card.getAttribute("data-text").indexOf(chosen.q) === -1) return false;
    return Object.keys(FACETS).every(function (facet) {
      return facet === except || !chosen[facet] || values(card, facet).indexOf(chosen[facet]) !== -1;
    });
  }

  function count(n) {
    var template = form.getAttribute(plural.select(n) === "one" ? "data-count-one" : "data-count-other");
    return template.replace("{n}", n);
  }

  function apply(updateUrl) {
    var chosen = selection();
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, chosen);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    // Each option's count: the projects it would show, the other filters being kept.
    Object.keys(FACETS).forEach(function (facet) {
      Array.prototype.forEach.call(form.elements[facet].options, function (option) {
        var n = cards.filter(function (card) {
          return matches(card, chosen, facet) && (!option.value || values(card, facet).indexOf(option.value) !== -1);
        }).length;
        option.textContent = option.getAttribute("data-label") + " (" + n + ")";
      });
    });
    results.textContent = count(shown);
    none.hidden = shown !== 0;
    if (updateUrl) {
      var params = new URLSearchParams();
      ["q"].concat(Object.keys(FACETS)).forEach(function (name) {
        var value = name === "q" ? form.elements.q.value.trim() : chosen[name];
        if (value) params.set(name, value);
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    }
  }

  // Start from the URL: a shared link shows the same selection.
  var params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  Object.keys(FACETS).forEach(function (facet) {
    var wanted = params.get(facet) || "";
    var select = form.elements[facet];
    select.value = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; }) ? wanted : "";
  });
  form.hidden = false;
  var browse = document.getElementById("ls-browse");
  if (browse) browse.open = false;
  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  apply(false);
})();
