/* The default language's 404 page, served for every missing address by hosts that have only
   one (GitHub Pages): an address under another language's prefix gets that language's page. */
(function () {
  var script = document.currentScript;
  var prefix = new URL(script.getAttribute("data-ls-prefix"), location.href);
  if (location.origin === prefix.origin && location.pathname.indexOf(prefix.pathname) === 0) {
    location.replace(script.getAttribute("data-ls-page"));
  }
})();
