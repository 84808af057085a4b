// Page 3, the training playground. Every number and picture comes from the server's PlaygroundSession over a
// WebSocket; this file only sends the settings and commands and shows what comes back.
"use strict";
const CHOICES = {
  dataset: ["spirals", "moons", "circles", "xor", "blobs"],
  activation: ["tanh", "relu", "sigmoid", "leakyRelu"],
  optimizer: ["adam", "sgd", "momentum", "adagrad", "rmsprop"],
};
/// The page's word for each setting the server may name in an error.
const SETTING_WORDS = { points: "points", noise: "noise", validationFraction: "validation", inputScale: "scale", seed: "seed",
  hidden: "hidden", learningRate: "lr", batchSize: "batch", dropout: "dropout", dataset: "dataset", activation: "activation", optimizer: "optimizer" };
const NUMBERS = ["points", "noise", "validationFraction", "inputScale", "seed", "learningRate", "batchSize", "l1", "l2", "dropout"];
let socket = null, playing = false, frame = null, selected = null, lastCheck = null, refused = false, ended = false;

function settings() {
  const s = {};
  for (const k of Object.keys(CHOICES)) s[k] = document.getElementById(k).value;
  for (const k of NUMBERS) s[k] = Number(document.getElementById(k).value);
  const hidden = document.getElementById("hidden").value.trim();
  s.hidden = hidden === "" ? [] : hidden.split(/[,\s]+/).filter(x => x !== "").map(Number);
  return s;
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ ...message, lang: window.LANG }));
}

function start() {
  if (!refused && (!socket || socket.readyState === WebSocket.CLOSED)) { connect(); return; }  // connect() starts
  selected = null; lastCheck = null;
  showNeuron(null);
  setPlaying(false);
  send({ type: "start", settings: settings() });
}

function setPlaying(on) {
  playing = on;
  document.getElementById("play").textContent = t(on ? "pause" : "play");
}

function connect() {
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/api/playground";
  socket = new WebSocket(url);
  socket.onopen = () => { notice(""); ended = false; start(); };
  socket.onmessage = event => {
    const m = JSON.parse(event.data);
    if (m.type === "frame") {
      frame = m.frame;
      if (!m.playing && playing) setPlaying(false);
      draw(m.playing);
    } else if (m.type === "neuron") {
      showNeuron(m);
    } else if (m.type === "check") {
      lastCheck = m.check; showCheck();
    } else if (m.type === "full") {
      refused = true;
      notice(t("full").replace("{n}", m.limit));
    } else if (m.type === "stopped") {
      ended = true; setPlaying(false); notice(t("stopped"));
    } else if (m.type === "error") {
      notice(errorText(m, p => ({ ...p, field: p.field && SETTING_WORDS[p.field] ? t(SETTING_WORDS[p.field]) : p.field })));
    }
  };
  socket.onclose = () => { setPlaying(false); if (!refused && !ended) notice(t("closed")); };
}

function notice(text) { document.getElementById("notice").textContent = text; }

