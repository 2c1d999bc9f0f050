// Welcome: join instructions. The screen shows a big QR code, the code and how many joined.
"use strict";
(function () {
  var F = window.Facilitate;

  function phones(element, view) {
    element.appendChild(F.h("h1", {text: view.title, tabindex: "-1"}));
    if (view.message) element.appendChild(F.h("p", {className: "lead", text: view.message}));
    element.appendChild(F.h("p", {text: F.t("welcome_phone")}));
  }

  function screen(element, view, context) {
    var event = context.event;
    element.classList.add("stage-welcome");
    element.appendChild(F.h("h1", {className: "screen-title", text: view.title}));
    if (view.message) element.appendChild(F.h("p", {className: "lead", text: view.message}));
    element.appendChild(F.h("div", {className: "welcome-join"}, [
      F.h("img", {className: "welcome-qr", src: context.qrUrl, alt: F.t("qr_alt", {url: event.join_url})}),
      F.h("div", {className: "welcome-steps"}, [
        F.h("p", {text: F.t("join_scan")}),
        F.h("p", {}, [F.t("join_or_go") + " ", F.h("strong", {className: "join-url-big"}, F.addressParts(event.short_url))]),
        F.h("p", {}, [F.t("join_code") + " ", F.h("strong", {className: "code join-code-big", text: event.code})]),
        F.h("p", {className: "joined-count", id: "joined-count", text: F.t("joined_count", {count: event.joined})})
      ])
    ]));
  }

  function console(element, view, context) {
    if (view.message) element.appendChild(F.h("p", {text: view.message}));
    element.appendChild(F.h("p", {text: F.t("joined_count", {count: context.event.joined})}));
  }

  F.stages.register("welcome", {phones: phones, screen: screen, console: console});
})();
