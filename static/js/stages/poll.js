// Poll: one question at a time on phones (stepped through from the console); answers go
// through the outbox as answer_poll and can be changed until the question closes; the screen
// and console draw bar charts (phones and paper apart), hidden until the facilitator shows
// them. The ladder (ladder.js) uses the helpers this file puts in Facilitate.polls.
"use strict";
(function () {
  var F = window.Facilitate;
  var SVG = "http://www.w3.org/2000/svg";
  var drafts = {};   // "<stage>:<question>" -> values chosen but not sent yet

  function svg(tag, attrs) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (name) { el.setAttribute(name, String(attrs[name])); });
    return el;
  }

  function labelOf(question, value) {
    var found = question.choices.filter(function (c) { return c.value === value; })[0];
    return found ? found.label : String(value);
  }

  // A bar: phones dark, paper after it in a lighter colour; the numbers are in the text too.
  function barSvg(phone, paper, most, className) {
    var box = svg("svg", {"class": className || "poll-bar-svg", viewBox: "0 0 100 10",
                          preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false"});
    var w = most ? 100 * phone / most : 0;
    var p = most ? 100 * paper / most : 0;
    box.appendChild(svg("rect", {"class": "bar-phone", x: 0, y: 0, height: 10, width: w.toFixed(2)}));
    box.appendChild(svg("rect", {"class": "bar-paper", x: w.toFixed(2), y: 0, height: 10, width: p.toFixed(2)}));
    return box;
  }

  function countText(phone, paper) {
    return String(phone) + (paper ? " " + F.t("poll_on_paper", {count: paper}) : "");
  }

  // reverse: the highest value first (the ladder, top rung first).
  function bars(question, reverse) {
    var most = 1;
    question.counts.forEach(function (c) { most = Math.max(most, c.phone + c.paper); });
    var list = F.h("ul", {className: "poll-bars"});
    var counts = reverse ? question.counts.slice().reverse() : question.counts;
    counts.forEach(function (c) {
      list.appendChild(F.h("li", {className: "poll-bar"}, [
        F.h("span", {className: "poll-bar-label", text: labelOf(question, c.value)}),
        barSvg(c.phone, c.paper, most),
        F.h("span", {className: "poll-bar-count", text: countText(c.phone, c.paper)})
      ]));
    });
    var median = question.kind === "scale" && question.median !== null && question.median !== undefined
      ? F.h("p", {className: "poll-median", text: F.t("poll_median", {value: question.median})}) : null;
    return F.h("div", {className: "poll-chart"}, [list, F.h("p", {className: "poll-totals",
      text: F.t("poll_totals", {phone: question.answered, paper: question.paper_total})}), median]);
  }

  function groupTable(question, groups, rows) {
    var head = F.h("tr", {}, [F.h("th", {scope: "col", text: F.t("poll_answer")})]);
    groups.forEach(function (g) { head.appendChild(F.h("th", {scope: "col", text: g.label})); });
    var body = F.h("tbody");
    (rows || question.choices).forEach(function (choice) {
      var index = question.choices.indexOf(choice);
      var row = F.h("tr", {}, [F.h("th", {scope: "row", text: choice.label})]);
      groups.forEach(function (g) {
        var counts = question.by_group && question.by_group[g.key];
        row.appendChild(F.h("td", {text: String(counts ? counts[index] : 0)}));
      });
      body.appendChild(row);
    });
    // A wide table scrolls inside its own box, not the page.
    return F.h("div", {className: "table-scroll", tabindex: "0", role: "region",
                       "aria-label": F.t("poll_by_group")}, [F.h("table", {className: "poll-groups"}, [
      F.h("caption", {text: F.t("poll_by_group")}), F.h("thead", {}, [head]), body])]);
  }

  function statusTags(question) {
    return F.h("span", {className: "poll-tags"}, [
      F.h("span", {className: "tag" + (question.status === "open" ? " tag-open" : ""),
                   text: F.t("poll_status_" + question.status)}), " ",
      F.h("span", {className: "tag", text: F.t(question.revealed ? "poll_status_shown" : "poll_status_hidden")})
    ]);
  }

  // What this phone answered last: waiting in the outbox, then sent, then the snapshot's.
  function answerOf(view, questionId, context) {
    function here(item) {
      return item.event === "answer_poll" && item.payload.stage_id === view.id &&
        item.payload.question_id === questionId;
    }
    var waiting = context.outbox ? context.outbox.items.filter(here) : [];
    if (waiting.length) {
      var last = waiting[waiting.length - 1];
      return {choices: last.payload.choices, state: "waiting", note: last.note};
    }
    var sent = context.outbox ? context.outbox.sent.filter(here) : [];
    var done = sent.filter(function (item) { return item.status !== "refused"; });
    var refused = sent.length && sent[sent.length - 1].status === "refused" ? sent[sent.length - 1] : null;
    var mine = context.mine().filter(function (m) { return m.question_id === questionId; })[0];
    var choices = done.length ? done[done.length - 1].payload.choices : mine ? mine.choices : null;
    return {choices: choices, state: refused ? "refused" : choices ? "saved" : "none",
            note: refused ? refused.note : ""};
  }

  function chosen(form, questionId) {
    return Array.prototype.filter.call(
      form.querySelectorAll("input[name=q" + questionId + "]"), function (input) { return input.checked; })
      .map(function (input) { return Number(input.value); });
  }

  // Ticks what the person chose: a draft first, else their last answer.
  function tick(form, view, questionId, context) {
    var draft = drafts[view.id + ":" + questionId];
    var answer = answerOf(view, questionId, context);
    var values = draft || answer.choices || [];
    Array.prototype.forEach.call(form.querySelectorAll("input[name=q" + questionId + "]"), function (input) {
      input.checked = values.indexOf(Number(input.value)) >= 0;
    });
  }

  function keepDraft(form, view, questionId) {
    form.addEventListener("change", function (event) {
      if (event.target.name === "q" + questionId) drafts[view.id + ":" + questionId] = chosen(form, questionId);
    });
  }

  // A new answer replaces the person's earlier one: an earlier answer still waiting to be
  // sent (offline) is dropped, so it cannot arrive after the new one.
  function send(context, view, questionId, values) {
    var outbox = context.outbox;
    var before = outbox.items.length;
    outbox.items = outbox.items.filter(function (item) {
      return !(item.event === "answer_poll" && item.payload.stage_id === view.id &&
               item.payload.question_id === questionId && !outbox.inFlight[item.id]);
    });
    if (outbox.items.length !== before) outbox.store();
    outbox.add("answer_poll", {stage_id: view.id, question_id: questionId, choices: values});
  }

  function showError(error, text) {
    error.textContent = text;
    error.hidden = !text;
  }

  // -- phones ---------------------------------------------------------------------------

  function phones(element, view, context) {
    element.appendChild(F.h("h1", {text: view.title, tabindex: "-1"}));
    var question = view.questions[0];
    if (!question) {
      element.appendChild(F.h("p", {className: "lead", text: F.t("poll_wait_question")}));
      return;
    }
    if (view.count > 1) {
      element.appendChild(F.h("p", {className: "poll-step", text: F.t("poll_question_of", {number: view.number, count: view.count})}));
    }
    if (question.status !== "open") {
      element.appendChild(F.h("p", {className: "notice", text: F.t(question.status === "closed" ? "poll_closed" : "poll_not_open")}));
    }
    var forms = F.stages.form("poll");
    if (!forms) return;
    var form = forms.querySelector("form");
    form.querySelector("input[name=stage_id]").value = String(view.id);
    form.querySelector(".poll-legend").textContent = question.text;
    var hint = question.kind === "multiple" ? F.t("poll_choose_up_to", {count: question.max})
      : question.kind === "scale" ? F.t("poll_choose_number") : F.t("poll_choose_one");
    form.querySelector("#poll-hint").textContent = hint + " " + F.t("poll_can_change");
    var box = form.querySelector(".poll-choices");
    if (question.kind === "scale") {
      box.classList.add("poll-scale");
      if (question.low || question.high) {
        box.parentNode.insertBefore(F.h("p", {className: "poll-scale-ends", text:
          question.choices[0].value + ": " + question.low + " · " +
          question.choices[question.choices.length - 1].value + ": " + question.high}), box);
      }
    }
    question.choices.forEach(function (choice) {
      var id = "q" + question.id + "-" + choice.value;
      box.appendChild(F.h("div", {className: "poll-choice"}, [
        F.h("input", {type: question.kind === "multiple" ? "checkbox" : "radio", name: "q" + question.id,
                      id: id, value: choice.value, disabled: question.status !== "open"}),
        F.h("label", {"for": id, text: choice.label})
      ]));
    });
    var button = form.querySelector("button[type=submit]");
    button.hidden = question.status !== "open";
    tick(form, view, question.id, context);
    keepDraft(form, view, question.id);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var values = chosen(form, question.id);
      var error = form.querySelector("#poll-error");
      if (!values.length) return showError(error, F.t("poll_choose_first"));
      if (values.length > question.max) return showError(error, F.t("poll_too_many", {count: question.max}));
      showError(error, "");
      delete drafts[view.id + ":" + question.id];
      send(context, view, question.id, values);
      context.say(context.online() ? F.t("sending") : F.t("saved_offline"));
    });
    element.appendChild(forms);
    if (question.revealed && question.counts) {
      element.appendChild(F.h("section", {className: "poll-results", "aria-label": F.t("poll_results")}, [
        F.h("h2", {text: F.t("poll_results")}), bars(question)]));
    }
  }

  function mineLine(line, view, questionId, context) {
    if (!line) return;
    var answer = answerOf(view, questionId, context);
    line.textContent = answer.state === "waiting"
      ? (context.online() ? F.t("sending") : F.t("poll_waiting")) + (answer.note ? " " + answer.note : "")
      : answer.state === "refused" ? F.t("poll_refused", {note: answer.note})
      : answer.state === "saved" ? F.t("poll_saved") : "";
  }

  function phonesUpdate(element, view, context) {
    var question = view.questions[0];
    if (question) mineLine(element.querySelector("#poll-mine"), view, question.id, context);
  }

  // -- the screen -----------------------------------------------------------------------

  function screen(element, view) {
    element.classList.add("stage-poll");
    // Many choices (a 0-10 scale, twelve options): smaller rows, so all fit the screen.
    if (view.questions[0] && view.questions[0].choices.length > 6) element.classList.add("poll-many");
    var question = view.questions[0];
    if (!question) {
      element.appendChild(F.h("h1", {className: "screen-question", text: view.title}));
      return;
    }
    if (view.count > 1) {
      element.appendChild(F.h("p", {className: "poll-step", text: F.t("poll_question_of", {number: view.number, count: view.count})}));
    }
    element.appendChild(F.h("h1", {className: "screen-question", text: question.text}));
    if (question.kind === "scale" && (question.low || question.high)) {
      element.appendChild(F.h("p", {className: "poll-scale-ends", text: question.choices[0].value + ": " +
        question.low + " · " + question.choices[question.choices.length - 1].value + ": " + question.high}));
    }
    if (!question.revealed || !question.counts) {
      // The choices stay on the screen, so the room can answer by a show of hands or on paper.
      if (question.kind !== "scale") {
        element.appendChild(F.h("ol", {className: "poll-choices"}, question.choices.map(function (choice) {
          return F.h("li", {text: choice.label});
        })));
      }
      element.appendChild(F.h("p", {className: "poll-hidden lead", text: F.t("poll_hidden")}));
      element.appendChild(F.h("p", {className: "poll-answered", text: F.t("poll_answered", {count: question.answered})}));
      return;
    }
    element.appendChild(bars(question));
    if (view.split && question.by_group) element.appendChild(groupTable(question, view.groups));
  }

  // -- the console ----------------------------------------------------------------------

  function button(context, label, payload, secondary) {
    var b = F.h("button", {type: "button", className: "button button-small" + (secondary ? " button-secondary" : ""), text: label});
    b.addEventListener("click", function () { context.send("control_poll", payload); });
    return b;
  }

  function paperLink(context, view, question) {
    return F.h("a", {href: "/console/events/" + context.event.code + "/polls/" + view.id + "/paper/" + question.id}, [
      F.t("poll_paper_link"), F.h("span", {className: "visually-hidden", text: ": " + question.text})]);
  }

  function controls(context, view, question) {
    var base = {stage_id: view.id, question_id: question ? question.id : null};
    function with_(action) { return {stage_id: base.stage_id, question_id: base.question_id, action: action}; }
    var first = question || view.questions[0];
    var row = F.h("div", {className: "actions"});
    if (question && view.current !== question.id) row.appendChild(button(context, F.t("poll_ask"), with_("ask")));
    row.appendChild(first.status === "open" ? button(context, F.t("poll_close"), with_("close"), true)
      : button(context, F.t("poll_open"), with_("open"), true));
    row.appendChild(first.revealed ? button(context, F.t("poll_hide"), with_("hide"), true)
      : button(context, F.t("poll_reveal"), with_("reveal")));
    row.appendChild(button(context, F.t(view.split ? "poll_unsplit" : "poll_split"),
      {stage_id: view.id, question_id: null, action: view.split ? "unsplit" : "split"}, true));
    return row;
  }

  function console(element, view, context) {
    var questionsUrl = "/console/events/" + context.event.code + "/polls/" + view.id;
    if (!view.questions.length) {
      element.appendChild(F.h("p", {}, [F.t("poll_no_questions"), " ",
        F.h("a", {href: questionsUrl, text: F.t("poll_questions_link")})]));
      return;
    }
    view.questions.forEach(function (question) {
      if (question.id !== view.current) return;
      element.appendChild(F.h("h3", {className: "poll-question", text:
        F.t("poll_question_of", {number: view.number, count: view.count}) + ": " + question.text}));
      element.appendChild(F.h("p", {}, [statusTags(question)]));
      element.appendChild(controls(context, view, question));
      var next = view.questions[view.number];
      if (next) {
        element.appendChild(F.h("div", {className: "actions"}, [F.h("button", {
          type: "button", className: "button", text: F.t("poll_next")})]));
        element.lastChild.firstChild.addEventListener("click", function () {
          context.send("control_poll", {stage_id: view.id, question_id: next.id, action: "ask"});
        });
      }
      element.appendChild(bars(question));
      element.appendChild(groupTable(question, view.groups));
      element.appendChild(F.h("p", {}, [paperLink(context, view, question)]));
    });
    element.appendChild(F.h("p", {}, [F.h("a", {href: questionsUrl, text: F.t("poll_questions_link")})]));
    element.appendChild(F.h("h3", {text: F.t("poll_all_questions")}));
    var list = F.h("ol", {className: "poll-question-list"});
    view.questions.forEach(function (question) {
      var item = F.h("li", {"aria-current": question.id === view.current ? "step" : null}, [
        question.text, " ", statusTags(question), " · " + F.t("poll_answered", {count: question.answered}) + " "]);
      if (question.id !== view.current) {
        item.appendChild(button(context, F.t("poll_ask"), {stage_id: view.id, question_id: question.id, action: "ask"}));
      }
      list.appendChild(item);
    });
    element.appendChild(list);
  }

  // -- live changes: each poll_changed carries the whole view for this audience ----------

  function replace(message, page) {
    var stage = page.stage();
    if (!stage || stage.id !== message.stage.id) return;
    Object.keys(stage).forEach(function (key) { delete stage[key]; });
    Object.keys(message.stage).forEach(function (key) { stage[key] = message.stage[key]; });
    page.draw();
  }
  ["phones", "screen", "console"].forEach(function (audience) {
    F.stages.on(audience, "poll_changed", replace);
  });

  F.polls = {svg: svg, bars: bars, barSvg: barSvg, countText: countText, groupTable: groupTable,
             statusTags: statusTags, answerOf: answerOf, chosen: chosen, tick: tick,
             keepDraft: keepDraft, drafts: drafts, showError: showError, mineLine: mineLine,
             controls: controls, paperLink: paperLink, send: send};
  F.stages.register("poll", {phones: phones, screen: screen, console: console,
                             update: {phones: phonesUpdate}});
})();
