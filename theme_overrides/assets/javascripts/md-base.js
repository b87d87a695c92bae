/* Material's start-up helpers (partials/javascripts/base.html of mkdocs-material 9.8), as a
   file: the Content-Security-Policy refuses inline scripts. The scope is the root of this
   language's site, two folders above this file (assets/javascripts/). */
/* eslint-disable */
__md_scope = new URL("../../", document.currentScript.src);
__md_hash = e => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
__md_set = (e, _, t = localStorage, a = __md_scope) => { try { t.setItem(a.pathname + "." + e, JSON.stringify(_)) } catch (e) {} };
