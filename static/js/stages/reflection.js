// Reflection: a question; phones send short answers and say "me too" to others' on the wall;
// the screen shows a wall (newest first, or most "me too" first) and a word cloud; the console
// lists every answer with buttons to hide, show or approve it.
"use strict";
(function () {
  var F = window.Facilitate;
  var WALL = 9;   // cards that fit on the screen without scrolling

  // -- phones: the server's form, sent through the outbox --------------------------------

  function phones(element, view, context) {
    element.appendChild(F.h("h1", {text: view.title, tabindex: "-1"}));
    element.appendChild(F.h("p", {className: "question", id: "question", text: view.question}));
    var forms = F.stages.form("reflection");
    if (!forms) return;
    var form = forms.querySelector("form");
    form.setAttribute("data-stage-id", view.id);
    form.querySelector("input[name=stage_id]").value = String(view.id);
    form.addEventListener("submit", function (event) { send(event, form, view, context); });
    element.appendChild(forms);
    element.appendChild(wallSection(view, context));
    drawWall(element, view, context);
  }

  // -- phones: "me too" on the wall ------------------------------------------------------
  // The wall comes with the stage's view; the server then only says that it changed
  // (wall_changed), and the phone fetches it (request_wall) when its person asks: nothing
  // moves under a finger about to tap, and a busy room does not send every phone every wall.

  var walls = {};   // stage id -> {wall, me_too, at}: the wall fetched last, newer than the view

  function wallSection(view, context) {
    var fresh = F.h("button", {type: "button", className: "button button-secondary wall-new",
                               id: "wall-new", hidden: true, text: F.t("wall_new")});
    fresh.addEventListener("click", function () { fetchWall(view, context); });
    var list = F.h("ul", {className: "me-too-list", id: "me-too-list"});
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-reflection-id]");
      if (!button) return;
      var id = Number(button.getAttribute("data-reflection-id"));
      var now = button.getAttribute("aria-pressed") !== "true";
      context.outbox.add("say_me_too", {reflection_id: id, me_too: now});
      context.say(context.online() ? F.t("sending") : F.t("saved_offline"));
    });
    return F.h("section", {className: "phone-wall", id: "wall", "aria-labelledby": "wall-heading"}, [
      F.h("h2", {id: "wall-heading", tabindex: "-1", text: F.t("wall_heading")}),
      F.h("p", {className: "hint", text: F.t("wall_hint")}),
      fresh,
      list
    ]);
  }

  function fetchWall(view, context) {
    var socket = context.outbox && context.outbox.socket;
    if (!socket || !socket.connected) return;
    socket.timeout(10000).emit("request_wall", {stage_id: view.id}, function (error, answer) {
      if (error || !answer || !answer.ok) return;
      walls[view.id] = {wall: answer.wall, me_too: answer.me_too, at: Date.now()};
      var element = document.getElementById("stage");
      var button = document.getElementById("wall-new");
      if (button) button.hidden = true;
      if (element) drawWall(element, view, context);
      var heading = document.getElementById("wall-heading");
      if (heading) heading.focus();
    });
  }

  function wallOf(view) {
    return walls[view.id] ? walls[view.id].wall : (view.wall || []);
  }

  // This phone's "me too"s: what the server said (the wall fetched, or the snapshot), then what
  // the outbox sent since and what it still holds (those are waiting).
  function meToo(view, context) {
    var said = {};
    var waiting = {};
    var refused = {};
    var base = walls[view.id] ? walls[view.id].me_too
      : context.mine().filter(function (item) { return item.kind === "me_too"; })
          .map(function (item) { return item.id; });
    base.forEach(function (id) { said[id] = true; });
    if (context.outbox) {
      context.outbox.sent.forEach(function (item) {
        if (item.event !== "say_me_too") return;
        var id = item.payload.reflection_id;
        if (item.status === "refused") {
          refused[id] = item.note;
        } else {
          said[id] = item.payload.me_too;
          delete refused[id];
        }
      });
      context.outbox.items.forEach(function (item) {
        if (item.event !== "say_me_too") return;
        said[item.payload.reflection_id] = item.payload.me_too;
        waiting[item.payload.reflection_id] = true;
        delete refused[item.payload.reflection_id];
      });
    }
    return {said: said, waiting: waiting, refused: refused};
  }

  // Reflections this phone wrote: the snapshot's, and those sent since (their ack has the id).
  function ownIds(context) {
    var own = {};
    context.mine().forEach(function (item) { if (!item.kind && item.id) own[item.id] = true; });
    if (context.outbox) {
      context.outbox.sent.forEach(function (item) {
        if (item.event === "submit_reflection" && item.answer && item.answer.reflection_id) own[item.answer.reflection_id] = true;
      });
    }
    return own;
  }

  function drawWall(element, view, context) {
    var list = element.querySelector("#me-too-list");
    if (!list) return;
    var focused = document.activeElement && list.contains(document.activeElement)
      ? document.activeElement.getAttribute("data-reflection-id") : null;
    var state = meToo(view, context);
    var own = ownIds(context);
    F.clear(list);
    wallOf(view).forEach(function (item) {
      var textId = "wall-" + item.id;
      var parts = [F.h("span", {className: "me-too-text", id: textId, text: item.text})];
      if (own[item.id]) {
        parts.push(F.h("span", {className: "me-too-status", text: F.t("me_too_yours")}));
      } else {
        var said = state.said[item.id] === true;
        parts.push(F.h("button", {type: "button", className: "button me-too-button" + (said ? "" : " button-secondary"),
                                  "data-reflection-id": item.id, "aria-pressed": said ? "true" : "false",
                                  "aria-describedby": textId, text: F.t("me_too")}));
        if (state.waiting[item.id]) parts.push(F.h("span", {className: "me-too-status", text: F.t("me_too_waiting")}));
        else if (state.refused[item.id]) parts.push(F.h("span", {className: "me-too-status me-too-refused", text: F.t("not_sent", {note: state.refused[item.id]})}));
        else if (said) parts.push(F.h("span", {className: "me-too-status", text: F.t("me_too_said")}));
      }
      list.appendChild(F.h("li", {className: "me-too-item"}, parts));
    });
    if (!wallOf(view).length) list.appendChild(F.h("li", {className: "sent-empty", text: F.t("wall_none")}));
    if (focused) {
      var again = list.querySelector("button[data-reflection-id='" + focused + "']");
      if (again) again.focus();
    }
  }

  F.stages.on("phones", "wall_changed", function (message, page) {
    var stage = page.stage();
    if (!stage || stage.kind !== "reflection" || stage.id !== message.stage_id) return;
    var wall = wallOf(stage);
    var newest = wall.length ? wall[wall.length - 1].id : 0;
    var changed = newest !== message.newest || wall.length !== Math.min(message.shown, 60);
    var button = document.getElementById("wall-new");
    if (button) button.hidden = !changed;
  });

  function send(event, form, view, context) {
    event.preventDefault();
    var field = form.querySelector("textarea[name=text]");
    var error = form.querySelector("#text-error");
    var limit = Number(field.getAttribute("maxlength")) || 280;
    var text = field.value.trim();
    var problem = !text ? F.t("empty_text") : text.length > limit ? F.t("too_long", {limit: limit}) : "";
    var hint = form.querySelector("#text-hint") ? "text-hint" : "";
    error.textContent = problem;
    error.hidden = !problem;
    if (problem) {
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", (hint + " text-error").trim());
      field.focus();
      return;
    }
    field.removeAttribute("aria-invalid");
    if (hint) field.setAttribute("aria-describedby", hint);
    else field.removeAttribute("aria-describedby");
    context.outbox.add("submit_reflection", {stage_id: view.id, text: text});
    field.value = "";
    context.say(context.online() ? F.t("sending") : F.t("saved_offline"));
  }

  // What this phone sent in this stage: waiting in the outbox, sent, then what the server has.
  function phonesUpdate(element, view, context) {
    var list = element.querySelector("#sent-list");
    if (!list || !context.outbox) return;
    var rows = [];
    var seen = {};
    function add(id, text, label, className) {
      if (seen[id]) return;
      seen[id] = true;
      rows.push(F.h("li", {className: className || ""}, [
        F.h("span", {className: "sent-text", text: text}), " ",
        F.h("span", {className: "sent-status", text: label})
      ]));
    }
    function here(item) {
      return item.event === "submit_reflection" && item.payload.stage_id === view.id;
    }
    context.outbox.items.filter(here).forEach(function (item) {
      var label = !context.online() ? F.t("waiting_offline")
        : item.note ? F.t("waiting_note", {note: item.note}) : F.t("sending");
      add(item.id, item.payload.text, label, "sent-waiting");
    });
    context.outbox.sent.slice().reverse().filter(here).forEach(function (item) {
      if (item.status === "refused") add(item.id, item.payload.text, F.t("not_sent", {note: item.note}), "sent-refused");
      else add(item.id, item.payload.text, item.status === "pending" ? F.t("sent_pending") : F.t("sent"), "sent-done");
    });
    context.mine().filter(function (item) { return !item.kind; }).reverse().forEach(function (item) {
      add(item.client_id, item.text, item.visibility === "pending" ? F.t("sent_pending") : F.t("sent"), "sent-done");
    });
    F.clear(list);
    rows.forEach(function (row) { list.appendChild(row); });
    if (!rows.length) list.appendChild(F.h("li", {className: "sent-empty", text: F.t("nothing_yet")}));
    drawWall(element, view, context);
  }

  // -- the screen: a wall and a word cloud -----------------------------------------------

  function cloudClass(count, top) {
    var share = count / top;
    return "cloud-word w" + (share > 0.8 ? 5 : share > 0.6 ? 4 : share > 0.4 ? 3 : share > 0.2 ? 2 : 1);
  }

  function screen(element, view) {
    element.classList.add("stage-reflection");
    element.appendChild(F.h("h1", {className: "screen-question", text: view.question || view.title}));
    var latest = byOrder(view.reflections, view.order).slice(0, WALL);
    var wall = F.h("ul", {className: "wall" + (view.order === "me_too" ? " wall-by-me-too" : ""),
                          "aria-label": F.t("wall_label")});
    latest.forEach(function (item) {
      wall.appendChild(F.h("li", {className: "wall-card", "data-id": item.id}, [
        F.h("span", {className: "wall-card-text", text: item.text}),
        item.me_too ? F.h("span", {className: "wall-card-me-too", text: F.t("me_too_count", {count: item.me_too})}) : null]));
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

  // Newest first, or most "me too" first (ties: newest first), as the facilitator chose.
  function byOrder(items, order) {
    return items.slice().sort(function (a, b) {
      if (order === "me_too" && (b.me_too || 0) !== (a.me_too || 0)) return (b.me_too || 0) - (a.me_too || 0);
      return b.id - a.id;
    });
  }

  var LABELS = {shown: "on_screen", pending: "waiting_approval", hidden: "hidden_label"};

  function console(element, view, context) {
    element.appendChild(F.h("p", {className: "question", text: view.question}));
    var byMeToo = view.order === "me_too";
    var order = F.h("button", {type: "button", className: "button button-secondary", id: "wall-order",
                               text: F.t(byMeToo ? "order_by_newest" : "order_by_me_too")});
    order.addEventListener("click", function () {
      context.send("set_wall_order", {order: byMeToo ? "newest" : "me_too", stage_id: view.id});
    });
    element.appendChild(F.h("div", {className: "actions wall-order"}, [
      F.h("p", {text: F.t(byMeToo ? "wall_order_me_too" : "wall_order_newest")}), order]));
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
        F.h("span", {className: "post-meta", text: F.t(LABELS[item.visibility]) + (item.author ? " · " + item.author : "") +
                                                   (item.me_too ? " · " + F.t("me_too_count", {count: item.me_too}) : "")}),
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

  // -- live changes: the screen and console keep the stage's view up to date -------------

  function onShow(page, stageId) {
    var stage = page.stage();
    return stage && stage.kind === "reflection" && stage.id === stageId ? stage : null;
  }

  function countWords(stage, words, change) {
    var counts = {};
    stage.words.forEach(function (pair) { counts[pair[0]] = pair[1]; });
    words.forEach(function (word) {
      counts[word] = (counts[word] || 0) + change;
      if (counts[word] <= 0) delete counts[word];
    });
    stage.words = Object.keys(counts).map(function (word) { return [word, counts[word]]; })
      .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }).slice(0, 40);
  }

  function addToWall(page, item) {
    var stage = onShow(page, item.stage_id);
    if (!stage || stage.reflections.some(function (other) { return other.id === item.id; })) return;
    stage.reflections.push(item);
    stage.reflections.sort(function (a, b) { return a.id - b.id; });
    countWords(stage, item.words, 1);
    page.draw();
  }

  function takeOffWall(page, message) {
    var stage = onShow(page, message.stage_id);
    if (!stage) return;
    var before = stage.reflections.length;
    stage.reflections = stage.reflections.filter(function (other) { return other.id !== message.id; });
    if (stage.reflections.length !== before) countWords(stage, message.words || [], -1);
    page.draw();
  }

  F.stages.on("screen", "reflection_added", function (message, page) { addToWall(page, message.reflection); });
  F.stages.on("screen", "reflection_changed", function (message, page) {
    if (message.reflection) addToWall(page, message.reflection);
    else takeOffWall(page, message);
  });

  F.stages.on("console", "reflection_added", function (message, page) {
    var stage = onShow(page, message.reflection.stage_id);
    if (!stage) return;
    if (!stage.reflections.some(function (p) { return p.id === message.reflection.id; })) {
      stage.reflections.push(message.reflection);
    }
    page.draw();
  });
  F.stages.on("console", "reflection_changed", function (message, page) {
    var stage = onShow(page, message.reflection.stage_id);
    if (!stage) return;
    stage.reflections = stage.reflections.map(function (p) {
      return p.id === message.reflection.id ? message.reflection : p;
    });
    page.draw();
  });

  // "me too" said or taken back: the count on the screen and console (the screen's order too).
  F.stages.on("screen", "me_too_changed", function (message, page) {
    var stage = onShow(page, message.reflection.stage_id);
    if (!stage) return;
    var found = false;
    stage.reflections = stage.reflections.map(function (item) {
      if (item.id !== message.reflection.id) return item;
      found = true;
      return message.reflection;
    });
    // Not among the cards the screen holds (a long wall): its words are in the cloud already.
    if (!found) stage.reflections.push(message.reflection);
    page.draw();
  });
  F.stages.on("console", "me_too_changed", function (message, page) {
    var stage = onShow(page, message.reflection.stage_id);
    if (!stage) return;
    stage.reflections = stage.reflections.map(function (item) {
      return item.id === message.reflection.id ? message.reflection : item;
    });
    page.draw();
  });
  ["screen", "console"].forEach(function (audience) {
    F.stages.on(audience, "wall_order_changed", function (message, page) {
      var stage = onShow(page, message.stage.id);
      if (!stage) return;
      stage.order = message.stage.order;
      stage.reflections = message.stage.reflections;
      page.draw();
    });
  });

  F.stages.register("reflection", {phones: phones, screen: screen, console: console,
                                   update: {phones: phonesUpdate}});
})();
