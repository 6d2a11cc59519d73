// "Copy link" buttons (themes/web/templates/includes/share.html): shown only when this script runs, since only a
// script can write to the clipboard. The status next to the button says it worked, for screen readers too.
for (const button of document.querySelectorAll("[data-copy-link]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
        const status = button.parentElement.querySelector(".share-status");
        try {
            await navigator.clipboard.writeText(button.dataset.copyLink);
            status.textContent = status.dataset.copied;
        } catch {
            status.textContent = button.dataset.copyLink;  // no clipboard (old browser, no permission): show the link
        }
    });
}
