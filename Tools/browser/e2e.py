#!/usr/bin/env python3
"""Browser test of chachong's web interface in headless Chromium (Selenium + chromium-driver).

Run by Tests/WebTests/BrowserTests.swift against a running `chachong serve` with users made by
`chachong users create`; can also be run by hand:

  python3 Tools/browser/e2e.py --base http://127.0.0.1:8080 --reviewer rev:PASSWORD \
      --admin adm:PASSWORD --sample Corpora/sample --screenshots .build/screenshots

It logs in as the reviewer, uploads the sample batch (applications, manifest, registry,
template), waits for the check, finds every planted finding of the sample on the results page,
opens one application's evidence (both texts side by side, copied passages highlighted, section
names, copy ratio, no unmasked ID number), downloads the .xlsx (read back by the Swift test with our own
xlsx reader: the path is printed as `XLSX <path>`), logs out; then the security checks: pages
redirect to /login without a session, a reviewer cannot open the audit log, a form post without
its CSRF token is refused, a title containing <script> is shown escaped, an upload name with
`../` stays inside the batch. As the admin: the audit log, the archive search, a document, and
the compare page on the sample's online and paper versions (the list of differences). Screenshots of the main pages go to --screenshots.
Exit 0 when every check passed; each failure is printed as `FAIL …`.
"""
import argparse
import glob
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

failures = []


def check(condition, message):
    if condition:
        print("ok   " + message, flush=True)
    else:
        print("FAIL " + message, flush=True)
        failures.append(message)


def browser(download_dir):
    options = Options()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--disable-gpu")
    options.add_argument("--window-size=1366,768")
    options.add_argument("--lang=zh-CN")
    binary = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    if os.path.exists(binary):
        options.binary_location = binary
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": download_dir,
            "download.prompt_for_download": False,
            "safebrowsing.enabled": True,
        },
    )
    driver_path = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
    service = Service(executable_path=driver_path) if os.path.exists(driver_path) else Service()
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(60)
    return driver


def shot(driver, folder, name, full_page=True):
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name + ".png")
    if full_page:
        # Grow the window to the page's height (capped) so the screenshot shows the whole page.
        height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
        # The window's size includes the browser's own frame: add it, or the bottom is cut off.
        frame = driver.execute_script("return Math.max(0, window.outerHeight - window.innerHeight)")
        driver.set_window_size(1366, max(768, height + frame))
        driver.save_screenshot(path)
        driver.set_window_size(1366, 768)
    else:
        driver.save_screenshot(path)


def login(driver, base, user, password):
    driver.get(base + "/login")
    driver.find_element(By.NAME, "username").send_keys(user)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
    WebDriverWait(driver, 30).until(lambda d: "/login" not in d.current_url)


def logout(driver):
    driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
    WebDriverWait(driver, 30).until(lambda d: "/login" in d.current_url)


def upload_batch(driver, base, name, applications, manifest=None, registry=None, template=None):
    driver.get(base + "/batches/new")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "applications").send_keys("\n".join(os.path.abspath(p) for p in applications))
    for field, path in (("manifest", manifest), ("registry", registry), ("template", template)):
        if path:
            driver.find_element(By.NAME, field).send_keys(os.path.abspath(path))
    driver.find_element(By.CSS_SELECTOR, "form[action='/batches'] button[type=submit]").click()
    WebDriverWait(driver, 120).until(lambda d: "/batches/" in d.current_url and "/new" not in d.current_url)
    return driver.current_url.split("?")[0]


def wait_for_results(driver, timeout):
    WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.ID, "results") or d.find_elements(By.CSS_SELECTOR, ".state-error"))
    return bool(driver.find_elements(By.ID, "results"))


