// factsheet: start Pagefind's search box in the header.
window.addEventListener("DOMContentLoaded", function () {
  // Result links must work wherever the site is hosted (a sub-path on GitHub Pages, say):
  // the site's root is where Pagefind's own script was loaded from.
  var script = document.querySelector('script[src*="pagefind/pagefind-ui.js"]');
  var base = script ? new URL(script.src.replace(/pagefind\/pagefind-ui\.js.*$/, ""), location.href).pathname : "/";
  new PagefindUI({ element: "#fs-search", baseUrl: base, showSubResults: true, showImages: false, resetStyles: false });
  // Give the search field a name that assistive technology reads (Pagefind sets only a title).
  var named = function () {
    var input = document.querySelector("#fs-search input");
    if (!input) { return window.requestAnimationFrame(named); }
    input.setAttribute("aria-label", "Search the fact sheet");
  };
  named();
});
