// Close: thank you, what people did together, and what happens next.
"use strict";
(function () {
  var F = window.Facilitate;

  function counts(view) {
    var c = view.counts || {};
    return F.h("ul", {className: "close-counts"}, [
      F.h("li", {text: F.t("count_joined", {count: c.joined || 0})}),
      F.h("li", {text: F.t("count_reflections", {count: c.reflections || 0})}),
      F.h("li", {text: F.t("count_pledges", {count: c.pledges || 0})})
    ]);
  }

  function phones(element, view) {
    element.appendChild(F.h("h1", {text: view.title, tabindex: "-1"}));
    if (view.message) element.appendChild(F.h("p", {className: "lead", text: view.message}));
    element.appendChild(F.h("p", {text: F.t("close_phone")}));
  }

  function screen(element, view) {
    element.classList.add("stage-close");
    element.appendChild(F.h("h1", {className: "screen-title", text: view.title}));
    if (view.message) element.appendChild(F.h("p", {className: "lead", text: view.message}));
    element.appendChild(counts(view));
  }

  function console(element, view) {
    if (view.message) element.appendChild(F.h("p", {text: view.message}));
    element.appendChild(counts(view));
  }

  F.stages.register("close", {phones: phones, screen: screen, console: console});
})();
