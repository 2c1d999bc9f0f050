// Shared helpers for every page: no inline scripts anywhere, so the CSP can stay strict.
"use strict";

(function () {
  // Everything people typed is put on the page with textContent, never as HTML.
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") el.textContent = value;
      else if (name === "className") el.className = value;
      else el.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return el;
  }

  // Translated strings for scripts: the page holds them in <script type="application/json">.
  var strings = null;
  function t(key, values) {
    if (strings === null) {
      var holder = document.getElementById("live-strings");
      strings = holder ? JSON.parse(holder.textContent) : {};
    }
    var text = strings[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("%(" + name + ")s").join(String(values[name]));
    });
    return text;
  }

  // An id made on this device, so a send retried after a bad connection is stored once.
  function newId() {
    if (window.crypto && window.crypto.getRandomValues) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      return Array.prototype.map.call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      }).join("");
    }
    return (Date.now().toString(16) + Math.random().toString(16).slice(2)).slice(0, 32);
  }

  function load(key, fallback) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (error) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Private mode or a full store: the item stays in memory for this page.
    }
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  // Text in a box of fixed size (the screen's walls): when it does not fit, cut it after the
  // last whole line that fits and end it with "…", never halfway through a line. A class per
  // line count, not a style attribute: the Content-Security-Policy allows no inline styles.
  var MOST_LINES = 12;
  function clampToFit(el) {
    for (var n = 1; n <= MOST_LINES; n += 1) el.classList.remove("clamp-" + n);
    el.classList.remove("clamped");
    if (el.scrollHeight <= el.clientHeight + 1) return;
    var line = parseFloat(window.getComputedStyle(el).lineHeight);
    if (!line) return;
    var lines = Math.max(1, Math.min(MOST_LINES, Math.floor((el.clientHeight + 1) / line)));
    el.classList.add("clamped", "clamp-" + lines);
  }

  // A join address as text nodes that may wrap before "/j/", never inside the join code.
  function addressParts(address) {
    var cut = address.lastIndexOf("/j/");
    if (cut <= 0) return [document.createTextNode(address)];
    return [document.createTextNode(address.slice(0, cut)), document.createElement("wbr"),
            document.createTextNode(address.slice(cut))];
  }

  window.Facilitate = window.Facilitate || {};
  window.Facilitate.h = h;
  window.Facilitate.t = t;
  window.Facilitate.newId = newId;
  window.Facilitate.load = load;
  window.Facilitate.save = save;
  window.Facilitate.clear = clear;
  window.Facilitate.clampToFit = clampToFit;
  window.Facilitate.addressParts = addressParts;
})();
