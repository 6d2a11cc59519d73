/*
 * Kiosk idle timeout (cms.learning.kiosk). On a shared screen, after data-kiosk-idle-seconds (on
 * <body>) without a touch, click or key, the "Still there?" dialog (#kiosk-prompt, its text rendered
 * and translated by the page) counts down data-kiosk-prompt-seconds; any touch, click or key
 * dismisses it, and when the countdown ends the page's "Finish and clear" form (#finish-form) is
 * submitted so that the next person does not carry on as this learner. Without that form there is
 * no learner in the session and nothing to clear, so the script does nothing.
 */
(function () {
    "use strict";

    var idleSeconds = Number(document.body.dataset.kioskIdleSeconds);
    var promptSeconds = Number(document.body.dataset.kioskPromptSeconds);
    var finishForm = document.getElementById("finish-form");
    var prompt = document.getElementById("kiosk-prompt");
    if (!finishForm || !prompt || !(idleSeconds > 0) || !(promptSeconds > 0)) {
        return;
    }
    var countdown = prompt.querySelector("[data-kiosk-countdown]");
    var stayButton = prompt.querySelector("button");
    var idleTimer = null;
    var countdownTimer = null;
    var secondsLeft = 0;

    function waitForIdle() {
        window.clearTimeout(idleTimer);
        idleTimer = window.setTimeout(askStillThere, idleSeconds * 1000);
    }

    function askStillThere() {
        secondsLeft = promptSeconds;
        countdown.textContent = String(secondsLeft);
        prompt.showModal();
        stayButton.focus();
        countdownTimer = window.setInterval(countDown, 1000);
    }

    function countDown() {
        secondsLeft -= 1;
        countdown.textContent = String(Math.max(secondsLeft, 0));
        if (secondsLeft <= 0) {
            window.clearInterval(countdownTimer);
            finishForm.submit();
        }
    }

    function stillHere() {
        if (prompt.open) {
            prompt.close(); // the "close" listener stops the countdown
        }
        waitForIdle();
    }

    // Escape closes a modal dialog by itself: stop the countdown however the dialog was closed.
    prompt.addEventListener("close", function () {
        window.clearInterval(countdownTimer);
        waitForIdle();
    });
    ["pointerdown", "touchstart", "keydown", "wheel"].forEach(function (type) {
        document.addEventListener(type, stillHere, { capture: true, passive: true });
    });
    waitForIdle();
})();
