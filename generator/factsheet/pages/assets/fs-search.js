// factsheet: Pagefind's search box, loaded when a reader first reaches for it.
// The header carries a plain search field; Pagefind's UI script and stylesheet (about 130 KB)
// are fetched only when that field first gets focus, so a page that is read and not searched
// never downloads them. Both come from the site itself, as the Content-Security-Policy requires.
(function () {
  var box = document.getElementById("fs-search");
  var field = box && box.querySelector("input");
  if (!field) { return; }
  var script = new URL(box.getAttribute("data-pagefind-ui"), location.href);
  // Result links must work wherever the site is hosted (a sub-path on GitHub Pages, say).
  var base = script.pathname.replace(/pagefind\/pagefind-ui\.js$/, "");
  var started = false;

  function start() {
    if (started) { return; }
    started = true;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = script.href.replace(/\.js$/, ".css");
    document.head.appendChild(css);
    var ui = document.createElement("script");
    ui.src = script.href;
    ui.onload = swap;
    document.head.appendChild(ui);
  }

  // Pagefind's own field takes the place of ours in one step (no keystroke is lost between
  // them), with what the reader typed so far and the focus if ours had it.
  function swap() {
    var typed = field.value;
    var focused = document.activeElement === field;
    box.removeChild(field);
    var search = new PagefindUI({ element: box, baseUrl: base, bundlePath: base + "pagefind/", showSubResults: true,
                                  showImages: false, resetStyles: false });
    var input = box.querySelector("input");
    if (focused) { input.focus(); }
    // A name that assistive technology reads (Pagefind sets only a title).
    input.setAttribute("aria-label", field.getAttribute("aria-label"));
    if (typed) { search.triggerSearch(typed); }
  }

  field.addEventListener("focus", start);
  if (document.activeElement === field) { start(); }
})();