function draw(stillPlaying) {
  const f = frame;
  const img = document.getElementById("boundary");
  img.onload = () => { if (stillPlaying) send({ type: "ack" }); };
  img.src = f.boundary;
  if (f.points) document.getElementById("point-layer").src = f.points;  // the data change only with a new session
  document.getElementById("box-note").textContent =
    `x₁ ${fmt(f.box[0])} … ${fmt(f.box[1])}, x₂ ${fmt(f.box[2])} … ${fmt(f.box[3])}`;
  document.getElementById("legend").innerHTML = f.classColors.map((c, k) =>
    `<span><i style="background:${c}"></i>${t("class")} ${k}</span>`).join("") +
    `<span><i class="ring"></i>${t("validation-point")}</span>`;
  document.getElementById("stats").textContent =
    `${t("step")} ${f.step} · ${t("epoch")} ${f.epoch.toFixed(1)} · ${t("train-loss")} ${fmt(f.trainLoss)} · ` +
    `${t("val-loss")} ${fmt(f.validationLoss)} · ${t("accuracy")} ${(100 * f.trainAccuracy).toFixed(0)}% / ${(100 * f.validationAccuracy).toFixed(0)}%`;
  document.getElementById("stats").dataset.step = f.step;
  document.getElementById("stats").dataset.trainLoss = f.trainLoss;
  if (f.diverged) notice(t("diverged"));
  // Frames while training carry the charts a few times a second only; the others keep the last ones drawn.
  if (f.lossChart != null) document.getElementById("loss-chart").innerHTML = f.lossChart || `<p class="status">${t("no-curve")}</p>`;
  if (f.gradientChart != null) document.getElementById("grad-chart").innerHTML = f.gradientChart || `<p class="status">${t("no-curve")}</p>`;
  const rows = f.health.map(h => `<tr><td>${layerName(h.layer)}</td><td>${fmt(h.gradientNorm)}</td><td>${fmt(h.updateRatio)}</td>` +
    `<td>${h.deadReLUFraction == null ? "—" : (100 * h.deadReLUFraction).toFixed(0) + "%"}</td></tr>`).join("");
  document.getElementById("health").innerHTML =
    `<tr><th>${t("layer")}</th><th>‖∂L/∂θ‖</th><th>‖Δθ‖/‖θ‖</th><th>${t("dead")}</th></tr>` +
    (rows || `<tr><td colspan="4">${t("no-step")}</td></tr>`);
  drawNet(f.layers);
  if (selected && !stillPlaying) send({ type: "neuron", layer: selected.layer, unit: selected.unit });
}

function layerName(name) {
  if (name === "output") return t("output");
  return t("layer-n").replace("{n}", name.replace("layer ", ""));
}

function drawNet(layers) {
  const net = document.getElementById("net");
  const columns = [`<div class="col"><b>${t("input")}</b><span class="unit in">x₁</span><span class="unit in">x₂</span></div>`];
  layers.forEach((units, i) => {
    const title = i === layers.length - 1 ? t("output") : t("layer-n").replace("{n}", i + 1);
    let cells = "";
    for (let u = 0; u < units; u++) {
      const on = selected && selected.layer === i + 1 && selected.unit === u ? " on" : "";
      cells += `<button class="unit${on}" data-layer="${i + 1}" data-unit="${u}">${u}</button>`;
    }
    columns.push(`<div class="col"><b>${title}</b>${cells}</div>`);
  });
  net.innerHTML = columns.join("");
  net.querySelectorAll("button.unit").forEach(b => b.addEventListener("click", () => {
    selected = { layer: Number(b.dataset.layer), unit: Number(b.dataset.unit) };
    lastCheck = null;
    drawNet(frame.layers);
    send({ type: "neuron", layer: selected.layer, unit: selected.unit });
  }));
}

function showNeuron(m) {
  const box = document.getElementById("neuron");
  if (!m) { box.className = "status"; box.textContent = t("pick-neuron"); return; }
  const n = m.neuron;
  const inputs = n.layer === 1 ? ["x₁", "x₂"] : n.weights.map((_, i) => `${t("unit")} ${i}`);
  const rows = n.weights.map((w, i) => `<tr><td>${inputs[i]}</td><td>${fmt(w)}</td><td>${fmt(n.gradients[i])}</td>` +
    `<td><button class="check-btn" data-input="${i}" title="${t("check-this")}">${t("check-short")}</button></td></tr>`).join("");
  const title = n.layer === frame.layers.length ? `${t("output")}, ${t("class")} ${n.unit}` : `${t("layer-n").replace("{n}", n.layer)}, ${t("unit")} ${n.unit}`;
  box.className = "";
  box.innerHTML = `<div class="neuron-grid"><figure><img id="neuron-image" src="${m.image}" alt="activation">` +
    `<figcaption class="status">${t(m.positive ? "activation-positive" : "activation-signed")}</figcaption></figure>` +
    `<div><b>${title}</b> <span class="status">(${t("at-step")} ${n.step})</span>` +
    `<table class="check" id="weights"><tr><th>${t("from")}</th><th>${t("weight")}</th><th>∂L/∂w</th><th>${t("check-this")}</th></tr>${rows}` +
    `<tr><td>${t("bias")}</td><td>${fmt(n.bias)}</td><td>${fmt(n.biasGradient)}</td><td></td></tr></table>` +
    `<div id="check-result"></div></div></div>`;
  box.querySelectorAll(".check-btn").forEach(b => b.addEventListener("click", () => {
    setPlaying(false); send({ type: "pause" });
    send({ type: "check", layer: n.layer, unit: n.unit, input: Number(b.dataset.input) });
  }));
  showCheck();
}

