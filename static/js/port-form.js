// The port form, progressively enhanced: the power type offers only what the chosen connector
// delivers (each option names its connectors in data-connectors; the server still checks), and
// "Cancel" on the inline add form closes it and puts the keyboard back on "Add Port".
// Without JavaScript every choice stays and Cancel reloads the station page.
(function () {
  "use strict";

  function narrow(connectorSelect) {
    const form = connectorSelect.form;
    const powerSelect = form && form.querySelector("select[data-power-select]");
    if (!powerSelect) return;
    const connector = connectorSelect.value;
    const fitting = [];
    for (const option of powerSelect.options) {
      if (!option.dataset.connectors) continue; // the "Choose" prompt
      const fits = !connector || option.dataset.connectors.split(" ").includes(connector);
      option.hidden = !fits;
      option.disabled = !fits;
      if (fits) fitting.push(option);
    }
    const chosen = powerSelect.selectedOptions[0];
    if (chosen && chosen.disabled) powerSelect.value = "";
    // One power type fits (CCS, CHAdeMO: DC Fast): choose it for the owner.
    if (fitting.length === 1 && !powerSelect.value) powerSelect.value = fitting[0].value;
  }

  function enhance(root) {
    root.querySelectorAll("select[data-connector-select]").forEach(narrow);
  }

  document.addEventListener("change", (event) => {
    if (event.target.matches("select[data-connector-select]")) narrow(event.target);
  });

  document.addEventListener("click", (event) => {
    const cancel = event.target.closest("[data-cancel-add]");
    if (!cancel) return;
    const editor = document.getElementById("port-editor");
    const add = document.getElementById("add-port");
    if (!editor || !add) return; // not on the station page: follow the link
    event.preventDefault();
    editor.replaceChildren();
    add.focus();
  });

  document.addEventListener("htmx:afterSettle", (event) => enhance(document));
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => enhance(document));
  } else {
    enhance(document);
  }
})();
