// Slides: Markdown slides made safe on the server (raw HTML is escaped there), one at a time.
"use strict";
(function () {
  var F = window.Facilitate;

  function slide(view, className) {
    var box = F.h("div", {className: className});
    box.innerHTML = view.html;   // made by the server's Markdown renderer with HTML turned off
    return box;
  }

  function count(view) {
    return F.h("p", {className: "slide-count", text: F.t("slide_of", {number: view.slide + 1, count: view.count})});
  }

  function phones(element, view) {
    element.appendChild(F.h("h1", {text: view.title, tabindex: "-1"}));
    if (!view.count) {
      element.appendChild(F.h("p", {className: "lead", text: F.t("no_slides")}));
      return;
    }
    element.appendChild(count(view));
    element.appendChild(slide(view, "slide-text"));
  }

  function screen(element, view) {
    element.classList.add("stage-slides");
    var box = slide(view, "slide-text screen-slide");
    element.appendChild(box);
    element.appendChild(F.h("p", {className: "slide-count screen-slide-count", text: F.t("slide_of", {number: view.slide + 1, count: view.count})}));
    fit(box);
  }

  // Shrink a long slide until it fits: the screen never scrolls.
  function fit(box) {
    window.requestAnimationFrame(function () {
      var size = 100;
      while (size > 40 && box.scrollHeight > box.clientHeight + 1) {
        size -= 5;
        box.style.fontSize = size + "%";
      }
    });
  }

  function console(element, view, context) {
    if (view.count) {
      element.appendChild(count(view));
      element.appendChild(slide(view, "slide-text console-slide"));
    } else {
      element.appendChild(F.h("p", {text: F.t("no_slides")}));
    }
    element.appendChild(F.h("p", {}, [F.h("a", {href: context.slidesUrl(view.id), text: F.t("edit_slides")})]));
  }

  // A clicker (arrow keys, Page Up/Down, space) on the screen moves the slides.
  var STEPS = {ArrowRight: 1, PageDown: 1, ArrowDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1, ArrowUp: -1};

  function screenKeys(event, view, context) {
    var step = STEPS[event.key];
    if (!step) return false;
    context.socket.timeout(5000).emit("move_slide", {step: step}, function () {});
    return true;
  }

  F.stages.register("slides", {phones: phones, screen: screen, console: console,
                               keys: {screen: screenKeys}});
})();
