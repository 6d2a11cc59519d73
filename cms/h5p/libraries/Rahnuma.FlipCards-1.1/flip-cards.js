/* Cards to turn over: a question on the front, the answer on the back. Turning every card completes it. MIT licence. */
(function (H5P, Rahnuma) {
  'use strict';
  var common = Rahnuma.Common;

  function FlipCards(params, contentId, extras) {
    common.Question.call(this, contentId, extras);
    this.params = params;
    var state = extras && extras.previousState;
    this.turned = state && Array.isArray(state.turned) ? state.turned.slice(0, params.cards.length) : [];
  }
  FlipCards.prototype = Object.create(common.Question.prototype);
  FlipCards.prototype.constructor = FlipCards;

  FlipCards.prototype.getMaxScore = function () { return this.params.cards.length; };
  FlipCards.prototype.getCurrentState = function () { return { turned: this.turned }; };

  FlipCards.prototype.attach = function ($container) {
    var self = this;
    var p = this.params;
    var root = common.element('div', 'rahnuma-h5p rahnuma-flip-cards');
    if (p.intro) root.appendChild(common.element('p', 'rahnuma-question', p.intro));
    var list = common.element('div', 'rahnuma-choices');
    var done = common.element('p', 'rahnuma-feedback correct');
    done.hidden = true;
    done.setAttribute('role', 'status');
    p.cards.forEach(function (card, index) {
      var button = common.element('button', 'rahnuma-card', card.front);
      button.type = 'button';
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', function () {
        var back = button.getAttribute('aria-pressed') !== 'true';
        button.textContent = back ? card.back : card.front;
        button.setAttribute('aria-pressed', String(back));
        button.classList.toggle('flipped', back);
        if (self.turned.indexOf(index) === -1) {
          self.turned.push(index);
          self.score = self.turned.length;
          var event = self.createXAPIEventTemplate('interacted');
          self.trigger(event);
          if (self.score === p.cards.length) self.finish(done, true);
        }
        self.trigger('resize');
      });
      list.appendChild(button);
    });
    root.appendChild(list);
    root.appendChild(done);
    $container.get(0).appendChild(root);
    this.score = this.turned.length;
    if (this.score === p.cards.length) this.finish(done, false);
  };

  FlipCards.prototype.finish = function (done, send) {
    var total = this.params.cards.length;
    done.textContent = this.params.doneText.replace('@score', total).replace('@total', total);
    done.hidden = false;
    if (send) this.completed(total, total);
  };

  // H5P core finds a content type's constructor by its machine name: window.Rahnuma.FlipCards.
  Rahnuma.FlipCards = FlipCards;
})(H5P, window.Rahnuma = window.Rahnuma || {});