def results_rules(driver, url):
    """Every (application, rule id) on the results pages (following the pager)."""
    found = {}
    driver.get(url + "?sort=id")
    while True:
        for row in driver.find_elements(By.CSS_SELECTOR, "#results tr[data-application]"):
            app = row.get_attribute("data-application")
            found.setdefault(app, set()).update(code.text.strip() for code in row.find_elements(By.CSS_SELECTOR, ".rule code"))
        nexts = driver.find_elements(By.CSS_SELECTOR, "nav.pager a[rel=next]")
        if not nexts:
            return found
        nexts[0].click()


def planted(expected, found):
    """Checks every planted finding of the sample's ground truth against the results page."""
    missing = []
    units = {}
    for finding in expected["expectedFindings"]:
        rules = {finding["rule"], *finding.get("alsoAcceptable", [])}
        if finding.get("scope") == "unit":
            units.setdefault(finding["rule"], []).append(finding["application"])
            continue
        if not rules & found.get(finding["application"], set()):
            missing.append(f'{finding["application"]} {finding["rule"]} ({finding.get("plantedCase", "")})')
    for rule, apps in units.items():
        # A unit's quota is over: some of the unit's applications carry the finding.
        if not any(rule in found.get(app, set()) for app in apps):
            missing.append(f"{rule} for the unit of {', '.join(apps)}")
    return missing


def id_numbers(manifest):
    """The leads' ID numbers of a manifest (负责人身份证号), to make sure no page shows them."""
    import csv
    with open(manifest, encoding="utf-8-sig", newline="") as handle:
        return sorted({row.get("负责人身份证号", "").strip() for row in csv.DictReader(handle)} - {""})


