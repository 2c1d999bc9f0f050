// The phone page: follow the stage on show. Each stage kind's script draws it from the forms
// the server drew (so they are written once) and sends what people write through the outbox,
// so nothing is lost on bad Wi-Fi and nothing is stored twice. Without this script the page
// still works with plain forms.
"use strict";
(function () {
  var F = window.Facilitate;
  var root = document.getElementById("live");
  if (!root) return;
  var code = root.getAttribute("data-code");
  var closed = root.getAttribute("data-closed") === "true";
  var stageBox = document.getElementById("stage");
  var status = document.getElementById("connection");
  var paused = document.getElementById("paused");
  var state = {stage: null, mine: [], locked: false, online: false};
  var drafts = {};
  // What a stage script may use: the outbox, whether this phone is online, what it sent
  // (the snapshot's "mine"), and say() for the status line screen readers hear.
  var context = {
    code: code,
    online: function () { return state.online; },
    mine: function () { return state.mine; },
    say: function (text) { status.textContent = text; }
  };

  var socket = F.connect({
    code: code,
    audience: "phones",
    onSnapshot: function (snapshot) {
      state.mine = snapshot.mine || [];
      setLocked(snapshot.event.locked);
      showStage(snapshot.stage, false);
    },
    page: {stage: function () { return state.stage; },
           draw: function () { showStage(state.stage, false); }},
    handlers: {
      stage_changed: function (message) { showStage(message.stage, true); },
      submissions_locked: function (message) { setLocked(message.locked); },
      // The event closed (or reopened): the page the server gives now says what happens next.
      status_changed: function () { window.location.reload(); }
    },
    onStatus: function (now, reason) {
      if (reason === "not_joined") {
        window.location.href = "/j/" + encodeURIComponent(code);
        return;
      }
      state.online = now === "online";
      status.textContent = state.online ? "" : F.t("offline");
      status.className = "connection" + (state.online ? "" : " connection-offline");
      update();
    }
  });
  var sentCount = null;
  var outbox = new F.Outbox(code, socket, function () {
    if (sentCount !== null && outbox.sent.length > sentCount) status.textContent = F.t("sent");
    sentCount = outbox.sent.length;
    update();
  });
  sentCount = outbox.sent.length;
  context.outbox = outbox;
  F.outbox = outbox;

  function update() {
    F.stages.update("phones", stageBox, state.stage, context);
  }

  function setLocked(locked) {
    state.locked = locked;
    paused.hidden = !locked;
    if (!locked) outbox.flush();
  }

  function fields() {
    return stageBox.querySelectorAll("textarea[name], input[type=text][name]");
  }

  // What people typed, kept when the stage is drawn again. Before the first snapshot the
  // fields are the server's page of the same stage: what was typed there is kept too.
  function keepDrafts(next) {
    var stage = state.stage || next;
    if (!stage) return;
    fields().forEach(function (field) {
      if (state.stage || field.value) drafts[stage.id + ":" + field.name] = field.value;
    });
  }

  function showStage(view, announce) {
    var changed = !state.stage || !view || state.stage.id !== view.id;
    // Focus inside the stage is lost when it is drawn again: put it back on the same field,
    // or else on the new heading, not on the top of the page.
    var focusedId = stageBox.contains(document.activeElement) ? document.activeElement.id || "-" : null;
    keepDrafts(view);
    state.stage = view;
    // A finished event with nothing on show keeps the server's "This event has finished".
    if (view || !closed) F.stages.render("phones", stageBox, view, context);
    if (view) {
      fields().forEach(function (field) {
        var draft = drafts[view.id + ":" + field.name];
        if (draft) field.value = draft;
      });
    }
    update();
    var title = stageBox.querySelector("h1");
    if (announce && changed) {
      status.textContent = F.t("now_showing", {title: title ? title.textContent : ""});
    }
    if (focusedId && !stageBox.contains(document.activeElement)) {
      var again = focusedId !== "-" && document.getElementById(focusedId);
      if (again && stageBox.contains(again)) again.focus();
      else if (title) title.focus();
    }
  }
})();
