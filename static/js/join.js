// The phone page: follow the stage on show; send reflections through the outbox, so nothing
// is lost on bad Wi-Fi and nothing is stored twice. Without this script the page still works
// with plain forms.
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
  var context = {reflectionUrl: "/j/" + encodeURIComponent(code) + "/reflections"};

  var socket = F.connect({
    code: code,
    audience: "phones",
    onSnapshot: function (snapshot) {
      state.mine = snapshot.mine || [];
      setLocked(snapshot.event.locked);
      showStage(snapshot.stage, false);
    },
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
      renderSent();
    }
  });
  var sentCount = null;
  var outbox = new F.Outbox(code, socket, function () {
    if (sentCount !== null && outbox.sent.length > sentCount) status.textContent = F.t("sent");
    sentCount = outbox.sent.length;
    renderSent();
  });
  sentCount = outbox.sent.length;
  F.outbox = outbox;   // other stage scripts (pledges) send through the same outbox

  function setLocked(locked) {
    state.locked = locked;
    paused.hidden = !locked;
    if (!locked) outbox.flush();
  }

  function keepDrafts() {
    if (!state.stage) return;
    stageBox.querySelectorAll("textarea[name], input[type=text][name]").forEach(function (field) {
      drafts[state.stage.id + ":" + field.name] = field.value;
    });
  }

  function showStage(view, announce) {
    var changed = !state.stage || !view || state.stage.id !== view.id;
    // Focus inside the stage is lost when it is drawn again: put it back on the same field,
    // or else on the new heading, not on the top of the page.
    var focusedId = stageBox.contains(document.activeElement) ? document.activeElement.id || "-" : null;
    keepDrafts();
    state.stage = view;
    // A finished event with nothing on show keeps the server's "This event has finished".
    if (view || !closed) F.stages.render("phones", stageBox, view, context);
    if (view) {
      stageBox.querySelectorAll("textarea[name], input[type=text][name]").forEach(function (field) {
        var draft = drafts[view.id + ":" + field.name];
        if (draft) field.value = draft;
      });
    }
    renderSent();
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

  // What this phone sent in the reflection stage on show: from the server, then this phone.
  function renderSent() {
    var list = document.getElementById("sent-list");
    if (!list || !state.stage) return;
    var stageId = state.stage.id;
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
    outbox.items.forEach(function (item) {
      if (item.event !== "submit_reflection" || item.payload.stage_id !== stageId) return;
      var label = !state.online ? F.t("waiting_offline") : item.note ? F.t("waiting_note", {note: item.note}) : F.t("sending");
      add(item.id, item.payload.text, label, "sent-waiting");
    });
    outbox.sent.slice().reverse().forEach(function (item) {
      if (item.event !== "submit_reflection" || item.payload.stage_id !== stageId) return;
      if (item.status === "refused") add(item.id, item.payload.text, F.t("not_sent", {note: item.note}), "sent-refused");
      else add(item.id, item.payload.text, item.status === "pending" ? F.t("sent_pending") : F.t("sent"), "sent-done");
    });
    state.mine.slice().reverse().forEach(function (item) {
      add(item.client_id, item.text, item.visibility === "pending" ? F.t("sent_pending") : F.t("sent"), "sent-done");
    });
    F.clear(list);
    rows.forEach(function (row) { list.appendChild(row); });
    if (!rows.length) list.appendChild(F.h("li", {className: "sent-empty", text: F.t("nothing_yet")}));
  }

  stageBox.addEventListener("submit", function (event) {
    var form = event.target.closest("form.reflection-form");
    if (!form) return;
    event.preventDefault();
    var field = form.querySelector("textarea[name=text]");
    var error = form.querySelector(".error-message") || F.h("p", {className: "error-message"});
    var text = field.value.trim();
    var problem = !text ? F.t("empty_text") : text.length > 280 ? F.t("too_long", {limit: 280}) : "";
    if (problem) {
      error.id = "text-error";
      error.textContent = problem;
      error.hidden = false;
      if (!error.parentNode) field.parentNode.insertBefore(error, field);
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", "text-hint text-error");
      field.focus();
      return;
    }
    error.hidden = true;
    field.removeAttribute("aria-invalid");
    field.setAttribute("aria-describedby", "text-hint");
    outbox.add("submit_reflection", {stage_id: Number(form.getAttribute("data-stage-id")), text: text});
    field.value = "";
    drafts[state.stage.id + ":text"] = "";
    status.textContent = state.online ? F.t("sending") : F.t("saved_offline");
  });
})();
