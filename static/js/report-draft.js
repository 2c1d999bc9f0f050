// A session report on a phone: what the convener types is kept on this phone as they type,
// so a dropped connection, a reload or a flat battery loses nothing. Once the server has a
// newer report than the one the draft started from, the draft has been sent and is dropped.
"use strict";
(function () {
  var form = document.querySelector("form[data-draft-key]");
  if (!form) return;
  var key = "facilitate-report:" + form.getAttribute("data-draft-key");
  var savedAt = form.getAttribute("data-saved-at") || "";
  var status = document.getElementById("draft-status");

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrf_token" && el.name !== "client_id" &&
        ["text", "textarea", "date", "number"].indexOf(el.type) >= 0;
    });
  }

  function read() {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function write() {
    var values = {};
    fields().forEach(function (el) { values[el.name] = el.value; });
    try {
      window.localStorage.setItem(key, JSON.stringify({basedOn: savedAt, values: values}));
    } catch (e) { /* storage full or refused: the form still works */ }
  }

  var draft = read();
  if (draft && draft.basedOn !== savedAt) {
    window.localStorage.removeItem(key);   // sent since (or changed by a facilitator)
  } else if (draft && draft.values) {
    var changed = false;
    fields().forEach(function (el) {
      if (el.name in draft.values && draft.values[el.name] !== el.value) {
        el.value = draft.values[el.name];
        changed = true;
      }
    });
    if (changed && status) {
      status.textContent = status.getAttribute("data-restored");
      status.hidden = false;
    }
  }
  form.addEventListener("input", write);
})();
