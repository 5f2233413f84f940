// 报警处置台与报警中心的实时刷新：以服务器推送事件（SSE，/api/alarms/stream）得知新报警、处置步骤和系统告警，
// 随即重新读取页面中标有 data-live 的部分（服务器渲染的 HTML）。不支持脚本时页面照常可用，刷新即可看到最新内容。
//
// 新报警提醒：用户点击“开启声音和桌面提醒”后（浏览器只在用户操作后允许发声和请求通知权限），每来一条新报警，
// 页面以 WebAudio 生成一段短促的提示音（不加载任何外部文件），并在用户允许时弹出桌面通知（Notification API）。
// 哪些事件算“新报警”由 data-notify 决定：alarm（使用单位：新报警）或 reported（公安机关：报到本级、待签收的报警）。
// 每次提醒都在 window 上发出 jifang:alarm-alert 事件，便于测试与扩展。
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

  // —— 提醒 ——
  var STORE = "jifang.alarm-alerts";
  var toggle = document.getElementById("alert-toggle");
  var alertStatus = document.getElementById("alert-status");
  var notifier = parts.filter(function (p) { return p.hasAttribute("data-notify"); })[0] || null;
  var notify = notifier ? notifier.getAttribute("data-notify") : null;
  var level = notifier ? notifier.getAttribute("data-level") : null;
  var audio = null;
  var seen = {};

  function stored() { try { return window.localStorage.getItem(STORE) === "on"; } catch (e) { return false; } }
  function store(on) { try { window.localStorage.setItem(STORE, on ? "on" : "off"); } catch (e) { /* 隐私模式：只在本页有效 */ } }
  function enabled() { return document.body.getAttribute("data-alerts") === "on"; }

  function describe() {
    if (!alertStatus) { return; }
    if (!enabled()) { alertStatus.textContent = "新报警提醒：未开启"; return; }
    var n = window.Notification ? window.Notification.permission : "unsupported";
    alertStatus.textContent = n === "granted" ? "新报警提醒：声音和桌面通知已开启"
      : n === "denied" ? "新报警提醒：仅提示音（浏览器已阻止本站的桌面通知）"
      : n === "unsupported" ? "新报警提醒：仅提示音（浏览器不支持桌面通知）"
      : "新报警提醒：仅提示音（尚未允许桌面通知）";
    if (toggle) { toggle.textContent = "关闭提醒"; }
  }

  function setEnabled(on) {
    document.body.setAttribute("data-alerts", on ? "on" : "off");
    if (toggle) { toggle.textContent = on ? "关闭提醒" : "开启声音和桌面提醒"; toggle.setAttribute("aria-pressed", on ? "true" : "false"); }
    describe();
  }

  function audioContext() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return null; }
    if (!audio) { audio = new Context(); }
    if (audio.state === "suspended" && audio.resume) { audio.resume().catch(function () { /* 等待用户下一次操作 */ }); }
    return audio;
  }

  // 两声 880 Hz 的短音，共约 0.5 秒，音量渐入渐出以免爆音。
  function tone() {
    var ctx = audioContext();
    if (!ctx) { return false; }
    [0, 0.28].forEach(function (offset) {
      var start = ctx.currentTime + offset;
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.22);
    });
    return true;
  }

  function desktop(alarm) {
    if (!window.Notification || window.Notification.permission !== "granted") { return false; }
    try {
      var n = new window.Notification("新报警：" + alarm.siteName, {
        body: [alarm.priorityLabel ? "优先级" + alarm.priorityLabel : "", alarm.typeLabel, alarm.device, alarm.siteContactPhone ? "电话 " + alarm.siteContactPhone : ""]
          .filter(Boolean).join(" · "),
        tag: "jifang-alarm-" + alarm.id,
        requireInteraction: alarm.priority === "critical",
      });
      n.onclick = function () { window.focus(); window.location.href = "/Alarms/Details/" + alarm.id; };
      return true;
    } catch (e) {
      return false; // 某些浏览器只允许在 Service Worker 中创建通知：仍有提示音
    }
  }

  // 使用单位：每条新报警；公安机关：报到本级（上报或逐级上报至本级）、尚未签收的报警，每条一次。
  function isNew(kind, alarm) {
    if (!alarm || !alarm.id) { return false; }
    if (notify === "alarm") { return kind === "alarm"; }
    if (notify === "reported") { return kind === "alarm-updated" && alarm.policeLevel === level && !alarm.acknowledgedAt; }
    return false;
  }

  function alertFor(kind, data) {
    var alarm;
    try { alarm = JSON.parse(data); } catch (e) { return; }
    if (!enabled() || !isNew(kind, alarm)) { return; }
    if (seen[alarm.id]) { return; }
    seen[alarm.id] = true;
    var detail = { id: alarm.id, sound: tone(), notification: desktop(alarm) };
    window.dispatchEvent(new CustomEvent("jifang:alarm-alert", { detail: detail }));
  }

  if (toggle && notify) {
    toggle.hidden = false;
    setEnabled(stored());
    toggle.addEventListener("click", function () {
      if (enabled()) { store(false); setEnabled(false); return; }
      store(true);
      audioContext(); // 在用户的点击中创建，浏览器才允许发声
      setEnabled(true);
      if (window.Notification && window.Notification.permission === "default") {
        var asked = window.Notification.requestPermission(function () { describe(); });
        if (asked && asked.then) { asked.then(describe, describe); }
      }
    });
  }

  var source = new EventSource("/api/alarms/stream");
  source.addEventListener("ready", function () {
    if (status) { status.textContent = "实时推送：已连接"; status.className = "live ok"; }
    document.body.setAttribute("data-live", "ready");
  });
  ["alarm", "alarm-updated", "alert"].forEach(function (kind) {
    source.addEventListener(kind, function (event) {
      parts.forEach(function (part) {
        if ((" " + part.getAttribute("data-events") + " ").indexOf(" " + kind + " ") >= 0) { schedule(part, 150); }
      });
      if (kind !== "alert") { alertFor(kind, event.data); }
    });
  });
  source.onerror = function () {
    if (status) { status.textContent = "实时推送：连接中断，正在重连…"; status.className = "live bad"; }
    document.body.setAttribute("data-live", "lost");
  };
})();
