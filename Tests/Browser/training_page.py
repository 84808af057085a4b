"""The training playground (page 3): train on spirals, watch the loss fall and the boundary change, pause,
check a gradient, see vanishing gradients, switch to 中文; then fill the server's training sessions and see the
page say so, in both languages, and train again once one is free."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import PlaygroundSocket, check, shot


def run(driver, base, wait, port, sessions):
    """Page 3: train on spirals, watch the loss fall and the boundary change, pause, check a gradient, 中文."""
    print("training playground")
    driver.get(base + "training.html?lang=en")
    wait.until(lambda d: d.find_element(By.ID, "stats").get_attribute("data-step") == "0")
    first_image = driver.find_element(By.ID, "boundary").get_attribute("src")
    first_loss = float(driver.find_element(By.ID, "stats").get_attribute("data-train-loss"))
    check(driver.find_element(By.ID, "dataset").get_attribute("value") == "spirals", "spirals is the data set")
    layer = "const i = document.getElementById('point-layer'); return i.complete ? i.naturalWidth : 0;"
    check(WebDriverWait(driver, 10).until(lambda d: d.execute_script(layer)) == 360,
          "the data points are drawn over the decision regions")
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
    hidden = driver.find_element(By.ID, "hidden")
    hidden.clear()
    hidden.send_keys("40", Keys.TAB)
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "notice").text != "")
    notice = driver.find_element(By.ID, "notice").text
    check("隐藏层" in notice and "超出范围" in notice and "每层宽度应在 1 到 32 之间" in notice and "width" not in notice,
          f"a setting out of range is refused in Chinese, its range too ({notice[:60]})")
    shot(driver, "15-training-error-zh.png")
    driver.find_element(By.ID, "lang-en").click()
    server_full(driver, base, port, sessions)


def hold_every_session(port, sessions, timeout=30):
    """Opens playground sockets until `sessions` of them each hold a session (a page that just left may still
    hold one for a moment: a socket refused with "full" is closed and tried again)."""
    held, deadline = [], time.time() + timeout
    while len(held) < sessions and time.time() < deadline:
        socket = PlaygroundSocket(port)
        socket.send({"type": "start", "settings": {"dataset": "moons", "points": 60}})
        answer = socket.receive()
        if answer and answer.get("type") == "frame":
            held.append(socket)
        else:
            socket.close()
            time.sleep(0.3)
    return held


def server_full(driver, base, port, sessions):
    """Every training session in use: the page says so (en, zh) and the rest of the server goes on."""
    print("server full")
    # The page's own session ends with its socket (closed here: a page left for another may be kept, socket and
    # all, in the browser's back-forward cache).
    driver.execute_script("socket && socket.close()")
    driver.get("about:blank")
    held = hold_every_session(port, sessions)
    check(len(held) == sessions, f"{len(held)} of {sessions} training sessions held from outside the browser")
    try:
        for lang, words in [("en", f"All {sessions} training sessions"), ("zh", f"{sessions} 个训练会话都在使用中")]:
            driver.get(base + f"training.html?lang={lang}")
            WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "notice").text != "")
            notice = driver.find_element(By.ID, "notice").text
            check(words in notice, f"a full server is said on the page ({lang}): {notice[:70]}")
            shot(driver, f"16-training-full-{lang}.png")
    finally:
        for socket in held:
            socket.close()
    driver.get(base + "training.html?lang=en")
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "stats").get_attribute("data-step") == "0")
    check(driver.find_element(By.ID, "notice").text == "", "once sessions are free, a new page trains again")
