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
  var staff = /\/staff\/?$/.test(location.pathname);
  if (staff) root.classList.add("staff");  // a wider page for the table
  // Gradio sets the tab's title from the app's after load; the staff page keeps its own (sent by the server).
  var ownTitle = staff ? document.title : null;
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
  // ---- New answers: bring the first line into view, or offer a "新回答" pill; tell screen readers. ----
  var handled = 0, announced = 0, movedSinceAsk = !params.get("q"), pill = null, live = null;
  function ui() {
    if (pill) return;
    pill = document.createElement("button");
    pill.type = "button"; pill.className = "pb-pill"; pill.hidden = true; pill.textContent = "新回答 ↓";
    pill.setAttribute("aria-label", "跳到新回答");
    pill.addEventListener("click", function () { var a = latest(); pill.hidden = true; if (a) show(a, true); });
    live = document.createElement("div");
    live.className = "pb-sr"; live.setAttribute("role", "status"); live.setAttribute("aria-live", "polite");
    document.body.appendChild(pill); document.body.appendChild(live);
  }
  function answers() { return document.querySelectorAll("#chat .answer"); }
  function latest() { var a = answers(); return a.length ? a[a.length - 1] : null; }
  function rowOf(a) { return a.closest(".message-row") || a; }
  function dockHeight() { var d = document.getElementById("dock"); return d ? d.getBoundingClientRect().height : 0; }
  function inView(a) {
    var r = a.getBoundingClientRect();
    return r.top >= 0 && r.top + 24 <= window.innerHeight - dockHeight();
  }
  function show(a, focus) {
    // The question just above it stays in view when there is room for both.
    var row = rowOf(a), prev = row.previousElementSibling;
    while (prev && !prev.classList.contains("message-row")) prev = prev.previousElementSibling;
    var target = prev && prev.getBoundingClientRect().height < window.innerHeight / 4 ? prev : row;
    target.scrollIntoView({ block: "start" });
    if (focus) { a.setAttribute("tabindex", "-1"); a.focus({ preventScroll: true }); }
  }
  function firstLine(a) {
    var t = a.querySelector(".answer-status, .answer-text");
    var s = a.classList.contains("answer-notfound") ? a.querySelector(".answer-status") : a.querySelector(".answer-text");
    return ((s || t) ? (s || t).textContent : a.textContent).trim().slice(0, 120);
  }
  function onChatChange() {
    var list = answers(), n = list.length;
    if (n < handled) { handled = n; announced = n; }  // 新对话 emptied the chat
    if (n > handled) {
      handled = n;
      var a = list[n - 1];
      if (!movedSinceAsk) show(a, false);
      else if (!inView(a)) { ui(); pill.hidden = false; }
    }
    var last = list[n - 1];
    if (last && n > announced && !last.classList.contains("answer-pending")) {
      announced = n;
      ui();
      live.textContent = "新回答：" + firstLine(last);
      // While it streamed the page may have been too short to bring it up; now it is whole.
      if (!movedSinceAsk) show(last, false);
      else if (!inView(last)) pill.hidden = false;
    }
    if (pill && !pill.hidden && last && inView(last)) pill.hidden = true;
  }
  function asked() { movedSinceAsk = false; if (pill) pill.hidden = true; }
  // Only the reader's own scrolling counts; the page's scrollIntoView does not fire these.
  ["wheel", "touchmove"].forEach(function (t) {
    window.addEventListener(t, function () { movedSinceAsk = true; }, { passive: true });
  });
  window.addEventListener("keydown", function (ev) {
    if (/^(PageUp|PageDown|ArrowUp|ArrowDown|Home|End)$/.test(ev.key) && !ev.target.closest("#question")) movedSinceAsk = true;
  });
  window.addEventListener("scroll", function () {
    if (pill && !pill.hidden) { var a = latest(); if (a && inView(a)) pill.hidden = true; }
  }, { passive: true });

  function questionBox() { return document.querySelector("#question textarea, #question input"); }
  function ask(text) {
    var box = questionBox(), send = document.querySelector("#send");
    if (!box || !send) return;
    box.value = text;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(function () { send.click(); }, 0);  // after Gradio has taken the new value
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target.closest && ev.target.closest("button.followup, #send, #examples button");
    if (!t) return;
    asked();
    if (t.classList.contains("followup")) ask(t.textContent.trim());
  }, true);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey && ev.target.closest && ev.target.closest("#question")) asked();
  }, true);

  // ---- The question box counts characters near the limit; the server refuses longer questions. ----
  var LIMIT = 1000;
  function count() {
    var box = questionBox(), out = document.getElementById("q-count");
    if (!box) return;
    if (!out) {
      var status = document.getElementById("status");
      if (!status) return;
      out = document.createElement("p");
      out.id = "q-count"; out.className = "q-count"; out.setAttribute("aria-live", "polite");
      status.parentNode.insertBefore(out, status);
    }
    var n = box.value.length;
    out.textContent = n > LIMIT * 0.8 ? "已输入 " + n + " 个字，最多 " + LIMIT + " 个字" + (n > LIMIT ? "，请删减" : "") : "";
    out.classList.toggle("over", n > LIMIT);
  }
  document.addEventListener("input", function (ev) { if (ev.target.closest && ev.target.closest("#question")) count(); }, true);

  // ---- Dropdowns (staff filters) close on Esc and when focus leaves them (Gradio leaves them open). ----
  function closeList(input) {
    // Gradio closes a dropdown's list when its input hears "blur".
    if (input.getAttribute("aria-expanded") === "true") input.dispatchEvent(new FocusEvent("blur"));
  }
  document.addEventListener("keydown", function (ev) {
    var input = ev.target.closest && ev.target.closest("input[role=combobox]");
    if (ev.key === "Escape" && input && input.getAttribute("aria-expanded") === "true") {
      ev.stopPropagation();  // closes the list, not the portal widget around the page
      ev.preventDefault();
      closeList(input);
    }
  }, true);
  document.addEventListener("focusout", function (ev) {
    var input = ev.target.closest && ev.target.closest("input[role=combobox]");
    if (input) setTimeout(function () { if (document.activeElement !== input) closeList(input); }, 0);
  }, true);

  // ---- A question refused before it is queued (web/guard.py: 429/503 with X-Refusal): a polite line in the
  // chat instead of Gradio's error toast and the "错误" badge that covers the conversation. ----
  var refusal = null;  // {detail, until, message, retry, timer, node}
  var realFetch = window.fetch;
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    var p = realFetch.apply(this, arguments);
    if (!/\/queue\/join(\?|$)/.test(url)) return p;
    return p.then(function (resp) {
      if ((resp.status === 429 || resp.status === 503) && resp.headers.get("x-refusal")) {
        resp.clone().json().then(refused, function () { /* not ours after all: Gradio shows it */ });
      }
      return resp;
    });
  };
  function refused(body) {
    if (!body || !body.message) return;
    var retry = Math.max(1, parseInt(body.retry_after, 10) || 1);
    clearRefusal();
    root.classList.add("pb-refused");  // hides the toast and the badge (ui.css) until they are closed
    refusal = { detail: body.detail || "", message: body.message, retry: retry, until: Date.now() + retry * 1000 };
    var chat = document.getElementById("chat");
    var node = document.createElement("p");
    node.className = "pb-refusal"; node.setAttribute("role", "status"); node.setAttribute("aria-live", "polite");
    if (chat && chat.parentNode) chat.parentNode.insertBefore(node, chat.nextSibling);
    else document.body.appendChild(node);
    refusal.node = node;
    tick();
    refusal.timer = setInterval(tick, 1000);
    dismissGradioError();
  }
  function tick() {
    if (!refusal) return;
    var left = Math.ceil((refusal.until - Date.now()) / 1000);
    // The server's words carry the wait ("请 N 秒后再试"): count it down; at zero, say so.
    refusal.node.textContent = left > 0
      ? refusal.message.replace(String(refusal.retry), String(left))
      : "现在可以再问了，请点“发送”。";
    if (left <= 0) { clearInterval(refusal.timer); refusal.timer = null; }
  }
  function clearRefusal() {
    if (!refusal) return;
    if (refusal.timer) clearInterval(refusal.timer);
    if (refusal.node && refusal.node.parentNode) refusal.node.parentNode.removeChild(refusal.node);
    refusal = null;
  }
  function dismissGradioError() {
    // Close them the way a user would, so Gradio's state agrees with the page; the CSS hides them meanwhile.
    if (!refusal || !refusal.detail) return;
    var toasts = document.querySelectorAll(".toast-body.error");
    for (var i = 0; i < toasts.length; i++) {
      if (toasts[i].textContent.indexOf(refusal.detail) < 0) continue;
      var close = toasts[i].querySelector(".toast-close, button");
      if (close) close.click();
    }
    // Every output of the refused event (the chat, the question box, the status line) shows the badge.
    var trackers = document.querySelectorAll("[data-testid=status-tracker]");
    for (var j = 0; j < trackers.length; j++) {
      var clear = trackers[j].querySelector(".clear-status button");
      if (clear && trackers[j].querySelector(".error")) clear.click();
    }
  }
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest("button.followup, #send, #examples button, #new-chat")) {
      root.classList.remove("pb-refused"); clearRefusal();
    }
  }, true);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey && ev.target.closest && ev.target.closest("#question")) {
      root.classList.remove("pb-refused"); clearRefusal();
    }
  }, true);

  var obs = new MutationObserver(function () {
    if (refusal) dismissGradioError();
    if (root.lang !== "zh-CN") root.lang = "zh-CN";
    if (ownTitle && document.title !== ownTitle) document.title = ownTitle;
    var status = document.getElementById("status");
    if (status && !status.hasAttribute("role")) {
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
    }
    fixLabels(document);
    // The whole log as a live region would read every streamed piece; one line per answer instead.
    var log = document.querySelector("#chat [role=log]");
    if (log && log.getAttribute("aria-live") !== "off") log.setAttribute("aria-live", "off");
    onChatChange();
  });
  obs.observe(root, { attributes: true, attributeFilter: ["lang", "aria-label"], childList: true, subtree: true });
})();
