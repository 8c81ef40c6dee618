// Names and roles Material's own markup lacks, for screen readers (axe landmark-unique and the
// accessible-name rules). Material adds parts of this markup after the page loads, and again
// after instant navigation, hence the observer.
(function () {
  "use strict";
  function repair(root) {
    // A <nav class="md-code__nav"> (the copy button) in every code block: a source page has two,
    // BibTeX and RIS, two unnamed navigation landmarks. The button is not navigation.
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
    // The arrow that opens a section in the menu is a focusable label with only an icon in it;
    // it also names the section's own menu (aria-labelledby). It gets the section's title as text
    // that only screen readers see (a <label> may not carry aria-label).
    root.querySelectorAll("label.md-nav__link[for^='__nav_']").forEach(function (label) {
      var link = label.parentElement && label.parentElement.querySelector("a.md-nav__link");
      if (link && !label.textContent.trim()) {
        var name = document.createElement("span");
        name.className = "skjult"; // docs/stylesheets/extra.css: read, not seen
        name.textContent = link.textContent.trim();
        label.appendChild(name);
      }
    });
  }
  repair(document);
  new MutationObserver(function () {
    repair(document);
  }).observe(document.body, { childList: true, subtree: true });
})();

// What is off screen takes no keyboard focus: the menu drawer while it is closed (on screens where it
// slides in), the search overlay on a phone while it is closed, and the search results while the
// search is closed (Material's scroll box is focusable even at zero height). `inert` keeps them out
// of the Tab order and away from screen readers until they open.
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var slidingDrawer = window.matchMedia("(max-width: 76.1875em)");
  var searchOverlay = window.matchMedia("(max-width: 59.9375em)");
  function sync() {
    var sidebar = document.querySelector(".md-sidebar--primary");
    var overlay = document.querySelector(".md-search");
    var output = document.querySelector(".md-search__output");
    if (sidebar && drawer) sidebar.inert = slidingDrawer.matches && !drawer.checked;
    if (overlay && search) overlay.inert = searchOverlay.matches && !search.checked;
    if (output && search) output.inert = !search.checked;
  }
  [drawer, search].forEach(function (toggle) {
    if (toggle) toggle.addEventListener("change", sync);
  });
  [slidingDrawer, searchOverlay].forEach(function (query) {
    query.addEventListener("change", sync);
  });
  sync();
})();