function showCheck() {
  const box = document.getElementById("check-result");
  if (!box || !lastCheck) return;
  const c = lastCheck;
  box.innerHTML = `<table class="check" id="grad-check"><tr><th>${t("weight")}</th><th>${t("backward")}</th><th>${t("central")}</th><th>${t("relerr")}</th><th></th></tr>` +
    `<tr><td>w[${c.unit}, ${c.input}]</td><td>${fmt(c.backprop)}</td><td>${fmt(c.centralDifference)}</td><td>${c.relativeError.toExponential(2)}</td>` +
    `<td class="${c.passed ? "pass" : "fail"}">${c.passed ? t("ok") : "✗"}</td></tr></table>` +
    `<div class="status">${t("check-note").replace("{b}", c.batch).replace("{e}", c.epsilon)}</div>`;
  box.scrollIntoView({ block: "nearest" });
}

const PRESETS = {
  "preset-vanish": { dataset: "spirals", hidden: "8, 8, 8, 8, 8, 8", activation: "sigmoid", optimizer: "sgd", learningRate: 0.1, inputScale: 1 },
  "preset-dead": { dataset: "moons", hidden: "16, 16", activation: "relu", optimizer: "sgd", learningRate: 3, inputScale: 1 },
  "preset-scaled": { dataset: "moons", hidden: "8", activation: "tanh", optimizer: "sgd", learningRate: 0.001, inputScale: 200 },
  "preset-adam": { dataset: "moons", hidden: "8", activation: "tanh", optimizer: "adam", learningRate: 0.03, inputScale: 200 },
};

function fillChoices() {
  for (const [k, values] of Object.entries(CHOICES)) {
    const el = document.getElementById(k), keep = el.value;
    el.innerHTML = values.map(v => `<option value="${v}">${t("opt-" + v)}</option>`).join("");
    if (keep) el.value = keep;
  }
}

window.addEventListener("DOMContentLoaded", async () => {
  await initLang(() => { fillChoices(); redrawLanguage(); });
  fillChoices();
  document.getElementById("play").addEventListener("click", () => { setPlaying(!playing); send({ type: playing ? "play" : "pause" }); });
  document.getElementById("one-step").addEventListener("click", () => { setPlaying(false); send({ type: "step" }); });
  document.getElementById("reset").addEventListener("click", start);
  document.querySelectorAll("main select, main input").forEach(el => el.addEventListener("change", start));
  for (const [id, preset] of Object.entries(PRESETS)) {
    document.getElementById(id).addEventListener("click", () => {
      for (const [k, v] of Object.entries(preset)) document.getElementById(k).value = v;
      start();
    });
  }
  // The page says it is still here while paused (the server stops a session nobody watches).
  setInterval(() => send({ type: "ping" }), 20000);
  connect();
});

/// After a language switch: the charts are redrawn by the server in the new language on the next frame; while
/// paused ask for it by re-sending the current state.
function redrawLanguage() {
  if (frame) draw(false);
  send({ type: playing ? "lang" : "frame" });
}
