/* Instant filtering of a listing (projects, jobs). Without JavaScript the full list and the
   facet pages do the job; with it, the form appears, the URL keeps the selection
   (?theme=…&status=…&q=…) and each option shows how many items it would leave given the
   other filters.

   <form data-ls-filters data-target="LIST_ID" data-results="ID" data-none="ID" data-browse="ID"
         data-count-one="{n} item" data-count-other="{n} items">
     <input name="q">                        matches the items' text
     <select name="PARAM" data-attr="ATTR">  matches the items' space-separated data-ATTR
   Items: the elements with data-ls-item inside the list; groups of them (data-ls-group) hide
   when none of their items is shown. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("form[data-ls-filters]"), function (form) {
    var list = document.getElementById(form.getAttribute("data-target"));
    if (!list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-ls-item]"));
    // What the search box matches: each item's own text, read once, without case or accents
    // ("lefevre" finds "Lefèvre"); each word of the search anywhere in it ("Ada Martin" finds
    // "MARTIN, Ada").
    function plain(text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }
    items.forEach(function (item) { item.lsText = plain(item.textContent.replace(/\s+/g, " ")); });
    var groups = Array.prototype.slice.call(list.querySelectorAll("[data-ls-group]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-attr]"));
    var search = form.elements.q;
    var results = document.getElementById(form.getAttribute("data-results"));
    var none = document.getElementById(form.getAttribute("data-none"));
    var plural = new Intl.PluralRules(document.documentElement.lang || "en");
    // On a narrow screen the form folds behind its toggle, which counts the filters in use.
    var toggle = form.id ? document.querySelector("[data-ls-toggle='" + form.id + "']") : null;
    var narrow = window.matchMedia("(max-width: 767.98px)");

    function fold(folded) {
      form.classList.toggle("ls-filters--folded", folded);
      if (toggle) toggle.setAttribute("aria-expanded", String(!folded));
    }

    function values(item, select) {
      return (item.getAttribute("data-" + select.getAttribute("data-attr")) || "").split(" ");
    }

    var words = [];  // of the search, read once an update

    function matches(item, except) {
      if (!words.every(function (word) { return item.lsText.indexOf(word) !== -1; })) return false;
      return selects.every(function (select) {
        return select === except || !select.value || values(item, select).indexOf(select.value) !== -1;
      });
    }

    function apply(updateUrl) {
      words = search ? plain(search.value).split(/[\s,;]+/).filter(Boolean) : [];
      var shown = 0;
      items.forEach(function (item) {
        var visible = matches(item);
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      // Each option's count: the items it would show, the other filters being kept.
      selects.forEach(function (select) {
        Array.prototype.forEach.call(select.options, function (option) {
          var n = items.filter(function (item) {
            return matches(item, select) && (!option.value || values(item, select).indexOf(option.value) !== -1);
          }).length;
          option.textContent = option.getAttribute("data-label") + " (" + n + ")";
        });
      });
      // A group (a year of publications) with nothing left to show is hidden with its heading.
      groups.forEach(function (group) { group.hidden = !group.querySelector("[data-ls-item]:not([hidden])"); });
      if (results) {
        var template = form.getAttribute(plural.select(shown) === "one" ? "data-count-one" : "data-count-other");
        results.textContent = template.replace("{n}", shown);
      }
      if (none) none.hidden = shown !== 0;
      if (toggle) {
        var active = selects.filter(function (select) { return select.value; }).length;
        if (search && search.value.trim()) active += 1;
        toggle.querySelector("[data-ls-active]").textContent = active ? "(" + active + ")" : "";
      }
      if (updateUrl) {
        var params = new URLSearchParams();
        if (search && search.value.trim()) params.set("q", search.value.trim());
        selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
      }
    }

    // Start from the URL: a shared link shows the same selection.
    var params = new URLSearchParams(location.search);
    if (search) search.value = params.get("q") || "";
    selects.forEach(function (select) {
      var wanted = params.get(select.name) || "";
      select.value = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; }) ? wanted : "";
    });
    form.hidden = false;
    if (toggle) {
      toggle.hidden = false;
      fold(narrow.matches);
      toggle.addEventListener("click", function () { fold(!form.classList.contains("ls-filters--folded")); });
    }
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    apply(false);
  });
})();
