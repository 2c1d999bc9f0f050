// Paper pledge entry: the first field is ready after each save; Ctrl+Enter saves the card.
"use strict";

(function () {
  var form = document.getElementById("paper-form");
  if (!form) return;
  var first = form.querySelector("[aria-invalid=true]") || form.querySelector("textarea, input:not([type=hidden]), select");
  if (first) first.focus();
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }
  });
})();
