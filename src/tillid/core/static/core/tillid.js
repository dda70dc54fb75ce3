/* Tillid's only script: start DKFDS components, and help after a failed submit.
   Pages work without it. */
document.documentElement.classList.remove("no-js");
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
  // Folds that stay closed on a phone (risk steps, directory filters) open on wide screens.
  if (window.matchMedia && window.matchMedia("(min-width: 992px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (fold) {
      fold.open = true;
    });
  }
  // DKFDS error summary: after a failed submit, move focus to the summary so that keyboard and
  // screen-reader users hear what went wrong and can follow its links to the fields.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
  }
});
