/* Tillid's only script: start DKFDS components, and help after a failed submit.
   Pages work without it. */
document.documentElement.classList.remove("no-js");
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
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
