// factsheet: small helps for readers of a claim page (a file, not an inline script: the CSP allows no inline code).
(function () {
  "use strict";
  // "Link to this claim" copies the claim's address; without a clipboard it is a plain link.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.fs-copy") : null;
    if (!link || !navigator.clipboard) { return; }
    event.preventDefault();
    var address = location.href.split("#")[0] + link.getAttribute("href");
    navigator.clipboard.writeText(address).then(function () {
      link.setAttribute("data-copied", "");
      link.textContent = "Link copied";
      history.replaceState(null, "", link.getAttribute("href"));
    }, function () { location.hash = link.getAttribute("href"); });
  });
  // Landing on a quote (a matrix cell, a shared link) keeps its claim's heading and badge in view.
  function keepClaimInView() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("quote:") !== 0) { return; }
    var quote = document.getElementById(id);
    var claim = quote && quote.closest(".fs-claim");
    if (!claim || claim.querySelector(".fs-claim-bar")) { return; }
    claim.setAttribute("data-fs-laid", "");  // laid out now: its quote's outline is not clipped
    var heading = claim.previousElementSibling;
    while (heading && !/^H[2-6]$/.test(heading.tagName)) { heading = heading.previousElementSibling; }
    if (!heading) { return; }
    var bar = document.createElement("p");
    bar.className = "fs-claim-bar";
    bar.setAttribute("aria-hidden", "true");  // a copy of the heading, for the eye only
    heading.childNodes.forEach(function (node) {
      if (!(node.classList && node.classList.contains("headerlink"))) { bar.appendChild(node.cloneNode(true)); }
    });
    claim.insertBefore(bar, claim.firstChild);
    quote.scrollIntoView();
    // The claims just above take their real size once in view, which moves the quote: scroll to it again.
    requestAnimationFrame(function () { requestAnimationFrame(function () { quote.scrollIntoView(); }); });
  }
  // Claims, entries and tables off screen skip layout while the page loads (factsheet.css); lay them out in
  // idle moments, a few milliseconds at a time, so no task blocks a reader's tap and the page gets its real size.
  var idle = window.requestIdleCallback || function (work) {
    return setTimeout(function () { work({ timeRemaining: function () { return 8; } }); }, 1);
  };
  function layOutRest() {
    var rest = Array.prototype.slice.call(document.querySelectorAll(
      ".md-typeset .fs-claim:not([data-fs-laid]), .md-typeset .fs-entry:not([data-fs-laid]), .md-typeset table:not([data-fs-laid])"));
    function step(deadline) {
      // A slice of 4 ms, or one element: four times that on a slow phone is still no long task (50 ms).
      var until = performance.now() + Math.min(4, deadline.timeRemaining());
      while (rest.length && performance.now() < until) {
        var next = rest.shift();
        // One above the screen keeps its estimate until the reader scrolls back to it: its real size would move
        // what the reader is looking at.
        if (next.getBoundingClientRect().bottom < 0) { continue; }
        next.setAttribute("data-fs-laid", "");
        void document.body.offsetHeight;  // lay it out now, inside this slice, not all at the next frame
      }
      if (rest.length) { idle(step); }
    }
    if (rest.length) { idle(step); }
  }
  window.addEventListener("load", layOutRest);
  window.addEventListener("hashchange", keepClaimInView);
  window.addEventListener("DOMContentLoaded", keepClaimInView);
})();
