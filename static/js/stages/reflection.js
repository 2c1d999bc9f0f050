// Reflection: a question; phones send short answers; the screen shows a wall and a word cloud;
// the console lists every answer with buttons to hide, show or approve it.
"use strict";
(function () {
  var F = window.Facilitate;
  var WALL = 9;   // cards that fit on the screen without scrolling

  function phones(element, view, context) {
    element.appendChild(F.h("h1", {text: view.title, tabindex: "-1"}));
    element.appendChild(F.h("p", {className: "question", id: "question", text: view.question}));
    var hintId = "text-hint", errorId = "text-error";
    var form = F.h("form", {className: "stack reflection-form", "data-stage-id": view.id, novalidate: true,
                            method: "post", action: context.reflectionUrl}, [
      F.h("div", {className: "field"}, [
        F.h("label", {"for": "text", text: F.t("your_reflection")}),
        F.h("p", {className: "hint", id: hintId, text: F.t("up_to", {limit: 280})}),
        F.h("p", {className: "error-message", id: errorId, hidden: true}),
        F.h("textarea", {id: "text", name: "text", maxlength: "280", "aria-describedby": hintId})
      ]),
      F.h("button", {type: "submit", className: "button button-big", text: F.t("send")})
    ]);
    element.appendChild(form);
    element.appendChild(F.h("section", {className: "mine", "aria-labelledby": "mine-heading"}, [
      F.h("h2", {id: "mine-heading", text: F.t("what_you_sent")}),
      F.h("ul", {className: "sent-list", id: "sent-list"})
    ]));
  }

  function cloudClass(count, top) {
    var share = count / top;
    return "cloud-word w" + (share > 0.8 ? 5 : share > 0.6 ? 4 : share > 0.4 ? 3 : share > 0.2 ? 2 : 1);
  }

  function screen(element, view) {
    element.classList.add("stage-reflection");
    element.appendChild(F.h("h1", {className: "screen-question", text: view.question || view.title}));
    var latest = view.reflections.slice(-WALL).reverse();
    var wall = F.h("ul", {className: "wall", "aria-label": F.t("wall_label")});
    latest.forEach(function (item) {
      wall.appendChild(F.h("li", {className: "wall-card", "data-id": item.id}, [
        F.h("span", {className: "wall-card-text", text: item.text})]));
    });
    if (!latest.length) wall.appendChild(F.h("li", {className: "wall-empty", text: F.t("wall_empty")}));
    var words = view.words.slice(0, 30);
    var top = words.length ? words[0][1] : 1;
    var cloud = F.h("ul", {className: "cloud", "aria-label": F.t("cloud_label")});
    var items = {};
    words.slice().sort(function (a, b) { return a[0] < b[0] ? -1 : 1; }).forEach(function (pair) {
      items[pair[0]] = cloud.appendChild(F.h("li", {className: cloudClass(pair[1], top), text: pair[0]}));
    });
    element.appendChild(F.h("div", {className: "reflection-layout"}, [wall, cloud]));
    Array.prototype.forEach.call(wall.querySelectorAll(".wall-card-text"), F.clampToFit);
    // On a small or square screen not every word fits: leave out the least used ones, so no
    // word is cut in half (the biggest may come last in A to Z order).
    for (var i = words.length - 1; i > 0 && cloud.scrollHeight > cloud.clientHeight + 1; i -= 1) {
      cloud.removeChild(items[words[i][0]]);
    }
  }

  var LABELS = {shown: "on_screen", pending: "waiting_approval", hidden: "hidden_label"};

  function console(element, view, context) {
    element.appendChild(F.h("p", {className: "question", text: view.question}));
    var list = F.h("ol", {className: "post-list", id: "post-list", reversed: true});
    view.reflections.slice().reverse().forEach(function (item, index) {
      var buttons = F.h("span", {className: "post-buttons"});
      var actions = item.visibility === "shown" ? [["hidden", "hide"]]
        : item.visibility === "pending" ? [["shown", "approve"], ["hidden", "hide"]] : [["shown", "show"]];
      // "Hide reflection 12" to a screen reader: the number the list shows next to it.
      var number = F.t("reflection_number", {number: view.reflections.length - index});
      actions.forEach(function (action) {
        buttons.appendChild(F.h("button", {type: "button", className: "button button-small button-secondary",
          "data-visibility": action[0], "data-id": item.id}, [
          F.t(action[1]), F.h("span", {className: "visually-hidden", text: " " + number})]));
      });
      list.appendChild(F.h("li", {className: "post post-" + item.visibility}, [
        F.h("span", {className: "post-text", text: item.text}),
        F.h("span", {className: "post-meta", text: F.t(LABELS[item.visibility]) + (item.author ? " · " + item.author : "")}),
        buttons
      ]));
    });
    if (!view.reflections.length) list.appendChild(F.h("li", {text: F.t("no_posts")}));
    element.appendChild(list);
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-visibility]");
      if (!button) return;
      context.send("set_visibility", {id: Number(button.getAttribute("data-id")),
                                      visibility: button.getAttribute("data-visibility")});
    });
  }

  F.stages.register("reflection", {phones: phones, screen: screen, console: console});
})();
