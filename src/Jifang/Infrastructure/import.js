// 导入页面的进度显示：以服务器推送事件（SSE）读取 /api/import 的进度，不支持时退回普通表单提交。
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form || !window.fetch || !window.TextDecoder) { return; }
  form.addEventListener("submit", function (event) {
    var file = form.querySelector("input[type=file]").files[0];
    if (!file) { return; }
    event.preventDefault();
    var data = new FormData();
    data.append("file", file);
    data.append("unit", form.querySelector("[name=Unit]").value);
    data.append("division", form.querySelector("[name=Division]").value);
    data.append("dryRun", form.querySelector("input[type=checkbox][name=DryRun]").checked ? "true" : "false");
    var box = document.getElementById("import-progress");
    var bar = document.getElementById("import-bar");
    var stage = document.getElementById("import-stage");
    var result = document.getElementById("import-result");
    box.hidden = false; bar.value = 0; stage.textContent = "上传中…"; result.textContent = "";
    fetch(form.getAttribute("data-api"), { method: "POST", body: data, headers: { "Accept": "text/event-stream" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          // A refusal before the stream (a file over Import:MaxFileBytes: 413) is a ProblemDetails carrying the report.
          return response.json().then(function (problem) {
            if (!problem.errors) { throw new Error(problem.detail || ("HTTP " + response.status)); }
            bar.value = 100; stage.textContent = "未导入任何数据"; render(problem);
          }, function () { throw new Error("HTTP " + response.status); });
        }
        if (!response.body) { throw new Error("HTTP " + response.status); }
        var reader = response.body.getReader(), decoder = new TextDecoder(), buffer = "";
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) { return; }
            buffer += decoder.decode(chunk.value, { stream: true });
            var parts = buffer.split("\n\n"); buffer = parts.pop();
            parts.forEach(handle);
            return pump();
          });
        }
        return pump();
      })
      .catch(function (error) { stage.textContent = "导入失败：" + error.message; });

    function handle(block) {
      var name = "message", payload = "";
      block.split("\n").forEach(function (line) {
        if (line.indexOf("event:") === 0) { name = line.slice(6).trim(); }
        else if (line.indexOf("data:") === 0) { payload += line.slice(5).trim(); }
      });
      if (!payload) { return; }
      var value = JSON.parse(payload);
      if (name === "progress") {
        bar.value = value.total > 0 ? Math.round(100 * value.done / value.total) : 0;
        stage.textContent = value.label + " " + value.done + " / " + value.total;
      } else if (name === "report") {
        bar.value = 100;
        stage.textContent = value.accepted ? (value.dryRun ? "试导入通过（未写入）" : "导入完成") : "未导入任何数据";
        render(value);
      }
    }

    function render(report) {
      var p = document.createElement("p");
      p.className = report.accepted ? "ok" : "bad";
      p.textContent = report.accepted
        ? "场所 " + report.sites + " 个，技防系统 " + report.systems + " 套，设备 " + report.devices + " 台；发现问题 " + report.findings + " 条。"
        : "文件中有 " + report.errors.length + " 处问题：";
      result.appendChild(p);
      var list = document.createElement("ul");
      report.errors.concat(report.warnings.map(function (w) { return { text: "提示：" + w }; })).forEach(function (e) {
        var li = document.createElement("li"); li.textContent = e.text; list.appendChild(li);
      });
      result.appendChild(list);
    }
  });
})();
