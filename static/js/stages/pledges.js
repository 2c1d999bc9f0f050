// Pledges: phones make pledges (kept in the outbox until the server has them) and see "my
// pledges"; the screen shows a live wall with a running count and a count by theme; the console
// lists every pledge with approve / hide / show and opens or closes pledging.
// Everything people wrote goes on the page with textContent (Facilitate.h "text").
"use strict";
(function () {
  var F = window.Facilitate;
  var h = F.h;
  var ACTION_LIMIT = 500;
  var WALL = 6;          // cards that fit on the screen without scrolling
  var current = {};      // audience -> {root, view, ...}: what this script drew last

  function live(audience) {
    var drawn = current[audience];
    return drawn && drawn.root.isConnected ? drawn : null;
  }

  function find(list, id) {
    for (var i = 0; i < list.length; i += 1) if (list[i].id === id) return i;
    return -1;
  }

  // -- phones: the server's form, sent through the outbox --------------------------------

  function phones(element, view, context) {
    var root = h("div");
    root.appendChild(h("h1", {text: view.title, tabindex: "-1"}));
    if (view.prompt) root.appendChild(h("p", {className: "question", text: view.prompt}));
    var forms = F.stages.form("pledges");
    if (!forms) return;
    root.appendChild(forms);
    element.appendChild(root);
    var form = root.querySelector("form.pledge-form");
    var previous = current.phones;
    current.phones = {root: root, view: view, form: form, code: context.code,
                      mine: previous ? previous.mine : null, me: previous ? previous.me : null};
    form.addEventListener("submit", function (event) { sendPledge(event, form); });
    form.addEventListener("change", function () { showDate(form); });
    showDate(form);
    showOpen();
    prefill();
    listen();
    renderMine();
    requestMine();
  }

  function showDate(form) {
    var chosen = form.querySelector("input[name=due]:checked");
    form.querySelector(".due-date").hidden = !(chosen && chosen.value === "date");
    form.querySelector(".contact-email").hidden = !form.querySelector("#consent_contact").checked;
  }

  function showOpen() {
    var drawn = live("phones");
    if (!drawn) return;
    var open = drawn.view.open !== false;
    drawn.root.querySelector(".pledge-open").hidden = !open;
    drawn.root.querySelector("#pledging-closed").hidden = open;
    renderMine();
  }

  function prefill() {
    var drawn = live("phones");
    if (!drawn || !drawn.me || drawn.prefilled) return;
    drawn.prefilled = true;
    [["#name", drawn.me.name], ["#organisation", drawn.me.organisation],
     ["#email", drawn.me.email]].forEach(function (pair) {
      var input = drawn.form.querySelector(pair[0]);
      if (input && !input.value && pair[1]) input.value = pair[1];
    });
    if (drawn.me.email && !drawn.form.querySelector("#consent_contact").checked) {
      drawn.form.querySelector("#consent_contact").checked = true;
      showDate(drawn.form);
    }
  }

  function problem(form, inputId, message) {
    var summary = form.querySelector("#pledge-problem");
    form.querySelectorAll(".error-message").forEach(function (el) { el.hidden = true; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
      var hint = document.getElementById(el.id + "-hint");
      if (hint) el.setAttribute("aria-describedby", hint.id);
      else el.removeAttribute("aria-describedby");
    });
    if (!message) {
      summary.hidden = true;
      return;
    }
    var input = form.querySelector("#" + inputId);
    var error = form.querySelector("#" + inputId + "-error");
    error.textContent = message;
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
    var hint = document.getElementById(inputId + "-hint");
    input.setAttribute("aria-describedby", (hint ? hint.id + " " : "") + error.id);
    summary.textContent = message;
    summary.hidden = false;
    input.focus();
  }

  function value(form, selector) {
    var input = form.querySelector(selector);
    return input ? input.value.trim() : "";
  }

  function checked(form, name) {
    var choice = form.querySelector("input[name=" + name + "]:checked");
    return choice ? choice.value : "";
  }

  function sendPledge(event, form) {
    event.preventDefault();
    var action = value(form, "#action");
    var due = checked(form, "due");
    var consent = form.querySelector("#consent_contact").checked;
    var email = value(form, "#email");
    var limit = Number(form.querySelector("#action").getAttribute("maxlength")) || ACTION_LIMIT;
    if (!action) return problem(form, "action", F.t("need_action"));
    if (action.length > limit) return problem(form, "action", F.t("pledge_too_long", {limit: limit}));
    if (due === "date" && !value(form, "#due_date")) return problem(form, "due_date", F.t("need_date"));
    if (consent && !email) return problem(form, "email", F.t("need_email"));
    problem(form);
    F.outbox.add("submit_pledge", {
      action: action,
      due: due === "date" ? value(form, "#due_date") : due,
      theme: checked(form, "theme"),
      scope: checked(form, "scope"),
      support_needed: value(form, "#support_needed"),
      display: checked(form, "display"),
      name: value(form, "#name"),
      organisation: value(form, "#organisation"),
      consent_contact: consent,
      email: consent ? email : ""
    });
    // Ready for another pledge: words and choices back as the server drew them (no name on
    // the screen); the person's own details stay.
    ["#action", "#support_needed", "#due_date"].forEach(function (selector) {
      form.querySelector(selector).value = "";
    });
    ["due", "theme", "scope", "display"].forEach(function (name) {
      form.querySelectorAll("input[name=" + name + "]").forEach(function (choice) {
        choice.checked = choice.defaultChecked;
      });
    });
    showDate(form);
    var status = document.getElementById("connection");
    if (status) status.textContent = F.outbox.socket.connected ? F.t("sending") : F.t("saved_offline");
    renderMine();
    var heading = document.getElementById("mine-heading");
    if (heading) heading.scrollIntoView({block: "start"});
  }

  var listening = false;
  var asking = null;

  function listen() {
    if (listening || !F.outbox) return;
    listening = true;
    F.outbox.listen(function () {
      renderMine();
      requestMine();
    });
    F.outbox.socket.on("connect", function () { requestMine(); });
  }

  // The server's list of my pledges, asked for after connecting and after each send.
  function requestMine() {
    if (!F.outbox || !F.outbox.socket.connected || asking) return;
    asking = setTimeout(function () {
      F.outbox.socket.timeout(10000).emit("request_my_pledges", {}, function (error, answer) {
        asking = null;
        var drawn = live("phones");
        if (error || !answer || !answer.ok || !drawn) return;
        drawn.mine = answer.mine;
        drawn.me = answer.me;
        drawn.view.open = answer.open;
        prefill();
        showOpen();
      });
    }, 200);
  }

  function longDate(iso) {
    var date = new Date(iso + "T12:00:00");
    if (isNaN(date.getTime()) || !date.toLocaleDateString) return iso;
    // "23 February 2027", as the pages without JavaScript write it (not "February 23, 2027").
    var lang = document.documentElement.lang || "en";
    return date.toLocaleDateString(lang === "en" ? "en-GB" : lang,
                                   {day: "numeric", month: "long", year: "numeric"});
  }

  function renderMine() {
    var drawn = live("phones");
    if (!drawn) return;
    var list = drawn.root.querySelector("#my-pledges");
    var open = drawn.view.open !== false;
    var rows = [];
    var seen = {};
    var online = F.outbox && F.outbox.socket.connected;
    function item(text, status, className, links) {
      var children = [h("p", {className: "my-pledge-text", text: text}),
                      h("p", {className: "my-pledge-status", text: status})];
      if (links) children.push(links);
      rows.push(h("li", {className: "my-pledge " + className}, children));
    }
    (F.outbox ? F.outbox.items : []).forEach(function (entry) {
      if (entry.event !== "submit_pledge") return;
      seen[entry.id] = true;
      item(entry.payload.action, !online ? F.t("waiting_offline")
        : entry.note ? F.t("waiting_note", {note: entry.note}) : F.t("sending"), "sent-waiting");
    });
    (drawn.mine || []).forEach(function (pledge, index) {
      seen[pledge.client_id] = true;
      var status = pledge.visibility === "pending" ? F.t("pledge_saved_pending")
        : pledge.visibility === "hidden" ? F.t("pledge_saved_hidden") : F.t("pledge_saved");
      if (pledge.due) status += " · " + F.t("pledge_by", {date: longDate(pledge.due)});
      var links = null;
      if (open) {
        var base = "/j/" + encodeURIComponent(drawn.code) + "/pledges/" + pledge.id;
        var more = F.t("pledge_number", {number: index + 1});
        links = h("p", {className: "actions"}, [
          h("a", {className: "button button-small button-secondary", href: base + "/edit"},
            [F.t("change"), h("span", {className: "visually-hidden", text: " " + more})]),
          h("a", {className: "button button-small button-secondary", href: base + "/withdraw"},
            [F.t("take_back"), h("span", {className: "visually-hidden", text: " " + more})])
        ]);
      }
      item(pledge.action, status, "sent-done", links);
    });
    (F.outbox ? F.outbox.sent : []).forEach(function (entry) {
      if (entry.event !== "submit_pledge" || seen[entry.id]) return;
      if (entry.status === "refused") {
        item(entry.payload.action, F.t("not_sent", {note: entry.note}), "sent-refused");
      } else if (drawn.mine === null) {
        item(entry.payload.action, F.t("pledge_saved"), "sent-done");
      }
    });
    F.clear(list);
    rows.forEach(function (row) { list.appendChild(row); });
    if (!rows.length) list.appendChild(h("li", {className: "my-pledges-empty", text: F.t("no_pledges")}));
    drawn.root.querySelector("#mine-closed").hidden = open || !(drawn.mine || []).length;
  }

  F.stages.on("phones", "pledging_changed", function (message) {
    var drawn = live("phones");
    if (!drawn) return;
    drawn.view.open = message.open;
    showOpen();
  });

  // -- the screen -----------------------------------------------------------------------

  function screen(element, view) {
    element.classList.add("stage-pledges");
    var root = h("div", {className: "pledge-screen"});
    root.appendChild(h("h1", {className: "screen-question", text: view.prompt || view.title}));
    var wall = h("ul", {className: "pledge-wall", "aria-label": F.t("pledges_label")});
    var count = h("p", {className: "pledge-count"}, [
      h("span", {className: "pledge-count-number", id: "pledge-count"}),
      h("span", {className: "pledge-count-label", text: F.t("pledge_count_label")})
    ]);
    var themes = h("ul", {className: "pledge-themes", "aria-label": F.t("themes_label")});
    root.appendChild(h("div", {className: "pledge-layout"}, [
      wall, h("div", {className: "pledge-totals"}, [count, themes])]));
    element.appendChild(root);
    current.screen = {root: root, view: view, wall: wall, themes: themes};
    drawWall(null);
  }

  function drawWall(newId) {
    var drawn = live("screen");
    if (!drawn) return;
    var view = drawn.view;
    drawn.root.querySelector("#pledge-count").textContent = String(view.count);
    F.clear(drawn.wall);
    view.pledges.slice(-WALL).reverse().forEach(function (pledge) {
      var meta = [pledge.who, pledge.theme].filter(Boolean).join(" · ");
      drawn.wall.appendChild(h("li", {className: "wall-pledge" + (pledge.id === newId ? " pledge-new" : "")}, [
        h("span", {className: "wall-pledge-text", text: pledge.action}),
        meta ? h("span", {className: "wall-pledge-meta", text: meta}) : null
      ]));
    });
    if (!view.pledges.length) {
      drawn.wall.appendChild(h("li", {className: "wall-empty", text: F.t("pledges_empty")}));
    }
    Array.prototype.forEach.call(drawn.wall.querySelectorAll(".wall-pledge-text"), F.clampToFit);
    F.clear(drawn.themes);
    var top = Math.max.apply(null, [1].concat(view.themes.map(function (t) { return t.count; })));
    view.themes.forEach(function (theme) {
      var meter = h("span", {className: "pledge-theme-bar"});
      // A class per tenth, not a style attribute: the Content-Security-Policy allows no inline styles.
      meter.classList.add("tenths-" + Math.round(10 * theme.count / top));
      drawn.themes.appendChild(h("li", {className: "pledge-theme"}, [
        h("span", {className: "pledge-theme-name", text: theme.theme || F.t("no_theme")}),
        h("span", {className: "pledge-theme-count", text: String(theme.count)}),
        meter
      ]));
    });
  }

  function totals(view, message) {
    if (typeof message.count === "number") view.count = message.count;
    if (message.themes) view.themes = message.themes;
  }

  function onWall(message, removed) {
    var drawn = live("screen");
    if (!drawn) return;
    var view = drawn.view;
    totals(view, message);
    var newId = null;
    if (message.pledge && !removed) {
      var index = find(view.pledges, message.pledge.id);
      if (index >= 0) view.pledges[index] = message.pledge;
      else {
        view.pledges.push(message.pledge);
        view.pledges.sort(function (a, b) { return a.id - b.id; });
        newId = message.pledge.id;
      }
    } else {
      var gone = find(view.pledges, message.id);
      if (gone >= 0) view.pledges.splice(gone, 1);
    }
    drawWall(newId);
  }

  F.stages.on("screen", "pledge_added", function (message) { onWall(message, false); });
  F.stages.on("screen", "pledge_changed", function (message) { onWall(message, false); });
  F.stages.on("screen", "pledge_removed", function (message) { onWall(message, true); });

  // -- the console ----------------------------------------------------------------------

  var VISIBILITY = {shown: "on_screen", pending: "waiting_approval", hidden: "hidden_label"};

  function consoleView(element, view, context) {
    var code = context.event.code;
    var base = "/console/events/" + encodeURIComponent(code);
    var root = h("div", {className: "pledges-console"});
    if (view.prompt) root.appendChild(h("p", {className: "question", text: view.prompt}));
    root.appendChild(h("p", {id: "pledge-counts"}));
    root.appendChild(h("p", {id: "pledging-state"}));
    var toggle = h("button", {type: "button", className: "button button-secondary",
                              id: "pledging-toggle"});
    toggle.addEventListener("click", function () {
      context.send("set_pledging_open", {open: toggle.getAttribute("data-open") === "true"});
    });
    root.appendChild(h("div", {className: "actions"}, [
      toggle,
      h("a", {href: base + "/pledges/", text: F.t("all_pledges")}),
      h("a", {href: base + "/pledges/paper", text: F.t("paper_entry")}),
      h("a", {href: base + "/pledges/cards", text: F.t("print_cards")}),
      h("a", {href: base + "/follow-up", text: F.t("follow_up")})
    ]));
    var list = h("ol", {className: "post-list", id: "pledge-list", reversed: true});
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      context.send("moderate_pledge", {id: Number(button.getAttribute("data-id")),
                                       action: button.getAttribute("data-action")});
    });
    root.appendChild(list);
    element.appendChild(root);
    current.console = {root: root, view: view, list: list, toggle: toggle};
    drawConsole();
  }

  function drawConsole() {
    var drawn = live("console");
    if (!drawn) return;
    var view = drawn.view;
    drawn.root.querySelector("#pledge-counts").textContent = F.t("pledge_counts", {
      count: view.count, waiting: view.waiting, total: view.all.length});
    drawn.root.querySelector("#pledging-state").textContent =
      F.t(view.open ? "pledging_open_text" : "pledging_closed_text");
    drawn.toggle.textContent = F.t(view.open ? "close_pledging" : "open_pledging");
    drawn.toggle.setAttribute("data-open", view.open ? "false" : "true");
    F.clear(drawn.list);
    view.all.slice().reverse().forEach(function (pledge) {
      var buttons = h("span", {className: "post-buttons"});
      var actions = pledge.visibility === "shown" ? [["hide", "hide"]]
        : pledge.visibility === "pending" ? [["approve", "approve"], ["hide", "hide"]] : [["show", "show"]];
      actions.forEach(function (action) {
        buttons.appendChild(h("button", {type: "button", className: "button button-small button-secondary",
          "data-action": action[0], "data-id": pledge.id}, [
          F.t(action[1]), h("span", {className: "visually-hidden", text: " " + F.t("pledge_number", {number: pledge.id})})
        ]));
      });
      var meta = [F.t(VISIBILITY[pledge.visibility]), pledge.who, pledge.theme,
                  pledge.source === "paper" ? F.t("from_paper") : ""].filter(Boolean).join(" · ");
      drawn.list.appendChild(h("li", {className: "post post-" + pledge.visibility}, [
        h("span", {className: "post-text", text: pledge.action}),
        h("span", {className: "post-meta", text: meta}),
        buttons
      ]));
    });
    if (!view.all.length) drawn.list.appendChild(h("li", {text: F.t("no_pledges_yet")}));
  }

  function onConsole(message, removed) {
    var drawn = live("console");
    if (!drawn) return;
    var view = drawn.view;
    if (typeof message.count === "number") view.count = message.count;
    if (typeof message.waiting === "number") view.waiting = message.waiting;
    if (removed) {
      var gone = find(view.all, message.id);
      if (gone >= 0) view.all.splice(gone, 1);
    } else if (message.pledge) {
      var index = find(view.all, message.pledge.id);
      if (index >= 0) view.all[index] = message.pledge;
      else {
        view.all.push(message.pledge);
        view.all.sort(function (a, b) { return a.id - b.id; });
      }
    }
    drawConsole();
  }

  F.stages.on("console", "pledge_added", function (message) { onConsole(message, false); });
  F.stages.on("console", "pledge_changed", function (message) { onConsole(message, false); });
  F.stages.on("console", "pledge_removed", function (message) { onConsole(message, true); });
  ["console", "screen"].forEach(function (audience) {
    F.stages.on(audience, "pledging_changed", function (message) {
      var drawn = live(audience);
      if (!drawn) return;
      drawn.view.open = message.open;
      if (audience === "console") drawConsole();
    });
  });

  F.stages.register("pledges", {phones: phones, screen: screen, console: consoleView});
})();
