// Every page: after an HTMX swap, focus goes to what changed and a live region says what happened.
// Views name the message with an "announce" client event (HX-Trigger header, chargesites/announce.py);
// fragments mark the element to focus with data-focus (a form's first field, a row, a message).
(function () {
  "use strict";
  const announcer = document.getElementById("announcer");

  function say(text) {
    if (!announcer || !text) return;
    // Emptied first so the same words twice ("Port 3 saved") are announced twice.
    announcer.textContent = "";
    window.setTimeout(() => { announcer.textContent = text; }, 50);
  }

  document.body.addEventListener("announce", (event) => say(event.detail && event.detail.value));

  document.body.addEventListener("htmx:afterSettle", (event) => {
    const scope = event.detail.elt && event.detail.elt.isConnected ? event.detail.elt : document;
    const target = scope.querySelector("[data-focus]") || document.querySelector("[data-focus]");
    if (!target) return;
    target.removeAttribute("data-focus");
    if (!target.matches("input, select, textarea, button, a[href], [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
    const behavior = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
    target.scrollIntoView({ block: "center", behavior });
  });
})();
