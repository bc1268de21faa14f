// The filter panel of a list page (templates/includes/_filters.html) is a <details>, served open.
// On a narrow screen it is folded away when the page loads, so the results come first; its heading
// opens it and says how many filters are in force. On a wide screen it sits beside the results and
// stays open: its heading is no toggle there. Without this script the panel is open and folds by its
// heading, and the form works as ever either way (folded fields are still sent).
(function () {
  "use strict";

  var wide = window.matchMedia("(min-width: 56rem)"); // the list layout's two columns (site.css)

  document.querySelectorAll("[data-filter-panel]").forEach(function (panel) {
    var summary = panel.querySelector(":scope > summary");

    function fit() {
      if (wide.matches) {
        panel.open = true;
        panel.setAttribute("data-pinned", "");
      } else {
        panel.removeAttribute("data-pinned");
        panel.open = false;
      }
    }

    summary.addEventListener("click", function (event) {
      if (panel.hasAttribute("data-pinned")) {
        event.preventDefault();
      }
    });
    wide.addEventListener("change", fit);
    fit();
  });
})();
