// The ladder of co-production: phones answer "Where are we now?" and "Where do we want to be?"
// on the seven rungs (a poll of two questions: answer_poll through the outbox), with an
// easy-read view; the screen draws a ladder with both counts on each rung, the medians and
// the gap, split by role group when the facilitator asks. Helpers come from poll.js
// (Facilitate.polls), which loads after this file: they are used only when drawing.
"use strict";
(function () {
  var F = window.Facilitate;
  var EASY_KEY = "facilitate.easy-read";

  function P() { return F.polls; }

  function question(view, part) {
    return view.questions.filter(function (q) { return q.part === part; })[0];
  }

  // -- phones ---------------------------------------------------------------------------

  function setEasy(box, toggle, on) {
    box.classList.toggle("easy-read", on);
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function phones(element, view, context) {
    var box = F.h("div", {className: "ladder-phone", id: "ladder-phone"});
    element.appendChild(box);
    box.appendChild(F.h("h1", {text: view.title, tabindex: "-1"}));
    if (view.subject) box.appendChild(F.h("p", {className: "question", text: view.subject}));
    var toggle = F.h("button", {type: "button", className: "button button-secondary", id: "easy-toggle",
                                "aria-pressed": "false", text: F.t("ladder_easy_read")});
    box.appendChild(F.h("p", {className: "easy-toggle"}, [toggle]));
    var easy = F.load(EASY_KEY, false) === true;
    setEasy(box, toggle, easy);
    toggle.addEventListener("click", function () {
      easy = !easy;
      F.save(EASY_KEY, easy);
      setEasy(box, toggle, easy);
    });
    var forms = F.stages.form("ladder");
    if (!forms) return;
    var form = forms.querySelector("form");
    form.querySelector("input[name=stage_id]").value = String(view.id);
    view.questions.forEach(function (q) {
      var set = form.querySelector("fieldset[data-question-id='" + q.id + "']");
      if (!set) return;
      Array.prototype.forEach.call(set.querySelectorAll("input[type=radio]"), function (input) {
        input.disabled = q.status !== "open";
      });
      if (q.status !== "open") {
        set.insertBefore(F.h("p", {className: "notice", text: F.t(q.status === "closed" ? "poll_closed" : "poll_not_open")}),
                         set.querySelector("ol"));
      }
      P().tick(form, view, q.id, context);
      P().keepDraft(form, view, q.id);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var error = form.querySelector("#ladder-error");
      var open = view.questions.filter(function (q) { return q.status === "open"; });
      var missing = open.filter(function (q) { return !P().chosen(form, q.id).length; });
      if (missing.length) return P().showError(error, F.t("ladder_choose_both"));
      P().showError(error, "");
      open.forEach(function (q) {
        var values = P().chosen(form, q.id);
        var before = P().answerOf(view, q.id, context).choices;
        delete P().drafts[view.id + ":" + q.id];
        if (before && before.length === 1 && before[0] === values[0]) return;
        P().send(context, view, q.id, values);
      });
      context.say(context.online() ? F.t("ladder_saved") : F.t("saved_offline"));
      phonesUpdate(element, view, context);
    });
    box.appendChild(F.h("p", {className: "ladder-intro", text: F.t("ladder_intro")}));
    box.appendChild(forms);
    view.questions.forEach(function (q) {
      if (!q.revealed || !q.counts) return;
      box.appendChild(F.h("section", {className: "poll-results", "aria-label": q.text}, [
        F.h("h2", {text: F.t("poll_results") + ": " + q.text}), P().bars(q, true)]));
    });
    box.appendChild(F.h("p", {className: "credit", text: view.credit}));
  }

  function phonesUpdate(element, view, context) {
    var line = element.querySelector("#ladder-mine");
    if (!line) return;
    var answers = view.questions.map(function (q) { return P().answerOf(view, q.id, context); });
    var waiting = answers.filter(function (a) { return a.state === "waiting"; })[0];
    var refused = answers.filter(function (a) { return a.state === "refused"; })[0];
    line.textContent = waiting ? (context.online() ? F.t("sending") : F.t("poll_waiting"))
      : refused ? F.t("poll_refused", {note: refused.note})
      : answers.some(function (a) { return a.state === "saved"; }) ? F.t("ladder_saved") : "";
  }

  // -- the screen: a ladder, "now" to the left of each rung and "want" to the right --------

  function sideBar(count, paper, most, right) {
    var box = P().svg("svg", {"class": "ladder-bar", viewBox: "0 0 100 10", preserveAspectRatio: "none",
                              "aria-hidden": "true", focusable: "false"});
    var w = most ? 100 * (count + paper) / most : 0;
    box.appendChild(P().svg("rect", {"class": "bar-phone", y: 0, height: 10, width: w.toFixed(2),
                                     x: right ? (100 - w).toFixed(2) : 0}));
    return box;
  }

  function isMedian(median, number) {
    return median !== null && median !== undefined && Math.abs(median - number) < 1;
  }

  function ladder(view) {
    var now = question(view, "now");
    var want = question(view, "want");
    var most = 1;
    [now, want].forEach(function (q) {
      q.counts.forEach(function (c) { most = Math.max(most, c.phone + c.paper); });
    });
    var list = F.h("ol", {className: "ladder-screen", reversed: true});
    view.rungs.slice().reverse().forEach(function (rung) {
      var n = now.counts[rung.number - 1];
      var w = want.counts[rung.number - 1];
      var nowMedian = isMedian(now.median, rung.number);
      var wantMedian = isMedian(want.median, rung.number);
      list.appendChild(F.h("li", {className: "ladder-row" + (nowMedian ? " median-now" : "") + (wantMedian ? " median-want" : "")}, [
        F.h("span", {className: "ladder-side ladder-now"}, [
          nowMedian ? F.h("span", {className: "ladder-median", text: F.t("ladder_median")}) : null,
          sideBar(n.phone, n.paper, most, true),
          F.h("span", {className: "ladder-count", text: P().countText(n.phone, n.paper)})]),
        F.h("span", {className: "ladder-rung"}, [
          F.h("span", {className: "rung-name", text: rung.number + ". " + rung.name})]),
        F.h("span", {className: "ladder-side ladder-want"}, [
          F.h("span", {className: "ladder-count", text: P().countText(w.phone, w.paper)}),
          sideBar(w.phone, w.paper, most, false),
          wantMedian ? F.h("span", {className: "ladder-median", text: F.t("ladder_median")}) : null])
      ]));
    });
    var head = F.h("div", {className: "ladder-head", "aria-hidden": "true"}, [
      F.h("span", {className: "ladder-now", text: F.t("ladder_now")}), F.h("span"),
      F.h("span", {className: "ladder-want", text: F.t("ladder_want")})]);
    return F.h("div", {className: "ladder-board"}, [head, list]);
  }

  function summary(view) {
    if (view.gap === undefined || view.gap === null) return null;
    return F.h("p", {className: "ladder-summary", text: F.t("ladder_summary", {
      now: view.median_names.now, want: view.median_names.want, gap: view.gap})});
  }

  function earlierLine(view, tag) {
    var e = view.earlier;
    if (!e) return null;
    return F.h(tag || "p", {className: "ladder-earlier", text: F.t("ladder_earlier", {
      title: e.event_title + (e.date ? " (" + e.date + ")" : ""), now: e.now_name || "—",
      want: e.want_name || "—", count: e.answered_now})});
  }

  function groupTables(view) {
    return F.h("div", {className: "ladder-groups"}, view.questions.map(function (q) {
      var table = P().groupTable(q, view.groups, q.choices.slice().reverse());
      table.querySelector("caption").textContent = q.text + " — " + F.t("poll_by_group");
      table.setAttribute("aria-label", q.text + " — " + F.t("poll_by_group"));
      return table;
    }));
  }

  // Each role group's medians and gap: how people who draw on care see it beside staff.
  function groupMedians(view) {
    var head = F.h("tr", {}, ["ladder_group", "ladder_answered", "ladder_now", "ladder_want", "ladder_gap"]
      .map(function (key) { return F.h("th", {scope: "col", text: F.t(key)}); }));
    var body = F.h("tbody");
    view.group_medians.forEach(function (g) {
      var none = !g.answered;
      body.appendChild(F.h("tr", {className: none ? "group-empty" : ""}, [
        F.h("th", {scope: "row", text: g.label}),
        F.h("td", {text: String(g.answered)}),
        F.h("td", {text: none ? "—" : g.now_name}),
        F.h("td", {text: none ? "—" : g.want_name}),
        F.h("td", {text: none || g.gap === null ? "—" : String(g.gap)})]));
    });
    return F.h("div", {className: "table-scroll", tabindex: "0", role: "region",
                       "aria-label": F.t("ladder_by_group")}, [F.h("table", {className: "ladder-medians"}, [
      F.h("caption", {text: F.t("ladder_by_group")}), F.h("thead", {}, [head]), body])]);
  }

  function screen(element, view) {
    element.classList.add("stage-ladder");
    element.appendChild(F.h("h1", {className: "screen-question", text: view.title}));
    if (view.subject) element.appendChild(F.h("p", {className: "ladder-subject", text: view.subject}));
    var now = question(view, "now");
    var want = question(view, "want");
    // The ladder is drawn once both questions' results may be seen.
    if (!now || !want || !now.counts || !want.counts) {
      element.appendChild(F.h("p", {className: "poll-hidden lead", text: F.t("poll_hidden")}));
      element.appendChild(F.h("p", {className: "poll-answered", text: F.t("poll_answered", {count: now ? now.answered : 0})}));
      // Meanwhile the room sees what it is choosing from: the rungs, the top one first.
      element.appendChild(F.h("ul", {className: "ladder-rungs"},
        view.rungs.slice().reverse().map(function (rung) {
          return F.h("li", {}, [F.h("strong", {text: rung.number + ". " + rung.name}), " ",
                                F.h("span", {text: rung.description})]);
        })));
      return;
    }
    var s = summary(view);
    if (s) element.appendChild(s);
    var e = earlierLine(view);
    if (e) element.appendChild(e);
    if (view.split && view.group_medians) element.appendChild(groupMedians(view));
    else element.appendChild(ladder(view));
  }

  // -- the console ----------------------------------------------------------------------

  function console(element, view, context) {
    if (view.subject) element.appendChild(F.h("p", {className: "question", text: view.subject}));
    if (!view.questions.length) return;
    element.appendChild(P().controls(context, view, null));
    var s = summary(view);
    if (s) element.appendChild(s);
    element.appendChild(F.h("p", {}, [F.h("a", {href: "/console/events/" + context.event.code +
      "/ladders/" + view.id + "/earlier", text: F.t("ladder_earlier_link")}),
      view.earlier ? " " : null, earlierLine(view, "span")]));
    if (view.group_medians) element.appendChild(groupMedians(view));
    view.questions.forEach(function (q) {
      element.appendChild(F.h("h3", {}, [q.text, " ", P().statusTags(q)]));
      element.appendChild(P().bars(q, true));
      element.appendChild(P().groupTable(q, view.groups, q.choices.slice().reverse()));
      element.appendChild(F.h("p", {}, [P().paperLink(context, view, q)]));
    });
  }

  F.stages.register("ladder", {phones: phones, screen: screen, console: console,
                               update: {phones: phonesUpdate}});
})();
