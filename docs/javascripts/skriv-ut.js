// "Skriv ut" buttons on theme pages (generator/templates/theme.md.j2). Progressive enhancement:
// the button is hidden until this script shows it, so no one meets a button that does nothing.
(function () {
  "use strict";
  document.querySelectorAll("button.skriv-ut").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
