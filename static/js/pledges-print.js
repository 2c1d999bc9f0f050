// The pledge cards page: a Print button (hidden until this script can make it work).
"use strict";

(function () {
  var button = document.getElementById("print-button");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
