// The live connection shared by the phone, screen and console pages (docs/protocol.md).
// - connect(): joins one event as one audience; applies the snapshot, then versioned changes;
//   asks for a fresh snapshot when it notices a gap.
// - Outbox: keeps what a phone sends in localStorage until the server acks it.
// - stages: one renderer per stage kind (static/js/stages/<kind>.js) and a holding view. A
//   kind's script also hears its own messages (stages.on), its keys (stages.key) and copies
//   the forms the server drew for it (stages.form). The pages name no kind.
"use strict";

(function () {
  var F = window.Facilitate;

  function connect(options) {
    var known = 0;          // the version of the last snapshot or change applied
    var hasState = false;   // no snapshot yet: the server must send one on connect
    var snapshotVersion = 0;
    var perName = {};       // phones: the last version applied of each message name (and stage)
    var waiting = false;    // a snapshot request is on its way: hold changes until it lands
    var held = [];
    var socket = window.io({
      auth: function (send) {
        send({event: options.code, audience: options.audience,
              version: hasState ? known : null});
      },
      reconnectionDelayMax: 5000
    });

    function applySnapshot(snapshot) {
      known = snapshot.version;
      snapshotVersion = snapshot.version;
      hasState = true;
      perName = {};
      options.onSnapshot(snapshot);
      var later = held;
      held = [];
      later.forEach(function (item) { receive(item[0], item[1]); });
    }

    function requestSnapshot() {
      if (waiting) return;
      waiting = true;
      socket.timeout(10000).emit("request_snapshot", {}, function (error, answer) {
        waiting = false;
        if (error || !answer || !answer.ok) {
          setTimeout(requestSnapshot, 2000);
          return;
        }
        applySnapshot(answer.snapshot);
      });
    }

    function receive(name, message) {
      if (waiting || !hasState) {
        held.push([name, message]);
        return;
      }
      if (typeof message.version !== "number") {
        options.handlers[name](message);   // unversioned: replaces a whole piece of state
        return;
      }
      if (typeof message.since === "number") {
        if (message.version <= known) return;           // already in what we have
        if (message.since > known) {                    // we missed one: start again
          requestSnapshot();
          return;
        }
        known = message.version;
      } else {
        // Phones: each message replaces one part of the state (of one stage, if it names
        // one), so compare with the snapshot and the last message of that part: a coalesced
        // burst may bring an older part after a newer one.
        var part = name + "/" + (message.stage_id === undefined ? "" : message.stage_id);
        if (message.version <= Math.max(snapshotVersion, perName[part] || 0)) return;
        perName[part] = message.version;
        known = Math.max(known, message.version);
      }
      options.handlers[name](message);
    }

    // Messages a stage kind's script handles itself (Facilitate.stages.on), e.g. pledge_added.
    // It gets the page too: page.stage() is the view on show, page.draw() draws it again.
    var extra = stageMessages[options.audience] || {};
    Object.keys(extra).forEach(function (name) {
      var own = options.handlers[name];
      var theirs = function (message) {
        extra[name].forEach(function (handler) { handler(message, options.page); });
      };
      options.handlers[name] = own ? function (message) { own(message); theirs(message); } : theirs;
    });
    Object.keys(options.handlers).forEach(function (name) {
      socket.on(name, function (message) { receive(name, message || {}); });
    });
    socket.on("snapshot", function (snapshot) {
      waiting = false;
      applySnapshot(snapshot);
    });
    socket.on("up_to_date", function () {});
    // A phone that loses its network says so at once; the socket would take a minute to notice.
    window.addEventListener("offline", function () { socket.disconnect(); });
    window.addEventListener("online", function () { if (!socket.connected) socket.connect(); });
    socket.on("connect", function () { if (options.onStatus) options.onStatus("online"); });
    socket.on("disconnect", function () { if (options.onStatus) options.onStatus("offline"); });
    socket.on("connect_error", function (error) {
      if (options.onStatus) options.onStatus("offline", error && error.message);
    });
    return socket;
  }

  // Items a phone sends: kept in localStorage until the server says it has them.
  function Outbox(code, socket, onChange) {
    this.key = "facilitate.outbox." + code;
    this.sentKey = "facilitate.sent." + code;
    this.socket = socket;
    this.onChange = onChange || function () {};
    this.listeners = [];    // more onChange functions, e.g. a stage script's (listen())
    this.inFlight = {};
    this.items = F.load(this.key, []);
    this.sent = F.load(this.sentKey, []);
    var outbox = this;
    socket.on("connect", function () { outbox.flush(); });
    setInterval(function () { outbox.flush(); }, 15000);
  }

  Outbox.prototype.add = function (eventName, payload) {
    var item = {id: payload.id || F.newId(), event: eventName, payload: payload, note: ""};
    item.payload.id = item.id;
    this.items.push(item);
    this.store();
    this.flush();
    return item;
  };

  Outbox.prototype.store = function () {
    F.save(this.key, this.items);
    F.save(this.sentKey, this.sent.slice(-100));
    this.onChange(this);
    var outbox = this;
    this.listeners.forEach(function (listener) { listener(outbox); });
  };

  Outbox.prototype.listen = function (listener) {
    this.listeners.push(listener);
  };

  Outbox.prototype.flush = function () {
    var outbox = this;
    if (!this.socket.connected) return;
    this.items.forEach(function (item) {
      if (outbox.inFlight[item.id]) return;
      outbox.inFlight[item.id] = true;
      outbox.socket.timeout(10000).emit(item.event, item.payload, function (error, answer) {
        delete outbox.inFlight[item.id];
        if (error) return;   // no answer in time: keep it and try again later
        if (answer.ok) {
          outbox.items = outbox.items.filter(function (other) { return other.id !== item.id; });
          outbox.sent.push({id: item.id, event: item.event, payload: item.payload,
                            status: answer.status || "shown", answer: answer});
        } else if (["paused", "rate_limited", "error"].indexOf(answer.reason) >= 0) {
          item.note = answer.error;   // try again later
        } else {
          outbox.items = outbox.items.filter(function (other) { return other.id !== item.id; });
          outbox.sent.push({id: item.id, event: item.event, payload: item.payload,
                            status: "refused", note: answer.error});
        }
        outbox.store();
      });
    });
  };

  // Stage renderers: register(kind, {phones: fn, screen: fn, console: fn}); each fn gets
  // (element, view, context) and fills element. Kinds without one get the holding view.
  // Optional: update: {audience: fn(element, view, context)} redraws what changed on this
  // device (the phone's outbox, its connection); keys: {audience: fn(event, view, context)}
  // takes a key press and returns true when it used it.
  var renderers = {};
  // on(audience, name, fn): a stage script hears a server message itself (versions are checked
  // by connect() as for every message): fn(message, page). Call it at load time.
  var stageMessages = {};

  function register(kind, renderer) {
    renderers[kind] = renderer;
  }

  function on(audience, name, handler) {
    stageMessages[audience] = stageMessages[audience] || {};
    (stageMessages[audience][name] = stageMessages[audience][name] || []).push(handler);
  }

  function hook(name, audience, view) {
    var renderer = view && view.built && renderers[view.kind];
    return renderer && renderer[name] && renderer[name][audience];
  }

  function update(audience, element, view, context) {
    var fn = hook("update", audience, view);
    if (fn) fn(element, view, context);
  }

  function key(audience, event, view, context) {
    var fn = hook("keys", audience, view);
    return fn ? fn(event, view, context) === true : false;
  }

  // A copy of the forms the server drew for a kind (<template data-forms-for="kind">).
  function form(kind) {
    var template = document.querySelector("template[data-forms-for='" + kind + "']");
    return template ? document.importNode(template.content, true) : null;
  }

  function render(audience, element, view, context) {
    F.clear(element);
    var renderer = view && renderers[view.kind];
    if (!view) {
      renderers._waiting[audience](element, view, context);
    } else if (view.built && renderer && renderer[audience]) {
      renderer[audience](element, view, context);
    } else {
      renderers._holding[audience](element, view, context);
    }
  }

  function holding(audience) {
    return function (element, view) {
      element.appendChild(F.h("h1", {text: view.title, tabindex: "-1"}));
      element.appendChild(F.h("p", {className: "lead", text: F.t(audience === "phones"
        ? "holding_phone" : audience === "screen" ? "holding_screen" : "holding_console")}));
    };
  }

  register("_holding", {phones: holding("phones"), screen: holding("screen"),
                        console: holding("console")});
  register("_waiting", {
    phones: function (element) {
      element.appendChild(F.h("h1", {text: F.t("waiting_title"), tabindex: "-1"}));
      element.appendChild(F.h("p", {className: "lead", text: F.t("waiting_phone")}));
    },
    screen: function (element, view, context) {
      element.appendChild(F.h("h1", {className: "screen-title", text: context.event.title}));
      element.appendChild(F.h("p", {className: "lead", text: F.t("waiting_screen")}));
    },
    console: function (element) {
      element.appendChild(F.h("p", {text: F.t("waiting_console")}));
    }
  });

  F.connect = connect;
  F.Outbox = Outbox;
  F.stages = {register: register, render: render, on: on, update: update, key: key, form: form};
})();
