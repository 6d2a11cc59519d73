/* A question with one right answer among several. MIT licence. */
(function (H5P, Rahnuma) {
  'use strict';
  var common = Rahnuma.Common;

  function SingleChoiceQuestion(params, contentId, extras) {
    common.Question.call(this, contentId, extras);
    this.params = params;
    var state = extras && extras.previousState;
    this.chosen = state && typeof state.chosen === 'number' ? state.chosen : null;
  }
  SingleChoiceQuestion.prototype = Object.create(common.Question.prototype);
  SingleChoiceQuestion.prototype.constructor = SingleChoiceQuestion;

  SingleChoiceQuestion.prototype.getMaxScore = function () { return 1; };
  SingleChoiceQuestion.prototype.getCurrentState = function () { return { chosen: this.chosen }; };

  SingleChoiceQuestion.prototype.attach = function ($container) {
    var self = this;
    var root = common.element('div', 'rahnuma-h5p rahnuma-single-choice');
    root.appendChild(common.element('p', 'rahnuma-question', this.params.question));
    var choices = common.element('div', 'rahnuma-choices');
    var feedback = common.element('p', 'rahnuma-feedback');
    feedback.hidden = true;
    feedback.setAttribute('role', 'status');
    this.params.answers.forEach(function (answer, index) {
      var button = common.element('button', 'rahnuma-choice', answer.text);
      button.type = 'button';
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', function () { self.choose(index, choices, feedback, true); });
      choices.appendChild(button);
    });
    root.appendChild(choices);
    root.appendChild(feedback);
    $container.get(0).appendChild(root);
    if (this.chosen !== null && this.params.answers[this.chosen]) this.choose(this.chosen, choices, feedback, false);
  };

  SingleChoiceQuestion.prototype.choose = function (index, choices, feedback, send) {
    var answers = this.params.answers;
    var right = !!answers[index].correct;
    this.chosen = index;
    this.score = right ? 1 : 0;
    Array.prototype.forEach.call(choices.children, function (button, position) {
      button.setAttribute('aria-pressed', String(position === index));
      button.disabled = true;
    });
    feedback.textContent = answers[index].feedback + ' ' +
      this.params.scoreText.replace('@score', this.score).replace('@total', 1);
    feedback.className = 'rahnuma-feedback ' + (right ? 'correct' : 'wrong');
    feedback.hidden = false;
    if (send) {
      var correct = [];
      var choiceList = answers.map(function (answer, position) {
        if (answer.correct) correct.push(String(position));
        return { id: String(position), description: { 'en-US': answer.text } };
      });
      this.answered(
        { interactionType: 'choice', description: { 'en-US': this.params.question }, choices: choiceList, correctResponsesPattern: correct },
        this.score, 1, String(index)
      );
    }
    this.trigger('resize');
  };

  // H5P core finds a content type's constructor by its machine name: window.Rahnuma.SingleChoiceQuestion.
  Rahnuma.SingleChoiceQuestion = SingleChoiceQuestion;
})(H5P, window.Rahnuma = window.Rahnuma || {});
