// The kiosk's on-screen keyboard (themes/kiosk/templates/themes/kiosk/includes/keyboard.html): shown only
// when this script runs. Each key adds its letter to the search box, so nobody needs the screen's own
// keyboard; the layout buttons switch between Urdu and Latin letters.
(function () {
    "use strict";
    for (const keyboard of document.querySelectorAll("[data-keyboard]")) {
        const input = document.getElementById(keyboard.dataset.target);
        if (!input) {
            continue;
        }
        keyboard.hidden = false;
        keyboard.addEventListener("click", (event) => {
            const button = event.target.closest("button");
            if (!button) {
                return;
            }
            if (button.dataset.layout) {
                for (const choice of keyboard.querySelectorAll("[data-layout]")) {
                    choice.setAttribute("aria-pressed", String(choice === button));
                }
                for (const keys of keyboard.querySelectorAll("[data-keys]")) {
                    keys.hidden = keys.dataset.keys !== button.dataset.layout;
                }
            } else if (button.dataset.backspace !== undefined) {
                input.value = Array.from(input.value).slice(0, -1).join("");
            } else if (button.dataset.key !== undefined && input.value.length < input.maxLength) {
                input.value += button.dataset.key;
            }
        });
    }
})();
