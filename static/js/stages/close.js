// Close: thank you, what people did together (each kind's counts), and what happens next.
"use strict";
(function () {
  var F = window.Facilitate;

  // Every kind that counts something adds it (the words are "count_<name>", from that kind).
  function counts(view) {
    var c = view.counts || {};
    return F.h("ul", {className: "close-counts"}, Object.keys(c).map(function (name) {
      return F.h("li", {text: F.t("count_" + name, {count: c[name]})});
    }));
  }

  function phones(element, view) {
    element.appendChild(F.h("h1", {text: view.title, tabindex: "-1"}));
    if (view.message) element.appendChild(F.h("p", {className: "lead", text: view.message}));
    element.appendChild(F.h("p", {text: F.t("close_phone")}));
    if (view.proceedings) {
      element.appendChild(F.h("p", {}, [F.h("a", {className: "button", href: view.proceedings,
                                                  text: F.t("close_proceedings")})]));
    }
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
