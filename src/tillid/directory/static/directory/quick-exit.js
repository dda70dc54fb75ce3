/* "Forlad siden hurtigt": leave for a neutral site without leaving this page in the history.
   location.replace() swaps the current history entry, so Back does not return here. Escape does
   the same. Without JavaScript the button is a plain link to the same neutral site. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) {
      return;
    }
    var target = link.getAttribute("href");
    function leave(event) {
      if (event) {
        event.preventDefault();
      }
      document.body.style.visibility = "hidden";
      window.location.replace(target);
    }
    link.addEventListener("click", leave);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") {
        leave(event);
      }
    });
  });
})();
