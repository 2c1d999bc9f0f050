// The console's live control page: every button is a plain form; with this script it is sent
// over Socket.IO instead and the page follows the live state (stage, posts, who is here).
"use strict";
(function () {
  var F = window.Facilitate;
  var root = document.getElementById("run");
  if (!root) return;
  var code = root.getAttribute("data-code");
  var stageBox = document.getElementById("console-stage");
  var status = document.getElementById("run-status");
  var state = null;
  var socket;

  // done(answer), if given, hears the server's answer (a stage script shows what it says).
  function send(name, payload, done) {
    socket.timeout(10000).emit(name, payload, function (error, answer) {
      if (error) status.textContent = F.t("no_answer");
      else if (!answer.ok) status.textContent = answer.error;
      if (!error && done) done(answer);
    });
  }

  var context = {
    send: send,
    event: {},
    slidesUrl: function (stageId) {
      return "/console/events/" + encodeURIComponent(code) + "/stages/" + stageId + "/slides";
    }
  };

  // Keep keyboard focus on the same post's button when the list is drawn again.
  function focusedPost() {
    var active = document.activeElement;
    if (!active || !stageBox.contains(active) || !active.getAttribute("data-id")) return null;
    return active.getAttribute("data-id");
  }

  function draw() {
    context.event = state.event;
    var stage = state.stage;
    var focused = focusedPost();
    F.stages.render("console", stageBox, stage, context);
    if (focused) {
      var again = stageBox.querySelector("button[data-id='" + focused + "']");
      if (again) again.focus();
    }
    document.getElementById("current-title").textContent = stage ? stage.title : F.t("nothing_on_show");
    document.querySelectorAll("[data-stage-row]").forEach(function (row) {
      var current = stage && Number(row.getAttribute("data-stage-row")) === stage.id;
      row.classList.toggle("stage-current", !!current);
      if (current) row.setAttribute("aria-current", "step");
      else row.removeAttribute("aria-current");
    });
    document.querySelectorAll("[data-controls-for]").forEach(function (controls) {
      controls.hidden = !(stage && stage.kind === controls.getAttribute("data-controls-for"));
    });
    document.querySelectorAll("[data-when-locked]").forEach(function (el) {
      el.hidden = String(state.event.locked) !== el.getAttribute("data-when-locked");
    });
    document.querySelectorAll("[data-when-moderation]").forEach(function (el) {
      el.hidden = state.event.moderation !== el.getAttribute("data-when-moderation");
    });
    document.getElementById("joined").textContent = state.event.joined;
    drawRoom();
    drawPresence();
  }

  // Who is in the room: joined people by role group, and whether the screen shows it.
  function drawRoom() {
    var room = state.event.room;
    if (!room) return;
    room.groups.forEach(function (group) {
      var cell = document.querySelector("[data-room-count='" + group.group + "']");
      if (cell) cell.textContent = group.count;
    });
    document.querySelectorAll("[data-when-room]").forEach(function (el) {
      el.hidden = String(room.shown) !== el.getAttribute("data-when-room");
    });
  }

  function drawPresence() {
    var presence = state.presence || {counts: {}, people: []};
    var counts = presence.counts || {};
    document.getElementById("online-phones").textContent = counts.phones || 0;
    document.getElementById("online-screens").textContent = counts.screen || 0;
    var list = F.clear(document.getElementById("people"));
    (presence.people || []).forEach(function (person) {
      list.appendChild(F.h("li", {text: person.name || F.t("no_name")}));
    });
  }

  socket = F.connect({
    code: code,
    audience: "console",
    onSnapshot: function (snapshot) { state = snapshot; draw(); },
    page: {stage: function () { return state && state.stage; }, draw: draw},
    handlers: {
      stage_changed: function (message) { state.stage = message.stage; draw(); },
      submissions_locked: function (message) { state.event.locked = message.locked; draw(); },
      moderation_changed: function (message) { state.event.moderation = message.moderation; draw(); },
      participant_joined: function (message) {
        state.event.joined = message.joined;
        if (message.room) state.event.room = message.room;
        draw();
      },
      room_changed: function (message) { state.event.room = message.room; draw(); },
      join_changed: function () { window.location.reload(); },
      status_changed: function () { window.location.reload(); },
      agenda_changed: function () {},
      presence_changed: function (message) {
        if (!state) return;
        state.presence = message;
        drawPresence();
      }
    },
    onStatus: function (now) {
      status.textContent = now === "online" ? F.t("console_online") : F.t("console_offline");
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-event]");
    if (!form || !socket.connected) return;   // offline: the plain form still works
    event.preventDefault();
    send(form.getAttribute("data-event"), JSON.parse(form.getAttribute("data-payload")));
  });

  function press(id) {
    var forms = document.querySelectorAll("[data-key='" + id + "']");
    for (var i = 0; i < forms.length; i += 1) {
      if (!forms[i].closest("[hidden]")) {
        forms[i].requestSubmit();
        return;
      }
    }
  }

  // One-letter shortcuts can be turned off (WCAG 2.1.4): a stray key press, or speech input,
  // must not move the whole room on. The choice is kept on this computer.
  var letters = document.getElementById("letter-shortcuts");
  if (letters) {
    letters.checked = F.load("facilitate.letter-shortcuts", true) !== false;
    letters.addEventListener("change", function () {
      F.save("facilitate.letter-shortcuts", letters.checked);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    var letter = {n: "next-stage", p: "previous-stage", l: "lock"}[event.key];
    if (letter && letters && !letters.checked) return;
    var key = letter || {ArrowRight: "next-slide", PageDown: "next-slide",
                         ArrowLeft: "previous-slide", PageUp: "previous-slide"}[event.key];
    if (!key) return;
    event.preventDefault();
    press(key);
  });

  var copy = document.getElementById("copy-screen-link");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(document.getElementById("screen-link").value).then(function () {
        status.textContent = F.t("copied");
      });
    });
  }
})();
