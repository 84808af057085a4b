// The trace playground: type an expression, move the sliders; the server traces, checks and draws (POST
// /api/trace) and this page only shows what it returns. No framework, no build step.
"use strict";

const STARTERS = [
  { expr: "tanh(w1*x1 + w2*x2 + b)", values: { x1: 2, x2: 0, w1: -3, w2: 1, b: 6.8813735870195432 } },
  { expr: "x*x + 3*x", values: { x: 3 } },
  { expr: "exp(a) / (exp(a) + exp(b))", values: { a: 2, b: 1 } },
  // Three points: 24 nodes, the size the ≤ 100 ms slider-to-graph target is measured on.
  { expr: "((w*x1 + b - y1)^2 + (w*x2 + b - y2)^2 + (w*x3 + b - y3)^2) / 3",
    values: { w: 0.5, b: 0.1, x1: 1, y1: 2, x2: -1, y2: -1, x3: 2, y3: 1 } },
];
const FUNCTIONS = new Set(["exp", "log", "tanh", "relu", "sigmoid"]);

const $ = id => document.getElementById(id);
const state = {
  values: {}, variables: [], view: null, mode: "graph", step: 0, frames: null, framesKey: "", selected: null,
  inFlight: false, pending: null, playing: null,
};
window.dlx = { latencies: [], lastView: null, requests: 0 };

/// Names that look like variables (the server's parser is the judge; this only gives new names a slider).
function guessVariables(text) {
  const names = [];
  const re = /(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)(\s*\()?/g;
  let m;
  while ((m = re.exec(text))) {
    if (m[2] && !m[3] && !FUNCTIONS.has(m[2]) && !names.includes(m[2])) names.push(m[2]);
  }
  return names;
}

function requestBody(frames) {
  const expression = $("expr").value;
  const values = {};
  for (const name of guessVariables(expression)) {
    if (!(name in state.values)) state.values[name] = 1;
    values[name] = state.values[name];
  }
  return { expression, values, lang: window.LANG, frames };
}

/// Sends the current input; while a request is in flight only the newest input waits (no queue of stale ones).
function update(startedAt) {
  const job = { body: requestBody(false), startedAt: startedAt ?? performance.now() };
  if (state.inFlight) { state.pending = job; return; }
  send(job);
}

async function send(job) {
  state.inFlight = true;
  window.dlx.requests += 1;
  try {
    const response = await fetch("/api/trace", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(job.body),
    });
    const data = await response.json();
    if (!response.ok) showError(data, job.body.expression); else show(data, job);
  } catch (error) {
    showError({ error: String(error), column: null }, job.body.expression);
  } finally {
    state.inFlight = false;
    if (state.pending) { const next = state.pending; state.pending = null; send(next); }
  }
}

function showError(data, expression) {
  $("expr").classList.add("bad");
  $("error").textContent = errorText(data);
  const col = data.column;
  if (col && col >= 1) {
    const chars = Array.from(expression);
    const at = chars[col - 1] ?? " ";
    $("echo").innerHTML = escapeHTML(chars.slice(0, col - 1).join("")) + '<span class="at">' + escapeHTML(at) +
      "</span>" + escapeHTML(chars.slice(col).join(""));
  } else {
    $("echo").textContent = "";
  }
}

function show(view, job) {
  $("expr").classList.remove("bad");
  $("error").textContent = "";
  $("echo").textContent = "";
  const key = JSON.stringify([view.trace.title, view.variables]);
  const structureChanged = key !== state.key;
  state.key = key;
  state.view = view;
  window.dlx.lastView = view;
  if (JSON.stringify(view.variables) !== JSON.stringify(state.variables)) buildVariables(view.variables);
  state.frames = null;
  if (structureChanged) { state.step = 0; state.selected = null; }
  if (state.mode === "frames") { loadFrames(); } else { drawFigure(); }
  drawGradients(view);
  drawCheck(view);
  drawNarration(view);
  drawNode();
  requestAnimationFrame(() => {
    const ms = performance.now() - job.startedAt;
    window.dlx.latencies.push(ms);
    const sorted = [...window.dlx.latencies].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    $("latency").textContent = `${t("latency")}: ${ms.toFixed(0)} ms (${t("median")} ${median.toFixed(0)} ms, n = ${sorted.length})`;
  });
}

