/*
 * Portal widget: one <script> tag adds a floating chat launcher.
 *
 *   <script src="https://BOT-SERVER/widget.js" defer
 *           data-title="政策问答" data-position="bottom-right" data-color="#1d4ed8"
 *           data-open="false" data-question=""></script>
 *
 * data-position: bottom-right (default) | bottom-left | top-right | top-left
 * data-color:    launcher and header colour, #rgb or #rrggbb; text colour is chosen for contrast
 * data-open:     "true" opens the chat when the page loads
 * data-question: asked as soon as the chat opens
 * data-label:    the launcher's visible text (default "问答")
 *
 * Everything lives in a shadow root, so host page styles neither leak in nor out; the chat is an
 * <iframe> of this server's /ui/ page. The server must list the host's origin in BOT_ALLOWED_ORIGINS.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__policybotWidget) return;
  window.__policybotWidget = true;

  var src = new URL(script.src, location.href);
  var base = src.href.replace(/\/widget\.js(\?.*)?$/, "");
  var origin = src.origin;
  var ds = script.dataset;
  var title = (ds.title || "政策问答").slice(0, 40);
  var label = (ds.label || "问答").slice(0, 12);
  var position = /^(bottom|top)-(left|right)$/.test(ds.position || "") ? ds.position : "bottom-right";
  var color = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(ds.color || "") ? ds.color : "#1d4ed8";
  var openOnLoad = /^(true|1|yes)$/i.test(ds.open || "");
  var question = (ds.question || "").slice(0, 1000);
  var ELDER_KEY = "policybot-widget-elder";
  // The accessible name contains the visible text (WCAG 2.5.3), and says what the button does.
  var openName = "打开" + title + (title.indexOf(label) >= 0 ? "" : "（" + label + "）");
  var closeName = "关闭" + title + (title.indexOf(label) >= 0 ? "" : "（" + label + "）");

  function textColour(hex) {
    // WCAG relative luminance: pick whichever of black or white contrasts more with the colour.
    var h = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, "$&$&").slice(1) : hex.slice(1);
    var lin = [0, 2, 4].map(function (i) {
      var c = parseInt(h.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var L = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
    return (L + 0.05) / 0.05 > 1.05 / (L + 0.05) ? "#000000" : "#ffffff";
  }
  var fg = textColour(color);
  var vertical = position.split("-")[0], side = position.split("-")[1];

  var css = [
    ":host { all: initial; }",
    "* { box-sizing: border-box; font-family: 'WenQuanYi Zen Hei','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif; line-height: 1.5; }",
    ".launcher { position: fixed; " + vertical + ": 20px; " + side + ": 20px; z-index: 2147483000;",
    "  display: inline-flex; align-items: center; gap: 8px; min-height: 56px; min-width: 56px; padding: 0 20px;",
    "  border: 2px solid " + fg + "; border-radius: 28px; background: " + color + "; color: " + fg + ";",
    "  font-size: 18px; font-weight: 700; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.3); }",
    ".launcher svg { width: 24px; height: 24px; fill: currentColor; }",
    "button:focus-visible { outline: 3px solid #fff; outline-offset: 2px; box-shadow: 0 0 0 6px #111; }",
    ".panel { position: fixed; " + vertical + ": 88px; " + side + ": 20px; z-index: 2147483001;",
    "  width: 420px; height: min(680px, calc(100vh - 110px)); display: flex; flex-direction: column;",
    "  background: #fff; color: #111; border: 1px solid #555; border-radius: 12px; overflow: hidden;",
    "  box-shadow: 0 8px 30px rgba(0,0,0,.35); }",
    ".panel[hidden] { display: none; }",
    ".head { display: flex; align-items: center; gap: 8px; padding: 8px 10px; background: " + color + "; color: " + fg + "; }",
    ".head h2 { flex: 1; margin: 0; font-size: 18px; font-weight: 700; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }",
    ".head button { min-height: 44px; min-width: 44px; padding: 0 10px; border: 2px solid " + fg + "; border-radius: 8px;",
    "  background: transparent; color: " + fg + "; font-size: 16px; font-weight: 700; cursor: pointer; }",
    ".head .elder[aria-pressed='true'] { background: " + fg + "; color: " + color + "; }",
    ".head .close { font-size: 24px; line-height: 1; }",
    "iframe { flex: 1; width: 100%; border: 0; background: #fff; }",
    ".panel.elder { width: 560px; height: min(860px, calc(100vh - 110px)); }",
    ".panel.elder .head h2 { font-size: 24px; } .panel.elder .head button { font-size: 20px; min-height: 48px; }",
    "@media (max-width: 600px) {",
    "  .panel, .panel.elder { top: 0; bottom: 0; left: 0; right: 0; width: 100%; height: 100%; border-radius: 0; border: 0; }",
    "  .launcher { " + vertical + ": 12px; " + side + ": 12px; }",
    "}",
    "@media (prefers-reduced-motion: no-preference) { .launcher { transition: transform .15s; } .launcher:hover { transform: scale(1.05); } }"
  ].join("\n");

  var host = document.createElement("div");
  host.id = "policybot-widget";
  var shadow = host.attachShadow({ mode: "open" });
  var style = document.createElement("style");
  style.textContent = css;
  shadow.appendChild(style);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  var launcher = el("button", {
    type: "button", "class": "launcher", "aria-label": openName,
    "aria-expanded": "false", "aria-controls": "policybot-panel"
  });
  launcher.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z"/></svg>';
  launcher.appendChild(el("span", { "aria-hidden": "true" }, label));

  var panel = el("div", {
    id: "policybot-panel", "class": "panel", role: "dialog", "aria-modal": "false",
    "aria-labelledby": "policybot-title"
  });
  panel.hidden = true;
  var head = el("div", { "class": "head" });
  head.appendChild(el("h2", { id: "policybot-title" }, title));
  var elderBtn = el("button", { type: "button", "class": "elder", "aria-pressed": "false" }, "长辈模式");
  var closeBtn = el("button", { type: "button", "class": "close", "aria-label": "关闭" + title }, "×");
  head.appendChild(elderBtn);
  head.appendChild(closeBtn);
  panel.appendChild(head);
  var frame = null, frameReady = false, focusWanted = false;

  shadow.appendChild(launcher);
  shadow.appendChild(panel);

  function storedElder() { try { return localStorage.getItem(ELDER_KEY) === "1"; } catch (e) { return false; } }
  function setElder(on, tellFrame) {
    elderBtn.setAttribute("aria-pressed", on ? "true" : "false");
    panel.classList.toggle("elder", on);
    try { localStorage.setItem(ELDER_KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
    if (tellFrame && frame && frame.contentWindow) {
      frame.contentWindow.postMessage({ type: "policybot:elder", on: on }, origin);
    }
  }

  function ensureFrame() {
    if (frame) return;
    var url = base + "/ui/?embed=1" + (storedElder() ? "&elder=1" : "") +
      (question ? "&q=" + encodeURIComponent(question) : "");
    frame = el("iframe", { title: title + "：对话窗口", src: url });
    panel.appendChild(frame);
  }

  function focusChat() {
    // Focus the frame here, then ask the page inside to put the cursor in its question box.
    frame.focus();
    frame.contentWindow.postMessage({ type: "policybot:focus" }, origin);
  }

  function open(wantFocus) {
    focusWanted = !!wantFocus;
    ensureFrame();
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-label", closeName);
    if (wantFocus && frameReady) focusChat();
  }

  function close() {
    if (panel.hidden) return;
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", openName);
    launcher.focus();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) open(true); else close(); });
  closeBtn.addEventListener("click", close);
  elderBtn.addEventListener("click", function () {
    setElder(elderBtn.getAttribute("aria-pressed") !== "true", true);
  });
  shadow.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && !panel.hidden) { ev.preventDefault(); close(); }
  });
  window.addEventListener("message", function (ev) {
    if (!frame || ev.source !== frame.contentWindow || ev.origin !== origin || !ev.data) return;
    if (ev.data.type === "policybot:ready") {
      // Gradio injects the page's script late, after the frame's load event: wait for its hello.
      frameReady = true;
      if (!panel.hidden && focusWanted) focusChat();
    } else if (ev.data.type === "policybot:close") close();
    else if (ev.data.type === "policybot:elder-changed") setElder(!!ev.data.on, false);
  });

  setElder(storedElder(), false);
  function mount() {
    document.body.appendChild(host);
    // Opening on load is the host page's explicit choice; focus stays where the visitor is.
    if (openOnLoad) open(false);
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
