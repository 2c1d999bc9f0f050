// The presenter screen: draws the stage on show; the join corner is always there. The stage's
// own script takes the keys it wants (a clicker's arrows move the slides); F makes it full screen.
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
    drawRoom();
  }

  // Who is in the room, when the facilitator shows it: one bar across the foot of the stage,
  // a part per role group as wide as its share, each named with its number in words too.
  function drawRoom() {
    var old = document.getElementById("room-bar");
    if (old) old.parentNode.removeChild(old);
    var room = state.event.room;
    if (!room || !room.shown) return;
    var bar = F.h("div", {className: "room-bar-parts", "aria-hidden": "true"});
    var legend = F.h("ul", {className: "room-legend"});
    room.groups.forEach(function (group, index) {
      var text = F.t("room_group", {label: group.label, count: group.count});
      legend.appendChild(F.h("li", {className: "room-key room-" + index}, [
        F.h("span", {className: "room-swatch", "aria-hidden": "true"}), text]));
      if (!group.count) return;
      var part = F.h("span", {className: "room-part room-" + index, title: text},
                     [F.h("span", {className: "room-part-count", text: String(group.count)})]);
      part.style.flexGrow = String(group.count);   // CSSOM: allowed by the page's CSP
      bar.appendChild(part);
    });
    var figure = F.h("figure", {id: "room-bar", className: "room-bar"}, [
      F.h("figcaption", {className: "room-caption",
                         text: F.t("room_heading") + " · " + F.t("joined_count", {count: room.joined})}),
      room.joined ? bar : F.h("p", {className: "room-nobody", text: F.t("room_nobody")}),
      legend
    ]);
    stageBox.appendChild(figure);
  }

  var socket = F.connect({
    code: code,
    audience: "screen",
    onSnapshot: function (snapshot) { state = snapshot; draw(); },
    page: {stage: function () { return state && state.stage; }, draw: draw},
    handlers: {
      stage_changed: function (message) { state.stage = message.stage; draw(); },
      submissions_locked: function (message) { state.event.locked = message.locked; draw(); },
      participant_joined: function (message) {
        state.event.joined = message.joined;
        var count = document.getElementById("joined-count");
        if (count) count.textContent = F.t("joined_count", {count: message.joined});
        if (message.room) {
          state.event.room = message.room;
          drawRoom();
        }
      },
      room_changed: function (message) { state.event.room = message.room; draw(); },
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
    if (state && F.stages.key("screen", event, state.stage, {socket: socket})) {
      event.preventDefault();
      return;
    }
    if (event.key === "f" && document.documentElement.requestFullscreen) {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen();
    }
  });
})();
