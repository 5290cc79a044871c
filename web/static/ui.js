/* Glue for the Gradio pages: 长辈模式 state, page language, and talking to the portal widget. */
(function () {
  "use strict";
  var KEY = "policybot-elder";
  var root = document.documentElement;
  var params = new URLSearchParams(location.search);
  var embedded = window.parent !== window;

  function stored() { try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; } }
  function store(on) { try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ } }
  function tellParent(msg) { if (embedded) window.parent.postMessage(msg, "*"); }

  root.lang = "zh-CN";
  if (/\/staff\/?$/.test(location.pathname)) root.classList.add("staff");  // a wider page for the table
  if (embedded || params.get("embed") === "1") root.classList.add("embedded");
  if (params.get("elder") === "1") store(true);
  root.classList.toggle("elder", stored());

  window.policybot = {
    elder: function () { return root.classList.contains("elder"); },
    setElder: function (on) {
      on = !!on;
      root.classList.toggle("elder", on);
      store(on);
      tellParent({ type: "policybot:elder-changed", on: on });
    },
    focusQuestion: function () {
      // The widget may ask before Gradio has rendered the box: wait for it (at most 15 s).
      var find = function () { return document.querySelector("#question textarea, #question input"); };
      if (find()) { find().focus(); return; }
      var waiter = new MutationObserver(function () {
        if (find()) { waiter.disconnect(); find().focus(); }
      });
      waiter.observe(document.documentElement, { childList: true, subtree: true });
      setTimeout(function () { waiter.disconnect(); }, 15000);
    }
  };

  function setElderViaSwitch(on) {
    // Clicking the real checkbox keeps Gradio's state and the page class in step.
    var box = document.querySelector("#elder-switch input[type=checkbox]");
    if (box && box.checked !== on) box.click();
    else if (!box) window.policybot.setElder(on);
  }

  window.addEventListener("message", function (ev) {
    if (ev.source !== window.parent || !ev.data) return;
    if (ev.data.type === "policybot:elder") setElderViaSwitch(!!ev.data.on);
    else if (ev.data.type === "policybot:focus") window.policybot.focusQuestion();
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && embedded && !ev.defaultPrevented) tellParent({ type: "policybot:close" });
  });

  tellParent({ type: "policybot:ready" });

  // Gradio's own labels: some are English whatever the locale, and each message gets its raw
  // HTML as aria-label, which a screen reader would read out tag by tag.
  var LABELS = {
    "chatbot conversation": "对话记录", "Copy message": "复制这条消息", "Copy conversation": "复制全部对话",
    "Like": "赞：回答有帮助", "Dislike": "踩：回答没帮助", "赞": "赞：回答有帮助", "踩": "踩：回答没帮助",
    "Clear": "清空对话"
  };
  var PRESSED = { "Liked": "赞：回答有帮助", "Disliked": "踩：回答没帮助" };
  function fixLabels(scope) {
    var els = scope.querySelectorAll("[aria-label]");
    for (var i = 0; i < els.length; i++) {
      var e = els[i], l = e.getAttribute("aria-label");
      if (PRESSED[l]) { e.setAttribute("aria-label", PRESSED[l]); e.setAttribute("aria-pressed", "true"); }
      else if (LABELS[l]) {
        e.setAttribute("aria-label", LABELS[l]);
        if (/^(赞|踩|Like|Dislike)$/.test(l)) e.setAttribute("aria-pressed", "false");
      } else if (/^(bot|user)'s message:/.test(l)) e.removeAttribute("aria-label");
    }
  }
  var obs = new MutationObserver(function () {
    if (root.lang !== "zh-CN") root.lang = "zh-CN";
    var status = document.getElementById("status");
    if (status && !status.hasAttribute("role")) {
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
    }
    fixLabels(document);
  });
  obs.observe(root, { attributes: true, attributeFilter: ["lang", "aria-label"], childList: true, subtree: true });
})();
