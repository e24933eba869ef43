/* The leaders' dashboard: draws its charts from the figures embedded in the page (the same
   figures as the tables below each chart). Apache ECharts is served from our static files. */
(function () {
  "use strict";
  var dataNode = document.getElementById("dashboard-data");
  if (!dataNode || typeof window.echarts === "undefined") { return; }
  var data = JSON.parse(dataNode.textContent);
  var labels = JSON.parse(document.getElementById("dashboard-labels").textContent);
  var select = document.getElementById("indicator-select");
  var byCode = {};
  data.indicators.forEach(function (i) { byCode[i.code] = i; });
  var charts = [];
  var RED = "#c0392b", GREY = "#b0aca4";

  function make(id) {
    var node = document.getElementById(id);
    if (!node) { return null; }
    var chart = window.echarts.init(node, null, { renderer: "canvas" });
    charts.push(chart);
    return chart;
  }

  var trend = make("chart-trend");
  var children = make("chart-children");
  var ranking = make("chart-ranking");

  function title(id, text) {
    var node = document.getElementById(id);
    if (node) { node.textContent = text; }
  }

  function draw(code) {
    var meta = byCode[code] || { label: code, measure: "" };
    var suffix = meta.label + (meta.measure ? "（" + meta.measure + "）" : "");
    title("trend-title", suffix);
    title("children-title", suffix);
    if (trend) {
      var series = (data.trend.series[code] || []);
      trend.setOption({
        grid: { left: 48, right: 16, top: 24, bottom: 32 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.trend.months.map(function (m) { return m + "月"; }) },
        yAxis: { type: "value", name: meta.measure },
        series: [{ type: "line", name: meta.label, data: series, connectNulls: false,
                   itemStyle: { color: RED }, label: { show: true, position: "top" } }]
      }, true);
    }
    if (children) {
      var rows = data.children.slice().sort(function (a, b) {
        return (b.values[code] || 0) - (a.values[code] || 0);
      });
      children.setOption({
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: { type: "value" },
        yAxis: { type: "category", inverse: true, data: rows.map(function (c) { return c.name; }) },
        series: [{ type: "bar", name: meta.label, itemStyle: { color: RED },
                   label: { show: true, position: "right" },
                   data: rows.map(function (c) { return { value: c.values[code], unitId: c.id }; }) }]
      }, true);
    }
  }

  if (ranking && data.ranking) {
    var rows = data.ranking.townships;
    ranking.setOption({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", name: labels.score },
      yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.rank + ". " + r.name; }) },
      series: [{ type: "bar", name: labels.score, itemStyle: { color: GREY },
                 label: { show: true, position: "right" },
                 data: rows.map(function (r) { return { value: r.score, unitId: r.unit_id }; }) }]
    });
  }

  function drill(params) {
    if (params && params.data && params.data.unitId) {
      window.location.search = "?year=" + data.year + "&unit=" + params.data.unitId;
    }
  }
  if (children) { children.on("click", drill); }
  if (ranking) { ranking.on("click", drill); }

  var first = data.indicators.length ? data.indicators[0].code : null;
  if (select) {
    select.addEventListener("change", function () { draw(select.value); });
    first = select.value || first;
  }
  if (first) { draw(first); }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