def http_status(url, data=None, cookie=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    if cookie:
        request.add_header("Cookie", cookie)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--reviewer", required=True, help="NAME:PASSWORD")
    parser.add_argument("--admin", help="NAME:PASSWORD")
    parser.add_argument("--sample", default="Corpora/sample")
    parser.add_argument("--screenshots", default=os.environ.get("CHACHONG_SCREENSHOTS", ".build/screenshots"))
    parser.add_argument("--downloads", default=None)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    base = args.base.rstrip("/")
    reviewer, reviewer_password = args.reviewer.split(":", 1)
    downloads = args.downloads or tempfile.mkdtemp(prefix="chachong-downloads-")
    sample = args.sample
    expected = json.load(open(os.path.join(sample, "expected-findings.json"), encoding="utf-8"))

    driver = browser(downloads)
    try:
        # Without a session every page sends the browser to the login page.
        for path in ("/", "/batches/new", "/archive", "/admin"):
            driver.get(base + path)
            check("/login" in driver.current_url, f"{path} without a session redirects to /login")
        shot(driver, args.screenshots, "01-login", full_page=False)

        # A wrong password is refused.
        driver.get(base + "/login")
        driver.find_element(By.NAME, "username").send_keys(reviewer)
        driver.find_element(By.NAME, "password").send_keys("not-the-password")
        driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
        # The answer is the login page again, with the message: wait for it (the page before the
        # click is also /login, so the URL alone does not show that the answer has arrived).
        try:
            WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".flash.error"))
        except TimeoutException:
            pass
        check("/login" in driver.current_url and driver.find_elements(By.CSS_SELECTOR, ".flash.error"),
              "a wrong password is refused with a message")

        login(driver, base, reviewer, reviewer_password)
        check(driver.find_elements(By.CSS_SELECTOR, "form[action='/logout']"), "the reviewer is logged in")
        shot(driver, args.screenshots, "02-home-empty")

        # The new batch form: every input has a label.
        driver.get(base + "/batches/new")
        for name in ("applications", "manifest", "registry", "template", "call"):
            field = driver.find_element(By.NAME, name)
            labels = driver.find_elements(By.CSS_SELECTOR, f"label[for='{field.get_attribute('id')}']")
            check(labels and labels[0].text.strip(), f"the {name} input has a label")
        check(driver.find_element(By.NAME, "applications").get_attribute("multiple") is not None,
              "the applications input takes several files")
        shot(driver, args.screenshots, "03-new-batch")

        applications = sorted(glob.glob(os.path.join(sample, "applications", "*.docx")))
        started = time.time()
        batch_url = upload_batch(
            driver, base, "2023 前瞻性技术创新专项（样例）", applications,
            manifest=os.path.join(sample, "manifest.csv"), registry=os.path.join(sample, "registry.csv"),
            template=os.path.join(sample, "template.docx"))
        if driver.find_elements(By.ID, "progress"):
            shot(driver, args.screenshots, "04-progress", full_page=False)
        completed = wait_for_results(driver, args.timeout)
        check(completed, f"the sample batch completed ({time.time() - started:.1f} s)")
        if not completed:
            print("batch page:", driver.find_element(By.TAG_NAME, "main").text[:2000])
            return 1
        shot(driver, args.screenshots, "05-results")

        found = results_rules(driver, batch_url)
        check(len(found) == len(applications), f"the results list all {len(applications)} applications ({len(found)})")
        missing = planted(expected, found)
        for item in missing:
            print("     missing planted finding: " + item)
        check(not missing, f"every planted finding of the sample is on the results page ({len(missing)} missing)")
        clean = [app for app in expected.get("cleanApplications", []) if found.get(app)]
        check(not clean, f"clean applications show no rule ({', '.join(clean)})")

        # Filters: only errors.
        driver.get(batch_url + "?severity=error")
        rows = driver.find_elements(By.CSS_SELECTOR, "#results tr[data-application]")
        badges = {b.get_attribute("class") for row in rows for b in row.find_elements(By.CSS_SELECTOR, "td:first-child .badge")}
        check(rows and badges == {"badge error"}, "the severity filter shows only errors")

        # One application's evidence: a plagiarism finding with passages side by side.
        driver.get(batch_url + "/applications/QZ2023-025")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.passages tbody tr")
        check(rows, f"QZ2023-025's evidence lists the copied passages with offsets ({len(rows)})")
        # textContent, not .text: a long passage table starts folded (<details>), and Selenium's
        # .text of a hidden cell is empty.
        sections = [r.find_elements(By.CSS_SELECTOR, "td")[2].get_attribute("textContent")
                    for r in rows if len(r.find_elements(By.CSS_SELECTOR, "td")) > 2]
        highlighted = driver.find_elements(By.CSS_SELECTOR, ".compare a.passage")
        texts = driver.find_elements(By.CSS_SELECTOR, ".compare .doc .doc-text")
        check(len(texts) >= 2 and highlighted,
              f"QZ2023-025's evidence shows both texts side by side with the copied passages highlighted "
              f"({len(texts)} texts, {len(highlighted)} highlighted passages)")
        named = sum(1 for section in sections if section.strip())
        check(named > 0, f"the copied passages name their section ({named} of {len(sections)})")
        check(driver.find_elements(By.CSS_SELECTOR, ".compare .section-label"),
              "the side-by-side texts carry their section titles")
        ratio = driver.find_elements(By.CSS_SELECTOR, ".ratios .ratio b")
        check(ratio and ratio[0].text.strip().endswith("%"), "the evidence shows the copy ratio")
        # The texts shown are masked: no lead's ID number of the manifest appears anywhere.
        source = driver.page_source
        leaked = [number for number in id_numbers(os.path.join(sample, "manifest.csv")) if number in source]
        check(not leaked, f"no ID number is shown unmasked in the evidence ({len(leaked)})")
        check("plagiarism" in driver.page_source and "剽窃" in driver.page_source,
              "the finding shows its rule id beside its Chinese name")
        check(driver.find_elements(By.CSS_SELECTOR, "blockquote.notice"), "the finding quotes the notice sentence")
        shot(driver, args.screenshots, "06-application-evidence")
        # A clean application with some copied text still shows where its copy ratio comes from.
        # (QZ2023-040: clean, 8 % of its text in passages of QZ2023-024; the form's text that half
        # the batch shares is left out of copy ratios, BatchCommonText.)
        driver.get(batch_url + "/applications/QZ2023-040")
        check(driver.find_elements(By.CSS_SELECTOR, ".report-fragment .ratios"),
              "a clean application's page shows its copy ratios")

        # The xlsx export, downloaded by the browser.
        for old in glob.glob(os.path.join(downloads, "*.xlsx")):
            os.remove(old)
        driver.get(batch_url)
        driver.find_element(By.CSS_SELECTOR, "a[href$='/export.xlsx']").click()
        deadline = time.time() + 60
        files = []
        while time.time() < deadline:
            files = [f for f in glob.glob(os.path.join(downloads, "*.xlsx"))]
            if files and not glob.glob(os.path.join(downloads, "*.crdownload")):
                break
            time.sleep(0.3)
        check(files, "the .xlsx export was downloaded")
        if files:
            print("XLSX " + files[0], flush=True)

        driver.get(batch_url + "/print")
        check("打印" in driver.page_source and "****" in driver.page_source or "**" in driver.page_source,
              "the print view shows masked ID numbers")
        shot(driver, args.screenshots, "07-print")

        # English switch.
        driver.get(batch_url + "?lang=en")
        check("Copy ratio" in driver.page_source, "?lang=en switches the results page to English")
        driver.get(base + "/?lang=zh")

        # Security: a reviewer cannot open the audit log.
        driver.get(base + "/admin")
        check("403" in driver.find_element(By.TAG_NAME, "main").text and not driver.find_elements(By.ID, "audit-log"),
              "a reviewer cannot open the audit log (403)")

        session = driver.get_cookie("chachong_session")
        check(session and session.get("httpOnly") and session.get("sameSite") == "Strict",
              "the session cookie is HttpOnly and SameSite=Strict")
        cookie = f"chachong_session={session['value']}" if session else None
        # A form post without its CSRF token is refused (the session cookie alone is not enough).
        status, _, _ = http_status(base + "/logout", data=b"", cookie=cookie,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
        check(status == 403, f"POST /logout without its CSRF token is refused ({status})")
        status, _, _ = http_status(base + "/logout", data=b"csrf=" + b"0" * 64, cookie=cookie,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
        check(status == 403, f"POST /logout with a wrong CSRF token is refused ({status})")

        # A title containing <script> is shown escaped; an upload name with ../ stays in the batch.
        hostile_dir = tempfile.mkdtemp(prefix="chachong-hostile-")
        hostile = os.path.join(hostile_dir, "hostile.txt")
        with open(hostile, "w", encoding="utf-8") as handle:
            handle.write("项目名称：<script>window.__pwned=1</script>基于恶意脚本的标题研发\n一、项目概述\n本项目研究网页转义。\n")
        driver.execute_script("window.__pwned = 0")
        hostile_url = upload_batch(driver, base, "<script>window.__pwned=1</script>批次", [hostile])
        check(driver.execute_script("return window.__pwned") in (0, None), "a batch name with <script> does not run")
        check("&lt;script&gt;" in driver.page_source or "<script>window.__pwned" not in driver.page_source.split("<main")[1],
              "a batch name with <script> is shown escaped")
        wait_for_results(driver, args.timeout)
        driver.get(hostile_url + "?sort=id")
        check(driver.execute_script("return typeof window.__pwned") == "undefined", "a title with <script> does not run")
        titles = driver.find_elements(By.CSS_SELECTOR, "#results td:nth-child(3)")
        check(any("<script>" in t.text for t in titles), "a title containing <script> is shown as text")
        shot(driver, args.screenshots, "08-escaped-title")

        # An upload named ../../escape.txt (sent by hand: browsers strip paths themselves).
        csrf = driver.find_element(By.CSS_SELECTOR, "input[name=csrf]").get_attribute("value")
        boundary = "----chachongboundary"
        body = (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\ntraversal\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"applications\"; filename=\"../../escape-test.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n基于路径穿越的测试研发\n一、项目概述\n文件名带有上级目录。\n\r\n"
            f"--{boundary}--\r\n"
        ).encode("utf-8")
        status, headers, _ = http_status(base + "/batches", data=body, cookie=cookie,
                                         headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        location = headers.get("Location") or headers.get("location") or ""
        check(status == 303 and location.startswith("/batches/"), f"an upload named ../../escape-test.txt is accepted ({status})")
        if location:
            driver.get(base + location)
            text = driver.find_element(By.TAG_NAME, "main").text
            check("../" not in text and ("escape-test.txt" in text or driver.find_elements(By.ID, "results")),
                  "the ../ upload is stored under its own name inside the batch")
        # Nothing escaped next to the server's working directory.
        check(not os.path.exists("../escape-test.txt") and not os.path.exists("../../escape-test.txt"),
              "no file was written outside the batch")
        # The same POST without the token is refused.
        status, _, _ = http_status(base + "/batches", data=body.replace(csrf.encode(), b"x" * len(csrf)), cookie=cookie,
                                   headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        check(status == 403, f"a batch upload without its CSRF token is refused ({status})")

        driver.get(base + "/")
        shot(driver, args.screenshots, "09-home")
        logout(driver)
        driver.get(base + "/")
        check("/login" in driver.current_url, "after logout the home page asks for a login again")

        if args.admin:
            admin, admin_password = args.admin.split(":", 1)
            login(driver, base, admin, admin_password)
            driver.get(base + "/admin")
            check(driver.find_elements(By.ID, "audit-log"), "an admin opens the audit log")
            log = driver.find_element(By.ID, "audit-log").text
            check("login" in log, "the audit log records logins")
            shot(driver, args.screenshots, "10-admin")
            driver.get(base + "/archive?program=" + urllib.parse.quote("前瞻性技术创新专项"))
            rows = driver.find_elements(By.CSS_SELECTOR, "table.list tbody tr")
            check(rows, f"the archive search finds documents of a program ({len(rows)})")
            shot(driver, args.screenshots, "11-archive")
            if rows:
                rows[0].find_element(By.CSS_SELECTOR, "a").click()
                check(driver.find_elements(By.CSS_SELECTOR, "pre.text"), "an archived document shows its text")
                shot(driver, args.screenshots, "12-document")
            # Compare the sample's online and paper versions: the page lists the differences.
            versions = os.path.join(sample, "versions")
            driver.get(base + "/archive/compare")
            driver.find_element(By.NAME, "first").send_keys(os.path.abspath(os.path.join(versions, "QZ2023-045-online.docx")))
            driver.find_element(By.NAME, "second").send_keys(os.path.abspath(os.path.join(versions, "QZ2023-045-paper.docx")))
            driver.find_element(By.CSS_SELECTOR, "form[action='/archive/compare'] button[type=submit]").click()
            WebDriverWait(driver, 120).until(lambda d: d.find_elements(By.ID, "compare-result"))
            differences = driver.find_elements(By.CSS_SELECTOR, "#version-differences tbody tr")
            kinds = {row.get_attribute("data-kind") for row in differences}
            check(len(differences) >= 3 and "field-changed" in kinds,
                  f"the compare page lists the version differences ({len(differences)}: {', '.join(sorted(kinds))})")
            field = [row.text for row in differences if row.get_attribute("data-kind") == "field-changed"]
            check(any("申请资助" in text and "80" in text and "85" in text for text in field),
                  "the changed 申请资助 (80 → 85) is shown with both values")
            check(driver.find_elements(By.CSS_SELECTOR, "#version-differences del")
                  and driver.find_elements(By.CSS_SELECTOR, "#version-differences ins"),
                  "removed and added text are marked")
            shot(driver, args.screenshots, "13-compare")
            logout(driver)
    finally:
        driver.quit()
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
