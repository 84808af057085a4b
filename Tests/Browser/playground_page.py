"""The trace playground and the lessons page (pages 1 and 2), as a learner uses them: type an expression (and a
broken one), move a slider, check the shown gradient equals the API's, step through the backward pass, click a
node, switch language, open a lesson in both languages. Latency is printed (and saved), never asserted."""
import json
import os
import statistics
import time
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import SHOTS, check, fmt, settle, shot


def api_trace(base, expression, values, lang="en"):
    body = json.dumps({"expression": expression, "values": values, "lang": lang}).encode()
    request = urllib.request.Request(base + "api/trace", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def run(driver, base, wait):
    print("playground")
    driver.get(base + os.environ.get("DLEXPLAIN_START_PAGE", "") + "?lang=en")
    settle(driver)
    rows = driver.find_elements(By.CSS_SELECTOR, "#vars .var")
    check(len(rows) == 5, f"the neuron starter shows a slider per variable ({len(rows)})")
    check(driver.find_element(By.CSS_SELECTOR, "#figure svg") is not None, "the graph is drawn")
    shot(driver, "01-playground-neuron.png")

    expr = driver.find_element(By.ID, "expr")
    expr.clear()
    expr.send_keys("tanh(w*x + b))")
    wait.until(lambda d: d.find_element(By.ID, "error").text != "")
    underlined = driver.find_elements(By.CSS_SELECTOR, "#echo .at")
    error = driver.find_element(By.ID, "error").text
    check(len(underlined) == 1 and underlined[0].text == ")" and "column 14" in error,
          f"a syntax error underlines its column as you type ({error!r})")
    shot(driver, "02-playground-error.png")
    expr.send_keys(Keys.BACKSPACE)
    wait.until(lambda d: d.find_element(By.ID, "error").text == "")
    settle(driver)
    names = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#vars .var .name")]
    check(names == ["w", "x", "b"], f"the typed expression's variables get sliders ({names})")

    print("slider")
    slider = driver.find_element(By.CSS_SELECTOR, 'input[type=range][data-var="w"]')
    for _ in range(25):
        slider.send_keys(Keys.ARROW_RIGHT)
    settle(driver)
    values = driver.execute_script("return Object.fromEntries(state.variables.map(n => [n, state.values[n]]))")
    check(abs(values["w"] - 1.25) < 1e-9, f"the slider moved w to 1.25 ({values['w']})")
    number = driver.find_element(By.CSS_SELECTOR, 'input[type=number][data-var="w"]').get_attribute("value")
    check(float(number) == values["w"], "the number box follows the slider")
    api = api_trace(base, "tanh(w*x + b)", values)
    api_rows = {r["name"]: r for r in api["check"]}
    for name in ["w", "x", "b"]:
        shown = driver.find_element(By.CSS_SELECTOR, f'tr[data-check="{name}"] td.backward').text
        check(shown == fmt(api_rows[name]["backward"]),
              f"shown ∂f/∂{name} {shown} equals the API's {api_rows[name]['backward']!r}")
    page_view = driver.execute_script("return window.dlx.lastView.check")
    check(page_view == api["check"], "the page's gradient check is the API's, number for number")

    print("latency (the MSE starter, 24 nodes)")
    driver.find_elements(By.CSS_SELECTOR, "#starters button")[3].click()
    settle(driver)
    nodes = len(driver.execute_script("return window.dlx.lastView.trace.nodes"))
    slider = driver.find_element(By.CSS_SELECTOR, 'input[type=range][data-var="w"]')
    before = len(driver.execute_script("return window.dlx.latencies"))
    redrawn = 0
    for i in range(30):
        slider.send_keys(Keys.ARROW_RIGHT)
        # Wait for this move's own redraw (settle alone could look before the input event queued its request,
        # and the next key press would then merge two moves into one request).
        try:
            WebDriverWait(driver, 20).until(
                lambda d: len(d.execute_script("return window.dlx.latencies")) >= before + i + 1)
            redrawn += 1
        except Exception:
            pass
        settle(driver)
    latencies = driver.execute_script("return window.dlx.latencies")[before:]
    median = statistics.median(latencies)
    p90 = sorted(latencies)[int(0.9 * len(latencies)) - 1]
    summary = (f"slider input → redrawn graph, {nodes}-node expression, {len(latencies)} moves: "
               f"median {median:.1f} ms, p90 {p90:.1f} ms, max {max(latencies):.1f} ms")
    print("  " + summary)
    with open(os.path.join(SHOTS, "latency.txt"), "w") as f:
        f.write(summary + "\n")
    check(redrawn == 30 and len(latencies) == 30, f"every slider move redrew the graph ({redrawn} of 30)")
    check(nodes >= 20, f"the latency was measured on an expression of at least 20 nodes ({nodes})")
    shot(driver, "03-playground-mse.png")

    print("backward, step by step")
    driver.find_elements(By.CSS_SELECTOR, "#starters button")[0].click()
    settle(driver)
    driver.find_element(By.ID, "step-next").click()
    wait.until(lambda d: "step 1 of" in d.find_element(By.ID, "step-count").text)
    steps = driver.execute_script("return window.dlx.lastView.steps")
    driver.find_element(By.ID, "step-next").click()
    driver.find_element(By.ID, "step-next").click()
    wait.until(lambda d: f"step 3 of {steps}" in d.find_element(By.ID, "step-count").text)
    current = driver.find_elements(By.CSS_SELECTOR, "#narration .current")
    check(len(current) >= 1 and all(c.get_attribute("data-step") == "2" for c in current),
          f"the narration lines of step 3 are highlighted ({len(current)} lines)")
    title = driver.find_element(By.CSS_SELECTOR, "#figure svg").text
    check("step 3 of" in driver.execute_script("return document.querySelector('#figure svg').textContent"),
          "the figure is the flipbook frame of step 3")
    driver.find_element(By.ID, "step-back").click()
    wait.until(lambda d: f"step 2 of {steps}" in d.find_element(By.ID, "step-count").text)
    check(True, "◀ goes back a step")
    driver.find_element(By.ID, "step-next").click()
    wait.until(lambda d: f"step 3 of {steps}" in d.find_element(By.ID, "step-count").text)
    shot(driver, "04-backward-step-3.png")

    print("click a node")
    view = driver.execute_script("return window.dlx.lastView")
    w1 = next(n["id"] for n in view["trace"]["nodes"] if n["label"] == "w1")
    node = driver.find_element(By.XPATH, f'//*[local-name()="g"][@class="node"][*[local-name()="title"]="v{w1}"]')
    node.click()
    wait.until(lambda d: d.find_elements(By.ID, "node-why"))
    grad = driver.find_element(By.ID, "node-grad").text
    api = api_trace(base, "tanh(w1*x1 + w2*x2 + b)", {"x1": 2, "x2": 0, "w1": -3, "w2": 1, "b": 6.8813735870195432})
    w1_grad = next(r["backward"] for r in api["check"] if r["name"] == "w1")
    check(grad == fmt(w1_grad), f"the clicked node shows ∂/∂w1 = {grad} (API {w1_grad!r})")
    why = driver.find_element(By.ID, "node-why").text
    check("path 1" in why and "∂" in why, "the clicked node shows its why-paths")
    check("✓" in driver.find_element(By.ID, "node-check").text, "the clicked variable's central difference agrees")
    shot(driver, "05-node-w1.png")

    print("click an intermediate node")
    inner = next(n["id"] for n in view["trace"]["nodes"] if n["kind"] == "op" and n["id"] != view["trace"]["output"])
    node = driver.find_element(By.XPATH, f'//*[local-name()="g"][@class="node"][*[local-name()="title"]="v{inner}"]')
    node.click()
    wait.until(lambda d: view["names"][inner] in d.find_element(By.ID, "node-body").text)
    row = api["nodeChecks"][str(inner)]
    text = driver.find_element(By.ID, "node-check").text
    check("✓" in text and fmt(row["centralDifference"]) in text,
          f"the intermediate node {view['names'][inner]} shows its own central difference ({row['centralDifference']!r})")

    print("language")
    driver.find_element(By.ID, "lang-zh").click()
    wait.until(lambda d: "反向传播" in d.find_element(By.ID, "narration").text)
    settle(driver)
    check(driver.find_element(By.CSS_SELECTOR, "#tab-graph").text == "计算图", "the page's own words switch to 中文")
    check("反向传播" in driver.find_element(By.ID, "narration").text, "the narration comes back in Chinese")
    shot(driver, "06-playground-zh.png")
    expr = driver.find_element(By.ID, "expr")
    expr.send_keys(")")
    wait.until(lambda d: d.find_element(By.ID, "error").text != "")
    error = driver.find_element(By.ID, "error").text
    check(error.startswith("第 ") and "列" in error and "column" not in error and "expected" not in error,
          f"a syntax error is worded in Chinese ({error!r})")
    shot(driver, "06b-playground-error-zh.png")
    expr.send_keys(Keys.BACKSPACE)
    wait.until(lambda d: d.find_element(By.ID, "error").text == "")

    print("lessons")
    driver.find_element(By.ID, "to-lessons").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#lesson-list a"))
    listed = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#lesson-list a")]
    with urllib.request.urlopen(base + "api/lessons") as response:
        catalogue = [entry["name"] for entry in json.load(response)]
    check(listed == catalogue and listed[:3] == ["neuron", "activations", "forward"],
          f"every lesson of the catalogue in curriculum order ({len(listed)} of {len(catalogue)})")
    driver.find_element(By.CSS_SELECTOR, '#lesson-list a[data-lesson="neuron"]').click()
    WebDriverWait(driver, 300).until(lambda d: d.find_element(By.ID, "lesson").get_attribute("data-loaded") == "neuron/zh")
    images = driver.find_elements(By.CSS_SELECTOR, "#lesson figure img")
    for img in images:
        driver.execute_script("arguments[0].scrollIntoView()", img)
    WebDriverWait(driver, 30).until(lambda d: all(d.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth > 0", i) for i in images))
    check(len(images) >= 2, f"the lesson's figures are inline ({len(images)})")
    check("神经元" in driver.find_element(By.ID, "lesson").text, "the lesson text is in Chinese")
    marks = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#self-check td:last-child")]
    check(marks and all(m == "✓" for m in marks), f"the self-check table shows {len(marks)} passing rows")
    driver.execute_script("window.scrollTo(0, 0)")
    shot(driver, "07-lesson-neuron-zh.png")
    driver.execute_script("document.getElementById('self-check').scrollIntoView()")
    shot(driver, "08-lesson-neuron-zh-selfcheck.png")
    driver.find_element(By.ID, "lang-en").click()
    WebDriverWait(driver, 300).until(lambda d: d.find_element(By.ID, "lesson").get_attribute("data-loaded") == "neuron/en")
    check("One neuron" in driver.find_element(By.ID, "lesson").text, "switching language reloads the lesson in English")
    graph = driver.find_element(By.XPATH, '//figure[.//code[contains(., "")]]//img[contains(@src, "graph.svg")]')
    driver.execute_script("arguments[0].scrollIntoView()", graph)
    time.sleep(0.5)
    shot(driver, "09-lesson-neuron-en-graph.png")
    wide = driver.find_elements(By.CSS_SELECTOR, "#lesson figure img.wide")
    if wide:
        driver.execute_script("arguments[0].scrollIntoView()", wide[0])
        wide[0].click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".overlay img"))
        shot(driver, "10-lesson-figure-full-size.png")
        driver.find_element(By.CSS_SELECTOR, ".overlay").click()
    print(f"  {len(wide)} figure(s) wider than the column open full size")
