// 公民查看申请：查找场所不离开页面。查找时读取同一页面 /Portal?q=…&county=… 的查找结果（服务器渲染的 HTML）放入本页，
// 点“选择”即把场所编号填入申请表（隐藏字段）并显示场所名称，已填写的内容不丢失。不支持脚本时，查找和选择照常以重新载入页面完成。
(function () {
  "use strict";
  var search = document.getElementById("site-search");
  var area = document.getElementById("search-area");
  var request = document.getElementById("request");
  if (!search || !area || !request || !window.fetch || !window.DOMParser) { return; }

  function choose(row) {
    var manual = document.getElementById("manual-site");
    var hidden = request.querySelector("input[name='Input.SiteId']");
    var shown = document.getElementById("chosen-site");
    var before = manual || shown;
    if (!hidden) {
      hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "Input.SiteId";
      before.parentNode.insertBefore(hidden, before);
    }
    if (!shown) {
      shown = document.createElement("p");
      shown.id = "chosen-site";
      hidden.parentNode.insertBefore(shown, hidden.nextSibling);
    }
    if (manual) { manual.parentNode.removeChild(manual); }
    hidden.value = row.getAttribute("data-site");
    shown.textContent = "申请查看的场所：";
    var name = document.createElement("strong");
    name.textContent = row.getAttribute("data-name");
    shown.appendChild(name);
    shown.appendChild(document.createTextNode("（" + row.getAttribute("data-address") + "，" + row.getAttribute("data-county") + "）"));
    shown.setAttribute("tabindex", "-1");
    shown.focus();
  }

  area.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.choose") : null;
    if (!link) { return; }
    event.preventDefault();
    choose(link.closest("tr"));
  });

  search.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = new URLSearchParams(new FormData(search)).toString();
    area.setAttribute("aria-busy", "true");
    fetch("/Portal?" + query, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status === 429 ? "请求过于频繁，请稍后再试" : "HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var found = new DOMParser().parseFromString(html, "text/html").getElementById("search-area");
        area.innerHTML = found ? found.innerHTML : "";
      })
      .catch(function (error) {
        area.innerHTML = "";
        var p = document.createElement("p");
        p.className = "error";
        p.setAttribute("role", "alert");
        p.textContent = "查找未成功：" + error.message;
        area.appendChild(p);
      })
      .then(function () { area.removeAttribute("aria-busy"); });
  });
})();
