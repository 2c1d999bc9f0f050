// Progress forms: the "what changed" question shows only once "Done" is chosen.
"use strict";

(function () {
  document.querySelectorAll(".progress-form").forEach(function (form) {
    var story = form.querySelector(".what-changed");
    if (!story) return;
    function update() {
      var done = form.querySelector("input[name=status][value=done]");
      story.hidden = !(done && done.checked);
    }
    form.addEventListener("change", update);
    update();
  });
})();
