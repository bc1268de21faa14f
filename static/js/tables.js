// A table wider than the screen scrolls sideways in its .table-scroll region. The region's edges
// shade where more columns lie (site.css, without JavaScript too); this script adds a line above the
// table saying that it scrolls, shown only while it does (a phone, not a desktop), and says which way.
(function () {
  "use strict";

  var regions = document.querySelectorAll(".table-scroll");
  if (!regions.length) {
    return;
  }

  function setUp(region, index) {
    var hint = document.createElement("p");
    hint.className = "table-scroll__hint";
    hint.id = region.id ? region.id + "-hint" : "table-scroll-hint-" + (index + 1);
    hint.hidden = true;
    region.parentNode.insertBefore(hint, region);
    var described = region.getAttribute("aria-describedby");
    region.setAttribute("aria-describedby", described ? described + " " + hint.id : hint.id);

    function update() {
      var room = region.scrollWidth - region.clientWidth;
      var scrolls = room > 1;
      region.toggleAttribute("data-overflowing", scrolls);
      hint.hidden = !scrolls;
      if (!scrolls) {
        return;
      }
      var atStart = region.scrollLeft <= 1;
      var atEnd = region.scrollLeft >= room - 1;
      hint.textContent = atEnd && !atStart
        ? "← The table scrolls sideways: scroll back for its first columns."
        : "The table scrolls sideways: scroll it for more columns →";
    }

    region.addEventListener("scroll", update, { passive: true });
    if (window.ResizeObserver) {
      new ResizeObserver(update).observe(region);
    } else {
      window.addEventListener("resize", update);
    }
    update();
  }

  regions.forEach(setUp);
})();
