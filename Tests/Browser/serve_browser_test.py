#!/usr/bin/python3
"""Browser tests of the explorer (`dlexplain serve`), as a learner would use it, in headless Chromium.

Run by `make test` after `swift test`, with Debian's python3-selenium (run with /usr/bin/python3):

    /usr/bin/python3 Tests/Browser/serve_browser_test.py [.build/debug/dlexplain-serve]

Starts the built server on a free port, loads the playground, types an expression (and a broken one), moves a
slider, checks the shown gradient equals the API's, steps through the backward pass, clicks a node, switches
language, opens a lesson in both languages, and checks Chromium's performance log for any request that is not
to the local server. Screenshots go to Output/serve-tests/. Latency is printed (and saved), never asserted:
timed targets belong in benchmarks.
"""
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.path.join(ROOT, "Output", "serve-tests")
FAILURES = []


def check(condition, message):
    print(("  ok   " if condition else "  FAIL ") + message)
    if not condition:
        FAILURES.append(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, port, out):
    process = subprocess.Popen([binary, "--port", str(port), "--out", out, "--quick"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen = []
    for _ in range(5):
        line = process.stdout.readline()
        seen.append(line)
        if f":{port}/" in line and "open" in line:
            return process
    process.kill()
    raise SystemExit(f"the server did not start: {''.join(seen)}")


def api_trace(base, expression, values, lang="en"):
    body = json.dumps({"expression": expression, "values": values, "lang": lang}).encode()
    request = urllib.request.Request(base + "api/trace", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def fmt(x):
    """The page's number format (i18n.js `fmt`)."""
    if x != 0 and (abs(x) < 1e-4 or abs(x) >= 1e6):
        mantissa, exponent = f"{x:.3e}".split("e")
        return f"{mantissa}e{int(exponent):+d}"
    return f"{x:.4f}"


def shot(driver, name):
    path = os.path.join(SHOTS, name)
    driver.save_screenshot(path)
    print(f"  screenshot {os.path.relpath(path, ROOT)}")


def settle(driver, timeout=20):
    """Waits until the page has no trace request in flight or pending."""
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(
        "return window.dlx && window.dlx.lastView !== null && !state.inFlight && !state.pending"))


def write_png(path, width, height):
    """A dark bag-like rectangle on white, as an RGB PNG (zlib and struct, no imaging library)."""
    import struct
    import zlib
    rows = b""
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            inside = width // 5 <= x < 4 * width // 5 and height // 4 <= y < 7 * height // 8
            row += bytes([50, 40, 30] if inside else [255, 255, 255])
        rows += bytes(row)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def training_page(driver, base, wait):
    """Page 3: train on spirals, watch the loss fall and the boundary change, pause, check a gradient, 中文."""
    print("training playground")
    driver.get(base + "training.html?lang=en")
    wait.until(lambda d: d.find_element(By.ID, "stats").get_attribute("data-step") == "0")
    first_image = driver.find_element(By.ID, "boundary").get_attribute("src")
    first_loss = float(driver.find_element(By.ID, "stats").get_attribute("data-train-loss"))
    check(driver.find_element(By.ID, "dataset").get_attribute("value") == "spirals", "spirals is the data set")
    shot(driver, "11-training-start.png")
    driver.find_element(By.ID, "play").click()
    WebDriverWait(driver, 60).until(lambda d: int(d.find_element(By.ID, "stats").get_attribute("data-step") or 0) >= 400)
    driver.find_element(By.ID, "play").click()  # pause
    time.sleep(1.0)
    paused_at = driver.find_element(By.ID, "stats").get_attribute("data-step")
    time.sleep(1.0)
    check(driver.find_element(By.ID, "stats").get_attribute("data-step") == paused_at,
          f"pause stops training (step {paused_at} stays)")
    loss = float(driver.find_element(By.ID, "stats").get_attribute("data-train-loss"))
    check(loss < 0.7 * first_loss, f"the training loss fell: {first_loss:.3f} → {loss:.3f}")
    check(driver.find_element(By.ID, "boundary").get_attribute("src") != first_image, "the boundary image changed")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#loss-chart svg")) == 1, "the loss curves are drawn")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#health tr")) == 4, "gradient health has a row per layer")
    shot(driver, "12-training-spirals.png")
    driver.find_element(By.CSS_SELECTOR, '#net button.unit[data-layer="2"][data-unit="3"]').click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#weights .check-btn"))
    driver.find_elements(By.CSS_SELECTOR, "#weights .check-btn")[5].click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#grad-check td.pass, #grad-check td.fail"))
    cells = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#grad-check td")]
    check(cells[0] == "w[3, 5]" and driver.find_elements(By.CSS_SELECTOR, "#grad-check td.pass"),
          f"the gradient check of w[3, 5] passes: backprop {cells[1]} vs central {cells[2]}")
    shot(driver, "13-training-gradient-check.png")
    driver.find_element(By.ID, "preset-vanish").click()
    wait.until(lambda d: d.find_element(By.ID, "stats").get_attribute("data-step") == "0")
    for _ in range(5):
        driver.find_element(By.ID, "one-step").click()
        time.sleep(0.3)
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "stats").get_attribute("data-step") == "5")
    norms = [float(td.text) for td in driver.find_elements(By.CSS_SELECTOR, "#health tr td:nth-child(2)")]
    check(len(norms) == 7 and norms[0] < norms[-1] / 100,
          f"sigmoid × 6: the first layer's gradient norm is far below the output's ({norms[:1]} vs {norms[-1:]})")
    driver.find_element(By.ID, "lang-zh").click()
    wait.until(lambda d: "损失" in d.find_element(By.ID, "loss-chart").text or
               "损失" in d.execute_script("return document.getElementById('loss-chart').textContent"))
    check(driver.find_element(By.ID, "one-step").text == "走一步", "the training page's words switch to 中文")
    check("损失" in driver.execute_script("return document.getElementById('loss-chart').textContent"),
          "the loss chart is redrawn in Chinese")
    shot(driver, "14-training-vanishing-zh.png")
    driver.find_element(By.ID, "lang-en").click()


