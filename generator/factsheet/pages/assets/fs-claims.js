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
  }
  window.addEventListener("hashchange", keepClaimInView);
  window.addEventListener("DOMContentLoaded", keepClaimInView);
})();
