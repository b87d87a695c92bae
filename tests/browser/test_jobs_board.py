"""The recruitment board's kind filter in Chromium, with and without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def test_kind_filter_and_its_url(fixture_site: Path, serve: Callable[[Path], str], browser) -> None:
    base = serve(fixture_site)
    tab = browser.new_page()
    tab.goto(base + "en/jobs/")
    open_jobs = tab.locator("#ls-jobs-open .ls-job:visible .ls-job__title")
    assert open_jobs.all_inner_texts() == ["Data engineer", "Heart PhD"]
    tab.get_by_role("combobox", name="Kind of position").select_option("phd")
    assert open_jobs.all_inner_texts() == ["Heart PhD"]
    assert tab.url == base + "en/jobs/?kind=phd" and tab.locator("#ls-jobs-results").inner_text() == "1 open position"
    # Closed positions are never mixed in, whatever the filter.
    assert tab.locator("#ls-jobs-closed .ls-job__title").all_inner_texts() == ["Old internship"]
    tab.reload()
    assert open_jobs.all_inner_texts() == ["Heart PhD"]
    tab.close()

    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base + "en/jobs/")
    tab.get_by_role("link", name="PhD", exact=True).click()
    tab.wait_for_url(base + "en/jobs/type/phd/")
    assert tab.locator(".ls-job__title").all_inner_texts() == ["Heart PhD"]
    context.close()
