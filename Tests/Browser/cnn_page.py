"""Inside the CNN (page 4): pick a test image, see the feature maps and the six maps, run the sanity check,
compare two images and one image under two checkpoints (an early and a late one), upload a PNG (and a file that
is not one), switch to 中文."""
import os
import tempfile

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import check, shot, write_png


def run(driver, base, wait):
    """Page 4: pick a test image, see the feature maps and the six maps, run the sanity check, compare, 中文."""
    print("inside the CNN")
    driver.get(base + "cnn.html?lang=en")
    WebDriverWait(driver, 600).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#view-a .sal-grid figure img")) == 6)
    check(len(driver.find_elements(By.CSS_SELECTOR, "#gallery .thumb")) == 40, "the gallery shows 40 test images")
    maps = driver.find_elements(By.CSS_SELECTOR, "#view-a img.fmap")
    check(len(maps) >= 10, f"feature maps of every conv and pool layer ({len(maps)} maps)")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#view-a .sal-grid figure")) == 6, "the six saliency maps")
    check(not driver.find_elements(By.CSS_SELECTOR, "#view-a .map-wait"), "every map has come (each is its own request)")
    check("✓" in driver.find_element(By.ID, "completeness-a").text, "Integrated Gradients' completeness holds")
    ActionChains(driver).move_to_element(maps[3]).perform()
    rect = driver.find_element(By.CSS_SELECTOR, "#view-a .field-rect")
    check(rect.is_displayed() and rect.size["width"] > 10, f"hovering a map shows its receptive field ({rect.size})")
    shot(driver, "20-cnn-view.png")
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
    note = driver.find_element(By.ID, "sanity-result").text
    check("5 times (seeds 1…5" in note, f"the sanity check runs explain's 5 re-initialisations: {note[:80]}")
    verdicts = [td.text.split("\n")[0] for td in driver.find_elements(By.CSS_SELECTOR, "#sanity-table td:last-child")]
    check(len(verdicts) == 6 and all(v for v in verdicts), f"each method has a verdict over the draws ({verdicts[:2]}…)")
    driver.execute_script("document.getElementById('sanity-table').scrollIntoView()")
    shot(driver, "21-cnn-sanity.png")
    Select(driver.find_element(By.ID, "slot")).select_by_value("b")
    driver.find_elements(By.CSS_SELECTOR, "#gallery .thumb")[1].click()
    WebDriverWait(driver, 120).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#view-b .sal-grid figure img")) == 6)
    check(driver.find_element(By.ID, "view-b").is_displayed(), "a second image opens side by side for comparison")
    driver.execute_script("window.scrollTo(0, 0)")
    shot(driver, "22-cnn-compare.png")
    compare_checkpoints(driver)
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
    WebDriverWait(driver, 60).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#view-a .sal-grid figure img")) == 6)
    conversion = driver.find_element(By.ID, "conversion-a").text
    check("60 × 40" in conversion and "inverted" in conversion, f"the conversion is shown: {conversion[:90]}…")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#view-a .sal-grid figure")) == 6, "the upload gets the six maps")
    # Selenium needed the file field visible; the page shows its own button in the reader's language instead.
    driver.execute_script("arguments[0].hidden = true", upload)
    driver.execute_script("window.scrollTo(0, 0)")
    shot(driver, "24-cnn-upload.png")
    driver.find_element(By.ID, "lang-zh").click()
    WebDriverWait(driver, 120).until(lambda d: "积分梯度" in d.find_element(By.ID, "view-a").text)
    # The comparison beside it is asked for again in Chinese too.
    WebDriverWait(driver, 120).until(lambda d: not d.find_element(By.ID, "view-b").is_displayed()
                                     or len(d.find_elements(By.CSS_SELECTOR, "#view-b .sal-grid figure img")) == 6)
    check("反色" in driver.find_element(By.ID, "conversion-a").text, "the conversion is told in Chinese")
    check("特征图" in driver.find_element(By.ID, "view-a").text, "the CNN page's words switch to 中文")
    check("T恤" in driver.find_element(By.ID, "label").text, "class names in Chinese")
    driver.execute_script("window.scrollTo(0, 0)")
    shot(driver, "25-cnn-zh.png")
    upload.send_keys(not_png)
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#view-a .error"))
    error = driver.find_element(By.CSS_SELECTOR, "#view-a .error").text
    check("不是可以读取的 PNG" in error, f"the server's error is worded in Chinese on the 中文 page ({error[:40]})")
    shot(driver, "26-cnn-error-zh.png")
    driver.find_element(By.ID, "lang-en").click()


def compare_checkpoints(driver):
    """One image under the early and the late checkpoint, side by side (the driver trained both)."""
    print("compare two checkpoints")
    names = {o.get_attribute("value"): o.text for o in driver.find_elements(By.CSS_SELECTOR, "#network option")}
    early = next((k for k, v in names.items() if "early" in v), None)
    late = next((k for k, v in names.items() if "late" in v), None)
    check(early and late, f"the networks list the two checkpoints ({sorted(names.values())})")
    if not (early and late):
        return
    for slot, network in [("a", early), ("b", late)]:
        Select(driver.find_element(By.ID, "network")).select_by_value(network)
        Select(driver.find_element(By.ID, "filter")).select_by_value("all")
        # Loaded for this network (the note says "Working…" while it loads), in test-set order.
        in_order = ("const thumbs = [...document.querySelectorAll('#gallery .thumb')];"
                    " return document.getElementById('gallery-note').textContent !== t('working')"
                    " && thumbs.length === 40 && thumbs.every((x, i) => x.dataset.index === String(i));")
        WebDriverWait(driver, 300).until(lambda d: d.execute_script(in_order))
        Select(driver.find_element(By.ID, "slot")).select_by_value(slot)
        driver.find_elements(By.CSS_SELECTOR, "#gallery .thumb")[7].click()
        WebDriverWait(driver, 300).until(
            lambda d: names[network] in d.find_element(By.ID, f"view-{slot}").text
            and len(d.find_elements(By.CSS_SELECTOR, f"#view-{slot} .sal-grid figure img")) == 6)
        heading = driver.find_element(By.CSS_SELECTOR, f"#view-{slot} h2").text
        check("#7 " in heading and names[network] in heading, f"slot {slot}: {heading[:90]}")
    bars = [driver.find_element(By.CSS_SELECTOR, f"#view-{s} .bar-row.top").text for s in "ab"]
    print(f"  early: {bars[0]!r}, late: {bars[1]!r}")
    driver.execute_script("window.scrollTo(0, 0)")
    shot(driver, "23-cnn-checkpoints.png")
    Select(driver.find_element(By.ID, "network")).select_by_value("seed")
