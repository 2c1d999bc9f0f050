// Open space: the marketplace and the board of spaces x slots.
// - phones: what is happening, the topic form (copied from the server's), my schedule, a
//   search and the board by time; marks, "I'm here" and placing go through the outbox.
// - screen: the grid with interest and live headcounts, the tray, the slot running now.
// - console: the same grid to run: drag a topic to a cell, or choose it and then a cell
//   (keyboard and single pointer); lock, hide, open or close the marketplace, Arrange for me.
"use strict";
(function () {
  var F = window.Facilitate;
  var KIND = "open_space";

  // -- the board, whatever the audience -------------------------------------------------

  function runningSlot(view) {
    var now = Date.now();
    var slot = view.slots.filter(function (s) {
      return Date.parse(s.starts_at) <= now && now < Date.parse(s.ends_at);
    })[0];
    return slot ? slot.id : null;
  }

  function byId(list, id) {
    return list.filter(function (item) { return item.id === id; })[0] || null;
  }

  function topicsIn(view, spaceId, slotId) {
    return view.topics.filter(function (t) { return t.space_id === spaceId && t.slot_id === slotId; });
  }

  function tray(view) {
    return view.topics.filter(function (t) { return t.space_id === null || t.space_id === undefined; });
  }

  function placeOf(view, topic) {
    var space = byId(view.spaces, topic.space_id);
    var slot = byId(view.slots, topic.slot_id);
    return space && slot ? space.name + ", " + slot.label : F.t("not_on_board");
  }

  function convener(topic) {
    return topic.convener ? F.t("convener", {name: topic.convener}) : F.t("convener_anonymous");
  }

  function freeCells(view, topic) {
    var cells = [];
    view.slots.forEach(function (slot) {
      view.spaces.forEach(function (space) {
        var others = topicsIn(view, space.id, slot.id).filter(function (t) { return t.id !== topic.id; });
        if (view.sharing || !others.length) {
          cells.push({space: space.id, slot: slot.id, label: space.name + ", " + slot.label});
        }
      });
    });
    return cells;
  }

  function stateWords(view) {
    var words = [view.marketplace_open ? F.t("market_open") : F.t("board_fixed")];
    var running = byId(view.slots, runningSlot(view));
    if (running) words.push(F.t("running_now", {time: running.label}));
    return words.join(" ");
  }

  // -- phones ---------------------------------------------------------------------------

  // What this phone did since the page loaded (the snapshot's "mine" is older): topic id ->
  // marked or not, slot id -> the topic it is at (or null).
  var marks = {};
  var here = {};
  var search = "";

  function mineOf(context, kind) {
    return context.mine().filter(function (item) { return item.kind === kind; });
  }

  function isMarked(context, topicId) {
    if (topicId in marks) return marks[topicId];
    return mineOf(context, "interest").some(function (item) { return item.id === topicId; });
  }

  function hereAt(context, slotId) {
    if (slotId in here) return here[slotId];
    var item = mineOf(context, "here").filter(function (i) { return i.slot_id === slotId; })[0];
    return item ? item.id : null;
  }

  function myTopicIds(context) {
    var ids = mineOf(context, "convened").map(function (item) { return item.id; });
    if (context.outbox) {
      context.outbox.sent.forEach(function (item) {
        if (item.event === "propose_topic" && item.answer && item.answer.topic_id) ids.push(item.answer.topic_id);
      });
    }
    return ids;
  }

  function phones(element, view, context) {
    element.appendChild(F.h("h1", {text: view.title, tabindex: "-1"}));
    if (view.theme) element.appendChild(F.h("p", {className: "question", text: view.theme}));
    if (view.proceedings) {
      element.appendChild(F.h("p", {}, [F.h("a", {className: "button button-secondary", href: view.proceedings,
                                                  text: F.t("read_proceedings")})]));
    }
    element.appendChild(F.h("p", {className: "notice open-space-state", id: "open-space-state",
                                  text: stateWords(view) + " " + F.t("two_feet")}));
    if (view.marketplace_open) element.appendChild(proposeSection(view, context));
    var notes = noteSection(view, context);
    if (notes) element.appendChild(notes);
    element.appendChild(F.h("section", {id: "my-schedule", "aria-labelledby": "my-schedule-heading"}, [
      F.h("h2", {id: "my-schedule-heading", text: F.t("my_schedule")}),
      F.h("ul", {className: "schedule-list", id: "schedule-list"})]));
    element.appendChild(boardSection(view, context));
  }

  function proposeSection(view, context) {
    var section = F.h("section", {"aria-labelledby": "propose-heading"}, [
      F.h("h2", {id: "propose-heading", text: F.t("propose_heading")})]);
    var forms = F.stages.form(KIND);
    if (!forms) return section;
    var form = forms.querySelector("form.topic-form");
    form.querySelector("input[name=stage_id]").value = String(view.id);
    form.addEventListener("submit", function (event) { propose(event, form, view, context); });
    section.appendChild(form);
    return section;
  }

  // -- notes from a topic (phones) -------------------------------------------------------

  function kindWord(kind) { return F.t("kind_" + kind); }

  var noteChoice = {topic: null, kind: "point"};   // what the note form had chosen

  function noteSection(view, context) {
    var onBoard = view.topics.filter(function (t) { return t.space_id !== null && t.space_id !== undefined; });
    if (!view.reports_open || !onBoard.length) return null;
    var forms = F.stages.form(KIND);
    var form = forms && forms.querySelector("form.note-form");
    if (!form) return null;
    form.querySelector("input[name='note-stage_id']").value = String(view.id);
    var select = form.querySelector("select[name='note-topic_id']");
    onBoard.forEach(function (t) {
      select.appendChild(F.h("option", {value: String(t.id), text: t.title}));
    });
    // The board is drawn again as it changes: keep the topic and kind this person chose.
    var running = runningSlot(view);
    var at = running ? hereAt(context, running) : null;
    if (noteChoice.topic && byId(onBoard, noteChoice.topic)) select.value = String(noteChoice.topic);
    else if (at) select.value = String(at);
    var kind = form.querySelector("[name='note-kind'][value='" + noteChoice.kind + "']");
    if (kind) kind.checked = true;
    form.addEventListener("change", function () {
      noteChoice.topic = Number(select.value) || null;
      var checked = form.querySelector("[name='note-kind']:checked");
      noteChoice.kind = checked ? checked.value : "point";
    });
    form.addEventListener("submit", function (event) { addNote(event, form, context); });
    return F.h("section", {id: "notes", "aria-labelledby": "notes-heading"}, [
      F.h("h2", {id: "notes-heading", text: F.t("notes_heading")}),
      F.h("p", {text: F.t("notes_intro")}), form,
      F.h("h3", {id: "my-notes-heading", text: F.t("your_notes"), hidden: true}),
      F.h("ul", {className: "my-notes", id: "my-notes", "aria-labelledby": "my-notes-heading"})]);
  }

  function addNote(event, form, context) {
    event.preventDefault();
    var topic = form.querySelector("[name='note-topic_id']");
    var text = form.querySelector("[name='note-text']");
    var owner = form.querySelector("[name='note-owner']");
    var kind = form.querySelector("[name='note-kind']:checked");
    var problems = {
      "note-topic_id": !topic.value ? F.t("note_topic_needed") : "",
      "note-text": !text.value.trim() ? F.t("note_needed")
        : text.value.trim().length > 500 ? F.t("topic_too_long", {limit: 500}) : "",
      "note-owner": owner.value.trim().length > 80 ? F.t("topic_too_long", {limit: 80}) : ""
    };
    Object.keys(problems).forEach(function (key) { showProblem(form, key, problems[key]); });
    var first = Object.keys(problems).filter(function (key) { return problems[key]; })[0];
    if (first) {
      form.querySelector("[name='" + first + "']").focus();
      return;
    }
    var chosen = kind ? kind.value : "point";
    context.outbox.add("add_note", {topic_id: Number(topic.value), kind: chosen,
                                    text: text.value.trim(),
                                    owner: chosen === "action" ? owner.value.trim() : ""});
    text.value = "";
    owner.value = "";
    context.say(context.online() ? F.t("note_sent") : F.t("saved_offline"));
    drawMyNotes(context);
  }

  // My notes: sent (saved, or waiting for a facilitator), still in the outbox, or refused.
  function drawMyNotes(context) {
    var list = document.getElementById("my-notes");
    if (!list) return;
    F.clear(list);
    var rows = [];
    var seen = {};
    var mine = mineOf(context, "note");
    mine.forEach(function (note) { seen[note.client_id] = true; });
    mine.forEach(function (note) {
      rows.push(noteRow(note.type, note.text, note.visibility === "pending" ? F.t("note_waiting") : F.t("note_saved")));
    });
    if (context.outbox) {
      context.outbox.sent.forEach(function (item) {
        if (item.event !== "add_note" || seen[item.id]) return;
        rows.push(noteRow(item.payload.kind, item.payload.text, item.status === "refused"
          ? F.t("not_done", {note: item.note}) : item.status === "pending" ? F.t("note_waiting") : F.t("note_saved")));
      });
      context.outbox.items.forEach(function (item) {
        if (item.event !== "add_note") return;
        rows.push(noteRow(item.payload.kind, item.payload.text,
                          context.online() ? F.t("sending") : F.t("waiting_offline")));
      });
    }
    rows.forEach(function (row) { list.appendChild(row); });
    var heading = document.getElementById("my-notes-heading");
    if (heading) heading.hidden = !rows.length;
  }

  function noteRow(kind, text, state) {
    return F.h("li", {}, [F.h("strong", {text: kindWord(kind) + ": "}), text + " — " + state]);
  }

  function showProblem(form, name, problem) {
    var field = form.querySelector("[name=" + name + "]");
    var error = form.querySelector("#" + name + "-error");
    if (!field || !error) return;
    error.textContent = problem;
    error.hidden = !problem;
    var hint = form.querySelector("#" + name + "-hint") ? name + "-hint" : "";
    if (problem) {
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", (hint + " " + name + "-error").trim());
    } else {
      field.removeAttribute("aria-invalid");
      if (hint) field.setAttribute("aria-describedby", hint);
      else field.removeAttribute("aria-describedby");
    }
  }

  function propose(event, form, view, context) {
    event.preventDefault();
    var title = form.querySelector("[name=title]");
    var description = form.querySelector("[name=description]");
    var name = form.querySelector("[name=name]");
    var showName = form.querySelector("[name=show_name]:checked");
    var problems = {
      title: !title.value.trim() ? F.t("title_needed")
        : title.value.trim().length > 120 ? F.t("topic_too_long", {limit: 120}) : "",
      description: description.value.trim().length > 500 ? F.t("topic_too_long", {limit: 500}) : "",
      name: showName && showName.value === "name" && !name.value.trim() ? F.t("name_needed") : ""
    };
    Object.keys(problems).forEach(function (key) { showProblem(form, key, problems[key]); });
    var first = ["title", "description", "name"].filter(function (key) { return problems[key]; })[0];
    if (first) {
      form.querySelector("[name=" + first + "]").focus();
      return;
    }
    context.outbox.add("propose_topic", {
      stage_id: view.id, title: title.value.trim(), description: description.value.trim(),
      show_name: !!showName && showName.value === "name", name: name.value.trim(),
      help_wanted: form.querySelector("[name=help_wanted]").checked
    });
    title.value = "";
    description.value = "";
    form.querySelector("[name=help_wanted]").checked = false;
    context.say(context.online() ? F.t("topic_sent") : F.t("saved_offline"));
  }

  function boardSection(view, context) {
    var list = F.h("div", {id: "board-list"});
    var input = F.h("input", {type: "search", id: "topic-search", maxlength: "80", value: search});
    input.addEventListener("input", function () {
      search = input.value;
      drawBoardList(list, view, context);
    });
    var section = F.h("section", {id: "board", "aria-labelledby": "board-heading"}, [
      F.h("h2", {id: "board-heading", text: F.t("the_board")}),
      F.h("div", {className: "search-form", role: "search"}, [
        F.h("label", {"for": "topic-search", text: F.t("search_label")}), input]),
      list]);
    drawBoardList(list, view, context);
    list.addEventListener("click", function (event) { boardClick(event, view, context); });
    return section;
  }

  function matches(topic) {
    var query = search.trim().toLowerCase();
    return !query || topic.title.toLowerCase().indexOf(query) >= 0 ||
      (topic.convener || "").toLowerCase().indexOf(query) >= 0;
  }

  function drawBoardList(list, view, context) {
    F.clear(list);
    var running = runningSlot(view);
    var found = 0;
    view.slots.forEach(function (slot) {
      var topics = view.topics.filter(function (t) { return t.slot_id === slot.id && matches(t); });
      found += topics.length;
      list.appendChild(F.h("h3", {className: "slot-heading"}, [slot.label,
        slot.id === running ? F.h("span", {className: "badge", text: " " + F.t("now")}) : null]));
      list.appendChild(topicList(topics.map(function (t) { return phoneCard(t, view, context, slot, running); }),
                                 search ? F.t("no_match") : F.t("no_topics_here")));
    });
    var waiting = tray(view).filter(matches);
    found += waiting.length;
    list.appendChild(F.h("h3", {className: "slot-heading", text: F.t("tray")}));
    list.appendChild(topicList(waiting.map(function (t) { return phoneCard(t, view, context, null, running); }),
                               F.t("none")));
    if (search) list.insertBefore(F.h("p", {role: "status", text: F.t("found", {count: found})}), list.firstChild);
  }

  function topicList(cards, empty) {
    var ul = F.h("ul", {className: "topic-list"}, cards);
    if (!cards.length) ul.appendChild(F.h("li", {className: "topic-empty", text: empty}));
    return ul;
  }

  function phoneCard(topic, view, context, slot, running) {
    var marked = isMarked(context, topic.id);
    var meta = [topic.space_id ? placeOf(view, topic) : null, convener(topic),
                topic.help_wanted ? F.t("help_wanted") : null,
                topic.headcount ? F.t("here_now", {count: topic.headcount}) : null]
      .filter(Boolean).join(" · ");
    var actions = F.h("div", {className: "topic-actions"}, [
      F.h("button", {type: "button", className: "button button-secondary", "data-action": "interest",
                     "data-topic": topic.id, "aria-pressed": marked ? "true" : "false"},
          [F.t("join_this"), F.h("span", {className: "visually-hidden", text: ": " + topic.title})])]);
    if (slot && slot.id === running) {
      var isHere = hereAt(context, slot.id) === topic.id;
      actions.appendChild(F.h("button", {type: "button", className: "button", "data-action": "here",
                                         "data-topic": topic.id, "data-slot": slot.id,
                                         "aria-pressed": isHere ? "true" : "false"},
        [F.t("im_here"), F.h("span", {className: "visually-hidden", text: ": " + topic.title})]));
    }
    var mine = myTopicIds(context).indexOf(topic.id) >= 0;
    return F.h("li", {className: "topic-card" + (mine ? " topic-mine" : ""), id: "topic-" + topic.id}, [
      F.h("p", {className: "topic-title", text: topic.title}),
      F.h("p", {className: "topic-meta", text: meta}),
      topic.description ? F.h("p", {className: "topic-description", text: topic.description}) : null,
      actions]);
  }

  function boardClick(event, view, context) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    var topicId = Number(button.getAttribute("data-topic"));
    var pressed = button.getAttribute("aria-pressed") === "true";
    if (button.getAttribute("data-action") === "interest") {
      marks[topicId] = !pressed;
      context.outbox.add("mark_interest", {topic_id: topicId, interested: !pressed});
      context.say(!pressed ? F.t("marked") : F.t("unmarked"));
    } else {
      var slotId = Number(button.getAttribute("data-slot"));
      here[slotId] = pressed ? null : topicId;
      context.outbox.add("check_in", {topic_id: topicId, here: !pressed});
      context.say(!pressed ? F.t("checked_in") : F.t("checked_out"));
    }
    var list = document.getElementById("board-list");
    if (list) drawBoardList(list, view, context);
    phonesUpdate(document.getElementById("stage"), view, context);
    var again = document.querySelector("button[data-action='" + button.getAttribute("data-action") +
                                       "'][data-topic='" + topicId + "']");
    if (again) again.focus();
  }

  // My schedule: what I convene (with where it goes), what I marked, where I am; and what is
  // still waiting in the outbox or was refused.
  function phonesUpdate(element, view, context) {
    drawMyNotes(context);
    var list = element && element.querySelector("#schedule-list");
    if (!list) return;
    F.clear(list);
    var rows = [];
    if (context.outbox) {
      context.outbox.items.filter(function (item) { return item.event === "propose_topic"; }).forEach(function (item) {
        rows.push(F.h("li", {className: "sent-waiting"}, [F.h("strong", {text: F.t("you_convene") + " "}),
          item.payload.title + " — ", context.online() ? F.t("sending") : F.t("waiting_offline")]));
      });
      context.outbox.sent.filter(function (item) { return item.status === "refused" && item.answer === undefined; })
        .slice(-3).forEach(function (item) {
          if (["propose_topic", "place_topic", "check_in", "mark_interest"].indexOf(item.event) < 0) return;
          rows.push(F.h("li", {className: "sent-refused", text: F.t("not_done", {note: item.note})}));
        });
    }
    var mine = myTopicIds(context);
    view.topics.filter(function (t) { return mine.indexOf(t.id) >= 0; }).forEach(function (topic) {
      rows.push(myTopicRow(topic, view, context));
    });
    view.topics.filter(function (t) { return isMarked(context, t.id); }).forEach(function (topic) {
      var at = topic.slot_id && hereAt(context, topic.slot_id) === topic.id;
      rows.push(F.h("li", {}, [F.h("strong", {text: F.t("you_marked") + " "}),
        topic.title + " — " + placeOf(view, topic) + (at ? " · " + F.t("you_are_here") : "")]));
    });
    if (!rows.length) rows.push(F.h("li", {className: "sent-empty", text: F.t("schedule_empty")}));
    rows.forEach(function (row) { list.appendChild(row); });
  }

  function myTopicRow(topic, view, context) {
    var row = F.h("li", {}, [F.h("strong", {text: F.t("you_convene") + " "}),
                             topic.title + " — " + placeOf(view, topic)]);
    if (view.reports_open) {
      row.appendChild(document.createTextNode(" "));
      row.appendChild(F.h("a", {className: "report-link", href: "/j/" + encodeURIComponent(context.code || "") +
                                "/reports/" + topic.id}, [F.t("write_report"),
        F.h("span", {className: "visually-hidden", text: ": " + topic.title})]));
    }
    if (!view.marketplace_open || topic.locked) return row;
    var select = F.h("select", {id: "place-" + topic.id});
    if (topic.space_id) select.appendChild(F.h("option", {value: "tray", text: F.t("off_board")}));
    freeCells(view, topic).forEach(function (cell) {
      if (cell.space === topic.space_id && cell.slot === topic.slot_id) return;
      select.appendChild(F.h("option", {value: cell.space + ":" + cell.slot, text: cell.label}));
    });
    var button = F.h("button", {type: "button", className: "button", text: F.t("put_it_there")});
    button.addEventListener("click", function () {
      var value = select.value.split(":");
      context.outbox.add("place_topic", value[0] === "tray" ? {topic_id: topic.id, space_id: null, slot_id: null}
        : {topic_id: topic.id, space_id: Number(value[0]), slot_id: Number(value[1])});
      context.say(F.t("placing"));
    });
    row.appendChild(F.h("div", {className: "stack place-form"}, [
      F.h("label", {"for": "place-" + topic.id, text: F.t("place_label", {title: topic.title})}), select, button]));
    return row;
  }

  // -- the grid: screen and console -----------------------------------------------------

  function sizeClass(spaces, slots) {
    var cells = Math.max(spaces, 1) * Math.max(slots, 1);
    return cells > 36 ? " board-huge" : cells > 20 ? " board-big" : "";
  }

  function spaceHeading(space, scope) {
    return F.h("th", {scope: scope, className: "board-space"}, [space.name,
      space.capacity ? F.h("span", {className: "board-capacity", text: " " + F.t("holds", {count: space.capacity})}) : null,
      space.access ? F.h("span", {className: "board-access", text: space.access}) : null]);
  }

  function slotHeading(slot, running, scope) {
    return F.h("th", {scope: scope, className: "board-slot", "data-slot": slot.id}, [slot.label,
      slot.id === running ? F.h("span", {className: "badge", text: F.t("now")}) : null]);
  }

  // The board as a table: a row per slot and a column per space; `across` turns it (a row
  // per space, a column per slot) for boards with many spaces. `slots` may be a page of them.
  function grid(view, cellContent, running, options) {
    options = options || {};
    var slots = options.slots || view.slots;
    var head = F.h("tr", {}, [F.h("th", {scope: "col", className: "board-corner",
                                         text: options.across ? F.t("space") : F.t("time")})]);
    var body = F.h("tbody");
    if (options.across) {
      slots.forEach(function (slot) { head.appendChild(slotHeading(slot, running, "col")); });
      view.spaces.forEach(function (space) {
        var row = F.h("tr", {}, [spaceHeading(space, "row")]);
        slots.forEach(function (slot) {
          var cell = cellContent(space, slot);
          cell.setAttribute("data-slot-cell", slot.id);
          if (slot.id === running) cell.classList.add("slot-now");
          row.appendChild(cell);
        });
        body.appendChild(row);
      });
    } else {
      view.spaces.forEach(function (space) { head.appendChild(spaceHeading(space, "col")); });
      slots.forEach(function (slot) {
        var row = F.h("tr", {"data-slot": slot.id, className: slot.id === running ? "slot-now" : ""},
                      [slotHeading(slot, running, "row")]);
        view.spaces.forEach(function (space) { row.appendChild(cellContent(space, slot)); });
        body.appendChild(row);
      });
    }
    return F.h("table", {className: "board-grid" + (options.across ? " board-across" : "") +
                                    sizeClass(view.spaces.length, slots.length)}, [
      F.h("caption", {className: "visually-hidden", text: F.t("board_caption")}), F.h("thead", {}, [head]), body]);
  }

  function counts(topic) {
    var parts = [F.t("marked_count", {count: topic.interest || 0})];
    if (topic.headcount) parts.push(F.t("here_now", {count: topic.headcount}));
    return parts.join(" · ");
  }

  function screenCard(topic) {
    // On a crowded board only the counts stay beside the title (the convener's line goes).
    var numbers = (topic.interest ? [F.t("marked_count", {count: topic.interest})] : [])
      .concat(topic.headcount ? [F.t("here_now", {count: topic.headcount})] : []).join(" · ");
    return F.h("li", {className: "board-topic" + (topic.over_capacity ? " topic-over" : ""), "data-topic": topic.id}, [
      numbers ? F.h("span", {className: "board-topic-count", text: numbers}) : null,
      F.h("span", {className: "board-topic-title", text: topic.title}),
      F.h("span", {className: "board-topic-meta", text: (topic.convener || F.t("anonymous")) + " · " + counts(topic) +
        (topic.over_capacity ? " · " + F.t("over_capacity") : "")})]);
  }

  // The screen shows at most SLOTS_PER_PAGE slots at once, from the one running now (slots
  // that have ended drop off); more turn over every PAGE_SECONDS. Many spaces: a row each.
  var SLOTS_PER_PAGE = 4;
  var PAGE_SECONDS = 15;
  var screenPage = 0;

  function screenSlots(view) {
    if (view.slots.length <= SLOTS_PER_PAGE) return {slots: view.slots, pages: 1};
    var now = Date.now();
    var left = view.slots.filter(function (s) { return Date.parse(s.ends_at) > now; });
    if (!left.length) left = view.slots.slice(-SLOTS_PER_PAGE);
    var pages = Math.ceil(left.length / SLOTS_PER_PAGE);
    var page = screenPage % pages;
    return {slots: left.slice(page * SLOTS_PER_PAGE, (page + 1) * SLOTS_PER_PAGE), pages: pages, page: page};
  }

  function screen(element, view, context) {
    element.classList.add("stage-open-space");
    element.appendChild(F.h("h1", {className: "screen-question", text: view.theme || view.title}));
    var chosen = view.notes_screen || {mode: "off"};
    if (chosen.mode !== "off") {
      screenNotes(element, view, chosen);
      return;
    }
    var running = runningSlot(view);
    var shown = screenSlots(view);
    element.appendChild(F.h("p", {className: "board-state", text: stateWords(view) + (shown.pages > 1
      ? " " + F.t("board_page", {page: shown.page + 1, pages: shown.pages}) : "")}));
    var across = view.spaces.length > 6;
    if (across) element.classList.add("board-dense");
    element.style.setProperty("--rows", String(across ? view.spaces.length : shown.slots.length));
    var table = grid(view, function (space, slot) {
      var topics = topicsIn(view, space.id, slot.id);
      return F.h("td", {}, topics.length ? [F.h("ul", {className: "board-cell"}, topics.map(screenCard))] : []);
    }, running, {slots: shown.slots, across: across});
    element.appendChild(F.h("div", {className: "board-wrap"}, [table]));
    var waiting = tray(view);
    if (waiting.length) {
      element.appendChild(F.h("div", {className: "board-tray"}, [
        F.h("h2", {text: F.t("tray_count", {count: waiting.length})}),
        F.h("ul", {className: "board-cell board-tray-list"}, waiting.slice(0, 12).map(screenCard))]));
    }
    watchClock(element, view, context, shown.pages);
  }

  // The facilitator chose notes for the screen: one topic's (oldest first) or the newest.
  function screenNotes(element, view, chosen) {
    var topic = chosen.mode === "topic" ? topicById(view, chosen.topic_id) : null;
    element.appendChild(F.h("h2", {className: "notes-screen-title", text: topic
      ? F.t("notes_screen_title", {title: topic.title}) : F.t("notes_screen_newest")}));
    var notes = view.notes || [];
    if (!notes.length) {
      element.appendChild(F.h("p", {className: "lead", text: F.t("notes_none")}));
      return;
    }
    element.appendChild(F.h("ul", {className: "notes-wall"}, notes.map(function (note) {
      return F.h("li", {className: "note-card note-" + note.kind}, [
        F.h("span", {className: "note-kind", text: kindWord(note.kind)}),
        F.h("p", {className: "note-text", text: note.text}),
        note.owner ? F.h("p", {className: "note-owner", text: F.t("note_who", {owner: note.owner})}) : null,
        topic ? null : F.h("p", {className: "note-topic", text: note.topic})]);
    })));
  }

  // The slot running now follows the clock, with no message from the server; pages turn.
  var clock = null;
  function watchClock(element, view, context, pages) {
    window.clearInterval(clock);
    var shown = runningSlot(view);
    var ticks = 0;
    clock = window.setInterval(function () {
      if (!element.isConnected) { window.clearInterval(clock); return; }
      ticks += 1;
      var now = runningSlot(view);
      var turn = pages > 1 && ticks * 5 >= PAGE_SECONDS;
      if (now === shown && !turn) return;
      if (turn) screenPage += 1;
      F.stages.render("screen", element, view, context);
    }, 5000);
  }

  // -- console ---------------------------------------------------------------------------

  var chosen = null;      // the topic being moved without dragging
  var dragging = null;    // the topic being dragged
  var proposal = null;    // the arranger's preview, until confirmed or dropped
  var lastDraw = null;    // {element, view, context}: to draw again after a drag

  function consoleSay(text) {
    var line = document.getElementById("board-say");
    if (line) line.textContent = text;
  }

  function console(container, view, context) {
    lastDraw = {element: container, view: view, context: context};
    // A new element each time: the listeners below go with it when the stage is drawn again.
    var element = container.appendChild(F.h("div", {className: "open-space-console"}));
    element.appendChild(F.h("p", {className: "question", text: view.theme}));
    element.appendChild(consoleControls(view, context));
    element.appendChild(F.h("p", {id: "board-say", className: "board-say", role: "status"}));
    if (proposal && proposal.stage_id === view.id) element.appendChild(previewPanel(view, context));
    var running = runningSlot(view);
    var table = grid(view, function (space, slot) { return consoleCell(view, space, slot); }, running);
    // It may scroll sideways (many spaces): a region keyboard users can reach and scroll.
    element.appendChild(F.h("div", {className: "board-wrap board-console", tabindex: "0", role: "region",
                                    "aria-label": F.t("board_caption")}, [table]));
    var trayList = F.h("ul", {className: "board-cell board-tray-list", "data-space": "", "data-slot": ""},
                       tray(view).map(function (t) { return consoleCard(t, view); }));
    element.appendChild(F.h("div", {className: "board-tray", "data-drop": "tray"}, [
      F.h("h3", {text: F.t("tray_count", {count: tray(view).length})}), trayList,
      chosen ? F.h("button", {type: "button", className: "button button-small", "data-move-to": "tray",
                              text: F.t("move_to_tray")}) : null]));
    wireConsole(element, view, context);
    container.appendChild(notesPanel(view, context));
  }

  // Notes as they come: approve or hide each, and choose what the screen shows of them.
  function notesPanel(view, context) {
    var notes = view.notes || [];
    var waiting = notes.filter(function (n) { return n.visibility === "pending"; }).length;
    var chosen = view.notes_screen || {mode: "off"};
    var onScreen = chosen.mode === "wall" ? F.t("notes_on_screen_wall")
      : chosen.mode === "topic" ? F.t("notes_on_screen_topic", {title: (topicById(view, chosen.topic_id) || {title: ""}).title})
        : F.t("notes_on_screen_off");
    var shown = view.topics.filter(function (t) { return !t.hidden; });
    var spot = F.h("select", {id: "notes-spotlight"}, shown.map(function (t) {
      return F.h("option", {value: String(t.id), text: t.title});
    }));
    if (chosen.mode === "topic") spot.value = String(chosen.topic_id);
    var topicCount = view.topics.filter(function (t) { return !t.hidden; }).length;
    var reportsLine = F.h("div", {className: "reports-console"}, [
      F.h("p", {text: F.t("reports_count", {count: (view.reported || []).length, topics: topicCount}) +
                (view.reports_open ? "" : " " + F.t("reports_closed"))}),
      F.h("div", {className: "actions"}, [
        F.h("button", {type: "button", className: "button button-small button-secondary", "data-reports-open": view.reports_open ? "no" : "yes",
                       text: view.reports_open ? F.t("reports_close") : F.t("reports_open")}),
        F.h("a", {href: "/console/events/" + encodeURIComponent(context.event.code) + "/open-space/" + view.id + "/reports",
                  text: F.t("reports_page")})])]);
    var panel = F.h("section", {className: "notes-console", "aria-labelledby": "notes-console-heading"}, [
      reportsLine,
      F.h("h3", {id: "notes-console-heading", text: F.t("notes_console", {count: notes.length}) +
                 (waiting ? " · " + F.t("notes_waiting", {count: waiting}) : "")}),
      F.h("p", {id: "notes-on-screen", role: "status", text: onScreen}),
      F.h("div", {className: "actions"}, [
        F.h("button", {type: "button", className: "button button-small button-secondary", "data-notes-mode": "wall",
                       text: F.t("notes_wall")}),
        F.h("button", {type: "button", className: "button button-small button-secondary", "data-notes-mode": "off",
                       text: F.t("notes_off")})]),
      shown.length ? F.h("div", {className: "field"}, [
        F.h("label", {"for": "notes-spotlight", text: F.t("notes_spotlight_label")}), spot,
        F.h("button", {type: "button", className: "button button-small button-secondary", "data-notes-mode": "topic",
                       text: F.t("notes_spotlight")})]) : null,
      notes.length ? F.h("ul", {className: "note-list", id: "console-notes"}, notes.slice(0, 60).map(consoleNote))
        : F.h("p", {text: F.t("notes_none")}),
      F.h("p", {}, [F.h("a", {href: "/console/events/" + encodeURIComponent(context.event.code) + "/open-space/" +
                              view.id + "/notes", text: F.t("notes_page")})])]);
    panel.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.reportsOpen) {
        context.send("set_reports_open", {stage_id: view.id, open: button.dataset.reportsOpen === "yes"});
      } else if (button.dataset.notesMode) {
        var payload = {stage_id: view.id, mode: button.dataset.notesMode};
        if (payload.mode === "topic") payload.topic_id = Number(spot.value);
        context.send("show_notes", payload, function (answer) {
          if (!answer.ok) consoleSay(answer.error);
        });
      } else if (button.dataset.note) {
        context.send("moderate_note", {id: Number(button.dataset.note), visibility: button.dataset.visibility},
                     function (answer) { if (!answer.ok) consoleSay(answer.error); });
      }
    });
    return panel;
  }

  function consoleNote(note) {
    var buttons = [];
    if (note.visibility !== "shown") {
      buttons.push(F.h("button", {type: "button", className: "button button-small", "data-note": note.id,
                                  "data-visibility": "shown", text: note.visibility === "hidden" ? F.t("note_show") : F.t("note_approve")}));
    }
    if (note.visibility !== "hidden") {
      buttons.push(F.h("button", {type: "button", className: "button button-small button-secondary", "data-note": note.id,
                                  "data-visibility": "hidden", text: F.t("note_hide")}));
    }
    return F.h("li", {className: "note-item note-" + note.visibility, id: "console-note-" + note.id}, [
      F.h("p", {className: "note-meta"}, [F.h("span", {className: "tag", text: kindWord(note.kind)}), " " + note.topic,
        note.source === "paper" ? F.h("span", {className: "tag", text: F.t("paper_card")}) : null,
        note.visibility === "pending" ? F.h("span", {className: "tag tag-warning", text: F.t("note_waiting_approval")})
          : note.visibility === "hidden" ? F.h("span", {className: "tag", text: F.t("hidden")}) : null]),
      F.h("p", {className: "note-text", text: note.text + (note.owner ? " — " + F.t("note_who", {owner: note.owner}) : "")}),
      buttons.length ? F.h("div", {className: "actions"}, buttons) : null]);
  }

  function consoleControls(view, context) {
    var m = view.measure || {missed: 0, overflow: 0, floor: 0};
    var movable = F.h("select", {id: "arrange-movable"}, [
      F.h("option", {value: "unscheduled", text: F.t("arrange_unscheduled")}),
      F.h("option", {value: "unlocked", text: F.t("arrange_unlocked")})]);
    var arrange = F.h("button", {type: "button", className: "button", id: "arrange", text: F.t("arrange")});
    arrange.addEventListener("click", function () {
      consoleSay(F.t("arranging"));
      context.send("arrange_topics", {stage_id: view.id, movable: movable.value}, function (answer) {
        if (!answer.ok) return;
        proposal = answer.preview;
        redraw();
        var heading = document.getElementById("proposal-heading");
        if (heading) heading.focus();
      });
    });
    var market = F.h("button", {type: "button", className: "button button-secondary", id: "marketplace-toggle",
                                text: view.marketplace_open ? F.t("close_market") : F.t("open_market")});
    market.addEventListener("click", function () {
      context.send("set_marketplace_open", {stage_id: view.id, open: !view.marketplace_open});
    });
    return F.h("div", {className: "board-controls"}, [
      F.h("p", {className: "board-measure", text: F.t("measure", {missed: m.missed, floor: m.floor, overflow: m.overflow})}),
      F.h("p", {text: stateWords(view)}),
      F.h("div", {className: "actions"}, [market,
        F.h("label", {"for": "arrange-movable", text: F.t("arrange_what")}), movable, arrange])]);
  }

  function previewPanel(view, context) {
    var rows = proposal.moves.map(function (move) {
      return F.h("tr", {}, [F.h("td", {text: move.title}), F.h("td", {text: move.from_label}),
                            F.h("td", {text: move.to_label})]);
    });
    var use = F.h("button", {type: "button", className: "button", id: "apply-arrangement", text: F.t("use_arrangement")});
    use.disabled = !proposal.moves.length;
    use.addEventListener("click", function () {
      var moves = proposal.moves.map(function (move) { return {topic_id: move.topic_id, to: move.to}; });
      context.send("apply_arrangement", {stage_id: view.id, moves: moves, board_key: proposal.board_key}, function (answer) {
        if (answer.ok) {
          proposal = null;
          redraw();   // the board may have been drawn again, with the proposal, before this answer
          consoleSay(F.t("arrangement_applied", {count: answer.moved}));
        }
      });
    });
    var keep = F.h("button", {type: "button", className: "button button-secondary", text: F.t("keep_board")});
    keep.addEventListener("click", function () { proposal = null; redraw(); });
    return F.h("section", {className: "arrange-preview", "aria-labelledby": "proposal-heading"}, [
      F.h("h3", {id: "proposal-heading", tabindex: "-1", text: F.t("proposal")}),
      F.h("p", {text: proposal.words}),
      F.h("p", {text: F.t("floor_words", {floor: proposal.floor})}),
      rows.length ? F.h("table", {className: "moves"}, [
        F.h("thead", {}, [F.h("tr", {}, [F.h("th", {scope: "col", text: F.t("topic")}),
          F.h("th", {scope: "col", text: F.t("from")}), F.h("th", {scope: "col", text: F.t("to")})])]),
        F.h("tbody", {}, rows)]) : null,
      F.h("div", {className: "actions"}, [use, keep])]);
  }

  function consoleCell(view, space, slot) {
    var topics = topicsIn(view, space.id, slot.id);
    var free = view.sharing || !topics.length;
    var cell = F.h("td", {"data-space": space.id, "data-slot": slot.id, className: free ? "cell-free" : "cell-taken"});
    if (topics.length) cell.appendChild(F.h("ul", {className: "board-cell"}, topics.map(function (t) { return consoleCard(t, view); })));
    if (chosen && free && !topics.some(function (t) { return t.id === chosen; })) {
      cell.appendChild(F.h("button", {type: "button", className: "button button-small move-here",
                                      "data-move-to": space.id + ":" + slot.id},
        [F.t("move_here"), F.h("span", {className: "visually-hidden", text: ": " + space.name + ", " + slot.label})]));
    }
    return cell;
  }

  function consoleCard(topic, view) {
    var flags = [topic.over_capacity ? F.t("over_capacity") : null, topic.help_wanted ? F.t("help_wanted") : null,
                 topic.source === "paper" ? F.t("paper_card") : null, topic.locked ? F.t("locked") : null,
                 topic.hidden ? F.t("hidden") : null].filter(Boolean);
    var isChosen = chosen === topic.id;
    var buttons = F.h("span", {className: "post-buttons"}, [
      F.h("button", {type: "button", className: "button button-small", "data-choose": topic.id,
                     "aria-pressed": isChosen ? "true" : "false"},
          [isChosen ? F.t("moving") : F.t("move"), F.h("span", {className: "visually-hidden", text: ": " + topic.title})]),
      F.h("button", {type: "button", className: "button button-small button-secondary", "data-lock": topic.id},
          [topic.locked ? F.t("unlock") : F.t("lock"), F.h("span", {className: "visually-hidden", text: ": " + topic.title})]),
      F.h("button", {type: "button", className: "button button-small button-secondary", "data-hide": topic.id},
          [topic.hidden ? F.t("show") : F.t("hide"), F.h("span", {className: "visually-hidden", text: ": " + topic.title})])]);
    return F.h("li", {className: "board-topic" + (topic.over_capacity ? " topic-over" : "") + (topic.hidden ? " topic-hidden" : "") +
                      (isChosen ? " topic-chosen" : ""),
                      draggable: topic.locked || topic.hidden ? null : "true", "data-topic": topic.id}, [
      F.h("span", {className: "board-topic-title", text: topic.title}),
      F.h("span", {className: "board-topic-meta", text: (topic.convener || F.t("anonymous")) + " · " + counts(topic)}),
      flags.length ? F.h("span", {className: "board-flags", text: flags.join(" · ")}) : null,
      buttons]);
  }

  function topicById(view, id) { return byId(view.topics, id); }

  function move(view, context, topicId, target) {
    var cell = target === "tray" ? [null, null] : target.split(":").map(Number);
    var topic = topicById(view, topicId);
    chosen = null;
    context.send("preview_move", {stage_id: view.id, topic_id: topicId, space_id: cell[0], slot_id: cell[1]}, function (effect) {
      context.send("place_topic", {topic_id: topicId, space_id: cell[0], slot_id: cell[1]}, function (answer) {
        if (!answer.ok) return;
        consoleSay(F.t("moved", {title: topic ? topic.title : ""}) + " " + (effect.ok ? effect.words : ""));
        var again = document.querySelector("button[data-choose='" + topicId + "']");
        if (again) again.focus();
      });
    });
    redraw();
  }

  function wireConsole(element, view, context) {
    element.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-choose")) {
        var id = Number(button.getAttribute("data-choose"));
        chosen = chosen === id ? null : id;
        redraw();
        var first = document.querySelector(chosen ? "button[data-move-to]" : "button[data-choose='" + id + "']");
        if (first) first.focus();
        if (chosen) consoleSay(F.t("choose_cell", {title: topicById(view, id).title}));
      } else if (button.hasAttribute("data-move-to") && chosen) {
        move(view, context, chosen, button.getAttribute("data-move-to"));
      } else if (button.hasAttribute("data-lock")) {
        var lockId = Number(button.getAttribute("data-lock"));
        context.send("lock_topic", {topic_id: lockId, locked: !topicById(view, lockId).locked});
      } else if (button.hasAttribute("data-hide")) {
        var hideId = Number(button.getAttribute("data-hide"));
        context.send("hide_topic", {topic_id: hideId, hidden: !topicById(view, hideId).hidden});
      }
    });
    element.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && chosen) {
        var id = chosen;
        chosen = null;
        redraw();
        var again = document.querySelector("button[data-choose='" + id + "']");
        if (again) again.focus();
      }
    });
    wireDragging(element, view, context);
  }

  function dropTarget(event) {
    var cell = event.target.closest("td[data-space], [data-drop=tray]");
    if (!cell) return null;
    return cell.hasAttribute("data-drop") ? "tray" : cell.getAttribute("data-space") + ":" + cell.getAttribute("data-slot");
  }

  function wireDragging(element, view, context) {
    var hovered = null;
    element.addEventListener("dragstart", function (event) {
      var card = event.target.closest("[data-topic][draggable]");
      if (!card) return;
      dragging = Number(card.getAttribute("data-topic"));
      event.dataTransfer.setData("text/plain", String(dragging));
      event.dataTransfer.effectAllowed = "move";
    });
    element.addEventListener("dragover", function (event) {
      var target = dropTarget(event);
      if (dragging === null || !target) return;
      event.preventDefault();
      if (target !== hovered && target !== "tray") {
        hovered = target;
        var cell = target.split(":").map(Number);
        context.send("preview_move", {stage_id: view.id, topic_id: dragging, space_id: cell[0], slot_id: cell[1]}, function (answer) {
          if (answer.ok && hovered === target) consoleSay(answer.words);
        });
      }
    });
    element.addEventListener("drop", function (event) {
      var target = dropTarget(event);
      if (dragging === null || !target) return;
      event.preventDefault();
      var id = dragging;
      dragging = null;
      hovered = null;
      move(view, context, id, target);
    });
    element.addEventListener("dragend", function () {
      if (dragging !== null) {
        dragging = null;
        redraw();
      }
    });
  }

  function redraw() {
    if (!lastDraw || !lastDraw.element.isConnected) return;
    var said = document.getElementById("board-say");
    var words = said ? said.textContent : "";
    F.stages.render("console", lastDraw.element, lastDraw.view, lastDraw.context);
    consoleSay(words);
  }

  // -- live changes -----------------------------------------------------------------------

  function onShow(page, stageId) {
    var stage = page.stage();
    return stage && stage.kind === KIND && stage.id === stageId ? stage : null;
  }

  function draw(page) {
    if (dragging !== null) return;   // drawn again when the drag ends
    page.draw();
  }

  ["phones", "screen", "console"].forEach(function (audience) {
    F.stages.on(audience, "board_changed", function (message, page) {
      var stage = onShow(page, message.stage.id);
      if (!stage) return;
      Object.keys(message.stage).forEach(function (key) { stage[key] = message.stage[key]; });
      if (audience === "console" && chosen && !topicById(stage, chosen)) chosen = null;
      draw(page);
    });
    F.stages.on(audience, "headcounts_changed", function (message, page) {
      var stage = onShow(page, message.stage_id);
      if (!stage) return;
      // Every slot's counts: a phone hears only the last message of a burst.
      stage.topics.forEach(function (topic) {
        topic.headcount = message.headcounts[String(topic.id)] || 0;
      });
      draw(page);
    });
  });
  // Notes: the console gets each note; the screen its whole notes part when it changed.
  ["note_added", "note_changed"].forEach(function (name) {
    F.stages.on("console", name, function (message, page) {
      var stage = onShow(page, message.stage_id);
      if (!stage) return;
      var others = (stage.notes || []).filter(function (n) { return n.id !== message.note.id; });
      stage.notes = name === "note_added" ? [message.note].concat(others)
        : (stage.notes || []).map(function (n) { return n.id === message.note.id ? message.note : n; });
      draw(page);
    });
  });
  ["note_added", "note_changed", "screen_notes_changed"].forEach(function (name) {
    F.stages.on("screen", name, function (message, page) {
      var stage = onShow(page, message.stage_id);
      if (!stage) return;
      stage.notes_screen = message.notes_screen;
      stage.notes = message.notes;
      draw(page);
    });
  });
  F.stages.on("console", "report_saved", function (message, page) {
    var stage = onShow(page, message.stage_id);
    if (!stage) return;
    stage.reported = (stage.reported || []).filter(function (id) { return id !== message.topic_id; })
      .concat([message.topic_id]);
    draw(page);
  });
  F.stages.on("console", "screen_notes_changed", function (message, page) {
    var stage = onShow(page, message.stage_id);
    if (!stage) return;
    stage.notes_screen = message.notes_screen;
    draw(page);
  });

  ["screen", "console"].forEach(function (audience) {
    F.stages.on(audience, "interest_changed", function (message, page) {
      var stage = onShow(page, message.stage_id);
      var topic = stage && topicById(stage, message.topic_id);
      if (!topic) return;
      topic.interest = message.interest;
      topic.over_capacity = message.over_capacity;
      draw(page);
    });
  });

  F.stages.register(KIND, {phones: phones, screen: screen, console: console,
                           update: {phones: phonesUpdate}});
})();
