/* Material's bundle fetches sitemap.xml beside every <link rel="alternate"> for its own
   language selector and instant navigation, neither of which this site uses; refused here
   so that a page requests nothing beyond its own assets (and nothing from another host). */
(function () {
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (/sitemap\.xml(\.gz)?$/.test(String(url))) throw new Error("labsite: sitemap prefetch disabled");
    return open.apply(this, arguments);
  };
})();