def cnn_page(driver, base, wait):
    """Page 4: pick a test image, see the feature maps and the six maps, run the sanity check, compare, 中文."""
    print("inside the CNN")
    driver.get(base + "cnn.html?lang=en")
    WebDriverWait(driver, 600).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#view-a .sal-grid figure"))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#gallery .thumb")) == 40, "the gallery shows 40 test images")
    maps = driver.find_elements(By.CSS_SELECTOR, "#view-a img.fmap")
    check(len(maps) >= 10, f"feature maps of every conv and pool layer ({len(maps)} maps)")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#view-a .sal-grid figure")) == 6, "the six saliency maps")
    check("✓" in driver.find_element(By.ID, "completeness-a").text, "Integrated Gradients' completeness holds")
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(driver).move_to_element(maps[3]).perform()
    rect = driver.find_element(By.CSS_SELECTOR, "#view-a .field-rect")
    check(rect.is_displayed() and rect.size["width"] > 10, f"hovering a map shows its receptive field ({rect.size})")
    shot(driver, "15-cnn-view.png")
    Select = __import__("selenium.webdriver.support.select", fromlist=["Select"]).Select
    Select(driver.find_element(By.ID, "filter")).select_by_value("misclassified")
    # The unfiltered gallery marks its mistakes "wrong" too: wait (in one script, so no element goes stale) until
    # the re-rendered gallery holds only mistakes.
    only_wrong = ("const t = [...document.querySelectorAll('#gallery .thumb')];"
                  " return t.length > 0 && t.every(x => x.classList.contains('wrong')) ? t.length : 0;")
    count = WebDriverWait(driver, 60).until(lambda d: d.execute_script(only_wrong))
    check(count > 0, f"the misclassified filter shows only mistakes ({count})")
    first = driver.find_element(By.CSS_SELECTOR, "#gallery .thumb")
    index = first.get_attribute("data-index")
    first.click()
    WebDriverWait(driver, 120).until(lambda d: "Test image #" + index in d.find_element(By.ID, "view-a").text)
    driver.find_element(By.ID, "sanity-run").click()
    WebDriverWait(driver, 600).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#sanity-table tr"))
    check(driver.find_element(By.ID, "sanity-progress").get_attribute("value") == "6", "the progress bar reached 6 of 6")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#sanity-table tr")) == 7, "the sanity check has a row per method")
    driver.execute_script("document.getElementById('sanity-table').scrollIntoView()")
    shot(driver, "16-cnn-sanity.png")
    Select(driver.find_element(By.ID, "slot")).select_by_value("b")
    driver.find_elements(By.CSS_SELECTOR, "#gallery .thumb")[1].click()
    WebDriverWait(driver, 120).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#view-b .sal-grid figure"))
    check(driver.find_element(By.ID, "view-b").is_displayed(), "a second image opens side by side for comparison")
    driver.execute_script("window.scrollTo(0, 0)")
    shot(driver, "17-cnn-compare.png")
    print("upload a PNG")
    Select(driver.find_element(By.ID, "slot")).select_by_value("a")
    upload = driver.find_element(By.ID, "upload")
    driver.execute_script("arguments[0].hidden = false", upload)
    not_png = os.path.join(tempfile.mkdtemp(), "not-a-picture.png")
    with open(not_png, "wb") as f:
        f.write(b"GIF89a this is not a PNG")
    upload.send_keys(not_png)
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#view-a .error"))
    check("PNG" in driver.find_element(By.CSS_SELECTOR, "#view-a .error").text,
          f"a file that is not a PNG is refused with a message ({driver.find_element(By.CSS_SELECTOR, '#view-a .error').text[:80]})")
    picture = os.path.join(tempfile.mkdtemp(), "bag.png")
    write_png(picture, 60, 40)
    upload.send_keys(picture)
    WebDriverWait(driver, 120).until(lambda d: d.find_elements(By.ID, "conversion-a"))
    conversion = driver.find_element(By.ID, "conversion-a").text
    check("60 × 40" in conversion and "inverted" in conversion, f"the conversion is shown: {conversion[:90]}…")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#view-a .sal-grid figure")) == 6, "the upload gets the six maps")
    driver.execute_script("window.scrollTo(0, 0)")
    shot(driver, "18-cnn-upload.png")
    driver.find_element(By.ID, "lang-zh").click()
    WebDriverWait(driver, 120).until(lambda d: "积分梯度" in d.find_element(By.ID, "view-a").text)
    check("反色" in driver.find_element(By.ID, "conversion-a").text, "the conversion is told in Chinese")
    check("特征图" in driver.find_element(By.ID, "view-a").text, "the CNN page's words switch to 中文")
    check("T恤" in driver.find_element(By.ID, "label").text, "class names in Chinese")
    driver.execute_script("window.scrollTo(0, 0)")
    shot(driver, "19-cnn-zh.png")
    driver.find_element(By.ID, "lang-en").click()


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "dlexplain-serve")
    os.makedirs(SHOTS, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    out = tempfile.mkdtemp(prefix="dlexplain-serve-browser-")
    server = start_server(binary, port, out)
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--window-size=1500,1100", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update", "--no-first-run",
                     "--disable-sync", "--disable-default-apps"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 30)
    try:
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

        training_page(driver, base, wait)
        cnn_page(driver, base, wait)

        print("network")
        urls = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        foreign = [u for u in urls if not (u.startswith(base) or u.startswith("data:") or u.startswith("blob:"))]
        check(len(urls) > 10 and not foreign, f"{len(urls)} requests, none outside {base} ({foreign[:3]})")
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
    if FAILURES:
        print(f"{len(FAILURES)} browser check(s) failed")
        sys.exit(1)
    print("browser tests passed")


if __name__ == "__main__":
    main()
