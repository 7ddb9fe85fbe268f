"""The gallery: every section builds, every picture exists and loads in a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from pyrkit.demo import SECTION_NAMES, build_gallery
from pyrkit.errors import OutputExistsError, ParameterError

CHECK_SCRIPT = """<script>
window.addEventListener('load', () => {
  const imgs = Array.from(document.images);
  const ok = imgs.filter(i => i.complete && i.naturalWidth > 0).length;
  const d = document.createElement('div');
  d.id = 'image-check';
  d.textContent = ok + '/' + imgs.length;
  document.body.appendChild(d);
});
</script>"""


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    return build_gallery(tmp_path_factory.mktemp("g") / "gallery")


def image_sources(index):
    return re.findall(r'<img src="([^"]+)"', index.read_text())


def test_every_section_and_picture_is_there(gallery):
    html = gallery.read_text()
    for name in SECTION_NAMES:
        assert f'<section id="{name}">' in html
    sources = image_sources(gallery)
    assert len(sources) >= len(SECTION_NAMES)
    for src in sources:
        assert (gallery.parent / src).stat().st_size > 500, src
    assert "<td>" in html  # numbers are shown


def find_chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_every_image_loads_in_headless_chromium(gallery, tmp_path):
    browser = find_chromium()
    if browser is None:
        if os.environ.get("PYRKIT_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (PYRKIT_REQUIRE_BROWSER) but not installed")
        pytest.skip("chromium is not installed")
    check = gallery.parent / "check.html"
    check.write_text(gallery.read_text().replace("</body>", CHECK_SCRIPT + "</body>"))
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
           "--virtual-time-budget=20000", "--dump-dom", check.as_uri()]
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    found = re.search(r'<div id="image-check">(\d+)/(\d+)</div>', dom)
    assert found, "the page did not finish loading in chromium"
    loaded, total = map(int, found.groups())
    assert total == len(image_sources(gallery)) and loaded == total


def test_existing_gallery_needs_force(gallery):
    with pytest.raises(OutputExistsError):
        build_gallery(gallery.parent, only=["pyramids"])
    with pytest.raises(ParameterError, match="section"):
        build_gallery(gallery.parent.parent / "other", only=["nothing"])
