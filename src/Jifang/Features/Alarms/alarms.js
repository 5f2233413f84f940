// 报警处置台与报警中心的实时刷新：以服务器推送事件（SSE，/api/alarms/stream）得知新报警、处置步骤和系统告警，
// 随即重新读取页面中标有 data-live 的部分（服务器渲染的 HTML）。不支持脚本时页面照常可用，刷新即可看到最新内容。
(function () {
  "use strict";
  var parts = Array.prototype.slice.call(document.querySelectorAll("[data-live]"));
  var status = document.getElementById("live-status");
  if (!parts.length || !window.EventSource || !window.fetch) { return; }
  var pending = new Map();

  function refresh(part) {
    pending.delete(part);
    fetch(part.getAttribute("data-live"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (response.redirected || !response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        // 正在填写误报理由时不打断：稍后再刷新。
        var active = document.activeElement;
        if (active && part.contains(active) && active.tagName === "INPUT" && active.value) { schedule(part, 2000); return; }
        part.innerHTML = html;
        document.body.setAttribute("data-refreshed", String(Date.now()));
      })
      .catch(function (error) { if (status) { status.textContent = "实时推送：刷新失败（" + error.message + "）"; } });
  }

  function schedule(part, delay) {
    if (pending.has(part)) { return; }
    pending.set(part, window.setTimeout(function () { refresh(part); }, delay));
  }

  var source = new EventSource("/api/alarms/stream");
  source.addEventListener("ready", function () {
    if (status) { status.textContent = "实时推送：已连接"; status.className = "live ok"; }
    document.body.setAttribute("data-live", "ready");
  });
  ["alarm", "alarm-updated", "alert"].forEach(function (kind) {
    source.addEventListener(kind, function () {
      parts.forEach(function (part) {
        if ((" " + part.getAttribute("data-events") + " ").indexOf(" " + kind + " ") >= 0) { schedule(part, 150); }
      });
    });
  });
  source.onerror = function () {
    if (status) { status.textContent = "实时推送：连接中断，正在重连…"; status.className = "live bad"; }
    document.body.setAttribute("data-live", "lost");
  };
})();
