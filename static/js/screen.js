// The presenter screen: draws the stage on show; the join corner is always there. A clicker
// (arrow keys, PageUp/PageDown) moves the slides.
"use strict";
(function () {
  var F = window.Facilitate;
  var root = document.getElementById("screen");
  if (!root) return;
  var code = root.getAttribute("data-code");
  var stageBox = document.getElementById("stage");
  var status = document.getElementById("screen-status");
  var state = null;
  var context = {event: {}, qrUrl: root.getAttribute("data-qr")};

  function draw() {
    context.event = state.event;
    stageBox.className = "screen-stage";
    F.stages.render("screen", stageBox, state.stage, context);
    var address = F.clear(document.getElementById("join-url"));
    F.addressParts(state.event.short_url).forEach(function (part) { address.appendChild(part); });
    document.getElementById("paused-banner").hidden = !state.event.locked;
  }

  function reflections() {
    return state.stage && state.stage.kind === "reflection" ? state.stage : null;
  }

  function countWords(words, change) {
    var stage = reflections();
    var counts = {};
    stage.words.forEach(function (pair) { counts[pair[0]] = pair[1]; });
    words.forEach(function (word) {
      counts[word] = (counts[word] || 0) + change;
      if (counts[word] <= 0) delete counts[word];
    });
    stage.words = Object.keys(counts).map(function (word) { return [word, counts[word]]; })
      .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }).slice(0, 40);
  }

  function addReflection(item) {
    var stage = reflections();
    if (!stage || stage.id !== item.stage_id) return;
    if (stage.reflections.some(function (other) { return other.id === item.id; })) return;
    stage.reflections.push(item);
    stage.reflections.sort(function (a, b) { return a.id - b.id; });
    countWords(item.words, 1);
    draw();
  }

  function removeReflection(id, words) {
    var stage = reflections();
    if (!stage) return;
    var before = stage.reflections.length;
    stage.reflections = stage.reflections.filter(function (other) { return other.id !== id; });
    if (stage.reflections.length !== before) countWords(words || [], -1);
    draw();
  }

  var socket = F.connect({
    code: code,
    audience: "screen",
    onSnapshot: function (snapshot) { state = snapshot; draw(); },
    handlers: {
      stage_changed: function (message) { state.stage = message.stage; draw(); },
      reflection_added: function (message) { addReflection(message.reflection); },
      reflection_changed: function (message) {
        if (message.reflection) addReflection(message.reflection);
        else removeReflection(message.id, message.words);
      },
      submissions_locked: function (message) { state.event.locked = message.locked; draw(); },
      participant_joined: function (message) {
        state.event.joined = message.joined;
        var count = document.getElementById("joined-count");
        if (count) count.textContent = F.t("joined_count", {count: message.joined});
      },
      moderation_changed: function (message) { state.event.moderation = message.moderation; },
      join_changed: function () { window.location.reload(); },
      status_changed: function () { window.location.reload(); }
    },
    onStatus: function (now) {
      status.textContent = now === "online" ? "" : F.t("screen_offline");
      status.hidden = now === "online";
    }
  });

  // A window made bigger or smaller (projector, full screen): draw again, so the walls'
  // text is cut to the lines that fit now.
  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () { if (state) draw(); }, 150);
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var step = {ArrowRight: 1, PageDown: 1, ArrowDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1, ArrowUp: -1}[event.key];
    if (step && state && state.stage && state.stage.kind === "slides") {
      event.preventDefault();
      socket.timeout(5000).emit("move_slide", {step: step}, function () {});
    }
    if (event.key === "f" && document.documentElement.requestFullscreen) {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen();
    }
  });
})();
