// "Print" buttons ([data-print], hidden in the page): shown only when this script runs, since only a
// script can open the browser's Print dialog. Without it the page's hint names the browser's own command.
for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
}
for (const hint of document.querySelectorAll(".print-hint")) {
    hint.hidden = true;
}