function buildVariables(names) {
  state.variables = names;
  const box = $("vars");
  box.innerHTML = names.length ? "" : `<div class="status">${escapeHTML(t("no-vars"))}</div>`;
  for (const name of names) {
    const v = state.values[name];
    const span = Math.max(5, Math.ceil(Math.abs(v) * 2));
    const row = document.createElement("div");
    row.className = "var";
    row.innerHTML = `<span class="name">${escapeHTML(name)}</span>
      <input type="range" min="${-span}" max="${span}" step="0.01" value="${v}" data-var="${escapeHTML(name)}" aria-label="${escapeHTML(name)}">
      <input type="number" step="any" value="${v}" data-var="${escapeHTML(name)}" aria-label="${escapeHTML(name)} value">
      <span class="grad" data-grad="${escapeHTML(name)}"></span>`;
    const [slider, number] = row.querySelectorAll("input");
    slider.addEventListener("input", () => {
      const started = performance.now();
      state.values[name] = Number(slider.value);
      number.value = slider.value;
      update(started);
    });
    number.addEventListener("input", () => {
      const x = Number(number.value);
      if (number.value === "" || !Number.isFinite(x)) return;
      const started = performance.now();
      state.values[name] = x;
      if (x < Number(slider.min) || x > Number(slider.max)) {
        const s = Math.ceil(Math.abs(x) * 2); slider.min = -s; slider.max = s;
      }
      slider.value = x;
      update(started);
    });
    box.appendChild(row);
  }
}

function leafOf(view, name) { return view.trace.nodes.find(n => n.label === name && n.kind === "leaf"); }
function scalar(summary) { return summary && summary.values ? summary.values[0] : null; }

function drawGradients(view) {
  const top = view.names[view.trace.output] ?? "f";
  for (const name of view.variables) {
    const node = leafOf(view, name);
    const cell = document.querySelector(`[data-grad="${CSS.escape(name)}"]`);
    if (cell && node) cell.textContent = `∂${top}/∂${name} = ${fmt(scalar(node.grad))}`;
  }
}

function drawCheck(view) {
  const rows = view.check.map(r => `<tr data-check="${escapeHTML(r.name)}"><td class="mono">${escapeHTML(r.name)}</td>
    <td class="mono backward">${fmt(r.backward)}</td><td class="mono central">${fmt(r.centralDifference)}</td>
    <td class="mono">${r.absoluteError.toExponential(1)}</td><td class="${r.passed ? "pass" : "fail"}">${r.passed ? "✓" : "✗"}</td></tr>`);
  $("check").innerHTML = `<tr><th>${t("variable")}</th><th>${t("backward")}</th><th>${t("central")}</th><th>${t("abserr")}</th><th>${t("ok")}</th></tr>` + rows.join("");
}

function lineHTML(line) {
  const classes = [line.kind];
  if (line.kind === "check") classes.push(line.passed ? "ok" : "no");
  if (state.mode === "frames" && line.step === state.step) classes.push("current");
  const step = line.step === undefined || line.step === null ? "" : ` data-step="${line.step}"`;
  return `<div class="${classes.join(" ")}"${step}>${escapeHTML(line.text)}</div>`;
}

function drawNarration(view) {
  $("narration").innerHTML = view.forward.map(lineHTML).join("") + view.backward.map(lineHTML).join("");
  const current = $("narration").querySelector(".current");
  if (current) current.scrollIntoView({ block: "nearest" });
}

function svgMarkup(text) { const i = text.indexOf("<svg"); return i >= 0 ? text.slice(i) : ""; }

function drawFigure() {
  const view = state.view;
  if (!view) return;
  let svg = view.svg.graph;
  if (state.mode === "backprop") svg = view.svg.backprop;
  if (state.mode === "frames" && state.frames) svg = state.frames[state.step] ?? view.svg.backprop;
  $("figure").innerHTML = svgMarkup(svg);
  $("tab-graph").classList.toggle("on", state.mode === "graph");
  $("tab-backprop").classList.toggle("on", state.mode === "backprop");
  $("step-count").textContent = state.mode === "frames"
    ? (window.LANG === "zh" ? `第 ${state.step + 1} 步，共 ${view.steps} 步` : `step ${state.step + 1} of ${view.steps}`)
    : (window.LANG === "zh" ? `共 ${view.steps} 步` : `${view.steps} steps`);
}

