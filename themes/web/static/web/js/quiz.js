/*
 * Quizzes without a page reload (cms.learning.lesson_views). The quiz form works as a plain form
 * post; where fetch is available this script sends the same form to its data-answer-url, which
 * answers JSON, and puts the server's review in place of the form, so a learner on a slow phone
 * sees their result at once.
 * "Try again" then brings the form back, emptied, with the fresh one-time token the server sent.
 * A double tap sends once. If the request fails, the form is posted the plain way: the server
 * records a form's token only once, so an answer that did arrive is not counted twice.
 */
(function () {
    "use strict";

    if (!window.fetch || !window.FormData) {
        return;
    }

    function enhance(form) {
        var section = form.closest(".quiz");
        var button = form.querySelector("button[type=submit]");
        var review = null;
        var sending = false;

        function showForm() {
            if (review) {
                review.remove();
                review = null;
            }
            form.reset();
            form.hidden = false;
            var firstChoice = form.querySelector("input[type=radio], input[type=checkbox]");
            if (firstChoice) {
                firstChoice.focus();
            }
        }

        function showReview(answer) {
            form.elements.token.value = answer.token;
            form.hidden = true;
            var holder = document.createElement("div");
            holder.innerHTML = answer.review_html;
            review = holder.firstElementChild;
            section.appendChild(review);
            review.focus();
            var again = review.querySelector(".quiz-actions a.button");
            if (again) {
                again.addEventListener("click", function (event) {
                    event.preventDefault();
                    showForm();
                });
            }
        }

        form.addEventListener("submit", function (event) {
            event.preventDefault();
            if (sending) {
                return;
            }
            sending = true;
            button.disabled = true;
            fetch(form.dataset.answerUrl, {
                method: "POST",
                body: new FormData(form),
                headers: {"Accept": "application/json"},
                credentials: "same-origin"
            }).then(function (response) {
                if (!response.ok) {
                    throw new Error("quiz answer refused: " + response.status);
                }
                return response.json();
            }).then(function (answer) {
                sending = false;
                button.disabled = false;
                showReview(answer);
            }).catch(function () {
                form.submit();
            });
        });
    }

    Array.prototype.forEach.call(document.querySelectorAll("form.quiz-form"), enhance);
}());
