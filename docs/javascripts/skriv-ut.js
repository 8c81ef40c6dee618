// "Skriv ut" buttons on theme pages (generator/render/templates/theme.md.j2). Progressive enhancement:
// the button is hidden until this script shows it, so no one meets a button that does nothing.
(function () {
  "use strict";
  document.querySelectorAll("button.skriv-ut").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
  // A printed theme shows how each finding's confidence was assessed.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.vurdering").forEach(function (details) {
      details.open = true;
    });
  });
})();