/// The flipbook frames of the current input, fetched once per input when the learner starts stepping.
async function loadFrames() {
  const body = requestBody(true);
  const key = JSON.stringify(body);
  if (state.frames && state.framesKey === key) { drawFigure(); drawNarration(state.view); return; }
  const response = await fetch("/api/trace", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  if (!response.ok) return;
  const view = await response.json();
  if (JSON.stringify(requestBody(true)) !== key) return;  // the input moved on meanwhile
  state.frames = view.svg.frames;
  state.framesKey = key;
  state.step = Math.min(state.step, Math.max(0, view.steps - 1));
  drawFigure();
  drawNarration(state.view);
}

function stepTo(k) {
  if (!state.view || state.view.steps === 0) return;
  state.mode = "frames";
  state.step = Math.max(0, Math.min(state.view.steps - 1, k));
  loadFrames();
}

function drawNode() {
  const view = state.view, id = state.selected;
  if (!view || id === null || !view.trace.nodes[id]) { $("node-body").textContent = t("click-node"); return; }
  const node = view.trace.nodes[id];
  const name = view.names[id];
  const top = view.names[view.trace.output] ?? "f";
  let html = `<div><b class="mono">${escapeHTML(name)}</b> ${node.op ? `(${escapeHTML(node.op)})` : ""}</div>`;
  html += `<div>${t("value")}: <span class="mono" id="node-value">${fmt(scalar(node.value))}</span></div>`;
  if (node.grad) html += `<div>${t("gradient")} ∂${escapeHTML(top)}/∂${escapeHTML(name)}: <span class="mono" id="node-grad">${fmt(scalar(node.grad))}</span></div>`;
  const why = view.why[String(id)];
  if (why) html += `<div class="mono" id="node-why">${why.map(l => escapeHTML(l.text)).join("\n")}</div>`;
  // A variable's row from the check table; an intermediate node's from the replayed forward pass.
  const row = node.kind === "leaf" ? view.check.find(r => r.name === node.label) : (view.nodeChecks || {})[String(id)];
  if (row) {
    html += `<div id="node-check">${t("checking")}: ${t("backward")} ${fmt(row.backward)}, ${t("central")} ${fmt(row.centralDifference)}, ` +
      `${t("abserr")} ${row.absoluteError.toExponential(1)} <span class="${row.passed ? "pass" : "fail"}">${row.passed ? "✓" : "✗"}</span></div>`;
  } else if (id !== view.trace.output) {
    html += `<div class="status">${t("not-variable")}</div>`;
  }
  $("node-body").innerHTML = html;
  $("node-body").classList.remove("status");
}

function setExpression(expr, values) {
  $("expr").value = expr;
  Object.assign(state.values, values);
  state.variables = [];  // rebuild the sliders with the starter's values
  update();
}

function buildStarters() {
  $("starters").innerHTML = "";
  t("starters").forEach((label, i) => {
    const b = document.createElement("button");
    b.textContent = label;
    b.addEventListener("click", () => setExpression(STARTERS[i].expr, STARTERS[i].values));
    $("starters").appendChild(b);
  });
}

function stopPlaying() { if (state.playing) { clearInterval(state.playing); state.playing = null; } }

$("expr").addEventListener("input", () => update());
$("tab-graph").addEventListener("click", () => { stopPlaying(); state.mode = "graph"; drawFigure(); drawNarration(state.view); });
$("tab-backprop").addEventListener("click", () => { stopPlaying(); state.mode = "backprop"; drawFigure(); drawNarration(state.view); });
$("step-back").addEventListener("click", () => { stopPlaying(); stepTo(state.mode === "frames" ? state.step - 1 : 0); });
$("step-next").addEventListener("click", () => { stopPlaying(); stepTo(state.mode === "frames" ? state.step + 1 : 0); });
$("step-play").addEventListener("click", () => {
  stopPlaying();
  stepTo(0);
  state.playing = setInterval(() => {
    if (!state.view || state.step >= state.view.steps - 1) { stopPlaying(); return; }
    stepTo(state.step + 1);
  }, 900);
});
$("figure").addEventListener("click", event => {
  const g = event.target.closest("g.node");
  const title = g && g.querySelector("title");
  const m = title && /^v(\d+)$/.exec(title.textContent.trim());
  if (!m) return;
  state.selected = Number(m[1]);
  drawNode();
});

const starterValues = STARTERS[0].values;
Object.assign(state.values, starterValues);
initLang(() => { buildStarters(); update(); }).then(() => { buildStarters(); update(); });
