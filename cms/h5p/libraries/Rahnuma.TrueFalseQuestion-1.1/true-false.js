/* A statement the learner marks true or false. MIT licence. */
(function (H5P, Rahnuma) {
  'use strict';
  var common = Rahnuma.Common;

  function TrueFalseQuestion(params, contentId, extras) {
    common.Question.call(this, contentId, extras);
    this.params = params;
    var state = extras && extras.previousState;
    this.answer = state && typeof state.answer === 'boolean' ? state.answer : null;
  }
  TrueFalseQuestion.prototype = Object.create(common.Question.prototype);
  TrueFalseQuestion.prototype.constructor = TrueFalseQuestion;

  TrueFalseQuestion.prototype.getMaxScore = function () { return 1; };
  TrueFalseQuestion.prototype.getCurrentState = function () { return { answer: this.answer }; };

  TrueFalseQuestion.prototype.attach = function ($container) {
    var self = this;
    var p = this.params;
    var root = common.element('div', 'rahnuma-h5p rahnuma-true-false');
    root.appendChild(common.element('p', 'rahnuma-question', p.question));
    var choices = common.element('div', 'rahnuma-choices');
    var feedback = common.element('p', 'rahnuma-feedback');
    feedback.hidden = true;
    feedback.setAttribute('role', 'status');
    [[true, p.trueLabel], [false, p.falseLabel]].forEach(function (choice) {
      var button = common.element('button', 'rahnuma-choice', choice[1]);
      button.type = 'button';
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', function () { self.choose(choice[0], choices, feedback, true); });
      choices.appendChild(button);
    });
    root.appendChild(choices);
    root.appendChild(feedback);
    $container.get(0).appendChild(root);
    if (this.answer !== null) this.choose(this.answer, choices, feedback, false);
  };

  TrueFalseQuestion.prototype.choose = function (answer, choices, feedback, send) {
    var p = this.params;
    this.answer = answer;
    var right = answer === !!p.correct;
    this.score = right ? 1 : 0;
    Array.prototype.forEach.call(choices.children, function (button, index) {
      button.setAttribute('aria-pressed', String((index === 0) === answer));
      button.disabled = true;
    });
    feedback.textContent = (right ? p.feedbackCorrect : p.feedbackWrong) + ' ' +
      p.scoreText.replace('@score', this.score).replace('@total', 1);
    feedback.className = 'rahnuma-feedback ' + (right ? 'correct' : 'wrong');
    feedback.hidden = false;
    if (send) {
      this.answered(
        { interactionType: 'true-false', description: { 'en-US': p.question }, correctResponsesPattern: [String(!!p.correct)] },
        this.score, 1, String(answer)
      );
    }
    this.trigger('resize');
  };

  // H5P core finds a content type's constructor by its machine name: window.Rahnuma.TrueFalseQuestion.
  Rahnuma.TrueFalseQuestion = TrueFalseQuestion;
})(H5P, window.Rahnuma = window.Rahnuma || {});
