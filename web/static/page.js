/* 长辈模式 on plain pages: the same stored switch as the chat. */
(function () {
  "use strict";
  var KEY = "policybot-elder";
  var root = document.documentElement;
  function stored() { try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; } }
  function apply(on) {
    root.classList.toggle("elder", on);
    var b = document.querySelector(".elder-switch");
    if (b) b.setAttribute("aria-pressed", on ? "true" : "false");
  }
  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    apply(stored());
    var b = document.querySelector(".elder-switch");
    if (b) b.addEventListener("click", function () {
      var on = !root.classList.contains("elder");
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
      apply(on);
    });
    var cited = document.getElementById("cited");
    if (cited) cited.focus({ preventScroll: true });  // screen readers start at the cited span
  });
  window.addEventListener("load", function () {
    // After the browser's own jump to #cited: centre the span, clear of the sticky bar.
    var cited = document.getElementById("cited");
    if (cited) cited.scrollIntoView({ block: "center" });
  });
})();
