/* Rahnuma's H5P content types share this: a base class, elements built without innerHTML, and
   standard xAPI "answered" statements. MIT licence. */
(function (H5P, Rahnuma) {
  'use strict';

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;  // texts are shown as text, never as markup
    return node;
  }

  /* Base of a question: score, state, and the xAPI statements H5P platforms expect. */
  function Question(contentId, extras) {
    H5P.EventDispatcher.call(this);
    this.contentId = contentId;
    this.extras = extras || {};
    this.startedAt = Date.now();
    this.score = 0;
  }
  Question.prototype = Object.create(H5P.EventDispatcher.prototype);
  Question.prototype.constructor = Question;

  Question.prototype.duration = function () {
    return 'PT' + Math.round((Date.now() - this.startedAt) / 100) / 10 + 'S';
  };

  /* answered (score, completion, success, response, duration): one per answer, as H5P's own types send. */
  Question.prototype.answered = function (definition, score, maxScore, response) {
    var event = this.createXAPIEventTemplate('answered');
    var target = event.getVerifiedStatementValue(['object', 'definition']);
    Object.keys(definition).forEach(function (key) { target[key] = definition[key]; });
    target.type = 'http://adlnet.gov/expapi/activities/cmi.interaction';
    event.setScoredResult(score, maxScore, this, true, score === maxScore);
    event.data.statement.result.response = response;
    event.data.statement.result.duration = this.duration();
    this.trigger(event);
  };

  Question.prototype.completed = function (score, maxScore) {
    var event = this.createXAPIEventTemplate('completed');
    event.setScoredResult(score, maxScore, this, true, score === maxScore);
    event.data.statement.result.duration = this.duration();
    this.trigger(event);
  };

  Question.prototype.getScore = function () { return this.score; };

  Rahnuma.Common = { element: element, Question: Question };
})(H5P, window.Rahnuma = window.Rahnuma || {});
