// The sheet's Print button: shown only when this script runs, since without it nothing would
// happen on click; the page already tells people without JavaScript how to print.
document.querySelectorAll("[data-print-labels]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
