// The page's own words in both languages (the narration and figures come from the server in the chosen one).
"use strict";
const WORDS = {
  en: {
    playground: "Trace playground", lessons: "Lessons", expression: "Expression", variables: "Variables",
    check: "Gradient check: backward vs central differences", node: "Node", "click-node": "Click a node of the graph.",
    graph: "Graph", backprop: "Backprop flow", narration: "Narration",
    variable: "variable", backward: "backward", central: "central diff", abserr: "abs error", ok: "ok",
    value: "value", gradient: "gradient", step: "step", of: "of", latency: "input → redrawn graph",
    median: "median", starters: ["the neuron", "a value used twice", "softmax of two logits", "a small MSE"],
    "no-vars": "The expression has no variables.", "checking": "central-difference check of this value",
    "not-variable": "A constant gets no gradient check: no gradient flows to a constant.",
    "lesson-list": "Lessons", "self-check": "Self-check: shown vs independent computation", shown: "shown",
    independent: "independent", diff: "|diff|", running: "Running the lesson on the server (the first time can take a while)…",
    "all-passed": "All checks passed.", "some-failed": "checks failed.", "pick-lesson": "Pick a lesson.",
    "full-size": "Click to open full size", command: "Same in a terminal:",
  },
  zh: {
    playground: "计算图实验台", lessons: "课程", expression: "表达式", variables: "变量",
    check: "梯度检查：反向传播 vs 中心差分", node: "节点", "click-node": "点击图中的一个节点。",
    graph: "计算图", backprop: "反向传播流", narration: "逐步讲解",
    variable: "变量", backward: "反向传播", central: "中心差分", abserr: "绝对误差", ok: "通过",
    value: "值", gradient: "梯度", step: "第", of: "步，共", latency: "输入 → 重绘计算图",
    median: "中位数", starters: ["单个神经元", "一个值用两次", "两个 logit 的 softmax", "小型均方误差"],
    "no-vars": "表达式中没有变量。", "checking": "该值的中心差分检查",
    "not-variable": "常数没有梯度检查：梯度不会流向常数。",
    "lesson-list": "课程", "self-check": "自我检查：课程给出的值 vs 独立计算", shown: "课程给出",
    independent: "独立计算", diff: "|差|", running: "服务器正在运行这节课（第一次可能需要一些时间）……",
    "all-passed": "全部检查通过。", "some-failed": "项检查未通过。", "pick-lesson": "请选择一节课。",
    "full-size": "点击查看原尺寸", command: "在终端中运行：",
  },
};

/// The current language: ?lang= in the URL, else what the user picked last, else the server's --lang.
function currentLang() {
  const fromUrl = new URLSearchParams(location.search).get("lang");
  if (fromUrl === "en" || fromUrl === "zh") return fromUrl;
  const saved = localStorage.getItem("dlexplain-lang");
  return saved === "zh" || saved === "en" ? saved : null;
}

function t(key) { return (WORDS[window.LANG] || WORDS.en)[key] ?? key; }

/// Fills every [data-t] element, marks the language buttons, keeps the language in links to the other page.
function applyWords() {
  document.documentElement.lang = window.LANG === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-t]").forEach(el => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll("[data-lang]").forEach(b => b.classList.toggle("on", b.dataset.lang === window.LANG));
  document.querySelectorAll("header nav a").forEach(a => {
    const url = new URL(a.href, location.href); url.searchParams.set("lang", window.LANG); a.href = url.pathname + url.search;
  });
}

async function initLang(onChange) {
  window.LANG = currentLang();
  if (!window.LANG) {
    try { window.LANG = (await (await fetch("/api/config")).json()).language; } catch { window.LANG = "en"; }
  }
  applyWords();
  document.querySelectorAll("[data-lang]").forEach(b => b.addEventListener("click", () => {
    window.LANG = b.dataset.lang;
    localStorage.setItem("dlexplain-lang", window.LANG);
    const url = new URL(location.href); url.searchParams.set("lang", window.LANG);
    history.replaceState(null, "", url.pathname + url.search + url.hash);
    applyWords();
    onChange();
  }));
}

function escapeHTML(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/// Numbers as the narration prints them: 4 decimals, or exponent form when tiny or huge.
function fmt(x) {
  if (typeof x !== "number") return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e6)) return x.toExponential(3);
  return x.toFixed(4);
}
